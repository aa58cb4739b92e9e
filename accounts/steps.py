"""The one step engine: every workflow of the portal (cases, registrations, promotion
applications, subsidy rolls) declares its steps as rows of one table, and `perform` runs them.

A step (`Step`) is one row: its name, the button's label, the states it leaves from, the state
it goes to, who may take it (`may(user, obj)`, a named function of accounts/access.py), the
fields it needs (each with the Chinese message shown when it is blank) and its effect (a
callable that sets fields on the locked row). A workflow (`Workflow`) is one model's table and
the messages it answers with; the domain app registers it with `register()` when its module
is imported.

`perform(obj, step_name, user, **fields)` does, in one `transaction.atomic` (pretix's
`approve_order` + `log_action` is the model):

1. lock the row (`select_for_update`), so two clerks sending the same step at once cannot both
   apply it: the second waits, then finds the new state and is refused;
2. check who may (`Step.may`), then the state (`Step.sources`), then the required fields;
3. set the new state, run the effect, save the row;
4. write its `StepLog` entry (who, when, from, to, the fields and what the effect recorded),
   and the workflow's own `timeline` entry when it keeps one (the resident's and the candidate's
   progress pages), in the same transaction — if the effect raises, nothing is changed.

Every refusal is one error type, `StepRefused`, whose message is Chinese and says what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone


class StepRefused(Exception):
    """A step that may not be taken now, by this person, or without a field; the message is
    Chinese and meant for the person who tried."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class _System:
    """The portal itself taking a step (sample data, a management command): no person, so no
    permission to check; the log records no user. Pass `SYSTEM` as the user, never None."""

    pk = None
    is_authenticated = False

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()


def anyone(user, obj) -> bool:
    return True


@dataclass
class StepContext:
    """What an effect is given: the person, the moment, the step's fields, and `record`, where
    it may note what the history should keep besides the fields (e.g. the roll's notes)."""

    user: Any
    now: dt.datetime
    fields: dict
    step: Step
    record: dict = field(default_factory=dict)


Effect = Callable[[models.Model, StepContext], Iterable[str] | None]
"""Sets fields on the locked row; returns the names it changed (saved with update_fields
together with the state field), or None to save the whole row."""


def _no_effect(obj, ctx: StepContext) -> list[str]:
    return []


@dataclass(frozen=True)
class Step:
    name: str
    label: str  # the button, and the history entry's title
    sources: tuple[str, ...]
    target: str
    may: Callable[[Any, Any], bool] = anyone
    required: dict[str, str] = field(default_factory=dict)  # field -> message when blank
    effect: Effect = _no_effect
    done: str = ""  # the message afterwards, where the page shows one
    form: str = ""  # the kind of form the page shows for it (the workflow's own vocabulary)
    primary: bool = True  # the main way forward (a rejection is not)
    refused: str = ""  # the message for a person who may not; the workflow's when empty
    wrong_state: str = ""  # the message from a wrong state; the workflow's when empty

    @property
    def action(self) -> str:
        return self.name

    @property
    def needs_reason(self) -> bool:
        return "reason" in self.required


@dataclass(frozen=True)
class Workflow:
    model: type[models.Model]
    steps: tuple[Step, ...]
    state_field: str = "status"
    refused: str = "您不能执行“{label}”：这不在您的职责范围内。"
    wrong_state: str = "当前状态是“{state}”，不能进行“{label}”。"
    unknown: str = "没有这个办理操作。"
    select_related: tuple[str, ...] = ()
    timeline: Callable[[models.Model, Step, StepContext], Any] | None = None
    """Writes the workflow's own progress entry (CaseEvent, RegistrationEvent) for the pages
    residents and candidates read; called inside the same transaction, after the change."""

    def __post_init__(self) -> None:
        names = [step.name for step in self.steps]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.model.__name__}: two steps share a name")

    def step(self, name: str) -> Step:
        for step in self.steps:
            if step.name == name:
                return step
        raise StepRefused(self.unknown)

    def state_of(self, obj) -> str:
        return getattr(obj, self.state_field)

    def available(self, obj, user=SYSTEM) -> list[Step]:
        """The steps this row's state allows and this person may take, in table order."""
        state = self.state_of(obj)
        return [s for s in self.steps if state in s.sources and _may(s, user, obj)]


_WORKFLOWS: dict[str, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    """Make a model's table the one `perform` uses for its rows (called at import)."""
    _WORKFLOWS[workflow.model._meta.label_lower] = workflow
    return workflow


def workflow_for(obj_or_model) -> Workflow:
    label = obj_or_model._meta.label_lower
    if label not in _WORKFLOWS:
        raise LookupError(f"no step table registered for {label}")
    return _WORKFLOWS[label]


def _may(step: Step, user, obj) -> bool:
    return user is SYSTEM or bool(step.may(user, obj))


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | set | dict):
        return not any(
            not _blank(v) for v in (value.values() if isinstance(value, dict) else value)
        )
    return False


def _jsonable(value):
    """The fields as the log keeps them: a row becomes its id and its name, a date its ISO text."""
    if isinstance(value, models.Model):
        return {"id": value.pk, "text": str(value)}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def _display(workflow: Workflow, obj, state: str) -> str:
    """A state's Chinese name (its choice label)."""
    choices = obj._meta.get_field(workflow.state_field).flatchoices
    return str(dict(choices).get(state, state))


def perform(obj, step_name: str, user, *, now: dt.datetime | None = None, **fields):
    """Take one step on `obj` (see the module's docstring); returns the `StepLog` entry and
    updates `obj` in place. Raises `StepRefused` (Chinese) and changes nothing when it may not."""
    from accounts.models import StepLog

    workflow = workflow_for(obj)
    step = workflow.step(step_name)
    now = now or timezone.now()
    model = type(obj)
    with transaction.atomic():
        queryset = model._default_manager.select_for_update(of=("self",))
        if workflow.select_related:
            queryset = queryset.select_related(*workflow.select_related)
        locked = queryset.get(pk=obj.pk)
        state = workflow.state_of(locked)
        if not _may(step, user, locked):
            raise StepRefused((step.refused or workflow.refused).format(label=step.label))
        if state not in step.sources:
            message = step.wrong_state or workflow.wrong_state
            raise StepRefused(
                message.format(label=step.label, state=_display(workflow, locked, state))
            )
        for name, message in step.required.items():
            if _blank(fields.get(name)):
                raise StepRefused(message)
        ctx = StepContext(user=user, now=now, fields=fields, step=step)
        setattr(locked, workflow.state_field, step.target)
        changed = step.effect(locked, ctx)
        if changed is None:
            locked.save()
        else:
            locked.save(update_fields=list(dict.fromkeys([workflow.state_field, *changed])))
        log = StepLog.objects.create(
            target=locked,
            step=step.name,
            title=step.label,
            from_state=state,
            to_state=step.target,
            user=None if user is SYSTEM else user,
            at=now,
            data=_jsonable({**fields, **ctx.record}),
        )
        log.timeline_entry = workflow.timeline(locked, step, ctx) if workflow.timeline else None
    for f in model._meta.concrete_fields:  # the caller's copy shows the new state
        setattr(obj, f.attname, getattr(locked, f.attname))
    return log


def history(obj):
    """The step log of one row, oldest first."""
    from django.contrib.contenttypes.models import ContentType

    from accounts.models import StepLog

    return StepLog.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).order_by("at", "id")
