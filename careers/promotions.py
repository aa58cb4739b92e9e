"""The June promotion application: the worker applies in the window, her station forwards or
returns it, the bureau (district hub) approves or rejects it; an approval changes her role from
the first day of the following month.

The steps are a table of transitions (who may take each, from which state, to which state),
each with its small effect, rather than a chain of ifs.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.access import is_working_staff, sees_every_street, staff_scope
from careers.models import PromotionApplication, PromotionWindow, SocialWorker
from careers.rules import WindowDates, next_window
from careers.workers import Readiness

Status = PromotionApplication.Status


class PromotionError(Exception):
    """A step that is not allowed now; the message is for the person taking it."""


def window_dates(today: dt.date) -> WindowDates | None:
    window = PromotionWindow.objects.first()
    return next_window(window, today) if window else None


def first_of_next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


@transaction.atomic
def submit(
    worker: SocialWorker, ready: Readiness, statement: str, achievements, today: dt.date
) -> PromotionApplication:
    """Her application, filled from her records; a returned one may be submitted again."""
    dates = window_dates(today)
    if dates is None or not dates.is_open:
        raise PromotionError("现在不在晋升申请窗口期内，不能提交申请。")
    if not ready.meets_rules:
        raise PromotionError(
            "您暂不符合晋升条件：" + "；".join(ready.check.missing if ready.check else [])
        )
    existing = (
        PromotionApplication.objects.select_for_update()
        .filter(worker=worker, year=today.year)
        .first()
    )
    if existing and existing.status != Status.RETURNED:
        raise PromotionError("您今年已经提交过晋升申请，请查看办理进度。")
    application = existing or PromotionApplication(worker=worker, year=today.year)
    application.from_role, application.to_role = ready.step.from_role, ready.step.to_role
    application.years, application.key_projects = ready.years, ready.key_projects
    application.level_name = ready.level.name if ready.level else "无证书"
    application.training_hours = ready.hours.total
    application.statement = statement
    application.status, application.submitted_at = Status.SUBMITTED, timezone.now()
    application.station_at = application.station_by = None
    application.reason = ""
    application.save()
    application.achievements.set(achievements)
    return application


@dataclass(frozen=True)
class Transition:
    label: str
    source: str
    target: str
    by: str  # "station" (her street's clerk) or "bureau" (district hub)
    permission: str
    needs_reason: bool


TRANSITIONS = {
    "forward": Transition(
        "报送民政部门",
        Status.SUBMITTED,
        Status.FORWARDED,
        "station",
        "careers.forward_promotionapplication",
        False,
    ),
    "return": Transition(
        "退回社工修改",
        Status.SUBMITTED,
        Status.RETURNED,
        "station",
        "careers.forward_promotionapplication",
        True,
    ),
    "approve": Transition(
        "批准晋升",
        Status.FORWARDED,
        Status.APPROVED,
        "bureau",
        "careers.decide_promotionapplication",
        False,
    ),
    "reject": Transition(
        "不予批准",
        Status.FORWARDED,
        Status.REJECTED,
        "bureau",
        "careers.decide_promotionapplication",
        True,
    ),
}


def may_take(user, application: PromotionApplication, name: str) -> bool:
    step = TRANSITIONS[name]
    if application.status != step.source or not is_working_staff(user):
        return False
    if not user.has_perm(step.permission):
        return False
    if step.by == "bureau":
        return sees_every_street(user)
    return staff_scope(user).includes(application.worker.street_id)


def _station(application, user, now, reason):
    application.station_at, application.station_by = now, user


def _bureau(application, user, now, reason):
    application.decided_at, application.decided_by = now, user


def _approved(application, user, now, reason):
    _bureau(application, user, now, reason)
    application.effective_from = first_of_next_month(timezone.localdate(now))


EFFECTS = {"forward": _station, "return": _station, "approve": _approved, "reject": _bureau}


@transaction.atomic
def take_step(
    application: PromotionApplication, user, name: str, reason: str = ""
) -> PromotionApplication:
    application = (
        PromotionApplication.objects.select_for_update()
        .select_related("worker")
        .get(pk=application.pk)
    )
    if name not in TRANSITIONS or not may_take(user, application, name):
        raise PromotionError("您不能对这份申请执行这一步（状态已变化，或不在您的职责范围）。")
    step = TRANSITIONS[name]
    reason = (reason or "").strip()
    if step.needs_reason and not reason:
        raise PromotionError(f"“{step.label}”必须写明原因，社工会在自己的页面上看到。")
    application.status, application.reason = step.target, reason
    EFFECTS[name](application, user, timezone.now(), reason)
    application.save()
    return application


def apply_due_promotions(today: dt.date, worker: SocialWorker | None = None) -> list:
    """Give approved workers their new role once the month after approval has begun.
    Idempotent: each application changes the role once (`applied_at`). Run daily by
    `manage.py apply_promotions`; her own page also applies hers when she opens it."""
    due = PromotionApplication.objects.select_related("worker").filter(
        status=Status.APPROVED, applied_at__isnull=True, effective_from__lte=today
    )
    if worker is not None:
        due = due.filter(worker=worker)
    due = list(due)
    for application in due:
        with transaction.atomic():
            worker = application.worker
            worker.role = application.to_role
            worker.save(update_fields=["role"])
            application.applied_at = timezone.now()
            application.save(update_fields=["applied_at"])
    return due
