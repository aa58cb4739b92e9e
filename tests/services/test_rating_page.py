"""Rating on the tracking page: a form per closed case, no JavaScript, CSRF and the same
not-found answer and miss limit as tracking; the resident later sees the station's answer."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from services.applications.rules import apply_transition
from services.ratings.models import Rating, Rectification
from services.ratings.rules import answer_rectification, close_rectification
from tests.services.conftest import bring_into_service

pytestmark = pytest.mark.django_db
NOT_FOUND = "没有找到。"


@pytest.fixture
def closed_case(huanbei_case, clerk_huanbei):
    bring_into_service(huanbei_case, clerk_huanbei)
    apply_transition(huanbei_case, "close", clerk_huanbei)
    return huanbei_case


def _track(client, case, last4="5678"):
    return client.post(
        reverse("services:track"), {"reference": case.reference, "phone_last4": last4}
    )


def _rate(client, case, last4="5678", **fields):
    data = {
        "occasion": "closing",
        "closing-reference": case.reference,
        "closing-phone_last4": last4,
        "closing-level": "2",
        "closing-aspect": "speed",
        "closing-comment": "",
        **{f"closing-{name}": value for name, value in fields.items()},
    }
    return client.post(reverse("services:rate"), data)


def test_a_closed_case_shows_the_five_levels_to_choose_from(client, closed_case):
    html = _track(client, closed_case).content.decode()
    assert "服务评价（好差评）" in html
    for label in ["非常满意", "满意", "基本满意", "不满意", "非常不满意", "响应速度", "服务效果"]:
        assert label in html
    form = re.search(r'<form method="post" action="([^"]+)"[^>]*class="rating-form"', html)
    assert form and form.group(1) == reverse("services:rate")
    assert 'name="csrfmiddlewaretoken"' in html


def test_a_case_still_in_service_has_no_rating_form(client, huanbei_case, clerk_huanbei):
    bring_into_service(huanbei_case, clerk_huanbei)
    assert "服务评价（好差评）" not in _track(client, huanbei_case).content.decode()


def test_rating_dissatisfied_thanks_the_resident_and_promises_an_answer(
    client, closed_case, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        response = _rate(client, closed_case, comment="等了两周才有人联系")
    html = response.content.decode()
    assert response.status_code == 200
    assert "谢谢您的评价。" in html and "社工站会在整改期限内整改并答复您" in html
    assert "您的评价：<strong>不满意</strong>（响应速度）：等了两周才有人联系" in html
    assert "no-store" in response["Cache-Control"]
    assert Rectification.objects.filter(rating__application=closed_case).exists()


def test_a_missing_level_re_renders_the_form_with_the_comment_and_a_chinese_message(
    client, closed_case
):
    response = _rate(client, closed_case, level="", comment="保留我的意见")
    html = response.content.decode()
    assert response.status_code == 400
    assert "请选择一项评价" in html and "保留我的意见" in html
    assert not Rating.objects.exists()


def test_a_comment_over_500_characters_is_refused(client, closed_case):
    html = _rate(client, closed_case, comment="好" * 501).content.decode()
    assert "意见最多500字" in html and not Rating.objects.exists()


def test_wrong_digits_answer_exactly_as_tracking_and_reveal_nothing(client, closed_case):
    response = _rate(client, closed_case, last4="0000")
    html = response.content.decode()
    assert NOT_FOUND in html
    assert closed_case.reference not in html and "王社工" not in html and "民生兜底" not in html
    assert not Rating.objects.exists()


def test_wrong_pairs_are_limited_like_tracking(client, closed_case, settings):
    settings.TRACK_MISS_RATE = "3/10m"
    statuses = [_rate(client, closed_case, last4="0000").status_code for _ in range(4)]
    assert statuses[-1] == 429
    assert _track(client, closed_case, last4="0001").status_code == 429  # one shared budget


def test_rating_needs_the_csrf_token(closed_case):
    strict = Client(enforce_csrf_checks=True)
    assert _rate(strict, closed_case).status_code == 403
    assert strict.get(reverse("services:rate")).status_code in (403, 405)


def test_the_resident_sees_the_answer_once_the_hub_closes_and_may_rate_again(
    client, closed_case, clerk_huanbei, hub_officer
):
    _rate(client, closed_case, comment="没人来")
    task = Rectification.objects.get()
    answer_rectification(task, clerk_huanbei, "已安排社工上门补做探访。")
    assert "已安排社工上门补做探访" not in _track(client, closed_case).content.decode()
    close_rectification(task, hub_officer)
    html = _track(client, closed_case).content.decode()
    assert "社工站的整改答复" in html and "已安排社工上门补做探访" in html
    assert "再评价一次" in html
    _rate(client, closed_case, level="4")
    assert Rating.objects.filter(round=2, level=4).exists()
