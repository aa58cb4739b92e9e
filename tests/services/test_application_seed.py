"""load_guide loads the three categories, their documents and the deadlines policy."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Street
from services.applications.models import RequiredDocument, ReviewPolicy, ServiceCategory

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = StringIO()
    call_command("load_guide", stdout=out)
    return out.getvalue()


def test_it_loads_the_guides_categories_documents_and_deadlines_without_any_street():
    assert not Street.objects.exists()
    assert "服务申请" in _load()
    assert list(ServiceCategory.objects.values_list("name", flat=True)) == [
        "民生兜底",
        "社区治理",
        "特殊群体帮扶",
    ]
    minsheng = ServiceCategory.objects.get(name="民生兜底")
    assert minsheng.allows_declaration
    assert [d.name for d in minsheng.documents.all()] == ["身份证", "家庭收入证明"]
    assert minsheng.documents.get(name="家庭收入证明").declarable
    assert not minsheng.documents.get(name="身份证").declarable
    special = ServiceCategory.objects.get(name="特殊群体帮扶")
    assert "残障证" in special.documents.get(name="资质证明").hint
    policy = ReviewPolicy.current()
    assert (policy.first_review_working_days, policy.final_review_working_days) == (3, 7)
    assert (policy.contact_hours, policy.visit_interval_months) == (24, 1)
    assert policy.evaluation_interval_months == 3


def test_running_it_twice_keeps_what_staff_edited_and_adds_nothing():
    _load()
    ReviewPolicy.objects.update(first_review_working_days=2)
    ServiceCategory.objects.filter(name="社区治理").update(channel="街道社工站窗口")
    counts = (ServiceCategory.objects.count(), RequiredDocument.objects.count())
    _load()
    assert (ServiceCategory.objects.count(), RequiredDocument.objects.count()) == counts
    assert ReviewPolicy.objects.count() == 1
    assert ReviewPolicy.current().first_review_working_days == 2
    assert ServiceCategory.objects.get(name="社区治理").channel == "街道社工站窗口"
