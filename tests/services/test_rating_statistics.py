"""The statistics as plain functions, on worked examples: rates, "<5" suppression, on-time
shares across a holiday, and sample data kept apart from real cases."""

import datetime as dt
from decimal import Decimal

import pytest

from services.applications.models import ServiceApplication
from services.applications.rules import apply_transition
from services.ratings import statistics as st
from services.ratings.rules import rate
from tests.services.conftest import bring_into_service, make_case, shanghai


def test_small_counts_are_shown_as_less_than_five():
    assert [st.count_text(n) for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]


def test_a_rate_from_fewer_than_five_cases_is_suppressed():
    assert st.Rate(3, 4).text == "<5" and st.Rate(3, 4).percent is None
    assert st.Rate(0, 0).text == "—"
    assert st.Rate(4, 5).text == "80%" and st.Rate(2, 3) + st.Rate(2, 2) == st.Rate(4, 5)


def test_satisfaction_counts_satisfied_and_very_satisfied_only():
    # 非常满意, 满意, 基本满意, 不满意, 满意, 非常不满意 → 3 of 6
    assert st.satisfaction([5, 4, 3, 2, 4, 1]) == st.Rate(3, 6)
    assert st.satisfaction([5, 4, 3, 2, 4, 1]).text == "50%"


def test_last_twelve_months_run_oldest_first_across_a_new_year():
    months = st.last_months(dt.date(2026, 2, 14), 12)
    assert months[0] == dt.date(2025, 3, 1) and months[-1] == dt.date(2026, 2, 1)
    assert len(months) == 12


def test_a_first_review_decided_on_the_due_day_after_the_holiday_is_on_time():
    # Submitted Monday 29 Sep 2025; 3 working days: 30 Sep, 9 Oct, 10 Oct → due 10 October.
    case = {
        "category_name": "民生兜底",
        "first_review_due": dt.date(2025, 10, 10),
        "final_review_due": dt.date(2025, 10, 16),
        "contact_due": None,
    }
    now = shanghai(2025, 11, 1, 12)
    on_time = st.case_figures(case, {"first_passed": shanghai(2025, 10, 10, 16)}, now)
    late = st.case_figures(case, {"first_passed": shanghai(2025, 10, 11, 9)}, now)
    waiting = st.case_figures(case, {}, shanghai(2025, 10, 9, 9))
    assert on_time.first_review == st.Rate(1, 1)
    assert late.first_review == st.Rate(0, 1)
    assert waiting.first_review == st.Rate(0, 0)  # not yet due: not counted
    assert on_time.final_review == st.Rate(0, 1)  # passed, never decided, past 16 Oct: late


@pytest.mark.django_db
def test_sample_cases_count_only_while_there_is_no_real_case(minsheng, huanbei, settings):
    sample = make_case(minsheng, huanbei)
    ServiceApplication.objects.filter(pk=sample.pk).update(is_sample=True)
    assert st.shows_samples() and list(st.counted_cases()) == [sample]
    settings.OPEN_DATA_SAMPLES = False
    assert not st.shows_samples() and list(st.counted_cases()) == []
    settings.OPEN_DATA_SAMPLES = True
    real = make_case(minsheng, huanbei)
    assert not st.shows_samples() and list(st.counted_cases()) == [real]


@pytest.mark.django_db
def test_worker_and_station_satisfaction_come_from_their_cases_ratings(
    minsheng, huanbei, tongxing, clerk_huanbei
):
    for level in (5, 4, 2):
        case = make_case(minsheng, huanbei)
        bring_into_service(case, clerk_huanbei)
        apply_transition(case, "close", clerk_huanbei)
        rate(case, "closing", level=level)

    from careers.models import SocialWorker

    worker = SocialWorker.objects.get(name="王社工", street=huanbei)  # bring_into_service's
    namesake = SocialWorker.objects.create(name="王社工", street=tongxing)
    assert st.worker_satisfaction(worker) == st.Rate(2, 3)
    assert st.worker_satisfaction(namesake) == st.Rate(0, 0)
    assert st.street_satisfaction(huanbei) == st.Rate(2, 3)
    assert st.worker_satisfaction_percent(worker) == Decimal("66.7")
    assert st.worker_satisfaction_percent(namesake) is None


@pytest.mark.django_db
def test_cases_assigned_by_name_only_count_for_the_namesake_of_that_street(
    minsheng, huanbei, tongxing, clerk_huanbei
):
    """Early hand-typed cases and the samples name a worker without her registration."""
    from careers.models import SocialWorker

    case = make_case(minsheng, huanbei)
    for action in ["first_pass", "final_pass", "assign", "contact", "start_service"]:
        apply_transition(case, action, clerk_huanbei, social_worker="赵敏", phone="13700004444")
    apply_transition(case, "close", clerk_huanbei)
    rate(case, "closing", level=5)
    here = SocialWorker.objects.create(name="赵敏", street=huanbei)
    there = SocialWorker.objects.create(name="赵敏", street=tongxing)
    assert st.worker_satisfaction(here) == st.Rate(1, 1)
    assert st.worker_satisfaction(there) == st.Rate(0, 0)


@pytest.mark.django_db
def test_two_registered_workers_of_one_name_each_count_only_their_own_ratings(
    minsheng, huanbei, clerk_huanbei
):
    from careers.models import SocialWorker

    elder = SocialWorker.objects.create(name="王芳", street=huanbei, phone="13700002222")
    younger = SocialWorker.objects.create(name="王芳", street=huanbei, phone="13700003333")
    for worker, levels in ((elder, (5, 5)), (younger, (1,))):
        for level in levels:
            case = make_case(minsheng, huanbei)
            for action in ["first_pass", "final_pass", "assign", "contact", "start_service"]:
                apply_transition(case, action, clerk_huanbei, worker=worker)
            apply_transition(case, "close", clerk_huanbei)
            rate(case, "closing", level=level)
    assert st.worker_satisfaction(elder) == st.Rate(2, 2)
    assert st.worker_satisfaction(younger) == st.Rate(0, 1)
    assert st.worker_satisfaction_percent(younger) == Decimal("0.0")
