"""How a registration moves: a table of transitions, each with its small effect, and the
bulk steps staff take for a whole round (exam numbers, seats, admission tickets).

Every change writes a dated RegistrationEvent the candidate sees on 我的报名, in the same
transaction as the change itself.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import may_review_registration, may_submit_registration
from accounts.steps import SYSTEM, Step, StepContext, Workflow, perform, register
from recruitment.models import (
    RecruitmentRound,
    Registration,
    RegistrationEvent,
    TimelineStep,
)

S = Registration.Status


def _submitted(registration: Registration, ctx: StepContext) -> None:
    registration.submitted_at = ctx.now
    registration.reason = ""


def _with_reason(registration: Registration, ctx: StepContext) -> None:
    registration.reason = ctx.fields["reason"].strip()


def _result(field: str, result: str, reason: bool = False):
    """The medical or political examination's result, with the reason when it failed."""

    def effect(registration: Registration, ctx: StepContext) -> None:
        setattr(registration, field, result)
        if reason:
            _with_reason(registration, ctx)

    return effect


def _timeline(registration: Registration, step: Step, ctx: StepContext) -> RegistrationEvent:
    """The dated entry the candidate reads on 我的报名."""
    return RegistrationEvent.objects.create(
        registration=registration,
        status=registration.status,
        title=step.label,
        note=(ctx.fields.get("reason") or "").strip(),
        by=None if ctx.user is SYSTEM else ctx.user,
    )


def _reason(label: str) -> dict[str, str]:
    return {"reason": f"“{label}”需要填写原因，考生会看到这段说明。"}


def _staff(name, label, sources, target, effect=None, needs_reason=False) -> Step:
    if effect is None:
        effect = _with_reason if needs_reason else (lambda registration, ctx: None)
    required = _reason(label) if needs_reason else {}
    return Step(
        name, label, sources, target, may=may_review_registration, required=required, effect=effect
    )


REGISTRATION_STEPS = register(
    Workflow(
        model=Registration,
        steps=(
            Step(
                "submit", "提交报名表", (S.DRAFT, S.RETURNED), S.SUBMITTED,
                may=may_submit_registration, effect=_submitted,
                refused="只有考生本人可以提交自己的报名表。",
            ),
            _staff("return", "退回修改", (S.SUBMITTED,), S.RETURNED, needs_reason=True),
            _staff("approve", "资格审查通过", (S.SUBMITTED,), S.APPROVED),
            _staff("reject", "资格审查不通过", (S.SUBMITTED,), S.REJECTED, needs_reason=True),
            _staff("to_medical", "进入体检", (S.APPROVED,), S.MEDICAL),
            _staff(
                "medical_pass", "体检合格，进入政审", (S.MEDICAL,), S.POLITICAL,
                effect=_result("medical", "passed"),
            ),
            _staff(
                "medical_fail", "体检不合格", (S.MEDICAL,), S.NOT_HIRED,
                effect=_result("medical", "failed", reason=True), needs_reason=True,
            ),
            _staff(
                "political_pass", "政审合格，拟录用（公示中）", (S.POLITICAL,), S.PROPOSED,
                effect=_result("political", "passed"),
            ),
            _staff(
                "political_fail", "政审不合格", (S.POLITICAL,), S.NOT_HIRED,
                effect=_result("political", "failed", reason=True), needs_reason=True,
            ),
            _staff("hire", "公示期满，录用", (S.PROPOSED,), S.HIRED),
            _staff(
                "not_hire", "未录用", (S.APPROVED, S.MEDICAL, S.POLITICAL, S.PROPOSED),
                S.NOT_HIRED, needs_reason=True,
            ),
        ),
        refused="您没有资格审查的权限，不能“{label}”。请联系区民政局招聘负责人开通。",
        wrong_state="这份报名表现在是“{state}”，不能“{label}”。请刷新页面查看最新状态。",
        select_related=("account",),
        timeline=_timeline,
    )
)  # fmt: skip
TRANSITIONS: dict[str, Step] = {step.name: step for step in REGISTRATION_STEPS.steps}

