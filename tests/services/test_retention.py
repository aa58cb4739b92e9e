"""apply_retention: documents of cases closed longer ago than the retention period go,
and those cases are anonymised."""

import datetime as dt
import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from services.applications.models import ApplicationDocument, ReviewPolicy, ServiceApplication
from services.applications.rules import apply_transition
from tests.conftest import STAFF_PASSWORD
from tests.services.conftest import make_case

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def _rejected(category, street, clerk, days_ago):
    case = make_case(category, street)
    apply_transition(
        case,
        "first_reject",
        clerk,
        reason="不符合条件",
        alternatives="拨打12345热线",
        now=timezone.now() - dt.timedelta(days=days_ago),
    )
    return case


def test_it_removes_only_the_documents_of_cases_closed_longer_than_the_period(
    minsheng, huanbei, clerk_huanbei
):
    ReviewPolicy.objects.update(document_retention_days=30)
    old = _rejected(minsheng, huanbei, clerk_huanbei, days_ago=31)
    recent = _rejected(minsheng, huanbei, clerk_huanbei, days_ago=29)
    open_case = make_case(minsheng, huanbei)
    path = old.documents.get().file.path

    output = _run()

    assert "已删除 1 份材料" in output
    document = ApplicationDocument.objects.get(application=old)
    assert not document.file and document.removed_at is not None
    assert not os.path.exists(path)
    old.refresh_from_db()
    assert old.documents_removed_at is not None
    assert old.events.count() == 2  # the case and its timeline stay
    assert recent.documents.get().file and open_case.documents.get().file


def test_it_anonymises_only_cases_closed_longer_than_the_period(minsheng, huanbei, clerk_huanbei):
    ReviewPolicy.objects.update(document_retention_days=30)
    old = _rejected(minsheng, huanbei, clerk_huanbei, days_ago=31)
    recent = _rejected(minsheng, huanbei, clerk_huanbei, days_ago=29)

    assert "匿名化 1 件申请" in _run()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.applicant_name, old.id_number, old.mobile) == ("张*", "", "")
    assert "已按保存期限匿名化" in old.help_needed and old.anonymised_at
    assert old.street == huanbei and old.category == minsheng
    assert recent.id_number and recent.mobile and recent.applicant_name == "张三"
    # Staff search by the last four digits no longer finds the anonymised case.
    assert list(ServiceApplication.objects.phone_ending(recent.mobile[-4:])) == [recent]


def test_running_it_again_removes_nothing_more(minsheng, huanbei, clerk_huanbei):
    ReviewPolicy.objects.update(document_retention_days=30)
    _rejected(minsheng, huanbei, clerk_huanbei, days_ago=40)
    _run()
    assert "已删除 0 份材料，匿名化 0 件申请" in _run()


def test_a_dry_run_deletes_nothing(minsheng, huanbei, clerk_huanbei):
    ReviewPolicy.objects.update(document_retention_days=30)
    case = _rejected(minsheng, huanbei, clerk_huanbei, days_ago=40)
    assert "将删除 1 份材料" in _run("--dry-run")
    assert case.documents.get().file


def test_a_removed_document_is_no_longer_downloadable(client, minsheng, huanbei, clerk_huanbei):
    ReviewPolicy.objects.update(document_retention_days=30)
    case = _rejected(minsheng, huanbei, clerk_huanbei, days_ago=40)
    _run()
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    document = case.documents.get()
    url = reverse("admin:services_serviceapplication_document", args=[case.pk, document.pk])
    assert client.get(url).status_code == 404
    assert (
        "已按保存期限删除"
        in client.get(
            reverse("admin:services_serviceapplication_change", args=[case.pk])
        ).content.decode()
    )
