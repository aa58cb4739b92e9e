"""The subsidy roll's step table (careers.rolls, run by accounts.steps): submit by the station,
approve or return by the bureau; refusals in Chinese, and a StepLog entry with each change."""

import pytest

from accounts.models import StepLog
from accounts.steps import StepRefused, history
from careers.models import SubsidyRoll
from careers.rolls import ROLL_STEPS, approve_roll, return_roll, submit_roll

pytestmark = pytest.mark.django_db
R = SubsidyRoll.Status


def test_the_table_has_submit_approve_and_return():
    assert [s.name for s in ROLL_STEPS.steps] == ["submit", "approve", "return"]


def test_submit_approve_each_logged_with_who_and_the_notes(
    huanbei_march, tongxing_march, clerk_huanbei, clerk_tongxing, hub_officer
):
    submit_roll(tongxing_march, clerk_tongxing)
    approve_roll(tongxing_march, hub_officer)
    notes = submit_roll(huanbei_march, clerk_huanbei)
    approve_roll(huanbei_march, hub_officer)
    submitted, approved = history(huanbei_march)
    assert (submitted.from_state, submitted.to_state, submitted.user) == (
        R.DRAFT,
        R.SUBMITTED,
        clerk_huanbei,
    )
    assert submitted.data == {"notes": notes}
    assert (approved.to_state, approved.user) == (R.APPROVED, hub_officer)


def test_return_is_logged_with_its_reason_and_the_station_may_submit_again(
    huanbei_march, clerk_huanbei, hub_officer
):
    submit_roll(huanbei_march, clerk_huanbei)
    return_roll(huanbei_march, hub_officer, " 张伟的证书日期请核对 ")
    huanbei_march.refresh_from_db()
    assert huanbei_march.status == R.RETURNED
    assert huanbei_march.return_reason == "张伟的证书日期请核对"
    submit_roll(huanbei_march, clerk_huanbei)
    assert [log.to_state for log in history(huanbei_march)] == [
        R.SUBMITTED,
        R.RETURNED,
        R.SUBMITTED,
    ]
    assert history(huanbei_march)[1].data == {"reason": "张伟的证书日期请核对"}


@pytest.mark.parametrize("person", ["clerk_tongxing", "read_only_viewer", "outsider"])
def test_only_the_rolls_own_station_submits(request, huanbei_march, person):
    with pytest.raises(StepRefused, match="您只能提交本街道社工站的名单"):
        submit_roll(huanbei_march, request.getfixturevalue(person))
    assert SubsidyRoll.objects.get(pk=huanbei_march.pk).status == R.DRAFT
    assert not StepLog.objects.exists()


@pytest.mark.parametrize("person", ["clerk_huanbei", "read_only_viewer", "recruitment_officer"])
def test_only_the_bureau_approves_or_returns(request, huanbei_march, clerk_huanbei, person):
    submit_roll(huanbei_march, clerk_huanbei)
    user = request.getfixturevalue(person)
    with pytest.raises(StepRefused, match="只有区民政部门"):
        approve_roll(huanbei_march, user)
    with pytest.raises(StepRefused, match="只有区民政部门"):
        return_roll(huanbei_march, user, "金额有误")
    assert SubsidyRoll.objects.get(pk=huanbei_march.pk).status == R.SUBMITTED


def test_a_draft_cannot_be_approved_and_an_approved_roll_not_submitted(
    huanbei_march, clerk_huanbei, hub_officer
):
    with pytest.raises(StepRefused, match="只有“已提交，待审核”的名单"):
        approve_roll(huanbei_march, hub_officer)
    submit_roll(huanbei_march, clerk_huanbei)
    approve_roll(huanbei_march, hub_officer)
    with pytest.raises(StepRefused, match="已审核通过，不能再提交"):
        submit_roll(huanbei_march, clerk_huanbei)


def test_a_return_needs_a_reason(huanbei_march, clerk_huanbei, hub_officer):
    submit_roll(huanbei_march, clerk_huanbei)
    with pytest.raises(StepRefused, match="退回名单必须写明原因"):
        return_roll(huanbei_march, hub_officer, "")
    assert SubsidyRoll.objects.get(pk=huanbei_march.pk).status == R.SUBMITTED
    assert len(history(huanbei_march)) == 1


def test_when_the_lines_cannot_be_computed_the_roll_is_not_submitted(huanbei_march, clerk_huanbei):
    from careers.models import SubsidyPolicy

    SubsidyPolicy.objects.all().delete()
    with pytest.raises(StepRefused, match="没有生效的补贴政策"):
        submit_roll(huanbei_march, clerk_huanbei)
    assert SubsidyRoll.objects.get(pk=huanbei_march.pk).status == R.DRAFT
    assert not StepLog.objects.exists()
