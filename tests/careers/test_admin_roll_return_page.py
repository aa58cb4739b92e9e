"""Returning a subsidy roll without a reason: the site's one error summary and the field's own
Chinese error, the roll left as it was."""

import pytest
from django.urls import reverse

from careers.models import SubsidyRoll
from tests.conftest import STAFF_PASSWORD
from tests.form_markup import error_summary, field_errors

pytestmark = pytest.mark.django_db
MESSAGE = "退回名单必须写明原因，告诉社工站需要修改什么。"


def test_a_return_without_reason_shows_the_summary_and_the_error_at_the_field(
    client, huanbei_march, clerk_huanbei, hub_officer
):
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    client.post(reverse("admin:careers_roll_submit", args=[huanbei_march.pk]))
    client.login(username=hub_officer.username, password=STAFF_PASSWORD)
    url = reverse("admin:careers_roll_return", args=[huanbei_march.pk])
    page = client.get(url).content.decode()
    marker = '<span class="required-marker" aria-hidden="true">*</span>'
    assert f'for="id_reason">退回原因{marker}' in page
    assert 'id="id_reason_helptext"' in page
    html = client.post(url, {"reason": "  "}).content.decode()
    assert error_summary(html) == (1, [f"退回原因：{MESSAGE}"])
    assert field_errors(html, "id_reason") == [MESSAGE]
    huanbei_march.refresh_from_db()
    assert huanbei_march.status == SubsidyRoll.Status.SUBMITTED
