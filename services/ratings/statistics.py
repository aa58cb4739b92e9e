"""The portal's own figures, as plain functions: the /data/ page, its CSV, the overview's live
figures and the staff dashboard all read these and do no arithmetic of their own.

Definitions (each a `Rate`: hits out of total):
- received: applications submitted in the month (by category, by street);
- 初审 on time: of the month's applications whose first review was decided or is past due,
  the share decided by `first_review_due`; 复核 likewise with `final_review_due` (only cases
  that passed the first review); an undecided case past its due date counts as late;
- contacted within 24 h: of the month's approved cases, the share with the 已联系 step by
  `contact_due`;
- follow-ups on time: return visits and evaluations due in the month that were done by their
  due date (a pending one past its date counts as late);
- satisfaction: ratings given in the month; the share of 满意 and 非常满意;
- rectified on time: rectifications due in the month closed by the hub by their due date.

Small numbers: a count from 1 to 4 shows as "<5" and a rate computed from fewer than 5 cases
shows as "<5" (SUPPRESS_BELOW), so no resident can be recognised.

Which cases count (`counted_cases`): the real ones; the sample cases (示例数据, `is_sample`)
only while no real case exists and settings.OPEN_DATA_SAMPLES is on.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from services.applications.models import (
    CaseEvent,
    FollowUp,
    ServiceApplication,
    Status,
)
from services.ratings.models import SATISFIED_LEVELS, Rating, Rectification

SUPPRESS_BELOW = 5
SUPPRESSED = "<5"


@dataclass(frozen=True)
class Rate:
    """`hits` out of `total` (e.g. 满意 ratings out of all ratings)."""

    hits: int = 0
    total: int = 0

    def __add__(self, other: "Rate") -> "Rate":
        return Rate(self.hits + other.hits, self.total + other.total)

    @property
    def suppressed(self) -> bool:
        return 0 < self.total < SUPPRESS_BELOW

    @property
    def percent(self) -> int | None:
        """The share in whole percent; None when there is nothing to count or too little."""
        if self.total == 0 or self.suppressed:
            return None
        return round(100 * self.hits / self.total)

    @property
    def text(self) -> str:
        if self.total == 0:
            return "—"
        if self.suppressed:
            return SUPPRESSED
        return f"{self.percent}%"


def count_text(number: int) -> str:
    """A count as published: 1–4 become "<5"; 0 and 5 or more are shown as they are."""
    return SUPPRESSED if 0 < number < SUPPRESS_BELOW else str(number)


def satisfaction(levels: Iterable[int]) -> Rate:
    """The share of 满意 and 非常满意 among the ratings' levels."""
    levels = list(levels)
    return Rate(sum(1 for level in levels if level in SATISFIED_LEVELS), len(levels))


def shows_samples() -> bool:
    """True when the statistics count the sample cases (no real case yet, samples allowed)."""
    if not settings.OPEN_DATA_SAMPLES:
        return False
    return not ServiceApplication.objects.filter(is_sample=False).exists()


def counted_cases(samples: bool | None = None) -> QuerySet:
    """The cases the statistics count: real ones, or the samples while there is no real one."""
    if samples is None:
        samples = shows_samples()
    return ServiceApplication.objects.filter(is_sample=samples)


def worker_satisfaction(worker, samples: bool | None = None) -> Rate:
    """A social worker's satisfaction rate: the ratings of the cases she handled — those
    recorded against her registration (`Rating.worker`, so two workers of one name are never
    mixed up), and those of cases assigned by name only (early hand-typed cases, the
    samples), by her name within her street. `worker` is a careers.models.SocialWorker."""
    by_name = Q(
        worker__isnull=True,
        application__street_id=worker.street_id,
        social_worker=worker.name,
    )
    ratings = Rating.objects.filter(application__in=counted_cases(samples)).filter(
        Q(worker_id=worker.pk) | by_name
    )
    return satisfaction(ratings.values_list("level", flat=True))


