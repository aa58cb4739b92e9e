"""The subsidy, level-change, promotion and window rules with the guide's worked numbers."""

import datetime as dt
from decimal import Decimal

import pytest

from careers.models import Certificate, PromotionStep, PromotionWindow, Role
from careers.rules import (
    check_promotion,
    level_in_month,
    monthly_claim,
    next_window,
    yearly_subsidy,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "code, months, post_year, title_year, award_year, total",
    [
        ("none", 0, 0, 0, 0, 0),
        ("none", 12, 0, 0, 2400, 2400),
        ("assistant", 0, 3600, 0, 0, 3600),
        ("assistant", 12, 3600, 0, 2400, 6000),
        ("intermediate", 0, 6000, 1000, 0, 7000),
        ("intermediate", 12, 6000, 1000, 2400, 9400),  # 500×12 + 1000 + 200×12
        ("senior", 0, 9600, 1000, 0, 10600),
        ("senior", 12, 9600, 1000, 2400, 13000),
        ("intermediate", 5, 6000, 1000, 1000, 8000),
    ],
)
def test_yearly_subsidy_for_every_level_with_0_and_12_project_months(
    levels, policy, code, months, post_year, title_year, award_year, total
):
    estimate = yearly_subsidy(levels[code], months, policy)
    post, title, award = estimate.lines
    assert (post.per_year, title.per_year, award.per_year) == (post_year, title_year, award_year)
    assert estimate.total == total


def test_the_yearly_breakdown_shows_per_month_amounts_and_the_rule(levels, policy):
    post, title, award = yearly_subsidy(levels["intermediate"], 12, policy).lines
    assert post.per_month == 500 and "社工师每月500元" in post.rule
    assert title.per_month is None and "每年可申领1000元" in title.rule
    assert award.per_month == 200 and "每人每月200元" in award.rule


def test_yearly_subsidy_refuses_months_outside_0_to_12(levels, policy):
    with pytest.raises(ValueError):
        yearly_subsidy(levels["assistant"], 13, policy)


def test_amounts_edited_in_admin_change_the_result(levels, policy):
    levels["intermediate"].monthly_post_subsidy = 600
    policy.project_award_monthly = 250
    assert yearly_subsidy(levels["intermediate"], 12, policy).total == 600 * 12 + 1000 + 250 * 12


def _certs(*pairs):
    return [Certificate(level=level, obtained_on=day) for level, day in pairs]


def test_a_new_certificate_counts_from_the_month_after_its_date(levels):
    certificates = _certs(
        (levels["assistant"], dt.date(2024, 5, 20)),
        (levels["intermediate"], dt.date(2026, 3, 15)),
    )
    assert level_in_month(certificates, dt.date(2026, 3, 1)) == levels["assistant"]
    assert level_in_month(certificates, dt.date(2026, 4, 1)) == levels["intermediate"]


def test_a_certificate_dated_the_first_of_a_month_still_counts_from_the_next_month(levels):
    certificates = _certs((levels["assistant"], dt.date(2026, 3, 1)))
    assert level_in_month(certificates, dt.date(2026, 3, 1)) is None
    assert level_in_month(certificates, dt.date(2026, 4, 1)) == levels["assistant"]


def test_a_certificate_from_december_counts_from_january(levels):
    certificates = _certs((levels["senior"], dt.date(2025, 12, 31)))
    assert level_in_month(certificates, dt.date(2026, 1, 1)) == levels["senior"]


def test_the_monthly_claim_pays_the_title_subsidy_once_in_december(levels, policy):
    certificates = _certs((levels["intermediate"], dt.date(2024, 1, 10)))
    common = {"certificates": certificates, "title": levels["intermediate"], "policy": policy}
    june = monthly_claim(month=dt.date(2026, 6, 1), on_key_project=True, **common)
    december = monthly_claim(month=dt.date(2026, 12, 1), on_key_project=False, **common)
    assert (june.post_subsidy, june.title_subsidy, june.project_award, june.total) == (
        500,
        0,
        200,
        700,
    )
    assert (december.title_subsidy, december.total) == (1000, 1500)


