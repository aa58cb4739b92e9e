"""The monthly subsidy roll's workflow: prepare (computed by careers.rules), submit, approve or
return with a reason. Each step is one transaction; an approved roll is locked."""

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from accounts.access import sees_every_street
from careers.models import (
    Certificate,
    ProjectMonth,
    RollLine,
    SocialWorker,
    SubsidyPolicy,
    SubsidyRoll,
)
from careers.rules import monthly_claim


class RollError(Exception):
    """A step the roll's state or the user's role does not allow; the message is for the user."""


def may_decide(user) -> bool:
    """Only the bureau (district-hub staff with the approval permission) approves or returns."""
    return sees_every_street(user) and user.has_perm("careers.approve_subsidyroll")


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
        raise RollError("这份名单已提交或已审核通过，不能再重新计算。")
    policy = SubsidyPolicy.objects.in_force_on(roll.month)
    if policy is None:
        raise RollError(
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
    roll.save(update_fields=["prepared_at"])
    return notes


@transaction.atomic
def submit_roll(roll: SubsidyRoll, user) -> list[str]:
    """The station submits: the lines are recomputed first, so what is sent follows the rules."""
    if not SubsidyRoll.objects.for_staff(user).filter(pk=roll.pk).exists():
        raise RollError("您只能提交本街道社工站的名单。")
    notes = prepare_roll(roll)
    roll = _lock(roll)
    roll.status = SubsidyRoll.Status.SUBMITTED
    roll.submitted_at, roll.submitted_by = timezone.now(), user
    roll.save(update_fields=["status", "submitted_at", "submitted_by"])
    return notes


def _decide(roll: SubsidyRoll, user, status: str, reason: str = "") -> SubsidyRoll:
    if not may_decide(user):
        raise RollError("只有区民政部门（区社工总站）工作人员可以审核名单。")
    roll = _lock(roll)
    if roll.status != SubsidyRoll.Status.SUBMITTED:
        raise RollError("只有“已提交，待审核”的名单可以审核通过或退回。")
    roll.status, roll.return_reason = status, reason
    roll.decided_at, roll.decided_by = timezone.now(), user
    roll.save(update_fields=["status", "return_reason", "decided_at", "decided_by"])
    return roll


@transaction.atomic
def approve_roll(roll: SubsidyRoll, user) -> SubsidyRoll:
    """Approve a submitted roll; from now on it is locked and can be exported for payment."""
    return _decide(roll, user, SubsidyRoll.Status.APPROVED)


@transaction.atomic
def return_roll(roll: SubsidyRoll, user, reason: str) -> SubsidyRoll:
    """Return a submitted roll to its station; the reason is required and shown to the station."""
    reason = (reason or "").strip()
    if not reason:
        raise RollError("退回名单必须写明原因，告诉社工站需要修改什么。")
    return _decide(roll, user, SubsidyRoll.Status.RETURNED, reason)
