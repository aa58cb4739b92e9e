"""The promotion application's step table (careers.promotions, run by accounts.steps): each
step by the right person, refused for the wrong one, from the wrong state and without a reason;
each writes its StepLog entry with the change."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import StepLog
from accounts.steps import StepRefused, history
from careers.models import PromotionApplication, Role
from careers.promotions import PROMOTION_STEPS, take_step
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db
S = PromotionApplication.Status


def _application(worker, status=S.SUBMITTED) -> PromotionApplication:
    return PromotionApplication.objects.create(
        worker=worker,
        year=2026,
        from_role=Role.FRONTLINE,
        to_role=Role.SUPERVISOR,
        years=Decimal("2.5"),
        key_projects=2,
        level_name="中级社会工作师",
        training_hours=Decimal("40"),
        statement="希望承担项目主管工作。",
        status=status,
        submitted_at=dt.datetime(2026, 6, 10, 9, tzinfo=dt.UTC),
    )


@pytest.fixture
def li_application(workers):
    return _application(workers["li"])


def test_the_table_has_the_four_steps():
    assert [s.name for s in PROMOTION_STEPS.steps] == ["forward", "return", "approve", "reject"]


@pytest.mark.parametrize(
    "step, start, person, reason, end",
    [
        ("forward", S.SUBMITTED, "clerk_huanbei", "", S.FORWARDED),
        ("return", S.SUBMITTED, "clerk_huanbei", "请补充项目材料", S.RETURNED),
        ("approve", S.FORWARDED, "hub_officer", "", S.APPROVED),
        ("reject", S.FORWARDED, "hub_officer", "任职年限不足", S.REJECTED),
    ],
)
def test_each_step_by_the_right_person_moves_it_and_is_logged(
    request, workers, step, start, person, reason, end
):
    application = _application(workers["li"], start)
    user = request.getfixturevalue(person)
    take_step(application, user, step, reason)
    application.refresh_from_db()
    assert application.status == end and application.reason == reason
    (log,) = history(application)
    assert (log.step, log.from_state, log.to_state, log.user) == (step, start, end, user)
    assert log.data == {"reason": reason}


@pytest.mark.parametrize(
    "step, start, person",
    [
        ("forward", S.SUBMITTED, "clerk_tongxing"),  # another street's station
        ("forward", S.SUBMITTED, "read_only_viewer"),
        ("forward", S.SUBMITTED, "outsider"),
        ("approve", S.FORWARDED, "clerk_huanbei"),  # the station may not decide
        ("reject", S.FORWARDED, "recruitment_officer"),
    ],
)
def test_the_wrong_person_is_refused(request, workers, step, start, person):
    application = _application(workers["li"], start)
    with pytest.raises(StepRefused, match="不在您的职责范围"):
        take_step(application, request.getfixturevalue(person), step, "原因")
    application.refresh_from_db()
    assert application.status == start and not StepLog.objects.exists()


def test_a_step_from_the_wrong_state_is_refused(li_application, hub_officer):
    with pytest.raises(StepRefused, match="状态已变化"):
        take_step(li_application, hub_officer, "approve")
    assert PromotionApplication.objects.get().status == S.SUBMITTED


@pytest.mark.parametrize("step, start, person", [
    ("return", S.SUBMITTED, "clerk_huanbei"), ("reject", S.FORWARDED, "hub_officer")
])  # fmt: skip
def test_return_and_reject_need_a_reason(request, workers, step, start, person):
    application = _application(workers["li"], start)
    with pytest.raises(StepRefused, match="必须写明原因，社工会在自己的页面上看到"):
        take_step(application, request.getfixturevalue(person), step, "  ")
    assert not StepLog.objects.exists()


def test_the_page_refuses_a_clerk_of_another_street(client, li_application, clerk_tongxing):
    client.login(username=clerk_tongxing.username, password=STAFF_PASSWORD)
    url = reverse("admin:careers_promotionapplication_step", args=[li_application.pk, "forward"])
    assert client.post(url).status_code == 404  # not in her street: not found
    assert PromotionApplication.objects.get().status == S.SUBMITTED
