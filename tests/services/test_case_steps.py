"""A case's step table (services.applications.rules, run by accounts.steps): each step by a
clerk of the case's street, refused for anybody else, from the wrong state and without a
reason; the change, the resident's CaseEvent and the StepLog entry all or nothing."""

import pytest

from accounts.models import StepLog
from accounts.steps import StepRefused, history
from services.applications.models import CaseEvent, ServiceApplication, Status
from services.applications.rules import CASE_STEPS, apply_transition
from tests.services.conftest import registered_worker

pytestmark = pytest.mark.django_db

ROAD = ["first_pass", "final_pass", "assign", "contact", "start_service", "close"]


def _fields(case, step):
    if step in ("first_reject", "final_reject"):
        return {"reason": "不符合条件", "alternatives": ["社区居委会"]}
    if step == "assign":
        return {"worker": registered_worker(case.street)}
    return {}


def test_the_table_has_every_step_of_a_case():
    assert [s.name for s in CASE_STEPS.steps] == [
        "first_pass", "first_reject", "final_pass", "final_reject", *ROAD[2:]
    ]  # fmt: skip


def test_a_clerk_of_the_street_takes_every_step_and_each_is_logged(huanbei_case, clerk_huanbei):
    for step in ROAD:
        apply_transition(huanbei_case, step, clerk_huanbei, **_fields(huanbei_case, step))
    assert huanbei_case.status == Status.CLOSED
    logs = list(history(huanbei_case))
    assert [log.step for log in logs] == ROAD and {log.user for log in logs} == {clerk_huanbei}
    assert logs[2].data["worker"]["text"] == str(registered_worker(huanbei_case.street))
    assert CaseEvent.objects.filter(application=huanbei_case).count() == 1 + len(ROAD)


@pytest.mark.parametrize("step, before", [("first_reject", []), ("final_reject", ["first_pass"])])
def test_a_rejection_is_logged_with_its_reason(huanbei_case, clerk_huanbei, step, before):
    for earlier in before:
        apply_transition(huanbei_case, earlier, clerk_huanbei)
    apply_transition(huanbei_case, step, clerk_huanbei, **_fields(huanbei_case, step))
    log = history(huanbei_case).last()
    assert log.data == {"reason": "不符合条件", "alternatives": ["社区居委会"], "note": ""}


@pytest.mark.parametrize("person", ["clerk_tongxing", "read_only_viewer", "outsider"])
def test_anybody_but_a_clerk_of_the_street_is_refused(request, huanbei_case, person):
    with pytest.raises(StepRefused, match="只有本街道负责办理个案的工作人员可以办理"):
        apply_transition(huanbei_case, "first_pass", request.getfixturevalue(person))
    assert ServiceApplication.objects.get(pk=huanbei_case.pk).status == Status.SUBMITTED
    assert not StepLog.objects.exists()


def test_the_hub_may_take_a_step_on_any_street(huanbei_case, hub_officer):
    apply_transition(huanbei_case, "first_pass", hub_officer)
    assert huanbei_case.status == Status.FIRST_PASSED


def test_a_step_from_the_wrong_state_is_refused(huanbei_case, clerk_huanbei):
    with pytest.raises(StepRefused, match="当前状态是“.*”，不能进行“开始服务”"):
        apply_transition(huanbei_case, "start_service", clerk_huanbei)


@pytest.mark.parametrize(
    "missing, message",
    [("reason", "请填写未通过的原因"), ("alternatives", "请至少填写一条其他可行的帮扶途径")],
)
def test_a_rejection_without_its_reason_or_alternatives_is_refused(
    huanbei_case, clerk_huanbei, missing, message
):
    fields = {
        **_fields(huanbei_case, "first_reject"),
        missing: [] if missing == "alternatives" else " ",
    }
    with pytest.raises(StepRefused, match=message):
        apply_transition(huanbei_case, "first_reject", clerk_huanbei, **fields)
    assert ServiceApplication.objects.get(pk=huanbei_case.pk).status == Status.SUBMITTED


def test_when_the_residents_notice_fails_nothing_of_the_step_is_kept(
    huanbei_case, clerk_huanbei, monkeypatch
):
    def broken(case, status):
        raise RuntimeError("the outbox is down")

    monkeypatch.setattr("services.applications.rules.notify_step", broken)
    with pytest.raises(RuntimeError):
        apply_transition(huanbei_case, "first_pass", clerk_huanbei)
    assert ServiceApplication.objects.get(pk=huanbei_case.pk).status == Status.SUBMITTED
    assert CaseEvent.objects.filter(application=huanbei_case).count() == 1
    assert not StepLog.objects.exists()
