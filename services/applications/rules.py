"""The rules of a case: the deadlines the guide promises, the allowed state transitions,
and the follow-up rhythm (一月一回访、一季一评估). Plain functions; views and admin call them.

Deadlines are stored on the case when each step starts, so a later calendar edit does not
silently move a promise already made:
- on submission: 初审 by `first_review_working_days` working days after the submission date,
  复核 by `final_review_working_days` working days after the submission date (both counted
  from the day of submission, which itself does not count);
- on 复核通过: the social worker's call within `contact_hours` clock hours;
- on 服务中: the first return visit and evaluation, then each next one when one is recorded.
"""

import calendar
import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.access import may_handle_case
from accounts.steps import SYSTEM, Step, StepContext, StepRefused, Workflow, perform, register
from bijiang_social.workdays import add_working_days
from services.applications.models import (
    ApplicationDocument,
    CaseEvent,
    CaseNote,
    Channel,
    FollowUp,
    RequiredDocument,
    ReviewPolicy,
    ServiceApplication,
    ServiceCategory,
    Status,
    new_reference,
)
from services.notifications.sending import notify_step

# --- The steps of a case, as data ---------------------------------------------------------
# Each transition is one row of the step engine's table (accounts.steps): which states it
# leaves from, where it goes, who may take it, the kind of form that asks for what it needs
# (services.applications.forms.STEP_FORMS checks the input in its clean_<field> methods) and
# its effect on the locked case, which returns the names it changed. `perform` does the rest.


def _policy_effect(
    effect: Callable[[ServiceApplication, dict, dt.datetime, ReviewPolicy], list[str]],
) -> Callable[[ServiceApplication, StepContext], list[str]]:
    """A case's effect is given the step form's data, the moment and the review policy."""

    def run(case: ServiceApplication, ctx: StepContext) -> list[str]:
        return ["current_due", *effect(case, ctx.fields, ctx.now, ReviewPolicy.current())]

    run.__name__ = effect.__name__
    return run


def _reject(case: ServiceApplication, data: dict, now: dt.datetime, policy) -> list[str]:
    alternatives = data["alternatives"]  # RejectForm gives a list of lines
    if isinstance(alternatives, str):
        alternatives = alternatives.splitlines()
    case.rejection_reason = data["reason"].strip()
    case.alternatives = "\n".join(line.strip() for line in alternatives if line.strip())
    case.closed_at = now
    case.current_due = None
    return ["rejection_reason", "alternatives", "closed_at"]


def _first_pass(case: ServiceApplication, data: dict, now: dt.datetime, policy) -> list[str]:
    case.current_due = end_of_day(case.final_review_due)
    return []


def _final_pass(case: ServiceApplication, data: dict, now: dt.datetime, policy) -> list[str]:
    case.contact_due = contact_deadline(now, policy)
    case.current_due = case.contact_due
    return ["contact_due"]


def _assign(case: ServiceApplication, data: dict, now: dt.datetime, policy) -> list[str]:
    """A registered worker of the street (the admin's choice); the sample cases, made without
    careers' records, name one in `social_worker` instead."""
    worker = data.get("worker")
    case.assigned_worker = worker
    case.social_worker = worker.name if worker else data["social_worker"]
    case.social_worker_phone = data.get("phone") or (worker.phone if worker else "")
    return ["assigned_worker", "social_worker", "social_worker_phone"]


def _contact(case: ServiceApplication, data: dict, now: dt.datetime, policy) -> list[str]:
    case.contacted_at = data.get("contacted_at") or now
    case.current_due = None
    return ["contacted_at"]


def _start_service(case: ServiceApplication, data: dict, now: dt.datetime, policy) -> list[str]:
    case.service_started_at = now
    for kind in _intervals(policy):
        _schedule_next(case, kind, policy)
    _refresh_followup_due(case)
    return ["service_started_at"]


def _close(case: ServiceApplication, data: dict, now: dt.datetime, policy) -> list[str]:
    case.closed_at = now
    case.current_due = None
    # Visits not yet made are no longer due: a closed case shows no pending follow-up.
    case.followups.filter(done_on__isnull=True).delete()
    return ["closed_at"]


def _timeline(case: ServiceApplication, step: Step, ctx: StepContext) -> CaseEvent:
    """The resident's tracking page and the staff timeline read CaseEvent; she is told."""
    event = CaseEvent.objects.create(
        application=case,
        status=step.target,
        at=ctx.now,
        actor=None if ctx.user is SYSTEM else ctx.user,
        note=(ctx.fields.get("note") or "").strip(),
        next_due=case.current_due,
    )
    notify_step(case, step.target)
    return event


