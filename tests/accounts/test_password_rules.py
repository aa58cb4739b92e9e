"""The password rules per audience, with the passwords the issue found accepted."""

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from tests.conftest import PUBLIC_PASSWORD, STAFF_PASSWORD


def _refusal(password: str, user) -> str | None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


@pytest.mark.parametrize(
    "password, says",
    [
        ("Bijiang2024", "至少12位"),
        ("bijiang2024", "至少12位"),
        ("zhangsan1", "至少12位"),
        ("alllowercaseletters", "至少三种"),
        ("ALLUPPER1234567", "至少三种"),
    ],
)
def test_staff_passwords_need_twelve_characters_of_three_kinds(clerk_huanbei, password, says):
    assert says in _refusal(password, clerk_huanbei)


def test_the_staff_test_password_passes(clerk_huanbei):
    assert _refusal("Quiet-harbour-77", clerk_huanbei) is None
    assert len(STAFF_PASSWORD) >= 12


@pytest.mark.parametrize(
    "password, says",
    [
        ("abc123", "至少8位"),
        ("onlyletters", "同时有字母和数字"),
        ("1234567890", "同时有字母和数字"),
    ],
)
def test_candidates_and_workers_need_eight_with_letters_and_digits(
    candidate_wang, worker_li, password, says
):
    assert says in _refusal(password, candidate_wang.user)
    assert says in _refusal(password, worker_li.user)


def test_the_public_test_password_passes(candidate_wang, worker_li):
    assert _refusal("River-stone-88", candidate_wang.user) is None
    assert _refusal(PUBLIC_PASSWORD, worker_li.user) is None


@pytest.mark.parametrize(
    "password, says",
    [
        ("wangxiaoyu", "姓名拼音"),
        ("Wang-Xiaoyu-2026", "姓名拼音"),
        ("xiaoyu2026abc", "姓名拼音"),
        ("王小雨abc123", "姓名"),
        ("ab19960315cd", "出生日期"),
        ("ab960315xyz", "出生日期"),
    ],
)
def test_a_candidate_may_not_use_her_name_or_birthday(candidate_wang, password, says):
    assert says in _refusal(password, candidate_wang.user)


def test_a_candidate_may_not_use_her_id_number(candidate_wang):
    number = candidate_wang.id_number
    assert "身份证号" in _refusal(f"ab{number}", candidate_wang.user)
    assert "身份证号后六位" in _refusal(f"abcd{number[-6:]}", candidate_wang.user)


def test_a_worker_may_not_use_her_name_or_login_name(worker_li):
    assert "姓名拼音" in _refusal("Lina-new-2026!", worker_li.user)
    worker_li.id_number = "52220119880808001X"
    worker_li.save()
    assert "出生日期" in _refusal("sun19880808", worker_li.user)


def test_staff_may_not_use_their_name_in_pinyin(clerk_huanbei):
    clerk_huanbei.first_name, clerk_huanbei.last_name = "三", "张"
    clerk_huanbei.save()
    assert "姓名拼音" in _refusal("Zhangsan-2026-ok", clerk_huanbei)
    assert "登录名" in _refusal("Clerk-Huanbei-2026", clerk_huanbei)


def test_a_new_candidate_at_sign_up_is_held_to_the_same_rules(db):
    from django.contrib.auth import get_user_model

    unsaved = get_user_model()(username="522201199603155016", first_name="王小雨")
    assert "姓名拼音" in _refusal("wangxiaoyu1", unsaved)
    assert "出生日期" in _refusal("pass19960315", unsaved)


def test_staff_may_not_reuse_their_last_five_passwords(clerk_huanbei):
    for n in range(5):
        clerk_huanbei.set_password(f"Harbour-light-{n:02d}")
        clerk_huanbei.save()
    assert "最近5次" in _refusal("Harbour-light-00", clerk_huanbei)
    assert "最近5次" in _refusal("Harbour-light-04", clerk_huanbei)
    clerk_huanbei.set_password("Harbour-light-05")
    clerk_huanbei.save()
    assert _refusal("Harbour-light-00", clerk_huanbei) is None  # six changes ago
    assert clerk_huanbei.password_history.count() == 5


def test_candidates_keep_no_password_history(candidate_wang):
    user = candidate_wang.user
    user.set_password("River-stone-88")
    user.save()
    assert user.password_history.count() == 0
    assert _refusal("River-stone-88", user) is None


def test_every_refusal_says_how_to_do_it_right(clerk_huanbei):
    message = _refusal("short", clerk_huanbei)
    assert "例如" in message
