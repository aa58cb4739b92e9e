"""The monthly subsidy roll's workflow: prepare (computed by careers.rules), submit, approve or
return with a reason. Submit, approve and return are rows of the step engine's table
(accounts.steps), each one transaction with its StepLog entry; an approved roll is locked."""

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from accounts.access import may_decide_roll, may_submit_roll
from accounts.steps import Step, StepContext, StepRefused, Workflow, perform, register
from careers.models import (
    Certificate,
    ProjectMonth,
    RollLine,
    SocialWorker,
    SubsidyPolicy,
    SubsidyRoll,
)
from careers.rules import monthly_claim


def _lock(roll: SubsidyRoll) -> SubsidyRoll:
    return SubsidyRoll.objects.select_for_update().get(pk=roll.pk)


@transaction.atomic
def prepare_roll(roll: SubsidyRoll) -> list[str]:
    """(Re)compute the roll's lines from the rules; returns notes for the clerk.

    A social worker already on another station's roll for the month is left out (a worker
    appears at most once per month); workers with nothing to claim get no line.
    """
    roll = _lock(roll)
    if not roll.is_editable:
        raise StepRefused("这份名单已提交或已审核通过，不能再重新计算。")
    notes = _compute_lines(roll)
    roll.save(update_fields=["prepared_at"])
    return notes


def _compute_lines(roll: SubsidyRoll) -> list[str]:
    """The lines of a locked roll from the rules; sets `prepared_at` (the caller saves)."""
    policy = SubsidyPolicy.objects.in_force_on(roll.month)
    if policy is None:
        raise StepRefused(
            f"{roll.month:%Y年%m月}没有生效的补贴政策，请先在“补贴政策”中添加后再计算。"
        )
    workers = (
        SocialWorker.objects.active()
        .filter(street=roll.street)
        .select_related("title_level")
        .prefetch_related(
            Prefetch("certificates", queryset=Certificate.objects.select_related("level")),
            Prefetch(
                "project_months",
                queryset=ProjectMonth.objects.filter(month=roll.month),
                to_attr="this_month_projects",
            ),
        )
    )
    elsewhere = set(
        RollLine.objects.filter(month=roll.month)
        .exclude(roll=roll)
        .values_list("worker_id", flat=True)
    )
    roll.lines.all().delete()
    notes, lines = [], []
    for worker in workers:
        if worker.pk in elsewhere:
            notes.append(f"{worker.name}本月已在其他社工站的名单中，未重复列入。")
            continue
        claim = monthly_claim(
            certificates=worker.certificates.all(),
            title=worker.title_level,
            on_key_project=bool(worker.this_month_projects),
            month=roll.month,
            policy=policy,
        )
        if claim.total == 0:
            continue
        lines.append(
            RollLine(
                roll=roll,
                worker=worker,
                month=roll.month,
                level_name=claim.level_name,
                post_subsidy=claim.post_subsidy,
                title_subsidy=claim.title_subsidy,
                project_award=claim.project_award,
                total=claim.total,
            )
        )
    RollLine.objects.bulk_create(lines)
    roll.prepared_at = timezone.now()
    return notes


def _submitted(roll: SubsidyRoll, ctx: StepContext) -> list[str]:
    """What is sent follows the rules: the lines are recomputed first; the clerk's notes are
    kept in the step's log."""
    ctx.record["notes"] = _compute_lines(roll)
    roll.submitted_at, roll.submitted_by = ctx.now, ctx.user
    return ["prepared_at", "submitted_at", "submitted_by"]


def _decided(roll: SubsidyRoll, ctx: StepContext) -> list[str]:
    roll.return_reason = (ctx.fields.get("reason") or "").strip()
    roll.decided_at, roll.decided_by = ctx.now, ctx.user
    return ["return_reason", "decided_at", "decided_by"]


_DECIDE = dict(
    may=may_decide_roll,
    effect=_decided,
    refused="只有区民政部门（区社工总站）工作人员可以审核名单。",
    wrong_state="只有“已提交，待审核”的名单可以审核通过或退回。",
)
R = SubsidyRoll.Status

ROLL_STEPS = register(
    Workflow(
        model=SubsidyRoll,
        steps=(
            Step(
                "submit", "提交民政部门审核", (R.DRAFT, R.RETURNED), R.SUBMITTED,
                may=may_submit_roll, effect=_submitted,
                refused="您只能提交本街道社工站的名单。",
                wrong_state="这份名单已提交或已审核通过，不能再提交。",
            ),
            Step("approve", "审核通过", (R.SUBMITTED,), R.APPROVED, **_DECIDE),
            Step(
                "return", "退回社工站", (R.SUBMITTED,), R.RETURNED,
                required={"reason": "退回名单必须写明原因，告诉社工站需要修改什么。"}, **_DECIDE,
            ),
        ),
    )
)  # fmt: skip


def submit_roll(roll: SubsidyRoll, user) -> list[str]:
    """The station submits; returns the notes for the clerk (workers left out, and why)."""
    return perform(roll, "submit", user).data["notes"]


def approve_roll(roll: SubsidyRoll, user) -> SubsidyRoll:
    """Approve a submitted roll; from now on it is locked and can be exported for payment."""
    perform(roll, "approve", user)
    return roll


def return_roll(roll: SubsidyRoll, user, reason: str) -> SubsidyRoll:
    """Return a submitted roll to its station; the reason is required and shown to the station."""
    perform(roll, "return", user, reason=reason or "")
    return roll