_REJECT_NEEDS = {
    "reason": "请填写未通过的原因，申请人会看到这段说明。",
    "alternatives": (
        "请至少填写一条其他可行的帮扶途径（例如其他服务类别、其他部门或咨询热线），每行一条。"
    ),
}


def _step(name, label, done, sources, target, effect, form="note", **extra) -> Step:
    return Step(
        name,
        label,
        sources,
        target,
        may=may_handle_case,
        effect=_policy_effect(effect),
        done=done,
        form=form,
        **extra,
    )


CASE_STEPS = register(
    Workflow(
        model=ServiceApplication,
        steps=(
            _step(
                "first_pass", "初审通过", "初审已通过", (Status.SUBMITTED,),
                Status.FIRST_PASSED, _first_pass,
            ),
            _step(
                "first_reject", "初审不通过", "已记录初审不通过", (Status.SUBMITTED,),
                Status.FIRST_FAILED, _reject, form="reject", primary=False,
                required=_REJECT_NEEDS,
            ),
            _step(
                "final_pass", "复核通过", "复核已通过", (Status.FIRST_PASSED,),
                Status.FINAL_PASSED, _final_pass,
            ),
            _step(
                "final_reject", "复核不通过", "已记录复核不通过", (Status.FIRST_PASSED,),
                Status.FINAL_FAILED, _reject, form="reject", primary=False,
                required=_REJECT_NEEDS,
            ),
            _step(
                "assign", "分派社工", "已分派社工", (Status.FINAL_PASSED,),
                Status.ASSIGNED, _assign, form="assign",
            ),
            _step(
                "contact", "记录已联系申请人", "已记录联系申请人", (Status.ASSIGNED,),
                Status.CONTACTED, _contact, form="contact",
            ),
            _step(
                "start_service", "开始服务", "已开始服务", (Status.CONTACTED,),
                Status.IN_SERVICE, _start_service,
            ),
            _step("close", "结案", "已结案", (Status.IN_SERVICE,), Status.CLOSED, _close),
        ),
        refused="您不能对这个个案进行“{label}”：只有本街道负责办理个案的工作人员可以办理。",
        timeline=_timeline,
    )
)  # fmt: skip
TRANSITIONS = {step.name: step for step in CASE_STEPS.steps}


def available_transitions(application: ServiceApplication) -> list[Step]:
    """The steps the case's state allows (the page shows them to those who may change it)."""
    return [t for t in CASE_STEPS.steps if application.status in t.sources]


