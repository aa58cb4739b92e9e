"""A social worker's own figures, as plain functions: years of service, training hours against
her role's target, subsidy from the approved rolls, supervision months, promotion readiness.

The "我的" page, the promotion application and the tests use these; none is computed in a view.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from django.db.models import Sum

from careers.models import (
    Achievement,
    Certificate,
    CertificateLevel,
    LectureAttendance,
    LessonProgress,
    ProjectMonth,
    PromotionStep,
    RollLine,
    SessionAttendance,
    SocialWorker,
    SubsidyRoll,
    SupervisionRecord,
    TrainingTarget,
)
from careers.rules import PromotionCheck, check_promotion

ONE_PLACE = Decimal("0.1")


def satisfaction_for(worker: SocialWorker) -> Decimal | None:
    """Residents' satisfaction with the worker's services (服务满意度) in percent, from real
    好差评 ratings of the cases she handled, or None while she has none: the page then says
    "暂无数据" and never shows a made-up number."""
    return _satisfaction_source(worker) if _satisfaction_source else None


_satisfaction_source: Callable[[SocialWorker], Decimal | None] | None = None


def register_satisfaction_source(source: Callable[[SocialWorker], Decimal | None]) -> None:
    """Where satisfaction comes from: the services app's 好差评 ratings register it in their
    AppConfig.ready(), since services sits above careers and careers never imports it."""
    global _satisfaction_source
    _satisfaction_source = source


def years_of_service(started_on: dt.date | None, today: dt.date) -> Decimal:
    """Whole months since she started, in years, rounded down to one place: 2024-03-01 to
    2026-06-15 is 27 months = 2.2 years."""
    if started_on is None or started_on > today:
        return Decimal("0")
    months = (today.year - started_on.year) * 12 + today.month - started_on.month
    if today.day < started_on.day:
        months -= 1
    return (Decimal(max(months, 0)) / 12).quantize(ONE_PLACE, rounding=ROUND_DOWN)


def key_project_count(worker: SocialWorker) -> int:
    """Key projects she took part in: distinct project names among her project months."""
    return ProjectMonth.objects.filter(worker=worker).values("project").distinct().count()


def level_held(worker: SocialWorker, today: dt.date) -> CertificateLevel | None:
    certificate = (
        Certificate.objects.filter(worker=worker, obtained_on__lte=today)
        .select_related("level")
        .order_by("-level__rank")
        .first()
    )
    return certificate.level if certificate else None


def _hours(value) -> Decimal:
    return Decimal(value or 0).quantize(ONE_PLACE)


@dataclass(frozen=True)
class HoursLine:
    label: str
    source: str
    hours: Decimal
    detail: str = ""


@dataclass(frozen=True)
class TrainingHours:
    year: int
    lines: list[HoursLine]
    target: Decimal | None

    @property
    def total(self) -> Decimal:
        return sum((line.hours for line in self.lines), Decimal("0"))

    @property
    def percent(self) -> int:
        """0–100, for the progress bar."""
        if not self.target:
            return 0
        return min(100, int(self.total * 100 / self.target))

    @property
    def reached(self) -> bool:
        return self.target is not None and self.total >= self.target


def training_hours(worker: SocialWorker, year: int) -> TrainingHours:
    """This year's hours, each line with where it comes from:
    online lessons (credited watched time), live lectures checked in with the code, offline
    sessions marked attended by staff, supervision sessions she confirmed."""
    online = LessonProgress.objects.filter(worker=worker, updated_at__year=year).aggregate(
        seconds=Sum("credited_seconds")
    )["seconds"]
    lectures = LectureAttendance.objects.filter(
        worker=worker, lecture__starts_at__year=year
    ).aggregate(minutes=Sum("lecture__duration_minutes"))["minutes"]
    offline = SessionAttendance.objects.filter(
        worker=worker, session__starts_at__year=year
    ).aggregate(hours=Sum("session__hours"))["hours"]
    supervision = SupervisionRecord.objects.filter(
        worker=worker, held_on__year=year, confirmed_at__isnull=False
    ).aggregate(minutes=Sum("minutes"))["minutes"]
    target = TrainingTarget.objects.filter(role=worker.role).first()
    return TrainingHours(
        year=year,
        lines=[
            HoursLine(
                "录播课",
                "碧江社工服务平台：按实际观看时长计",
                _hours((online or 0) / 3600),
                "已观看{}分{:02d}秒".format(*divmod(online or 0, 60)),
            ),
            HoursLine(
                "直播专题讲座", "讲座中输入签到码后按讲座时长计", _hours((lectures or 0) / 60)
            ),
            HoursLine("线下培训", "民政部门线下培训：工作人员登记出勤", _hours(offline)),
            HoursLine("一对一督导", "您确认过的督导记录", _hours((supervision or 0) / 60)),
        ],
        target=target.yearly_hours if target else None,
    )


ROLL_STATUS_FOR_WORKER = {
    SubsidyRoll.Status.DRAFT: "待提交",
    SubsidyRoll.Status.SUBMITTED: "待审核",
    SubsidyRoll.Status.RETURNED: "已退回",
    SubsidyRoll.Status.APPROVED: "已锁定",
}


@dataclass(frozen=True)
class SubsidyYear:
    lines: list[RollLine]
    current_month: dt.date
    current_status: str

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines)


def subsidy_this_year(worker: SocialWorker, today: dt.date) -> SubsidyYear:
    """Her lines on this year's approved rolls, and how this month's roll of her station stands
    (待提交 until the station submits it)."""
    lines = list(
        RollLine.objects.filter(
            worker=worker, month__year=today.year, roll__status=SubsidyRoll.Status.APPROVED
        ).order_by("month")
    )
    month = today.replace(day=1)
    roll = SubsidyRoll.objects.filter(street_id=worker.street_id, month=month).first()
    status = ROLL_STATUS_FOR_WORKER[roll.status] if roll else "待提交"
    return SubsidyYear(lines=lines, current_month=month, current_status=status)


@dataclass(frozen=True)
class SupervisionMonth:
    month: dt.date
    records: list[SupervisionRecord] = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return not self.records


def supervision_months(
    worker: SocialWorker, records: list[SupervisionRecord], today: dt.date
) -> list[SupervisionMonth]:
    """Every month of this year up to this one (from the month she started, if later), newest
    first, each with its sessions; a month without one is flagged."""
    first = dt.date(today.year, 1, 1)
    if worker.started_on and worker.started_on > first:
        first = worker.started_on.replace(day=1)
    months, month = [], today.replace(day=1)
    while month >= first:
        months.append(
            SupervisionMonth(
                month,
                [
                    r
                    for r in records
                    if (r.held_on.year, r.held_on.month) == (month.year, month.month)
                ],
            )
        )
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return months


@dataclass(frozen=True)
class Readiness:
    step: PromotionStep | None
    check: PromotionCheck | None
    years: Decimal
    key_projects: int
    level: CertificateLevel | None
    satisfaction: Decimal | None
    achievements: list[Achievement]
    hours: TrainingHours

    @property
    def meets_rules(self) -> bool:
        return self.check is not None and self.check.meets


def readiness(worker: SocialWorker, hours: TrainingHours, today: dt.date) -> Readiness:
    """The existing promotion checker filled from her own records, plus the three measures of
    the assessment (satisfaction, achievements, training hours)."""
    step = PromotionStep.objects.select_related("min_level").filter(from_role=worker.role).first()
    years = years_of_service(worker.started_on, today)
    projects = key_project_count(worker)
    level = level_held(worker, today)
    check = check_promotion(step, years=years, key_projects=projects, level=level) if step else None
    return Readiness(
        step=step,
        check=check,
        years=years,
        key_projects=projects,
        level=level,
        satisfaction=satisfaction_for(worker),
        achievements=list(Achievement.objects.filter(worker=worker)),
        hours=hours,
    )
