"""How a registration moves: a table of transitions, each with its small effect, and the
bulk steps staff take for a whole round (exam numbers, seats, admission tickets).

Every change writes a dated RegistrationEvent the candidate sees on 我的报名, in the same
transaction as the change itself.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from recruitment.models import (
    RecruitmentRound,
    Registration,
    RegistrationEvent,
    TimelineStep,
)

S = Registration.Status


def _no_effect(registration: Registration) -> None:
    return None


def _submitted(registration: Registration) -> None:
    registration.submitted_at = timezone.now()
    registration.reason = ""


def _medical(result: str) -> Callable[[Registration], None]:
    def effect(registration: Registration) -> None:
        registration.medical = result

    return effect


def _political(result: str) -> Callable[[Registration], None]:
    def effect(registration: Registration) -> None:
        registration.political = result

    return effect


@dataclass(frozen=True)
class Transition:
    label: str  # the staff's button / the event's title
    sources: tuple[str, ...]
    target: str
    needs_reason: bool = False
    effect: Callable[[Registration], None] = _no_effect


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition("提交报名表", (S.DRAFT, S.RETURNED), S.SUBMITTED, effect=_submitted),
    "return": Transition("退回修改", (S.SUBMITTED,), S.RETURNED, needs_reason=True),
    "approve": Transition("资格审查通过", (S.SUBMITTED,), S.APPROVED),
    "reject": Transition("资格审查不通过", (S.SUBMITTED,), S.REJECTED, needs_reason=True),
    "to_medical": Transition("进入体检", (S.APPROVED,), S.MEDICAL),
    "medical_pass": Transition(
        "体检合格，进入政审", (S.MEDICAL,), S.POLITICAL, effect=_medical("passed")
    ),
    "medical_fail": Transition(
        "体检不合格", (S.MEDICAL,), S.NOT_HIRED, needs_reason=True, effect=_medical("failed")
    ),
    "political_pass": Transition(
        "政审合格，拟录用（公示中）", (S.POLITICAL,), S.PROPOSED, effect=_political("passed")
    ),
    "political_fail": Transition(
        "政审不合格", (S.POLITICAL,), S.NOT_HIRED, needs_reason=True, effect=_political("failed")
    ),
    "hire": Transition("公示期满，录用", (S.PROPOSED,), S.HIRED),
    "not_hire": Transition(
        "未录用", (S.APPROVED, S.MEDICAL, S.POLITICAL, S.PROPOSED), S.NOT_HIRED, needs_reason=True
    ),
}

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


def allowed_actions(registration: Registration) -> list[tuple[str, Transition]]:
    """The staff's actions for this registration's state (submit is the candidate's)."""
    return [
        (action, transition)
        for action, transition in TRANSITIONS.items()
        if action != "submit" and registration.status in transition.sources
    ]


def next_step(registration: Registration) -> TimelineStep | None:
    kind = NEXT_STEP.get(registration.status)
    return registration.round.step(kind) if kind else None


@transaction.atomic
def move(registration: Registration, action: str, user, reason: str = "") -> Registration:
    """Apply one transition, or raise ValidationError (Chinese) and change nothing."""
    transition = TRANSITIONS[action]
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status not in transition.sources:
        raise ValidationError(
            f"这份报名表现在是“{current.get_status_display()}”，不能“{transition.label}”。"
            "请刷新页面查看最新状态。"
        )
    reason = reason.strip()
    if transition.needs_reason and not reason:
        raise ValidationError(f"“{transition.label}”需要填写原因，考生会看到这段说明。")
    registration.status = transition.target
    if transition.needs_reason:
        registration.reason = reason
    transition.effect(registration)
    registration.save()
    RegistrationEvent.objects.create(
        registration=registration,
        status=registration.status,
        title=transition.label,
        note=reason,
        by=user,
    )
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
