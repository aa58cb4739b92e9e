"""The monthly roll's workflow functions, with two stations."""

import pytest
from django.db import IntegrityError, transaction

from accounts.steps import StepRefused
from careers.models import RollLine, SocialWorker, SubsidyRoll
from careers.rolls import approve_roll, prepare_roll, return_roll, submit_roll
from tests.careers.conftest import APRIL, DECEMBER, amounts

pytestmark = pytest.mark.django_db


def test_a_station_prepares_its_month_with_amounts_from_the_rules(huanbei_march):
    notes = prepare_roll(huanbei_march)
    assert notes == []
    assert amounts(huanbei_march) == {
        "李娜": ("社工师", 500, 0, 200, 700),
        "张伟": ("助理社工师", 300, 0, 0, 300),  # 社工师 dated 15 March counts from April
    }


def test_the_new_level_counts_from_the_month_after_the_certificate(workers, huanbei):
    roll = SubsidyRoll.objects.create(street=huanbei, month=APRIL)
    prepare_roll(roll)
    assert amounts(roll)["张伟"] == ("社工师", 500, 0, 0, 500)


def test_the_december_roll_adds_the_yearly_title_subsidy(workers, tongxing):
    roll = SubsidyRoll.objects.create(street=tongxing, month=DECEMBER)
    prepare_roll(roll)
    assert amounts(roll) == {"刘洋": ("高级社工师", 800, 1000, 0, 1800)}


def test_preparing_again_recomputes_instead_of_adding(huanbei_march, levels):
    prepare_roll(huanbei_march)
    levels["intermediate"].monthly_post_subsidy = 550
    levels["intermediate"].save()
    prepare_roll(huanbei_march)
    assert huanbei_march.lines.count() == 2
    assert amounts(huanbei_march)["李娜"][4] == 750


def test_a_worker_who_moved_station_is_not_claimed_twice_in_a_month(
    workers, huanbei_march, tongxing_march, huanbei
):
    prepare_roll(tongxing_march)
    SocialWorker.objects.filter(pk=workers["liu"].pk).update(street=huanbei)
    notes = prepare_roll(huanbei_march)
    assert notes == ["刘洋本月已在其他社工站的名单中，未重复列入。"]
    assert "刘洋" not in amounts(huanbei_march)
    assert RollLine.objects.filter(worker=workers["liu"]).count() == 1


def test_the_database_refuses_a_worker_twice_in_a_month(workers, huanbei_march, tongxing_march):
    prepare_roll(huanbei_march)
    line = huanbei_march.lines.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        RollLine.objects.create(
            roll=tongxing_march,
            worker=line.worker,
            month=line.month,
            level_name="社工师",
            post_subsidy=1,
            title_subsidy=0,
            project_award=0,
            total=1,
        )


def test_two_stations_submit_and_the_bureau_approves(
    huanbei_march, tongxing_march, clerk_huanbei, clerk_tongxing, hub_officer
):
    submit_roll(huanbei_march, clerk_huanbei)
    submit_roll(tongxing_march, clerk_tongxing)
    assert set(SubsidyRoll.objects.awaiting_approval()) == {huanbei_march, tongxing_march}
    with pytest.raises(StepRefused, match="只有区民政部门"):
        approve_roll(huanbei_march, clerk_huanbei)
    approve_roll(huanbei_march, hub_officer)
    approve_roll(tongxing_march, hub_officer)
    huanbei_march.refresh_from_db()
    assert huanbei_march.status == SubsidyRoll.Status.APPROVED
    assert huanbei_march.decided_by == hub_officer
    assert amounts(tongxing_march) == {"刘洋": ("高级社工师", 800, 0, 0, 800)}


def test_a_clerk_cannot_submit_another_stations_roll(tongxing_march, clerk_huanbei):
    with pytest.raises(StepRefused, match="本街道"):
        submit_roll(tongxing_march, clerk_huanbei)
    tongxing_march.refresh_from_db()
    assert tongxing_march.status == SubsidyRoll.Status.DRAFT


def test_an_approved_roll_is_locked(huanbei_march, clerk_huanbei, hub_officer):
    submit_roll(huanbei_march, clerk_huanbei)
    approve_roll(huanbei_march, hub_officer)
    with pytest.raises(StepRefused, match="不能再重新计算"):
        prepare_roll(huanbei_march)
    with pytest.raises(StepRefused):
        submit_roll(huanbei_march, clerk_huanbei)
    with pytest.raises(StepRefused, match="只有“已提交"):
        return_roll(huanbei_march, hub_officer, "金额有误")


def test_a_returned_roll_needs_a_reason_and_can_be_resubmitted(
    huanbei_march, clerk_huanbei, hub_officer
):
    submit_roll(huanbei_march, clerk_huanbei)
    with pytest.raises(StepRefused, match="必须写明原因"):
        return_roll(huanbei_march, hub_officer, "   ")
    return_roll(huanbei_march, hub_officer, "张伟的证书日期请核对")
    huanbei_march.refresh_from_db()
    assert huanbei_march.status == SubsidyRoll.Status.RETURNED
    assert huanbei_march.return_reason == "张伟的证书日期请核对"
    submit_roll(huanbei_march, clerk_huanbei)
    huanbei_march.refresh_from_db()
    assert huanbei_march.status == SubsidyRoll.Status.SUBMITTED


def test_who_sees_what(
    workers, huanbei_march, tongxing_march, clerk_huanbei, clerk_tongxing, hub_officer, outsider
):
    names = lambda user: set(SocialWorker.objects.for_staff(user).values_list("name", flat=True))  # noqa: E731
    assert names(clerk_huanbei) == {"李娜", "张伟", "陈静"}
    assert names(clerk_tongxing) == {"刘洋"}
    assert names(hub_officer) == {"李娜", "张伟", "陈静", "刘洋"}
    assert names(outsider) == set()
    assert list(SubsidyRoll.objects.for_staff(clerk_tongxing)) == [tongxing_march]
    prepare_roll(huanbei_march)
    assert RollLine.objects.for_staff(clerk_tongxing).count() == 0
    assert RollLine.objects.for_staff(clerk_huanbei).count() == 2