def worker_satisfaction_percent(worker) -> Decimal | None:
    """The worker's satisfaction rate in percent to one place (real ratings only, never the
    samples), or None while she has no rating: what careers' `satisfaction_for(worker)` shows
    and the promotion assessment uses. 2 of 3 ratings satisfied → Decimal("66.7")."""
    rate = worker_satisfaction(worker, samples=False)
    if rate.total == 0:
        return None
    return (Decimal(100 * rate.hits) / rate.total).quantize(Decimal("0.1"), ROUND_HALF_UP)


def street_satisfaction(street, samples: bool | None = None) -> Rate:
    """A street station's satisfaction rate: every rating of its cases."""
    ratings = Rating.objects.filter(
        application__in=counted_cases(samples), application__street_id=street.pk
    )
    return satisfaction(ratings.values_list("level", flat=True))


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def last_months(today: dt.date, count: int) -> list[dt.date]:
    """The first days of the `count` months up to and including today's, oldest first."""
    months = [first_of_month(today)]
    while len(months) < count:
        months.insert(0, first_of_month(months[0] - dt.timedelta(days=1)))
    return months


@dataclass
class Figures:
    """One bucket's figures (a month, a street, or a month within a street)."""

    received: int = 0
    by_category: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    first_review: Rate = Rate()
    final_review: Rate = Rate()
    contact: Rate = Rate()
    followups: Rate = Rate()
    satisfaction: Rate = Rate()
    rectified: Rate = Rate()

    @property
    def ratings(self) -> int:
        return self.satisfaction.total

    @property
    def received_text(self) -> str:
        return count_text(self.received)

    @property
    def ratings_text(self) -> str:
        return count_text(self.ratings)

    def __iadd__(self, other: "Figures") -> "Figures":
        self.received += other.received
        for name, number in other.by_category.items():
            self.by_category[name] += number
        for name in ("first_review", "final_review", "contact", "followups"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.satisfaction += other.satisfaction
        self.rectified += other.rectified
        return self


def _on_time(done: dt.date | None, due: dt.date | None, today: dt.date) -> Rate:
    """One deadline as a Rate: 1/1 done by the due date, 0/1 done late or past due, 0/0 not
    yet due (or no deadline)."""
    if due is None:
        return Rate()
    if done is not None:
        return Rate(int(done <= due), 1)
    return Rate(0, 1) if due < today else Rate()


_STEPS = (
    Status.FIRST_PASSED,
    Status.FIRST_FAILED,
    Status.FINAL_PASSED,
    Status.FINAL_FAILED,
    Status.CONTACTED,
)


def _day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment else None


def case_figures(case: dict, steps: dict[str, dt.datetime], now: dt.datetime) -> Figures:
    """One case's contribution: `case` has category_name, first_review_due,
    final_review_due and contact_due; `steps` maps a status to when the case entered it."""
    today = timezone.localdate(now)
    figures = Figures(received=1)
    figures.by_category[case["category_name"]] += 1
    first = steps.get(Status.FIRST_PASSED) or steps.get(Status.FIRST_FAILED)
    figures.first_review = _on_time(_day(first), case["first_review_due"], today)
    if Status.FIRST_PASSED in steps:
        final = steps.get(Status.FINAL_PASSED) or steps.get(Status.FINAL_FAILED)
        figures.final_review = _on_time(_day(final), case["final_review_due"], today)
    contact_due, contacted = case["contact_due"], steps.get(Status.CONTACTED)
    if contacted is not None and contact_due is not None:
        figures.contact = Rate(int(contacted <= contact_due), 1)
    elif contact_due is not None and contact_due < now:
        figures.contact = Rate(0, 1)
    return figures


def figures_by_month_and_street(
    cases: QuerySet, start: dt.date, now: dt.datetime | None = None
) -> dict[tuple[dt.date, int], Figures]:
    """Every figure for each (first day of month, street id) from `start` on; five queries."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    begin = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    buckets: dict[tuple[dt.date, int], Figures] = defaultdict(Figures)
    recent = cases.filter(submitted_at__gte=begin)
    steps: dict[int, dict[str, dt.datetime]] = defaultdict(dict)
    events = CaseEvent.objects.filter(application__in=recent, status__in=_STEPS)
    for case_id, status, at in events.values_list("application_id", "status", "at"):
        steps[case_id].setdefault(status, at)
    fields = ["pk", "submitted_at", "street_id", "first_review_due", "final_review_due"]
    for case in recent.values(*fields, "contact_due", category_name=F("category__name")):
        month = first_of_month(timezone.localdate(case["submitted_at"]))
        buckets[(month, case["street_id"])] += case_figures(case, steps[case["pk"]], now)
    followups = FollowUp.objects.filter(application__in=cases, due_on__gte=start, due_on__lte=today)
    for due, done, street in followups.values_list("due_on", "done_on", "application__street_id"):
        buckets[(first_of_month(due), street)].followups += _on_time(done, due, today)
    ratings = Rating.objects.filter(application__in=cases, rated_at__gte=begin)
    for rated, level, street in ratings.values_list("rated_at", "level", "application__street_id"):
        buckets[(first_of_month(timezone.localdate(rated)), street)].satisfaction += satisfaction(
            [level]
        )
    tasks = Rectification.objects.filter(rating__application__in=cases, due_on__gte=start)
    for due, closed, street in tasks.values_list(
        "due_on", "closed_at", "rating__application__street_id"
    ):
        buckets[(first_of_month(due), street)].rectified += _on_time(
            closed and timezone.localdate(closed), due, today
        )
    return buckets


def by_month(buckets: dict[tuple[dt.date, int], Figures], months: list[dt.date]) -> list[Figures]:
    """The buckets summed over streets, one Figures per month in `months`."""
    result = {month: Figures() for month in months}
    for (month, _street), figures in buckets.items():
        if month in result:
            result[month] += figures
    return [result[month] for month in months]


def by_street(
    buckets: dict[tuple[dt.date, int], Figures], street_ids: list[int], months: list[dt.date]
) -> dict[int, Figures]:
    """The buckets of the given months summed per street."""
    result = {street: Figures() for street in street_ids}
    for (month, street), figures in buckets.items():
        if street in result and month in months:
            result[street] += figures
    return result


@dataclass
class StreetWork:
    """A street's work list for the dashboard."""

    due_today: int = 0
    overdue: int = 0
    followups_this_week: int = 0
    followups_late: int = 0
    rectifications_open: int = 0
    rectifications_late: int = 0


def street_work(cases: QuerySet, now: dt.datetime | None = None) -> dict[int, StreetWork]:
    """Per street: cases due today and overdue, follow-ups due this week and late, open and
    late rectifications; three grouped queries."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    week_end = today + dt.timedelta(days=6 - today.weekday())
    result: dict[int, StreetWork] = defaultdict(StreetWork)
    tomorrow = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min))
    for row in (
        cases.open()
        .values("street_id")
        .annotate(
            due_today=Count("pk", filter=Q(current_due__gte=now, current_due__lte=tomorrow)),
            overdue=Count("pk", filter=Q(current_due__lt=now)),
        )
    ):
        result[row["street_id"]].due_today = row["due_today"]
        result[row["street_id"]].overdue = row["overdue"]
    pending = FollowUp.objects.pending().filter(application__in=cases, due_on__lte=week_end)
    for row in pending.values("application__street_id").annotate(
        week=Count("pk", filter=Q(due_on__gte=today)), late=Count("pk", filter=Q(due_on__lt=today))
    ):
        result[row["application__street_id"]].followups_this_week = row["week"]
        result[row["application__street_id"]].followups_late = row["late"]
    tasks = Rectification.objects.open().filter(rating__application__in=cases)
    for row in tasks.values("rating__application__street_id").annotate(
        open=Count("pk"), late=Count("pk", filter=Q(due_on__lt=today))
    ):
        result[row["rating__application__street_id"]].rectifications_open = row["open"]
        result[row["rating__application__street_id"]].rectifications_late = row["late"]
    return result
