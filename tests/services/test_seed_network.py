import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Street
from bijiang_social.models import KeyFigure
from services.models import FeatureProject, RuralVisit, ServiceDomain, ServicePoint

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = StringIO()
    call_command("load_guide", stdout=out)
    return out.getvalue()


def test_it_seeds_one_hub_eight_street_stations_and_37_community_points():
    _load()
    assert ServicePoint.objects.level_counts() == {"hub": 1, "street": 8, "community": 37}
    assert ServicePoint.objects.get(slug="district-hub").street is None
    assert ServicePoint.objects.get(slug="huanbei-station").street.name == "环北街道"
    assert Street.objects.count() == 8
    for street in Street.objects.all():
        assert ServicePoint.objects.stations().filter(street=street).count() == 1
        assert ServicePoint.objects.community().filter(street=street).exists()


def test_the_streets_use_the_agreed_slugs_and_mark_the_uncertain_ones_as_sample():
    _load()
    assert list(Street.objects.values_list("slug", flat=True)) == [
        "jinjiang",
        "huanbei",
        "hexi",
        "dengta",
        "zhengguang",
        "tongxing",
        "chuandong",
        "shizhong",
    ]
    assert Street.objects.get(slug="shizhong").is_verified is False
    assert Street.objects.get(slug="huanbei").is_verified is True


def test_every_seeded_point_is_sample_data_within_the_urban_area():
    _load()
    for point in ServicePoint.objects.all():
        assert point.is_verified is False
        assert 27.65 < point.latitude < 27.76 and 109.12 < point.longitude < 109.25
        assert point.phone.startswith("0856-0000")


def test_it_seeds_the_four_domains_the_two_feature_projects_and_the_person_times():
    _load()
    assert list(ServiceDomain.objects.values_list("name", flat=True)) == [
        "民生兜底服务",
        "社区治理服务",
        "特殊群体关爱",
        "专业支持服务",
    ]
    assert "留守、残障、空巢" in ServiceDomain.objects.get(name="特殊群体关爱").covers
    projects = {p.street.slug: p.title for p in FeatureProject.objects.select_related("street")}
    assert projects == {"huanbei": "青少年心理健康干预与成长引导", "tongxing": "社区养老照护服务"}
    figure = KeyFigure.objects.get(key="feature-projects-served")
    assert (figure.page, figure.value, figure.unit) == ("services", "2", "万人次以上")


def test_the_rural_visits_fall_in_the_coming_months():
    _load()
    today = timezone.localdate()
    dates = list(RuralVisit.objects.values_list("visit_date", flat=True))
    assert len(dates) == 8
    assert all(today <= d <= today + dt.timedelta(days=160) for d in dates)


def test_running_it_twice_creates_nothing_more_and_keeps_staff_edits():
    _load()
    ServicePoint.objects.filter(slug="huanbei-station").update(phone="0856-5221234")
    counts = (ServicePoint.objects.count(), RuralVisit.objects.count())
    output = _load()
    assert (ServicePoint.objects.count(), RuralVisit.objects.count()) == counts
    assert "服务站点：新增 0 条" in output
    assert ServicePoint.objects.get(slug="huanbei-station").phone == "0856-5221234"
