from io import StringIO

import pytest
from django.core.management import call_command

from bijiang_social.models import GuideSection, KeyFigure

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = StringIO()
    call_command("load_guide", stdout=out)
    return out.getvalue()


def test_it_loads_the_overview_from_the_guide():
    _load()
    assert KeyFigure.objects.get(key="agencies").value == "12"
    assert KeyFigure.objects.get(key="certification-rate").unit == "%"
    assert GuideSection.objects.filter(page="overview").count() >= 4


def test_running_it_twice_creates_nothing_more():
    _load()
    counts = (KeyFigure.objects.count(), GuideSection.objects.count())
    output = _load()
    assert (KeyFigure.objects.count(), GuideSection.objects.count()) == counts
    assert "新增 0 条" in output


def test_running_it_again_keeps_what_staff_edited():
    _load()
    KeyFigure.objects.filter(key="full-time-staff").update(value="230")
    _load()
    assert KeyFigure.objects.get(key="full-time-staff").value == "230"