def test_a_year_of_monthly_claims_adds_up_to_the_calculator(levels, policy):
    certificates = _certs((levels["senior"], dt.date(2020, 1, 1)))
    claims = [
        monthly_claim(
            certificates=certificates,
            title=levels["senior"],
            on_key_project=True,
            month=dt.date(2026, month, 1),
            policy=policy,
        )
        for month in range(1, 13)
    ]
    assert sum(c.total for c in claims) == yearly_subsidy(levels["senior"], 12, policy).total


@pytest.fixture
def frontline_step(guide):
    return PromotionStep.objects.get(from_role=Role.FRONTLINE)


@pytest.fixture
def supervisor_step(guide):
    return PromotionStep.objects.get(from_role=Role.SUPERVISOR)


def test_frontline_with_exactly_2_years_and_2_projects_may_apply(frontline_step):
    result = check_promotion(frontline_step, years=Decimal("2"), key_projects=2, level=None)
    assert result.meets and result.missing == []


def test_frontline_one_year_and_one_project_short_is_told_both(frontline_step):
    result = check_promotion(frontline_step, years=Decimal("1"), key_projects=1, level=None)
    assert not result.meets
    assert result.missing == [
        "任职年限还差 1 年（需满2年）",
        "重点项目还差 1 个（需参与2个及以上）",
    ]


def test_half_a_year_short_says_so(frontline_step):
    result = check_promotion(frontline_step, years=Decimal("1.5"), key_projects=3, level=None)
    assert result.missing == ["任职年限还差 0.5 年（需满2年）"]


def test_supervisor_with_exactly_3_years_and_an_intermediate_certificate_may_apply(
    supervisor_step, levels
):
    result = check_promotion(
        supervisor_step, years=Decimal("3"), key_projects=0, level=levels["intermediate"]
    )
    assert result.meets
    assert result.step.get_to_role_display() == "资深督导"


def test_supervisor_one_year_short_with_an_assistant_certificate_is_told_both(
    supervisor_step, levels
):
    result = check_promotion(
        supervisor_step, years=Decimal("2"), key_projects=5, level=levels["assistant"]
    )
    assert result.missing == ["任职年限还差 1 年（需满3年）", "需持有社工师及以上证书"]


def test_a_senior_certificate_meets_the_intermediate_requirement(supervisor_step, levels):
    result = check_promotion(
        supervisor_step, years=Decimal("4"), key_projects=0, level=levels["senior"]
    )
    assert result.meets


@pytest.mark.parametrize(
    "today, start, end, is_open, days",
    [
        (dt.date(2026, 3, 8), dt.date(2026, 6, 1), dt.date(2026, 6, 30), False, 85),
        (dt.date(2026, 6, 1), dt.date(2026, 6, 1), dt.date(2026, 6, 30), True, 0),
        (dt.date(2026, 6, 30), dt.date(2026, 6, 1), dt.date(2026, 6, 30), True, 0),
        (dt.date(2026, 7, 1), dt.date(2027, 6, 1), dt.date(2027, 6, 30), False, 335),
        (dt.date(2026, 11, 25), dt.date(2027, 6, 1), dt.date(2027, 6, 30), False, 188),
    ],
)
def test_the_next_june_window_is_computed_from_today(guide, today, start, end, is_open, days):
    window = next_window(PromotionWindow.objects.get(), today)
    assert (window.start, window.end, window.is_open) == (start, end, is_open)
    assert window.days_until_open == days


def test_a_last_day_beyond_the_month_ends_on_its_last_day():
    window = PromotionWindow(month=2, first_day=1, last_day=31)
    assert next_window(window, dt.date(2027, 1, 1)).end == dt.date(2027, 2, 28)
