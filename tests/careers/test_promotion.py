import datetime as dt

import pytest
from django.urls import reverse

from careers.models import PromotionWindow

pytestmark = pytest.mark.django_db


def _get(client, **params):
    return client.get(reverse("careers:promotion"), params)


def test_it_shows_the_ladder_the_criteria_and_the_next_window(
    client, guide, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr("careers.views.timezone.localdate", lambda: dt.date(2026, 11, 25))
    with django_assert_max_num_queries(9):
        response = client.get(reverse("careers:promotion"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "一线社工→项目主管" in html and "满2年从业经验、参与2个及以上重点项目" in html
    assert "项目主管→资深督导" in html and "持有社工师及以上社工证" in html
    for criterion in ["服务满意度", "专业成果产出", "年度培训达标时长"]:
        assert criterion in html
    assert "现在不在申请窗口期" in html
    assert "2027年6月1日至2027年6月30日（还有188天）" in html
    assert "通过所在社工机构提交材料至民政部门审核" in html


def test_in_june_it_says_the_window_is_open(client, guide, monkeypatch):
    monkeypatch.setattr("careers.views.timezone.localdate", lambda: dt.date(2026, 6, 10))
    html = client.get(reverse("careers:promotion")).content.decode()
    assert "现在正是申请窗口期" in html and "2026年6月30日" in html


def test_a_window_moved_in_admin_moves_on_the_page(client, guide, monkeypatch):
    monkeypatch.setattr("careers.views.timezone.localdate", lambda: dt.date(2026, 6, 10))
    PromotionWindow.objects.update(month=7, first_day=1, last_day=15)
    html = client.get(reverse("careers:promotion")).content.decode()
    assert "2026年7月1日至2026年7月15日" in html


def test_frontline_with_exactly_2_years_and_2_projects_may_apply(
    client, guide, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9):
        response = _get(client, role="frontline", years="2", key_projects="2", level="none")
    html = response.content.decode()
    assert "符合条件：可以申请晋升为项目主管" in html


def test_frontline_a_year_short_is_told_what_is_missing(client, guide):
    html = _get(client, role="frontline", years="1", key_projects="2", level="none").content
    html = html.decode()
    assert "暂不符合晋升为项目主管的条件" in html
    assert "任职年限还差 1 年（需满2年）" in html


def test_supervisor_without_an_intermediate_certificate_is_told_so(client, guide):
    html = _get(
        client, role="supervisor", years="3", key_projects="0", level="assistant"
    ).content.decode()
    assert "暂不符合晋升为资深督导的条件" in html
    assert "需持有社工师及以上证书" in html


def test_supervisor_with_3_years_and_a_senior_certificate_may_apply(client, guide):
    html = _get(
        client, role="supervisor", years="3", key_projects="0", level="senior"
    ).content.decode()
    assert "符合条件：可以申请晋升为资深督导" in html


@pytest.mark.parametrize(
    "params, message",
    [
        (
            {"role": "boss", "years": "2", "key_projects": "2", "level": "none"},
            "请选择现任岗位：一线社工、项目主管之一。",
        ),
        (
            {"role": "frontline", "years": "两年", "key_projects": "2", "level": "none"},
            "“两年”不是数字",
        ),
        (
            {"role": "frontline", "years": "-1", "key_projects": "2", "level": "none"},
            "年限应在0到60年之间",
        ),
        (
            {"role": "frontline", "years": "NaN", "key_projects": "2", "level": "none"},
            "年限应在0到60年之间",
        ),
        ({"role": "frontline", "years": "2", "key_projects": "x", "level": "none"}, "“x”不是整数"),
        (
            {"role": "frontline", "years": "2", "key_projects": "2", "level": "master"},
            "请选择证书等级",
        ),
    ],
)
def test_bad_input_gets_a_chinese_message_on_the_page_not_an_error(client, guide, params, message):
    response = _get(client, **params)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert message in html
    assert "符合条件" not in html
