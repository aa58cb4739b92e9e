"""The staff dashboard on the admin index: for a street clerk her street, for the district hub
every street side by side with the 12-month charts. Reads services.ratings.statistics only."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from accounts.access import staff_scope
from accounts.models import Street
from services.applications.models import FollowUp
from services.ratings import data
from services.ratings import statistics as st

WORK_LIST_LIMIT = 30


@dataclass
class StreetRow:
    street: Street
    work: st.StreetWork
    month: st.Figures


@dataclass
class Dashboard:
    every_street: bool
    month: dt.date
    rows: list[StreetRow]
    followups_due: list[FollowUp]
    followups_late: list[FollowUp]
    charts: list[data.Chart]
    samples: bool


def dashboard(user, now: dt.datetime | None = None) -> Dashboard | None:
    """The dashboard for a user with a street scope; None for anyone without one."""
    scope = staff_scope(user)
    if scope.is_empty:
        return None
    now = now or timezone.now()
    today = timezone.localdate(now)
    months = st.last_months(today, data.MONTHS)
    samples = st.shows_samples()
    cases = st.counted_cases(samples).for_staff(user)
    streets = list(Street.objects.for_staff(user).order_by("order", "id"))
    work = st.street_work(cases, now)
    buckets = st.figures_by_month_and_street(cases, months[0], now)
    this_month = st.by_street(buckets, [s.pk for s in streets], [months[-1]])
    rows = [StreetRow(s, work.get(s.pk, st.StreetWork()), this_month[s.pk]) for s in streets]
    week_end = today + dt.timedelta(days=6 - today.weekday())
    pending = (
        FollowUp.objects.pending()
        .filter(application__in=cases, due_on__lte=week_end)
        .select_related("application__street")
        .order_by("due_on", "id")[: 2 * WORK_LIST_LIMIT]
    )
    pending = list(pending)
    charts = []
    if scope.every_street:
        per_month = st.by_month(buckets, months)
        figures = data.PageFigures(months, per_month, streets, {}, [], samples, {})
        charts = [
            c for c in data.charts(figures) if c.key in ("received", "first_review", "satisfaction")
        ]
    return Dashboard(
        every_street=scope.every_street,
        month=months[-1],
        rows=rows,
        followups_due=[f for f in pending if f.due_on >= today][:WORK_LIST_LIMIT],
        followups_late=[f for f in pending if f.due_on < today][:WORK_LIST_LIMIT],
        charts=charts,
        samples=samples,
    )
