import re

import pytest
from django.urls import reverse

from accounts.models import Street
from bijiang_social.models import KeyFigure
from services.models import FeatureProject, ServicePoint
from tests.services.points import add_community_points

pytestmark = pytest.mark.django_db


def _html(client) -> str:
    response = client.get(reverse("services:index"))
    assert response.status_code == 200
    return response.content.decode()


def _level_count(html: str, label: str) -> str:
    match = re.search(
        rf'key-figure-label">{label}</span>\s*<span class="key-figure-number">'
        r'<span class="key-figure-value">(\d+)</span>',
        html,
    )
    return match.group(1)


def test_it_counts_the_three_levels_from_the_data(client, guide):
    html = _html(client)
    assert _level_count(html, "区社工总站") == "1"
    assert _level_count(html, "街道社工站") == "8"
    assert _level_count(html, "社区社工服务点") == "37"
    assert html.count("<h1") == 1


def test_a_point_added_in_admin_changes_the_count(client, guide):
    ServicePoint.objects.create(
        level="community",
        name="新建社区社工服务点",
        slug="huanbei-new",
        street=Street.objects.get(slug="huanbei"),
        address="环北路1号",
        opening_hours="周一至周五",
        phone="0856-0000999",
    )
    assert _level_count(_html(client), "社区社工服务点") == "38"


def test_it_explains_the_circle_the_rural_posts_the_domains_and_the_feature_projects(client, guide):
    html = _html(client)
    assert "居民步行15分钟内可找到就近站点" in html
    assert "每月定期进村开展上门帮扶服务" in html
    for domain, covers in [
        ("民生兜底服务", "低保家庭、特困人员的生活帮扶与权益保障"),
        ("社区治理服务", "邻里矛盾调解、社区文化营造"),
        ("特殊群体关爱", "留守、残障、空巢群体的个性化帮扶"),
        ("专业支持服务", "社工人才培训、本土服务项目孵化"),
    ]:
        assert f"<dt>{domain}</dt>" in html
        assert covers in html
    assert "环北街道</a>：青少年心理健康干预与成长引导" in html
    assert "铜兴街道</a>：社区养老照护服务" in html
    assert re.search(r'key-figure-value">2</span><span class="key-figure-unit">万人次以上', html)


def test_an_edited_figure_or_project_shows_at_once(client, guide):
    KeyFigure.objects.filter(key="feature-projects-served").update(value="3")
    FeatureProject.objects.filter(title="社区养老照护服务").update(title="社区养老照护与助餐")
    html = _html(client)
    assert re.search(r'key-figure-value">3</span><span class="key-figure-unit">万人次以上', html)
    assert "社区养老照护与助餐" in html


def test_the_map_links_every_station_and_the_list_beside_it_names_them_too(client, guide):
    html = _html(client)
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    for point in ServicePoint.objects.exclude(level="community"):
        assert f'<a href="{point.get_absolute_url()}" aria-label="{point.name}"' in svg
        assert f'<a href="{point.get_absolute_url()}">{point.name}</a>' in html
    assert svg.count("<a ") == 9


def test_sample_data_is_labelled_until_a_clerk_verifies_it(client, guide):
    html = _html(client)
    assert html.count('class="sample-data"') >= 9
    ServicePoint.objects.update(is_verified=True)
    Street.objects.update(is_verified=True)
    from services.models import RuralVisit

    RuralVisit.objects.update(is_verified=True)
    # The footer's own mark (the sample 备案 codes) belongs to the site's identity.
    assert 'class="sample-data"' not in _html(client).split('<footer class="site-footer">')[0]


def test_it_shows_the_next_rural_visits_and_links_the_schedule(client, guide):
    html = _html(client)
    assert "最近的进村日程" in html
    assert reverse("services:rural-visits") in html


def test_it_works_on_an_empty_database(client, db):
    html = _html(client)
    assert _level_count(html, "社区社工服务点") == "0"
    assert "暂无站点信息" in html


@pytest.mark.parametrize("extra_points", [10, 100])
def test_its_queries_do_not_grow_with_the_number_of_points(
    client, guide, extra_points, django_assert_max_num_queries
):
    add_community_points("tongxing", extra_points)
    with django_assert_max_num_queries(10):
        _html(client)
