"""好差评 rules: what may be rated, one rating per occasion changeable within 7 days, a poor
rating opens a rectification due in 15 working days, the station answers, the hub closes."""

import datetime as dt

import pytest

from services.applications.models import FollowUp
from services.applications.rules import apply_transition, record_followup
from services.ratings.models import Rating, RatingPolicy, Rectification
from services.ratings.rules import (
    RatingError,
    answer_rectification,
    close_rectification,
    occasions,
    rate,
    rectification_due,
)
from tests.services.conftest import bring_into_service, shanghai

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_case(huanbei_case, clerk_huanbei):
    bring_into_service(huanbei_case, clerk_huanbei)
    apply_transition(huanbei_case, "close", clerk_huanbei)
    return huanbei_case


def test_rectification_is_due_fifteen_working_days_later_across_the_national_day_holiday():
    # Rated on Monday 2025-09-29: 30 Sep is a working day, 1–8 Oct are the holiday, Saturday
    # 11 Oct a make-up working day. Working days: 9/30, 10/9, 10/10, 10/11, 10/13–17, 10/20–24,
    # 10/27 → the 15th is Monday 27 October (not 20 October as calendar weekdays would give).
    assert rectification_due(dt.date(2025, 9, 29), RatingPolicy()) == dt.date(2025, 10, 27)


def test_an_edited_policy_moves_the_deadline():
    policy = RatingPolicy(rectification_working_days=5)
    assert rectification_due(dt.date(2025, 11, 3), policy) == dt.date(2025, 11, 10)


def test_a_case_in_service_has_nothing_to_rate(huanbei_case, clerk_huanbei):
    bring_into_service(huanbei_case, clerk_huanbei)
    assert occasions(huanbei_case) == []
    with pytest.raises(RatingError, match="结案后"):
        rate(huanbei_case, "closing", level=5)


def test_a_closed_case_can_be_rated_once_and_changed_within_seven_days(closed_case):
    first = rate(closed_case, "closing", level=4, comment="很好", now=shanghai(2026, 3, 2, 9))
    again = rate(closed_case, "closing", level=5, now=shanghai(2026, 3, 8, 9))
    assert again.pk == first.pk and Rating.objects.count() == 1
    assert Rating.objects.get().level == 5
    with pytest.raises(RatingError, match="7天内可以修改"):
        rate(closed_case, "closing", level=3, now=shanghai(2026, 3, 10, 9))


def test_a_poor_rating_opens_a_rectification_for_the_station(closed_case):
    rating = rate(
        closed_case,
        "closing",
        level=2,
        aspect="attitude",
        comment="等了很久",
        now=shanghai(2026, 3, 2, 9),
    )
    task = Rectification.objects.get(rating=rating)
    assert task.status == Rectification.Status.OPEN
    assert task.due_on == dt.date(2026, 3, 23)  # 15 working days after Monday 2 March 2026
    assert rating.social_worker == "王社工"


def test_the_station_answers_the_hub_closes_and_the_resident_may_rate_once_more(
    closed_case, clerk_huanbei, hub_officer
):
    rating = rate(closed_case, "closing", level=1, comment="没人来")
    task = rating.rectification
    with pytest.raises(RatingError, match="社工站还没有答复"):
        close_rectification(task, hub_officer)
    with pytest.raises(RatingError, match="请写明"):
        answer_rectification(task, clerk_huanbei, "  ")
    answer_rectification(task, clerk_huanbei, "已安排社工上门道歉并补做探访。")
    occasion = occasions(closed_case)[0]
    assert not occasion.can_change and not occasion.can_rate_again
    close_rectification(task, hub_officer)
    assert task.status == Rectification.Status.CLOSED and task.closed_by == hub_officer
    assert occasions(closed_case)[0].can_rate_again
    second = rate(closed_case, "closing", level=4)
    assert second.round == 2 and second.pk != rating.pk
    assert not hasattr(second, "rectification") or second.rectification is None


def test_each_recorded_quarterly_evaluation_can_be_rated(huanbei_case, clerk_huanbei):
    bring_into_service(huanbei_case, clerk_huanbei)
    evaluation = huanbei_case.followups.get(kind=FollowUp.Kind.EVALUATION)
    record_followup(
        evaluation, clerk_huanbei, done_on=evaluation.due_on, outcome="情况稳定", next_step=""
    )
    keys = [o.key for o in occasions(huanbei_case)]
    assert keys == [f"evaluation-{evaluation.pk}"]
    rating = rate(huanbei_case, keys[0], level=5)
    assert rating.evaluation == evaluation
