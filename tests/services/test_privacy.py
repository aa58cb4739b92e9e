import pytest
from django.urls import reverse

from services.applications.models import ReviewPolicy
from services.models import ServicePoint

pytestmark = pytest.mark.django_db


def test_the_privacy_notice_says_what_why_how_long_and_whom_to_contact(
    client, guide, django_assert_max_num_queries
):
    ReviewPolicy.objects.update(document_retention_days=400)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("services:privacy"))
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    for heading in ["收集哪些信息", "为什么收集", "谁能看到", "保存多久", "联系我们"]:
        assert heading in html
    assert "满 400 天后" in html
    assert 'href="tel:' in html


def test_the_application_form_links_to_it(client, guide):
    html = client.get(reverse("services:apply-form", args=["minsheng-doudi"])).content.decode()
    assert reverse("services:privacy") in html


def _contact_section(client) -> str:
    html = client.get(reverse("services:privacy")).content.decode()
    return html.split('id="contact-heading"')[1].split("</section>")[0]


def test_a_sample_contact_is_labelled_sample_data(client, guide):
    ServicePoint.objects.hubs().update(is_verified=False)
    assert "示例数据" in _contact_section(client)


def test_a_verified_contact_carries_no_sample_label(client, guide):
    ServicePoint.objects.hubs().update(is_verified=True)
    assert "示例数据" not in _contact_section(client)
