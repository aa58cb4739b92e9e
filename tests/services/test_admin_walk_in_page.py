"""A walk-in application entered by a clerk with every file missing: the one error summary names
each missing file (the count is the messages listed), and no field of the form is left out."""

import pytest
from django.urls import reverse

from services.applications.models import ServiceApplication
from tests.conftest import STAFF_PASSWORD
from tests.form_markup import error_summary, field_errors, field_ids
from tests.services.conftest import walk_in_data

pytestmark = pytest.mark.django_db


def test_every_missing_file_and_the_scan_are_listed_and_shown_at_their_fields(
    client, clerk_huanbei, minsheng, huanbei
):
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    url = reverse("admin:services_serviceapplication_walkin") + f"?category={minsheng.slug}"
    data = walk_in_data(huanbei)
    html = client.post(url, data).content.decode()
    documents = list(minsheng.documents.all())
    count, messages = error_summary(html)
    assert count == len(messages) == len(documents) + 1
    scan = "窗口递交的申请请上传纸质申请表的扫描件或照片（PDF、JPG 或 PNG）。"
    assert f"申请表扫描件：{scan}" in messages
    assert field_errors(html, "id_scanned_form") == [scan]
    for document in documents:
        at_field = field_errors(html, f"id_{document.field_name}")
        assert at_field[0].startswith(f"请上传{document.name}")
    assert not ServiceApplication.objects.exists()


def test_the_page_shows_every_field_of_the_form_the_channel_first(client, clerk_huanbei, minsheng):
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    url = reverse("admin:services_serviceapplication_walkin") + f"?category={minsheng.slug}"
    html = client.get(url).content.decode()
    form = client.get(url).context["form"]
    assert field_ids(html) == {f"id_{name}" for name in form.fields}
    assert html.index('id="div_id_channel"') < html.index('id="div_id_applicant_name"')
    assert "申请人已在纸质申请表上签字同意" in html
