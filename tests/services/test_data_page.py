"""数据公开 (/data/): month-by-month figures from the case records, SVG charts with the same
numbers as tables, a CSV, "<5" for small numbers, sample data kept apart; the overview's live
figures next to the guide's."""

import csv
import io
import re
from io import StringIO

import pytest
from django.urls import reverse

from services.applications.models import ServiceApplication
from services.applications.rules import apply_transition
from services.ratings import samples
from services.ratings.rules import rate
from tests.services.conftest import bring_into_service, make_case

pytestmark = pytest.mark.django_db


def _close_and_rate(case, clerk, level):
    bring_into_service(case, clerk)
    apply_transition(case, "close", clerk)
    rate(case, "closing", level=level)


@pytest.fixture
def five_rated_cases(minsheng, huanbei, clerk_huanbei):
    cases = [make_case(minsheng, huanbei, name=f"居民{n}") for n in range(5)]
    for case, level in zip(cases, [5, 5, 4, 2, 3], strict=True):
        _close_and_rate(case, clerk_huanbei, level)
    return cases


def _this_month_row(client) -> list[str]:
    content = client.get(reverse("data-csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    return dict(zip(rows[0], rows[-1], strict=True))


def test_the_page_draws_charts_with_tables_of_the_same_numbers(
    client, five_rated_cases, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("data"))
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert html.count("<svg") == 7 and "<script" not in html.split("</header>")[-1]
    chart = html[html.index('id="chart-satisfaction-title"') :]
    chart = chart[: chart.index("</figure>")]
    # 3 of 5 ratings are 满意 or 非常满意: 60%, in the chart and in its table.
    assert re.search(r'class="value">60%</text>', chart)
    assert re.search(r"<td>60%</td>", chart)
    assert "示例数据" not in html


def test_the_csv_carries_the_published_numbers(client, five_rated_cases, tongxing):
    row = _this_month_row(client)
    assert row["受理申请"] == "5" and row["满意率"] == "60%" and row["评价数"] == "5"
    assert row["受理：环北街道"] == "5" and row["受理：铜兴街道"] == "0"
    assert row["整改按时办结率"] == "—"  # the one rectification is not due yet


def test_counts_under_five_are_shown_as_less_than_five(client, minsheng, huanbei, clerk_huanbei):
    for n in range(3):
        _close_and_rate(make_case(minsheng, huanbei, name=f"居民{n}"), clerk_huanbei, 5)
    row = _this_month_row(client)
    assert row["受理申请"] == "<5" and row["满意率"] == "<5" and row["评价数"] == "<5"
    html = client.get(reverse("data")).content.decode()
    assert "&lt;5" in html and ">3<" not in html


def test_a_new_rating_changes_the_satisfaction_rate(client, five_rated_cases, minsheng, huanbei):
    assert _this_month_row(client)["满意率"] == "60%"
    case = make_case(minsheng, huanbei)
    clerk = five_rated_cases[0].events.exclude(actor=None).first().actor
    _close_and_rate(case, clerk, 4)
    assert _this_month_row(client)["满意率"] == "67%"  # 4 of 6


def test_sample_data_is_flagged_and_gives_way_to_real_cases(client, guide, minsheng, huanbei):
    samples.load(StringIO(), months=3)
    assert ServiceApplication.objects.filter(is_sample=True).count() > 5
    html = client.get(reverse("data")).content.decode()
    assert 'id="sample-data-notice"' in html
    make_case(minsheng, huanbei)
    html = client.get(reverse("data")).content.decode()
    assert 'id="sample-data-notice"' not in html
    assert _this_month_row(client)["受理申请"] == "<5"  # only the one real case counts


def test_the_overview_shows_the_portals_figures_next_to_the_guides(client, guide, five_rated_cases):
    html = client.get(reverse("overview")).content.decode()
    live = html[html.index('id="live-figures-heading"') :]
    assert "本平台实时数据" in live and "60%" in live and reverse("data") in live
    assert "以上数字来源：" in html