# The timeline step that comes next for a registration in each state.
NEXT_STEP = {
    S.DRAFT: TimelineStep.Kind.REGISTRATION,
    S.RETURNED: TimelineStep.Kind.REGISTRATION,
    S.SUBMITTED: TimelineStep.Kind.REVIEW,
    S.APPROVED: TimelineStep.Kind.WRITTEN,
    S.MEDICAL: TimelineStep.Kind.MEDICAL,
    S.POLITICAL: TimelineStep.Kind.POLITICAL,
    S.PROPOSED: TimelineStep.Kind.NOTICE,
    S.HIRED: TimelineStep.Kind.ONBOARDING,
}


def allowed_actions(registration: Registration) -> list[tuple[str, Step]]:
    """The staff's actions for this registration's state (submit is the candidate's)."""
    return [
        (step.name, step)
        for step in REGISTRATION_STEPS.steps
        if step.name != "submit" and registration.status in step.sources
    ]


def next_step(registration: Registration) -> TimelineStep | None:
    kind = NEXT_STEP.get(registration.status)
    return registration.round.step(kind) if kind else None


def move(registration: Registration, action: str, user, reason: str = "") -> Registration:
    """Apply one step (accounts.steps.perform), or raise StepRefused (Chinese) and change
    nothing."""
    perform(registration, action, user, reason=reason)
    return registration


def record(registration: Registration, title: str, note: str = "", user=None) -> None:
    """A dated entry without a change of state (ticket released, scores published…)."""
    RegistrationEvent.objects.create(
        registration=registration, status=registration.status, title=title, note=note, by=user
    )


EXAM_STATES = (S.APPROVED, S.MEDICAL, S.POLITICAL, S.PROPOSED, S.HIRED, S.NOT_HIRED)


@transaction.atomic
def assign_exam_numbers(round_: RecruitmentRound) -> int:
    """Exam numbers (year + two-digit post code + four-digit sequence) for every approved
    registration without one, then rooms and seats for all, in exam-number order:
    `round_.seats_per_room` seats per room. Returns how many numbers were given."""
    registrations = list(
        Registration.objects.select_for_update()
        .filter(round=round_, status__in=EXAM_STATES)
        .select_related("post")
        .order_by("post__order", "post_id", "submitted_at", "id")
    )
    used = {r.exam_number for r in registrations if r.exam_number}
    given = 0
    sequence: dict[int, int] = {}
    for registration in registrations:
        if registration.exam_number:
            continue
        code = f"{round_.year}{registration.post.order:02d}"
        while True:
            sequence[registration.post_id] = sequence.get(registration.post_id, 0) + 1
            number = f"{code}{sequence[registration.post_id]:04d}"
            if number not in used:
                break
        registration.exam_number = number
        used.add(number)
        given += 1
    registrations.sort(key=lambda r: r.exam_number)
    for index, registration in enumerate(registrations):
        room, seat = divmod(index, round_.seats_per_room)
        registration.room = f"第{room + 1:02d}考场"
        registration.seat = seat + 1
    Registration.objects.bulk_update(registrations, ["exam_number", "room", "seat"])
    return given


@transaction.atomic
def release_tickets(round_: RecruitmentRound, user) -> int:
    """Open the admission tickets for printing; each candidate with a number is told."""
    with_numbers = list(
        Registration.objects.filter(round=round_, status__in=EXAM_STATES).exclude(exam_number="")
    )
    if not with_numbers:
        raise ValidationError("还没有考生有准考证号：请先“生成准考证号和座位”。")
    round_.tickets_released_at = timezone.now()
    round_.save(update_fields=["tickets_released_at", "updated_at"])
    RegistrationEvent.objects.bulk_create(
        RegistrationEvent(
            registration=registration,
            status=registration.status,
            title="准考证可打印",
            note=(
                f"准考证号 {registration.exam_number}，"
                f"{registration.room} {registration.seat}号座位"
            ),
            by=user,
        )
        for registration in with_numbers
    )
    return len(with_numbers)


@transaction.atomic
def publish_scores(round_: RecruitmentRound, user) -> int:
    """Open the score look-up; each candidate with scores gets an entry on 我的报名."""
    linked = list(Registration.objects.filter(round=round_, scores__isnull=False))
    round_.scores_published_at = timezone.now()
    round_.save(update_fields=["scores_published_at", "updated_at"])
    RegistrationEvent.objects.bulk_create(
        RegistrationEvent(
            registration=registration,
            status=registration.status,
            title="笔试成绩、面试成绩、综合成绩与排名已公布",
            note="可在“成绩查询”中查看",
            by=user,
        )
        for registration in linked
    )
    return len(linked)
