import pytest
from django.urls import reverse

from services.models import ServicePoint

pytestmark = pytest.mark.django_db


def _get(client, slug: str):
    return client.get(reverse("services:station", args=[slug]))


def test_a_community_point_shows_its_level_parent_contact_domains_and_walk(client, guide):
    point = ServicePoint.objects.get(slug="jinjiang-zhongnanmen")
    html = _get(client, point.slug).content.decode()
    assert "<h1>中南门社区社工服务点</h1>" in html
    assert "社区社工服务点" in html
    assert 'href="/services/stations/jinjiang-station/">锦江街道社工站</a>' in html
    assert point.address in html
    assert f'href="tel:{point.phone}"' in html
    assert "邻里矛盾调解、社区文化营造" in html
    assert "距锦江街道社工站直线约" in html
    assert "步行约" in html and "按每小时4公里估算" in html
    assert html.count("<h1") == 1


def test_its_apply_link_preselects_this_station(client, guide):
    html = _get(client, "huanbei-station").content.decode()
    assert f'href="{reverse("services:apply")}?station=huanbei-station"' in html


def test_a_street_station_lists_its_community_points_and_the_hub_lists_the_stations(client, guide):
    html = _get(client, "huanbei-station").content.decode()
    assert "下属社区社工服务点（6个）" in html
    assert "碧江区社工总站</a>" in html
    hub_html = _get(client, "district-hub").content.decode()
    assert "各街道社工站（8个）" in hub_html
    assert "上级站点" not in hub_html


def test_a_walking_note_written_by_staff_wins_over_the_estimate(client, guide):
    ServicePoint.objects.filter(slug="huanbei-station").update(
        walking_note="从环北路公交站下车后步行约5分钟"
    )
    html = _get(client, "huanbei-station").content.decode()
    assert "从环北路公交站下车后步行约5分钟" in html
    assert "直线约" not in html


def test_sample_data_carries_a_visible_label_until_verified(client, guide):
    assert (
        "本页地址、电话、开放时间和位置尚未经民政部门核实"
        in _get(client, "district-hub").content.decode()
    )
    ServicePoint.objects.filter(slug="district-hub").update(is_verified=True)
    html = _get(client, "district-hub").content.decode()
    assert "本页地址、电话、开放时间和位置尚未经民政部门核实" not in html


def test_an_unknown_station_is_not_found(client, guide):
    assert _get(client, "no-such-station").status_code == 404


@pytest.mark.parametrize("slug", ["district-hub", "huanbei-station", "huanbei-community-1"])
def test_it_keeps_to_its_query_budget(client, guide, slug, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        assert _get(client, slug).status_code == 200
