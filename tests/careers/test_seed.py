from io import StringIO

import pytest
from django.core.management import call_command

from careers.models import (
    AssessmentCriterion,
    CertificateLevel,
    PromotionStep,
    PromotionWindow,
    SubsidyPolicy,
    TrainingChannel,
)

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = StringIO()
    call_command("load_guide", stdout=out)
    return out.getvalue()


def test_it_loads_the_guides_amounts_thresholds_and_window():
    _load()
    amounts = dict(CertificateLevel.objects.values_list("code", "monthly_post_subsidy"))
    assert amounts == {"none": 0, "assistant": 300, "intermediate": 500, "senior": 800}
    policy = SubsidyPolicy.objects.get()
    assert (policy.title_subsidy_yearly, policy.project_award_monthly) == (1000, 200)
    assert policy.title_min_level.name == "社工师"
    assert PromotionStep.objects.count() == 2
    assert str(PromotionWindow.objects.get()) == "每年6月1日至30日"
    assert AssessmentCriterion.objects.count() == 3
    assert TrainingChannel.objects.count() == 4


def test_running_it_twice_creates_nothing_more_and_keeps_staff_edits():
    _load()
    CertificateLevel.objects.filter(code="intermediate").update(monthly_post_subsidy=550)
    PromotionWindow.objects.update(month=7)
    counts = [m.objects.count() for m in (CertificateLevel, SubsidyPolicy, PromotionStep)]
    output = _load()
    assert [m.objects.count() for m in (CertificateLevel, SubsidyPolicy, PromotionStep)] == counts
    assert "证书等级与岗位补贴：新增 0 条" in output
    assert CertificateLevel.objects.get(code="intermediate").monthly_post_subsidy == 550
    assert PromotionWindow.objects.get().month == 7
