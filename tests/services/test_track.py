"""Tracking a case with the reference number and the last four digits of the phone."""

import re

import pytest
from django.urls import reverse

from services.applications.rules import apply_transition
from tests.services.conftest import VALID_ID, registered_worker

pytestmark = pytest.mark.django_db
NOT_FOUND = "没有找到。"


def _track(client, reference, last4):
    return client.post(reverse("services:track"), {"reference": reference, "phone_last4": last4})


def test_the_page_asks_for_the_reference_and_the_last_four_digits(client, db):
    html = client.get(reverse("services:track")).content.decode()
    assert html.count("<h1") == 1 and "查询申请进度" in html
    assert 'for="id_reference"' in html and 'for="id_phone_last4"' in html
    assert NOT_FOUND not in html


def test_the_right_pair_shows_the_status_the_timeline_and_the_next_due_date(
    client, huanbei_case, clerk_huanbei, django_assert_max_num_queries
):
    apply_transition(huanbei_case, "first_pass", clerk_huanbei, note="材料齐全，内部备注")
    # 6 for the page, 5 for the rate-limit counter in the database cache (none with Redis).
    with django_assert_max_num_queries(11):
        response = _track(client, huanbei_case.reference.lower(), "5678")
    html = response.content.decode()
    assert "当前状态：<strong>初审通过</strong>" in html
    assert "已提交" in html
    due = huanbei_case.final_review_due
    assert f"出具复核结果，最晚 <strong>{due.year}年{due.month}月{due.day}日" in html
    assert "内部备注" not in html
    assert VALID_ID not in html and "13812345678" not in html
    assert "下载" not in html and "身份证" not in html


def test_the_assigned_social_worker_is_shown_with_a_phone_link(client, huanbei_case, clerk_huanbei):
    for action in ["first_pass", "final_pass"]:
        apply_transition(huanbei_case, action, clerk_huanbei)
    apply_transition(
        huanbei_case,
        "assign",
        clerk_huanbei,
        worker=registered_worker(huanbei_case.street, phone="13700001111"),
    )
    html = _track(client, huanbei_case.reference, "5678").content.decode()
    assert "负责社工：王社工" in html
    assert 'href="tel:13700001111"' in html
    assert "社工联系您" in html


def test_a_rejection_shows_the_reason_and_the_alternatives(client, huanbei_case, clerk_huanbei):
    apply_transition(
        huanbei_case,
        "first_reject",
        clerk_huanbei,
        reason="家庭收入超过低保标准",
        alternatives="可申请临时救助\n拨打12345政务服务热线",
    )
    html = _track(client, huanbei_case.reference, "5678").content.decode()
    assert "初审未通过" in html
    assert "家庭收入超过低保标准" in html
    assert "<li>可申请临时救助</li>" in html and "<li>拨打12345政务服务热线</li>" in html


@pytest.mark.parametrize("which", ["reference", "phone", "both"])
def test_a_wrong_pair_says_only_not_found(client, huanbei_case, which):
    reference = "BJ-2026-ZZZZZZ" if which in ("reference", "both") else huanbei_case.reference
    last4 = "0000" if which in ("phone", "both") else "5678"
    response = _track(client, reference, last4)
    html = response.content.decode()
    assert response.status_code == 200
    assert NOT_FOUND in html
    assert "当前状态" not in html
    assert "手机号不正确" not in html and "编号不存在" not in html


def test_the_wrong_pair_answers_are_identical_whichever_part_was_wrong(client, huanbei_case):
    wrong_phone = _track(client, huanbei_case.reference, "0000").content.decode()
    wrong_reference = _track(client, "BJ-2026-ZZZZZZ", "0000").content.decode()

    def strip(html: str) -> str:  # the references, and the CSRF token (masked anew each time)
        html = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", html)
        return html.replace(huanbei_case.reference, "").replace("BJ-2026-ZZZZZZ", "")

    assert strip(wrong_phone) == strip(wrong_reference)


@pytest.mark.parametrize(
    "reference, last4, message",
    [
        ("", "5678", "请填写回执上的受理编号"),
        ("12345", "5678", "受理编号的格式是"),
        ("BJ-2026-K7M3Q9", "", "请填写申请时所留手机号码的后四位"),
        ("BJ-2026-K7M3Q9", "56a8", "请填写4位数字"),
        ("BJ-2026-K7M3Q9", "567", "请填写4位数字"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_no_500(client, db, reference, last4, message):
    response = _track(client, reference, last4)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_full_width_digits_are_accepted_and_other_scripts_refused(client, huanbei_case):
    full_width = _track(client, huanbei_case.reference, "５６７８").content.decode()
    assert "当前状态" in full_width
    arabic_indic = _track(client, huanbei_case.reference, "٥٦٧٨").content.decode()
    assert "当前状态" not in arabic_indic and "请填写4位数字" in arabic_indic


@pytest.mark.page_cache
def test_a_found_case_is_marked_private_no_store_and_never_cached(client, huanbei_case):
    for _ in range(2):
        response = _track(client, huanbei_case.reference, "5678")
        assert "当前状态" in response.content.decode()
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert response.get("X-Page-Cache") != "hit"