def end_of_day(day: dt.date) -> dt.datetime:
    """A date deadline as a moment: the start of the next day, local time."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def review_deadlines(submitted_at: dt.datetime, policy: ReviewPolicy) -> tuple[dt.date, dt.date]:
    """(初审 due date, 复核 due date) for an application submitted at that moment."""
    day = timezone.localdate(submitted_at)
    return (
        add_working_days(day, policy.first_review_working_days),
        add_working_days(day, policy.final_review_working_days),
    )


def contact_deadline(approved_at: dt.datetime, policy: ReviewPolicy) -> dt.datetime:
    """The social worker calls within so many clock hours of approval (not working days)."""
    return approved_at + dt.timedelta(hours=policy.contact_hours)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the 31st becomes the month's last day where needed."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def followup_due(started: dt.date, interval_months: int, number: int) -> dt.date:
    """The `number`-th follow-up (1, 2, …) after service started, moved to a working day."""
    return add_working_days(add_months(started, interval_months * number), 0)


def _intervals(policy: ReviewPolicy) -> dict[str, int]:
    return {
        FollowUp.Kind.VISIT: policy.visit_interval_months,
        FollowUp.Kind.EVALUATION: policy.evaluation_interval_months,
    }


def _schedule_next(application: ServiceApplication, kind: str, policy: ReviewPolicy) -> None:
    number = application.followups.filter(kind=kind).count() + 1
    started = timezone.localdate(application.service_started_at)
    due = followup_due(started, _intervals(policy)[kind], number)
    FollowUp.objects.get_or_create(application=application, kind=kind, due_on=due)


def _refresh_followup_due(application: ServiceApplication) -> None:
    first = application.followups.filter(done_on__isnull=True).order_by("due_on").first()
    application.current_due = end_of_day(first.due_on) if first else None


def apply_transition(
    application: ServiceApplication,
    action: str,
    actor,
    *,
    note: str = "",
    now: dt.datetime | None = None,
    **data,
) -> CaseEvent:
    """Move a case one step on with the step form's cleaned data (accounts.steps.perform);
    returns the timeline entry. Raises StepRefused (Chinese) and changes nothing when the
    case is no longer in a state the step leaves from or the person may not take it."""
    log = perform(application, action, actor, now=now, note=note, **data)
    return log.timeline_entry


def record_followup(
    followup: FollowUp,
    actor: AbstractBaseUser | None,
    *,
    done_on: dt.date,
    outcome: str,
    next_step: str = "",
    early_reason: str = "",
) -> FollowUp | None:
    """Record a return visit or evaluation and schedule the next one of the same kind.

    The input is checked by forms.FollowUpForm (an outcome; a reason when recorded before the
    due date); here only what the form cannot know: that it is still open and in service."""
    if followup.done_on is not None:
        raise StepRefused("这次回访（评估）已经记录过了。")
    if followup.application.status != Status.IN_SERVICE:
        raise StepRefused("只有“服务中”的个案需要记录回访和评估。")
    policy = ReviewPolicy.current()
    with transaction.atomic():
        followup.done_on = done_on
        followup.done_by = actor
        followup.outcome = outcome.strip()
        followup.next_step = next_step.strip()
        followup.early_reason = early_reason.strip()
        followup.save(update_fields=["done_on", "done_by", "outcome", "next_step", "early_reason"])
        case = followup.application
        _schedule_next(case, followup.kind, policy)
        _refresh_followup_due(case)
        case.save(update_fields=["current_due"])
    return case.followups.filter(kind=followup.kind, done_on__isnull=True).first()


def add_note(case: ServiceApplication, author: AbstractBaseUser, text: str) -> CaseNote:
    """An internal note in the staff timeline; residents never see it."""
    return CaseNote.objects.create(application=case, author=author, text=text.strip())


def _unique_reference(now: dt.datetime) -> str:
    year = timezone.localdate(now).year
    for _ in range(10):
        reference = new_reference(year)
        if not ServiceApplication.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("could not draw a free reference number")


def submit_application(
    *,
    category: ServiceCategory,
    details: dict,
    uploads: list[tuple[RequiredDocument, UploadedFile, str]],
    now: dt.datetime | None = None,
    channel: str = Channel.ONLINE,
    entered_by: AbstractBaseUser | None = None,
    extra_uploads: list[tuple[str, UploadedFile, str]] = (),
) -> ServiceApplication:
    """Store an application, its first timeline step and its documents, all or nothing.

    The same for a resident online and for a clerk entering a paper or phone application
    (`channel`, `entered_by`, and `extra_uploads`: the scanned form as (name, file, type)):
    one reference, the same deadlines, the same tracking.

    If any document cannot be stored, the database rows are rolled back and the files
    already written are deleted, then the error is raised again.
    """
    now = now or timezone.now()
    first_due, final_due = review_deadlines(now, ReviewPolicy.current())
    stored: list[ApplicationDocument] = []
    try:
        with transaction.atomic():
            application = ServiceApplication.objects.create(
                reference=_unique_reference(now),
                category=category,
                applicant_name=details["applicant_name"],
                id_number=details["id_number"],
                mobile=details["mobile"],
                street=details["street"],
                community=details.get("community"),
                help_needed=details["help_needed"],
                declaration_confirmed=bool(details.get("declaration")),
                channel=channel,
                entered_by=entered_by,
                consent_at=now,
                submitted_at=now,
                first_review_due=first_due,
                final_review_due=final_due,
                current_due=end_of_day(first_due),
            )
            CaseEvent.objects.create(
                application=application,
                status=Status.SUBMITTED,
                at=now,
                next_due=application.current_due,
            )
            notify_step(application, Status.SUBMITTED)
            named = [(r, r.name, upload, kind) for r, upload, kind in uploads]
            named += [(None, name, upload, kind) for name, upload, kind in extra_uploads]
            for requirement, name, upload, content_type in named:
                document = ApplicationDocument(
                    application=application,
                    requirement=requirement,
                    name=name,
                    original_name=upload.name[:200],
                    content_type=content_type,
                    size=upload.size,
                    uploaded_at=now,
                )
                stored.append(document)
                document.file.save("upload", upload, save=True)
    except BaseException:
        for document in stored:
            if document.file.name:
                document.file.storage.delete(document.file.name)
        raise
    return application
