"""The internal note on the case page and, when it is empty, the note page with its error: both
through the site's one form template set."""

import pytest
from django.urls import reverse

from services.applications.models import CaseNote
from tests.conftest import STAFF_PASSWORD
from tests.form_markup import error_summary, field_errors

pytestmark = pytest.mark.django_db


def test_the_case_page_offers_the_note_with_its_label_and_hint(client, clerk_huanbei, huanbei_case):
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    url = reverse("admin:services_serviceapplication_change", args=[huanbei_case.pk])
    html = client.get(url).content.decode()
    assert 'id="div_id_text"' in html and 'id="error-summary"' not in html
    assert 'for="id_text">内部备注<span class="required-marker" aria-hidden="true">*</span>' in html
    assert 'aria-describedby="id_text_helptext"' in html


def test_an_empty_note_is_refused_with_one_message_at_the_top_and_at_the_field(
    client, clerk_huanbei, huanbei_case
):
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    url = reverse("admin:services_serviceapplication_note", args=[huanbei_case.pk])
    html = client.post(url, {"text": "   "}).content.decode()
    assert error_summary(html) == (1, ["内部备注：请填写备注内容。"])
    assert field_errors(html, "id_text") == ["请填写备注内容。"]
    assert "个案摘要" in html and not CaseNote.objects.exists()
