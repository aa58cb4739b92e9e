"""The deadlines the guide promises, in China's working days, and the case's steps."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.steps import StepRefused
from bijiang_social.models import CalendarDay
from services.applications.forms import FollowUpForm, RejectForm
from services.applications.models import CaseEvent, FollowUp, ReviewPolicy, ServiceApplication
from services.applications.rules import (
    add_months,
    apply_transition,
    available_transitions,
    contact_deadline,
    record_followup,
    review_deadlines,
)
from tests.services.conftest import bring_into_service, make_case, registered_worker, shanghai

pytestmark = pytest.mark.django_db
D = dt.date
Status = ServiceApplication.Status


def _policy() -> ReviewPolicy:
    return ReviewPolicy(first_review_working_days=3, final_review_working_days=7)


def test_a_friday_before_spring_festival_counts_the_make_up_saturday_and_skips_the_holiday():
    # Fri 13 Feb 2026. Sat 14 Feb is a make-up working day, 15–23 Feb are off.
    first, final = review_deadlines(shanghai(2026, 2, 13, 16, 30), _policy())
    assert first == D(2026, 2, 25)  # Sat 14, Tue 24, Wed 25
    assert final == D(2026, 3, 2)  # 14, 24, 25, 26, 27, Sat 28 (make-up), Mon 2 Mar


def test_an_application_on_the_make_up_saturday_counts_from_that_day():
    first, final = review_deadlines(shanghai(2026, 2, 14, 9, 0), _policy())
    assert first == D(2026, 2, 26)
    assert final == D(2026, 3, 3)


def test_an_application_during_the_holiday_waits_for_the_first_working_day():
    first, _ = review_deadlines(shanghai(2026, 2, 18, 20, 0), _policy())
    assert first == D(2026, 2, 26)  # Tue 24, Wed 25, Thu 26


def test_national_day_is_skipped_and_the_make_up_saturday_10_october_counts():
    first, final = review_deadlines(shanghai(2026, 9, 30, 11, 0), _policy())
    assert first == D(2026, 10, 10)  # Thu 8, Fri 9, Sat 10 (make-up)
    assert final == D(2026, 10, 15)  # 8, 9, 10, 12, 13, 14, 15


def test_a_submission_late_in_the_evening_counts_by_the_local_date_in_china():
    # 23:30 on Fri 13 Feb in Beijing is still the 13th (15:30 UTC).
    first, _ = review_deadlines(shanghai(2026, 2, 13, 23, 30), _policy())
    assert first == D(2026, 2, 25)


def test_the_24_hour_contact_deadline_is_in_clock_hours_even_over_a_holiday():
    approved = shanghai(2026, 2, 14, 10, 0)
    assert contact_deadline(approved, ReviewPolicy(contact_hours=24)) == shanghai(
        2026, 2, 15, 10, 0
    )


def test_the_due_dates_are_stored_when_the_case_starts_and_a_later_calendar_edit_does_not_move_them(
    minsheng, huanbei
):
    case = make_case(minsheng, huanbei, now=shanghai(2026, 2, 13, 10, 0))
    CalendarDay.objects.create(date=D(2026, 2, 24), kind=CalendarDay.Kind.HOLIDAY, note="测试")
    case.refresh_from_db()
    assert case.first_review_due == D(2026, 2, 25)
    # A new case does feel the edit.
    later = make_case(minsheng, huanbei, now=shanghai(2026, 2, 13, 11, 0))
    assert later.first_review_due == D(2026, 2, 26)


def test_the_staff_can_change_the_promised_number_of_days(minsheng, huanbei):
    ReviewPolicy.objects.update(first_review_working_days=5)
    case = make_case(minsheng, huanbei, now=shanghai(2026, 11, 20, 10, 0))
    assert case.first_review_due == D(2026, 11, 27)


def test_a_new_case_is_submitted_with_one_timeline_step_and_a_random_reference(minsheng, huanbei):
    case = make_case(minsheng, huanbei, now=shanghai(2026, 3, 2, 10, 0))
    other = make_case(minsheng, huanbei, now=shanghai(2026, 3, 2, 10, 1))
    assert case.reference.startswith("BJ-2026-") and len(case.reference) == 14
    assert case.reference != other.reference
    assert list(case.events.values_list("status", flat=True)) == [Status.SUBMITTED]


def test_a_case_goes_through_every_step_to_closing_recording_who_and_when(
    minsheng, huanbei, clerk_huanbei
):
    case = make_case(minsheng, huanbei, now=shanghai(2026, 3, 2, 9, 0))
    steps = [
        ("first_pass", {}),
        ("final_pass", {}),
        ("assign", {"worker": registered_worker(huanbei)}),
        ("contact", {}),
        ("start_service", {}),
        ("close", {}),
    ]
    for hour, (action, extra) in enumerate(steps, start=10):
        apply_transition(
            case,
            action,
            clerk_huanbei,
            note=f"备注{hour}",
            now=shanghai(2026, 3, 3, hour, 0),
            **extra,
        )
    assert case.status == Status.CLOSED
    assert case.closed_at == shanghai(2026, 3, 3, 15, 0)
    assert case.social_worker == "王社工"
    events = list(case.events.all())
    assert [e.status for e in events] == [
        Status.SUBMITTED,
        Status.FIRST_PASSED,
        Status.FINAL_PASSED,
        Status.ASSIGNED,
        Status.CONTACTED,
        Status.IN_SERVICE,
        Status.CLOSED,
    ]
    assert all(e.actor == clerk_huanbei for e in events[1:])
    assert events[1].note == "备注10"


def test_approval_sets_the_contact_deadline_24_hours_later(minsheng, huanbei, clerk_huanbei):
    case = make_case(minsheng, huanbei, now=shanghai(2026, 2, 13, 9, 0))
    apply_transition(case, "first_pass", clerk_huanbei, now=shanghai(2026, 2, 13, 15, 0))
    apply_transition(case, "final_pass", clerk_huanbei, now=shanghai(2026, 2, 14, 10, 0))
    assert case.contact_due == shanghai(2026, 2, 15, 10, 0)
    assert case.current_due == case.contact_due


def test_a_step_out_of_order_is_refused(minsheng, huanbei, clerk_huanbei):
    case = make_case(minsheng, huanbei)
    with pytest.raises(StepRefused, match="不能进行“结案”"):
        apply_transition(case, "close", clerk_huanbei)
    assert [t.action for t in available_transitions(case)] == ["first_pass", "first_reject"]


def test_a_rejection_form_asks_for_the_reason_and_an_alternative_at_once(minsheng, huanbei):
    case = make_case(minsheng, huanbei)
    form = RejectForm({"reason": " ", "alternatives": " \n "}, case=case)
    assert not form.is_valid()
    assert "请填写未通过的原因" in form.errors["reason"][0]
    assert "至少填写一条" in form.errors["alternatives"][0]
    assert CaseEvent.objects.filter(application=case).count() == 1


def test_the_rejection_form_gives_the_alternatives_one_per_line(minsheng, huanbei):
    case = make_case(minsheng, huanbei)
    form = RejectForm(
        {"reason": "收入超过标准", "alternatives": "申请临时救助\n\n 热线 "}, case=case
    )
    assert form.is_valid()
    assert form.cleaned_data["alternatives"] == ["申请临时救助", "热线"]


def test_a_rejection_keeps_the_reason_and_each_alternative(minsheng, huanbei, clerk_huanbei):
    case = make_case(minsheng, huanbei)
    apply_transition(
        case,
        "first_reject",
        clerk_huanbei,
        reason="家庭收入超过低保标准",
        alternatives="申请临时救助\n\n拨打12345政务服务热线 ",
    )
    assert case.status == Status.FIRST_FAILED
    assert case.alternative_list == ["申请临时救助", "拨打12345政务服务热线"]
    assert case.closed_at is not None


def test_starting_service_schedules_a_monthly_visit_and_a_quarterly_evaluation(
    minsheng, huanbei, clerk_huanbei
):
    case = make_case(minsheng, huanbei, now=shanghai(2026, 1, 5, 9, 0))
    for action in ["first_pass", "final_pass"]:
        apply_transition(case, action, clerk_huanbei, now=shanghai(2026, 1, 6, 9, 0))
    apply_transition(case, "assign", clerk_huanbei, worker=registered_worker(huanbei))
    apply_transition(case, "contact", clerk_huanbei, now=shanghai(2026, 1, 7, 9, 0))
    apply_transition(case, "start_service", clerk_huanbei, now=shanghai(2026, 1, 15, 9, 0))
    followups = {f.kind: f.due_on for f in case.followups.all()}
    # 15 Feb 2026 is in the Spring Festival holiday: the visit moves to Tue 24 Feb.
    assert followups == {
        FollowUp.Kind.VISIT: D(2026, 2, 24),
        FollowUp.Kind.EVALUATION: D(2026, 4, 15),
    }
    step = case.next_step()
    assert (step.label, step.due) == ("下一次回访或评估", D(2026, 2, 24))

    visit = case.followups.get(kind=FollowUp.Kind.VISIT)
    assert visit.is_overdue(today=D(2026, 2, 25))
    assert case in ServiceApplication.objects.with_overdue_followups(today=D(2026, 2, 25))
    following = record_followup(
        visit,
        clerk_huanbei,
        done_on=D(2026, 2, 25),
        outcome="老人身体状况良好",
        next_step="继续探访",
    )
    assert following.due_on == D(2026, 3, 16)  # 15 March is a Sunday
    case.refresh_from_db()
    assert case.next_step().due == D(2026, 3, 16)


def test_a_follow_up_needs_an_outcome(minsheng, huanbei, clerk_huanbei):
    case = make_case(minsheng, huanbei)
    bring_into_service(case, clerk_huanbei)
    visit = case.followups.get(kind=FollowUp.Kind.VISIT)
    form = FollowUpForm({"done_on": "2026-01-01", "outcome": " "}, followup=visit)
    assert not form.is_valid()
    assert "情况与结果" in form.errors["outcome"][0]


def test_a_follow_up_before_its_due_date_needs_a_reason(minsheng, huanbei, clerk_huanbei):
    case = make_case(minsheng, huanbei)
    bring_into_service(case, clerk_huanbei)
    visit = case.followups.get(kind=FollowUp.Kind.VISIT)
    today = timezone.localdate().isoformat()
    form = FollowUpForm({"done_on": today, "outcome": "探访正常"}, followup=visit)
    assert not form.is_valid()
    assert "提前记录请写明原因" in form.errors["early_reason"][0]
    form = FollowUpForm(
        {"done_on": today, "outcome": "探访正常", "early_reason": "申请人下月外出"},
        followup=visit,
    )
    assert form.is_valid()


def test_closing_a_case_leaves_no_pending_follow_up(minsheng, huanbei, clerk_huanbei):
    case = make_case(minsheng, huanbei)
    bring_into_service(case, clerk_huanbei)
    apply_transition(case, "close", clerk_huanbei)
    assert not case.followups.filter(done_on__isnull=True).exists()


def test_overdue_and_due_today_flags_follow_the_current_deadline(minsheng, huanbei):
    case = make_case(minsheng, huanbei, now=shanghai(2026, 11, 20, 10, 0))  # due Wed 25 Nov
    cases = ServiceApplication.objects.all()
    assert not case.is_due_today(shanghai(2026, 11, 24, 12, 0))
    assert case.is_due_today(shanghai(2026, 11, 25, 8, 0))
    assert list(cases.due_today(shanghai(2026, 11, 25, 23, 59))) == [case]
    assert not case.is_overdue(shanghai(2026, 11, 25, 23, 59))
    assert case.is_overdue(shanghai(2026, 11, 26, 0, 1))
    assert list(cases.overdue(shanghai(2026, 11, 26, 0, 1))) == [case]


def test_months_are_added_by_the_calendar():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 11, 15), 3) == D(2027, 2, 15)
