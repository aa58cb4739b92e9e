"""The step engine (accounts.steps) on a tiny table of its own: a calendar day turned from a
holiday into a working day and back, which only the district hub may do, with a note."""

import datetime as dt
import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import steps
from accounts.access import sees_every_street
from accounts.models import StepLog
from accounts.steps import SYSTEM, Step, StepRefused, Workflow, history, perform
from bijiang_social.models import CalendarDay

pytestmark = pytest.mark.django_db
K = CalendarDay.Kind


def _noted(day, ctx):
    day.note = ctx.fields["note"].strip()
    if day.note == "出错":
        raise RuntimeError("the effect failed")
    return ["note"]


TINY = Workflow(
    model=CalendarDay,
    state_field="kind",
    steps=(
        Step(
            "to_workday", "改为调休上班", (K.HOLIDAY,), K.WORKDAY,
            may=lambda user, day: sees_every_street(user), effect=_noted,
            required={"note": "请写明调休的依据，例如国务院办公厅通知的文号。"},
        ),
        Step("to_holiday", "改为放假", (K.WORKDAY,), K.HOLIDAY, may=lambda user, day: True),
    ),
    refused="只有区社工总站可以“{label}”。",
)  # fmt: skip


@pytest.fixture(autouse=True)
def tiny_table(monkeypatch):
    monkeypatch.setitem(steps._WORKFLOWS, "bijiang_social.calendarday", TINY)


@pytest.fixture
def holiday(db):
    return CalendarDay.objects.create(date=dt.date(2026, 10, 10), kind=K.HOLIDAY, note="国庆")


def test_an_allowed_step_changes_the_row_and_writes_its_history(holiday, hub_officer):
    log = perform(holiday, "to_workday", hub_officer, note=" 国办发明电〔2025〕7号 ")
    holiday.refresh_from_db()
    assert holiday.kind == K.WORKDAY and holiday.note == "国办发明电〔2025〕7号"
    assert (log.step, log.title, log.from_state, log.to_state) == (
        "to_workday",
        "改为调休上班",
        "holiday",
        "workday",
    )
    assert log.user == hub_officer and log.target == holiday
    assert log.data == {"note": "国办发明电〔2025〕7号"}
    assert list(history(holiday)) == [log]


def test_the_callers_copy_shows_the_new_state(holiday, hub_officer):
    perform(holiday, "to_workday", hub_officer, note="通知")
    assert holiday.kind == K.WORKDAY and holiday.note == "通知"


def test_the_wrong_person_is_refused_and_nothing_changes(holiday, clerk_huanbei):
    with pytest.raises(StepRefused, match="只有区社工总站可以“改为调休上班”"):
        perform(holiday, "to_workday", clerk_huanbei, note="通知")
    holiday.refresh_from_db()
    assert holiday.kind == K.HOLIDAY and not StepLog.objects.exists()


def test_a_step_from_the_wrong_state_is_refused_in_chinese(holiday, hub_officer):
    with pytest.raises(StepRefused, match="当前状态是“放假（非工作日）”，不能进行“改为放假”"):
        perform(holiday, "to_holiday", hub_officer)
    assert not StepLog.objects.exists()


@pytest.mark.parametrize("note", [None, "", "   "])
def test_a_required_field_left_blank_is_refused_with_its_message(holiday, hub_officer, note):
    fields = {} if note is None else {"note": note}
    with pytest.raises(StepRefused, match="请写明调休的依据"):
        perform(holiday, "to_workday", hub_officer, **fields)
    holiday.refresh_from_db()
    assert holiday.kind == K.HOLIDAY and not StepLog.objects.exists()


def test_an_unknown_step_is_refused(holiday, hub_officer):
    with pytest.raises(StepRefused, match="没有这个办理操作"):
        perform(holiday, "to_weekend", hub_officer)


def test_when_the_effect_fails_neither_the_change_nor_its_history_is_kept(holiday, hub_officer):
    with pytest.raises(RuntimeError):
        perform(holiday, "to_workday", hub_officer, note="出错")
    holiday.refresh_from_db()
    assert holiday.kind == K.HOLIDAY and holiday.note == "国庆"
    assert not StepLog.objects.exists()


def test_a_second_clerk_sending_the_same_step_with_a_stale_page_is_refused(holiday, hub_officer):
    """Both pages were loaded while the day was a holiday; the second click finds it changed."""
    second_page = CalendarDay.objects.get(pk=holiday.pk)
    perform(holiday, "to_workday", hub_officer, note="通知")
    with pytest.raises(StepRefused, match="当前状态是“调休上班（工作日）”"):
        perform(second_page, "to_workday", hub_officer, note="通知")
    assert StepLog.objects.count() == 1


# Row locks exist on PostgreSQL (CI runs the suite there too); SQLite locks the whole file
# instead, so the test is collected only where it means something — never skipped.
if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):

    def test_the_row_is_read_for_update(holiday, hub_officer):
        with CaptureQueriesContext(connection) as queries:
            perform(holiday, "to_workday", hub_officer, note="通知")
        locking = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
        assert locking and "bijiang_social_calendarday" in locking[0]


def test_the_system_may_take_a_step_and_is_logged_as_nobody(holiday):
    log = perform(holiday, "to_workday", SYSTEM, note="示例数据")
    assert log.user is None


def test_available_lists_the_steps_of_the_state_that_the_person_may_take(
    holiday, hub_officer, clerk_huanbei
):
    assert [s.name for s in TINY.available(holiday, hub_officer)] == ["to_workday"]
    assert TINY.available(holiday, clerk_huanbei) == []


def test_a_table_may_not_name_two_steps_alike():
    with pytest.raises(ValueError, match="two steps"):
        Workflow(model=CalendarDay, steps=(TINY.steps[0], TINY.steps[0]))


def test_a_model_without_a_table_has_no_steps(hub_officer, huanbei):
    with pytest.raises(LookupError):
        perform(huanbei, "anything", hub_officer)
