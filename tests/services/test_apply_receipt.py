"""The receipt after applying: reference number, what happens next and by when."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from services.applications.models import ServiceApplication
from tests.services.conftest import VALID_ID, pdf_file

pytestmark = pytest.mark.django_db


def _apply(client, category, street):
    data = {
        "applicant_name": "张三",
        "id_number": VALID_ID,
        "mobile": "13812345678",
        "street": street.pk,
        "help_needed": "家里老人独居，希望有人定期上门探访。",
        "consent": "on",
    }
    for document in category.documents.all():
        data[document.field_name] = pdf_file()
    return client.post(reverse("services:apply-form", args=[category.slug]), data, follow=True)


def test_the_receipt_shows_the_reference_and_the_promised_dates(
    client, minsheng, huanbei, django_assert_max_num_queries
):
    _apply(client, minsheng, huanbei)
    case = ServiceApplication.objects.get()
    with django_assert_max_num_queries(10):
        response = client.get(reverse("services:apply-receipt"))
    html = response.content.decode()
    assert html.count("<h1") == 1 and "申请已提交" in html
    assert case.reference in html
    assert f"{case.first_review_due.year}年{case.first_review_due.month}月" in html
    assert "3个工作日内完成" in html and "7个工作日内出具" in html
    assert "24小时内" in html
    assert "环北街道社工站办理" in html
    assert VALID_ID not in html and "13812345678" not in html


def test_the_dates_on_the_receipt_follow_the_working_day_calendar(
    client, minsheng, huanbei, monkeypatch
):
    # Submitted on Fri 13 Feb 2026, before the Spring Festival holiday.
    moment = timezone.make_aware(dt.datetime(2026, 2, 13, 10, 0))
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
    html = _apply(client, minsheng, huanbei).content.decode()
    assert "2026年2月25日" in html
    assert "2026年3月2日" in html


def test_without_an_application_in_this_session_the_receipt_goes_back_to_the_start(client, db):
    response = client.get(reverse("services:apply-receipt"))
    assert response.status_code == 302
    assert response["Location"] == reverse("services:apply")
