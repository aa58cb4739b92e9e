"""What the /data/ page, its CSV and the overview's live figures show: tables and server-drawn
SVG bar charts built from services.ratings.statistics (no arithmetic of their own beyond
placing bars)."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import Street
from services.applications.models import ServiceCategory
from services.ratings import statistics as st

MONTHS = 12
CHART_WIDTH, CHART_HEIGHT = 640, 240
PLOT_LEFT, PLOT_TOP, PLOT_BOTTOM = 44, 16, 200


@dataclass
class PageFigures:
    months: list[dt.date]
    per_month: list[st.Figures]
    streets: list[Street]
    per_street: dict[int, st.Figures]
    categories: list[str]
    samples: bool
    street_received: dict[dt.date, dict[int, int]]


def page_figures(now: dt.datetime | None = None) -> PageFigures:
    """The last 12 months of counted cases, per month and per street."""
    now = now or timezone.now()
    months = st.last_months(timezone.localdate(now), MONTHS)
    samples = st.shows_samples()
    buckets = st.figures_by_month_and_street(st.counted_cases(samples), months[0], now)
    streets = list(Street.objects.order_by("order", "id"))
    return PageFigures(
        months=months,
        per_month=st.by_month(buckets, months),
        streets=streets,
        per_street=st.by_street(buckets, [s.pk for s in streets], months),
        categories=list(ServiceCategory.objects.values_list("name", flat=True)),
        samples=samples,
        street_received=_received_by_month_and_street(buckets),
    )


def _received_by_month_and_street(buckets) -> dict[dt.date, dict[int, int]]:
    result: dict[dt.date, dict[int, int]] = {}
    for (month, street), figures in buckets.items():
        result.setdefault(month, {})[street] = figures.received
    return result


def month_label(month: dt.date) -> str:
    return f"{month.year}年{month.month}月"


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


RATE_COLUMNS = [
    ("first_review", "初审按时率（3个工作日）"),
    ("final_review", "复核按时率（7个工作日）"),
    ("contact", "24小时内联系率"),
    ("followups", "回访评估按时率"),
    ("satisfaction", "满意率"),
    ("rectified", "整改按时办结率"),
]


def month_table(figures: PageFigures) -> Table:
    """Every month's figures as published (small numbers suppressed): the CSV and the page."""
    header = [
        "月份",
        "受理申请",
        *[f"受理：{name}" for name in figures.categories],
        *[f"受理：{street.name}" for street in figures.streets],
        *[label for _key, label in RATE_COLUMNS],
        "评价数",
    ]
    rows = []
    for month, month_figures in zip(figures.months, figures.per_month, strict=True):
        rows.append(
            [
                month_label(month),
                st.count_text(month_figures.received),
                *[st.count_text(month_figures.by_category.get(n, 0)) for n in figures.categories],
                *[
                    st.count_text(figures.street_received.get(month, {}).get(s.pk, 0))
                    for s in figures.streets
                ],
                *[getattr(month_figures, key).text for key, _label in RATE_COLUMNS],
                st.count_text(month_figures.ratings),
            ]
        )
    return Table(header, rows)


@dataclass
class Bar:
    label: str
    text: str
    x: float
    y: float
    width: float
    height: float


@dataclass
class Chart:
    key: str
    title: str
    unit: str
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT


def bar_chart(key: str, title: str, unit: str, points: list[tuple[str, int | None, str]]) -> Chart:
    """Bars for (label, value or None when suppressed/empty, published text)."""
    values = [value for _label, value, _text in points if value is not None]
    top = 100 if unit == "%" else max([*values, 5])
    plot_height = PLOT_BOTTOM - PLOT_TOP
    slot = (CHART_WIDTH - PLOT_LEFT - 8) / max(len(points), 1)
    bars = []
    for index, (label, value, text) in enumerate(points):
        height = plot_height * (value or 0) / top
        bars.append(
            Bar(
                label=label,
                text=text,
                x=round(PLOT_LEFT + index * slot + slot * 0.2, 1),
                y=round(PLOT_BOTTOM - height, 1),
                width=round(slot * 0.6, 1),
                height=round(height, 1),
            )
        )
    ticks = [
        (round(PLOT_BOTTOM - plot_height * part / 4, 1), f"{round(top * part / 4)}{unit}")
        for part in range(5)
    ]
    return Chart(key, title, unit, bars, ticks)


def _count_point(label: str, number: int) -> tuple[str, int | None, str]:
    text = st.count_text(number)
    return label, None if text == st.SUPPRESSED else number, text


def _rate_point(label: str, rate: st.Rate) -> tuple[str, int | None, str]:
    return label, rate.percent, rate.text


def charts(figures: PageFigures) -> list[Chart]:
    short = [f"{m.month}月" for m in figures.months]
    received = [
        _count_point(label, f.received) for label, f in zip(short, figures.per_month, strict=True)
    ]
    result = [bar_chart("received", "每月受理的申请", "件", received)]
    for key, title in RATE_COLUMNS:
        points = [
            _rate_point(label, getattr(f, key))
            for label, f in zip(short, figures.per_month, strict=True)
        ]
        result.append(bar_chart(key, f"每月{title}", "%", points))
    return result


def street_rows(figures: PageFigures) -> list[dict]:
    return [
        {"street": street, "figures": figures.per_street[street.pk]} for street in figures.streets
    ]


def page_context() -> dict:
    figures = page_figures()
    return {
        "title": "数据公开",
        "figures": figures,
        "charts": charts(figures),
        "table": month_table(figures),
        "streets": street_rows(figures),
        "suppress_below": st.SUPPRESS_BELOW,
        "crumbs": [("数据公开", None)],
    }


@dataclass
class LiveFigures:
    received: str
    first_review: st.Rate
    followups: st.Rate
    satisfaction: st.Rate
    ratings: str
    samples: bool


def live_figures(now: dt.datetime | None = None) -> LiveFigures:
    """The overview's figures from the portal's own records: the last 12 months summed."""
    now = now or timezone.now()
    months = st.last_months(timezone.localdate(now), MONTHS)
    samples = st.shows_samples()
    buckets = st.figures_by_month_and_street(st.counted_cases(samples), months[0], now)
    total = st.Figures()
    for figures in st.by_month(buckets, months):
        total += figures
    return LiveFigures(
        received=st.count_text(total.received),
        first_review=total.first_review,
        followups=total.followups,
        satisfaction=total.satisfaction,
        ratings=st.count_text(total.ratings),
        samples=samples,
    )
