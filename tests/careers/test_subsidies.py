import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _get(client, **params):
    return client.get(reverse("careers:subsidies"), params)


def _total(html: str) -> str:
    return re.search(r'data-testid="yearly-total">(\d+)元', html).group(1)


def test_without_input_it_shows_the_empty_form(client, guide, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        response = client.get(reverse("careers:subsidies"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    marker = '<span class="required-marker" aria-hidden="true">*</span>'
    assert f'for="id_level">证书等级{marker}</label>' in html
    assert "计算结果" not in html and 'role="alert"' not in html


def test_an_intermediate_worker_on_key_projects_all_year_gets_9400(
    client, guide, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        response = _get(client, level="intermediate", project_months="12")
    html = response.content.decode()
    assert _total(html) == "9400"
    assert "计算结果：社工师，参与重点项目12个月" in html
    for amount in ["500元", "6000元", "1000元", "200元", "2400元"]:
        assert amount in html
    assert "按年申领" in html


@pytest.mark.parametrize(
    "level, months, total",
    [("none", "0", "0"), ("assistant", "0", "3600"), ("senior", "12", "13000")],
)
def test_each_level_gets_its_yearly_total(client, guide, level, months, total):
    assert _total(_get(client, level=level, project_months=months).content.decode()) == total


def test_full_width_digits_from_a_phone_keyboard_are_understood(client, guide):
    html = _get(client, level="assistant", project_months="１２").content.decode()
    assert _total(html) == "6000"


@pytest.mark.parametrize(
    "params, message",
    [
        (
            {"level": "expert", "project_months": "3"},
            "请选择证书等级：无证书、助理社工师、社工师、高级社工师之一。",
        ),
        (
            {"level": "assistant", "project_months": "13"},
            "月数应在0到12之间（一年最多12个月），您填的是13。",
        ),
        ({"level": "assistant", "project_months": "-1"}, "月数应在0到12之间"),
        ({"level": "assistant", "project_months": "六"}, "“六”不是整数，月数请填写0到12之间的整数"),
        ({"level": "assistant", "project_months": "2.5"}, "不是整数"),
        ({"level": "assistant", "project_months": ""}, "请填写今年参与重点民生项目的月数"),
        ({"project_months": "3"}, "请选择证书等级"),
    ],
)
def test_bad_input_gets_a_chinese_message_on_the_page_not_an_error(client, guide, params, message):
    response = _get(client, **params)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert message in html
    assert "计算结果" not in html
    assert "<title>请修改：" in html
