import re

import pytest
from django.urls import reverse

from bijiang_social.models import KeyFigure
from services.models import ServicePoint

pytestmark = pytest.mark.django_db


def _find(client, **params):
    response = client.get(reverse("services:find"), params)
    assert response.status_code == 200
    return response.content.decode()


def _result_names(html: str) -> list[str]:
    return re.findall(r'class="result-name" href="[^"]+">([^<]+)</a>', html)


def test_without_a_search_it_shows_the_form_and_states_the_walking_speed(client, guide):
    html = _find(client)
    assert 'for="id_q">社区、街道或道路名称</label>' in html
    assert "步行时间按每小时4公里" in html
    assert "查找结果" not in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize("query, street", [("环北", "环北街道"), ("铜兴", "铜兴街道")])
def test_a_street_name_finds_the_street_and_its_points(client, guide, query, street):
    html = _find(client, q=query)
    expected = ServicePoint.objects.filter(street__short_name=query).count()
    assert f"{street}（社工站和全部社区服务点）" in html
    assert len(_result_names(html)) == expected
    assert f"{street}社工站" in _result_names(html)


def test_part_of_a_community_name_or_a_road_name_works(client, guide):
    assert _result_names(_find(client, q="中南")) == ["中南门社区社工服务点"]
    road = _result_names(_find(client, q="清水大道"))
    assert road and all("清水大道" in p.address for p in ServicePoint.objects.filter(name__in=road))


def test_two_words_must_both_match(client, guide):
    assert _result_names(_find(client, q="锦江 东门")) == ["东门社区社工服务点"]


def test_a_location_sorts_the_points_by_distance_with_walking_times(client, guide):
    station = ServicePoint.objects.get(slug="huanbei-station")
    html = _find(client, lat=str(station.latitude), lng=str(station.longitude))
    names = _result_names(html)
    assert names[0] == "环北街道社工站"
    assert "直线约0米，步行约0分钟" in html
    assert "在15分钟服务圈内" in html
    assert "步行超过15分钟" in html
    assert len(names) == 20  # the nearest 20 of 46
    assert "离您最近的20处站点" in html


def test_a_location_and_a_name_together_sort_the_matching_points(client, guide):
    hub = ServicePoint.objects.get(slug="district-hub")
    names = _result_names(_find(client, q="铜兴", lat=str(hub.latitude), lng=str(hub.longitude)))
    assert set(names) == set(
        ServicePoint.objects.filter(street__slug="tongxing").values_list("name", flat=True)
    )


def test_a_location_outside_the_district_gets_distances_but_no_walking_times(client, guide):
    html = _find(client, lat="26.647", lng="106.630")  # Guiyang
    assert "您的位置不在碧江区范围内" in html
    assert "步行约" not in html
    assert "公里" in html


def test_no_result_says_so_and_offers_the_hubs_phone(client, guide):
    hub = ServicePoint.objects.get(slug="district-hub")
    html = _find(client, q="不存在的地方")
    assert "没有找到与“不存在的地方”相符的社工站点" in html
    assert f'href="tel:{hub.phone}"' in html


def test_the_hubs_phone_offered_is_labelled_when_it_is_sample_data(client, guide):
    ServicePoint.objects.hubs().update(is_verified=False)
    offer = _find(client, q="不存在的地方").split("也可以直接打电话问")[1].split("</p>")[0]
    assert "示例数据" in offer


@pytest.mark.parametrize(
    "params, message",
    [
        ({"lat": "abc", "lng": "109.19"}, "纬度应是数字"),
        ({"lat": "27.72", "lng": "east"}, "经度应是数字"),
        ({"lat": "999", "lng": "109.19"}, "纬度应在 -90 到 90 之间"),
        ({"lat": "27.72", "lng": "-999"}, "经度应在 -180 到 180 之间"),
        ({"lat": "nan", "lng": "109.19"}, "纬度应在 -90 到 90 之间"),
        ({"lat": "27.72"}, "位置信息不完整"),
        ({"q": "环" * 500}, "搜索词太长了（最多50个字）"),
        ({"q": "环北\x00"}, "输入里有无法识别的字符"),
        ({"lat": "27\x00", "lng": "109.19"}, "输入里有无法识别的字符"),
    ],
)
def test_bad_input_gets_a_clear_message_not_an_error(client, guide, params, message):
    html = _find(client, **params)
    assert 'role="alert"' in html
    assert message in html
    assert "查找结果" not in html


def test_markup_in_the_query_is_shown_as_text(client, guide):
    html = _find(client, q='<script>alert("x")</script>')
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_the_location_button_is_a_static_script_and_hidden_without_it(client, guide):
    html = _find(client)
    assert re.search(r'<script src="[^"]*services/find\.[^"]*js" defer></script>', html)
    assert re.search(r'id="use-location" hidden', html)
    assert 'type="hidden" name="lat"' in html and 'type="hidden" name="lng"' in html


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "环北"}, {"q": "无此处"}, {"lat": "27.72", "lng": "109.19"}, {"lat": "abc"}],
)
def test_it_keeps_to_its_query_budget(client, guide, params, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        _find(client, **params)


@pytest.mark.parametrize("figure, minutes", [("20", 20), ("约15", 15), ("0", 15)])
def test_the_circle_follows_the_key_figure_staff_keep_and_falls_back_to_15(
    client, guide, figure, minutes
):
    KeyFigure.objects.filter(key="service-circle").update(value=figure)
    station = ServicePoint.objects.get(slug="huanbei-station")
    html = _find(client, lat=str(station.latitude), lng=str(station.longitude))
    assert f"在{minutes}分钟服务圈内" in html
