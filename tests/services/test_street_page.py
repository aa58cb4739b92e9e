import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Street
from services.models import RuralVisit, ServicePoint
from tests.services.points import add_community_points

pytestmark = pytest.mark.django_db


def _get(client, slug: str):
    return client.get(reverse("services:street", args=[slug]))


def test_it_shows_the_station_its_community_points_and_its_feature_project(client, guide):
    html = _get(client, "huanbei").content.decode()
    station = ServicePoint.objects.get(slug="huanbei-station")
    assert "<h1>环北街道" in html
    assert station.address in html
    assert station.opening_hours in html
    assert f'href="tel:{station.phone}"' in html
    assert "民生兜底服务" in html
    assert "青少年心理健康干预与成长引导" in html
    assert "社区社工服务点（6个）" in html
    for point in ServicePoint.objects.community().filter(street__slug="huanbei"):
        assert point.get_absolute_url() in html
    assert "社区养老照护服务" not in html  # 铜兴's project, not 环北's
    assert html.count("<h1") == 1


def test_its_apply_link_preselects_the_station(client, guide):
    html = _get(client, "tongxing").content.decode()
    assert f'href="{reverse("services:apply")}?station=tongxing-station"' in html


def test_it_lists_only_upcoming_rural_visits_that_start_from_this_street(client, guide):
    start = ServicePoint.objects.get(slug="hexi-station")
    today = timezone.localdate()
    RuralVisit.objects.create(
        village="已走访村",
        township="瓦屋侗族乡",
        visit_date=today - dt.timedelta(days=1),
        start_point=start,
        social_worker="王社工",
    )
    RuralVisit.objects.create(
        village="明天村",
        township="瓦屋侗族乡",
        visit_date=today + dt.timedelta(days=1),
        start_point=start,
        social_worker="王社工",
    )
    html = _get(client, "hexi").content.decode()
    assert "明天村" in html
    assert "已走访村" not in html
    assert "高坪村" not in html  # starts from 川硐


def test_an_unverified_street_is_labelled_sample_data(client, guide):
    assert 'class="sample-data"' in _get(client, "shizhong").content.decode().split("</h1>")[0]
    Street.objects.filter(slug="shizhong").update(is_verified=True)
    assert 'class="sample-data"' not in _get(client, "shizhong").content.decode().split("</h1>")[0]


def test_an_unknown_street_is_not_found(client, guide):
    assert _get(client, "no-such-street").status_code == 404


def test_a_street_without_a_station_says_so(client, huanbei):
    html = _get(client, "huanbei").content.decode()
    assert "本街道社工站的信息正在整理中" in html
    assert "本街道暂未登记社区社工服务点" in html


@pytest.mark.parametrize("points", [10, 100])
def test_its_queries_do_not_grow_with_the_number_of_points(
    client, guide, points, django_assert_max_num_queries
):
    ServicePoint.objects.community().filter(street__slug="tongxing").delete()
    add_community_points("tongxing", points)
    with django_assert_max_num_queries(9):
        response = _get(client, "tongxing")
    assert f"社区社工服务点（{points}个）" in response.content.decode()
