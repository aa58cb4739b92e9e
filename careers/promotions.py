"""The June promotion application: the worker applies in the window, her station forwards or
returns it, the bureau (district hub) approves or rejects it; an approval changes her role from
the first day of the following month.

The steps are a table for the step engine (accounts.steps): who may take each, from which
state, to which state, what it needs and its small effect; every step is logged in StepLog.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.access import may_decide_promotion, may_forward_promotion
from accounts.steps import Step, StepContext, StepRefused, Workflow, perform, register
from careers.models import PromotionApplication, PromotionWindow, SocialWorker
from careers.rules import WindowDates, next_window
from careers.workers import Readiness

Status = PromotionApplication.Status


_NOT_YOURS = "您不能对这份申请执行这一步（状态已变化，或不在您的职责范围）。"


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
        raise StepRefused("现在不在晋升申请窗口期内，不能提交申请。")
    if not ready.meets_rules:
        raise StepRefused(
            "您暂不符合晋升条件：" + "；".join(ready.check.missing if ready.check else [])
        )
    existing = (
        PromotionApplication.objects.select_for_update()
        .filter(worker=worker, year=today.year)
        .first()
    )
    if existing and existing.status != Status.RETURNED:
        raise StepRefused("您今年已经提交过晋升申请，请查看办理进度。")
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


def _station(application: PromotionApplication, ctx: StepContext) -> None:
    application.reason = (ctx.fields.get("reason") or "").strip()
    application.station_at, application.station_by = ctx.now, ctx.user


def _bureau(application: PromotionApplication, ctx: StepContext) -> None:
    application.reason = (ctx.fields.get("reason") or "").strip()
    application.decided_at, application.decided_by = ctx.now, ctx.user


def _approved(application: PromotionApplication, ctx: StepContext) -> None:
    _bureau(application, ctx)
    application.effective_from = first_of_next_month(timezone.localdate(ctx.now))


def _reason(label: str) -> dict[str, str]:
    return {"reason": f"“{label}”必须写明原因，社工会在自己的页面上看到。"}


PROMOTION_STEPS = register(
    Workflow(
        model=PromotionApplication,
        steps=(
            Step(
                "forward", "报送民政部门", (Status.SUBMITTED,), Status.FORWARDED,
                may=may_forward_promotion, effect=_station,
            ),
            Step(
                "return", "退回社工修改", (Status.SUBMITTED,), Status.RETURNED,
                may=may_forward_promotion, effect=_station, required=_reason("退回社工修改"),
            ),
            Step(
                "approve", "批准晋升", (Status.FORWARDED,), Status.APPROVED,
                may=may_decide_promotion, effect=_approved,
            ),
            Step(
                "reject", "不予批准", (Status.FORWARDED,), Status.REJECTED,
                may=may_decide_promotion, effect=_bureau, required=_reason("不予批准"),
            ),
        ),
        refused=_NOT_YOURS,
        wrong_state=_NOT_YOURS,
        unknown=_NOT_YOURS,
        select_related=("worker",),
    )
)  # fmt: skip
TRANSITIONS = {step.name: step for step in PROMOTION_STEPS.steps}


def take_step(
    application: PromotionApplication, user, name: str, reason: str = ""
) -> PromotionApplication:
    """One step of the table (accounts.steps.perform); StepRefused when it may not be taken."""
    perform(application, name, user, reason=reason or "")
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
