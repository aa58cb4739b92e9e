"""The recruitment rules with worked numbers from the guide (笔试满分100、合格线60、持证加5分、
面试低于70淘汰、综合成绩=笔试40%+面试60%、1:1录用)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal as D

import pytest

from recruitment.rules import (
    Applicant,
    Education,
    ScoringRules,
    SocialWorkLevel,
    assess,
    composite_score,
    fmt,
    meets_relaxed_education_only,
    notice_period,
    post_misses,
    rank_post,
    written_after_bonus,
)

GUIDE = ScoringRules()


def test_the_certificate_adds_five_points_to_the_written_score():
    assert written_after_bonus(D(57), True, GUIDE) == D(62)
    assert written_after_bonus(D(57), False, GUIDE) == D(57)


def test_the_bonus_counts_before_the_pass_line_so_55_plus_5_passes_at_exactly_60():
    result = assess(D(55), D(80), True, GUIDE)
    assert result.written_final == D(60)
    assert result.written_passed
    assert not result.eliminated


def test_a_written_score_of_exactly_60_passes_and_59_5_fails():
    assert assess(D(60), D(80), False, GUIDE).written_passed
    failed = assess(D("59.5"), D(80), False, GUIDE)
    assert not failed.written_passed
    assert failed.reasons == ("笔试成绩59.5分，低于合格线60分",)


def test_the_bonus_cannot_lift_a_written_score_above_100_in_the_2024_round():
    result = assess(D(98), D(80), True, GUIDE)
    assert result.written_final == D(100)
    assert result.bonus == D(2)
    assert result.capped


def test_a_round_may_let_the_bonus_exceed_the_full_marks():
    rules = ScoringRules(bonus_may_exceed_full_marks=True)
    assert written_after_bonus(D(98), True, rules) == D(103)
    assert not assess(D(98), D(80), True, rules).capped


def test_an_interview_of_exactly_70_passes_and_69_99_is_eliminated():
    assert assess(D(80), D(70), False, GUIDE).interview_passed
    out = assess(D(80), D("69.99"), False, GUIDE)
    assert out.eliminated
    assert out.reasons == ("面试成绩69.99分，低于70分",)
    # Eliminated whatever the composite: 0.4 × 100 + 0.6 × 69.99 = 81.994.
    out = assess(D(100), D("69.99"), False, GUIDE)
    assert out.composite == D("81.994")
    assert out.eliminated


def test_the_composite_is_40_percent_written_plus_60_percent_interview():
    assert composite_score(D(80), D(75), GUIDE) == D(77)
    # Certified 72 → 77 written; 0.4 × 77 + 0.6 × 80 = 30.8 + 48 = 78.8.
    assert assess(D(72), D(80), True, GUIDE).composite == D("78.8")


def test_a_candidate_without_an_interview_score_is_out():
    result = assess(D(80), None, False, GUIDE)
    assert result.composite is None
    assert result.reasons == ("未参加面试",)


def test_scores_are_written_as_people_write_them():
    assert fmt(D("78.80")) == "78.8"
    assert fmt(D("100.00")) == "100"
    assert fmt(D("1E+2")) == "100"


@dataclass(frozen=True)
class Person:
    id_number: str
    written_score: D
    interview_score: D | None
    certified: bool = False


def _order(people, places=10, rules=GUIDE):
    return [(r.candidate.id_number, r.rank, r.admitted) for r in rank_post(people, places, rules)]


def test_on_equal_composite_the_certificate_holder_goes_first():
    # A: 70 + 5 = 75 → 0.4 × 75 + 0.6 × 80 = 78; B: 75 → 0.4 × 75 + 0.6 × 80 = 78.
    b = Person("B", D(75), D(80))
    a = Person("A", D(70), D(80), certified=True)
    assert _order([b, a]) == [("A", 1, True), ("B", 2, True)]


def test_then_the_higher_interview_score_goes_first():
    # C: 0.4 × 80 + 0.6 × 76 = 77.6; D: 0.4 × 74 + 0.6 × 80 = 77.6.
    c = Person("C", D(80), D(76))
    d = Person("D", D(74), D(80))
    assert _order([c, d]) == [("D", 1, True), ("C", 2, True)]


def test_then_the_higher_raw_written_score_when_the_bonus_was_capped():
    # Both count as 100 after the bonus; the 99 beat the 97 on the paper.
    e = Person("E", D(97), D(80), certified=True)
    f = Person("F", D(99), D(80), certified=True)
    assert _order([e, f]) == [("F", 1, True), ("E", 2, True)]


def test_a_complete_tie_is_broken_by_the_id_number_so_the_order_never_changes():
    first = Person("522201199501010011", D(80), D(80))
    second = Person("522201199501010029", D(80), D(80))
    assert _order([second, first]) == _order([first, second])
    assert _order([second, first])[0][0] == "522201199501010011"


def test_the_top_n_are_admitted_one_to_one_against_the_places_and_the_eliminated_are_out():
    people = [
        Person("P1", D(90), D(90)),
        Person("P2", D(85), D(85)),
        Person("P3", D(80), D(80)),
        Person("P4", D(59), D(99)),  # written below the line
        Person("P5", D(99), D(69)),  # interview below 70
    ]
    assert _order(people, places=2) == [
        ("P1", 1, True),
        ("P2", 2, True),
        ("P3", 3, False),
        ("P4", None, False),
        ("P5", None, False),
    ]


def test_fewer_qualified_candidates_than_places_leaves_places_empty():
    people = [Person("P1", D(90), D(90)), Person("P2", D(50), D(90))]
    assert _order(people, places=3) == [("P1", 1, True), ("P2", None, False)]


@dataclass(frozen=True)
class PostRules:
    min_education: int = Education.COLLEGE
    relaxed_min_education: int | None = None
    relaxed_needs_eldercare_certificate: bool = False
    requires_local_ties: bool = False
    min_grassroots_years: D = D(1)


GENERAL = PostRules()
ELDERCARE = PostRules(
    relaxed_min_education=Education.VOCATIONAL, relaxed_needs_eldercare_certificate=True
)
RURAL = PostRules(requires_local_ties=True)


def test_a_college_graduate_may_apply_for_the_general_post():
    assert post_misses(GENERAL, Applicant(education=Education.COLLEGE)) == []
    assert post_misses(GENERAL, Applicant(education=Education.BACHELOR)) == []


def test_a_vocational_graduate_is_told_the_general_post_needs_college():
    (miss,) = post_misses(GENERAL, Applicant(education=Education.VOCATIONAL))
    assert miss.rule == "学历需大专及以上（您填写的是中专（中职、技校））"
    assert miss.fix == "取得大专及以上学历后可以报名。"


def test_a_vocational_graduate_with_the_eldercare_certificate_may_apply_for_the_eldercare_post():
    applicant = Applicant(education=Education.VOCATIONAL, has_eldercare_certificate=True)
    assert post_misses(ELDERCARE, applicant) == []
    assert meets_relaxed_education_only(ELDERCARE, applicant)
    assert post_misses(GENERAL, applicant)


def test_without_the_certificate_they_are_told_to_get_it():
    (miss,) = post_misses(ELDERCARE, Applicant(education=Education.VOCATIONAL))
    assert "或中专（中职、技校）及以上学历并持有养老护理员证" in miss.rule
    assert "没有养老护理员证" in miss.rule
    assert miss.fix == "取得养老护理员证后即可破格报名。"


def test_a_senior_high_school_graduate_with_the_certificate_still_misses_the_eldercare_post():
    applicant = Applicant(education=Education.SENIOR, has_eldercare_certificate=True)
    (miss,) = post_misses(ELDERCARE, applicant)
    assert miss.fix == "取得大专及以上学历后可以报名。"


def test_the_rural_post_takes_a_local_resident_or_one_year_of_grassroots_service():
    college = Education.COLLEGE
    assert post_misses(RURAL, Applicant(education=college, is_local=True)) == []
    assert post_misses(RURAL, Applicant(education=college, grassroots_years=D(1))) == []
    (miss,) = post_misses(RURAL, Applicant(education=college, grassroots_years=D("0.5")))
    assert miss.rule == "需碧江区本地户籍，或1年以上基层服务经验（您不是本地户籍，基层服务0.5年）"
    assert miss.fix == "再积累0.5年基层服务经验，或户籍迁入碧江区后可以报名。"


def test_every_missed_rule_is_named():
    applicant = Applicant(education=Education.SENIOR, social_work_level=SocialWorkLevel.NONE)
    assert len(post_misses(RURAL, applicant)) == 2


@pytest.mark.django_db
def test_the_notice_period_counts_three_working_days_across_national_day():
    # Published Monday 30 September 2024: 30 Sep, then 1–7 October are holidays, 8 and 9 Oct.
    assert notice_period(dt.date(2024, 9, 30), 3) == (dt.date(2024, 9, 30), dt.date(2024, 10, 9))


@pytest.mark.django_db
def test_the_notice_period_counts_a_make_up_sunday_as_a_working_day():
    # Friday 27 Sep 2024, Sunday 29 Sep is a make-up working day (调休), Monday 30 Sep.
    assert notice_period(dt.date(2024, 9, 27), 3) == (dt.date(2024, 9, 27), dt.date(2024, 9, 30))


@pytest.mark.django_db
def test_a_notice_published_on_a_holiday_starts_on_the_next_working_day():
    assert notice_period(dt.date(2024, 10, 5), 3) == (dt.date(2024, 10, 8), dt.date(2024, 10, 10))


@pytest.mark.django_db
def test_a_day_staff_mark_as_a_holiday_moves_the_end_of_the_notice_period():
    from bijiang_social.models import CalendarDay

    CalendarDay.objects.create(date=dt.date(2024, 10, 9), kind=CalendarDay.Kind.HOLIDAY)
    assert notice_period(dt.date(2024, 9, 30), 3)[1] == dt.date(2024, 10, 10)
