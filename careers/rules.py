"""The careers rules as plain functions: subsidies, the mid-year level change, promotion, the
June window. The calculators and the monthly roll call these same functions.

Amounts and thresholds come in as model rows (CertificateLevel, SubsidyPolicy, PromotionStep,
PromotionWindow); nothing here is a number from the guide.
"""

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from careers.models import (
    Certificate,
    CertificateLevel,
    PromotionStep,
    PromotionWindow,
    SubsidyPolicy,
    format_years,
)

MONTHS_IN_YEAR = 12


# --- Subsidies ------------------------------------------------------------------------------


def post_subsidy_monthly(level: CertificateLevel | None) -> int:
    """岗位补贴: the certificate level's monthly amount; nothing without a certificate."""
    return level.monthly_post_subsidy if level else 0


def title_subsidy_yearly(title: CertificateLevel | None, policy: SubsidyPolicy) -> int:
    """职称专项补贴: the yearly amount for the policy's minimum title (中级) and above."""
    if title is None or title.rank < policy.title_min_level.rank:
        return 0
    return policy.title_subsidy_yearly


def project_award(project_months: int, policy: SubsidyPolicy) -> int:
    """项目专项奖励: the monthly award times the months spent on key livelihood projects."""
    return policy.project_award_monthly * project_months


@dataclass(frozen=True)
class SubsidyLine:
    label: str
    per_month: int | None  # None: not paid monthly (the title subsidy is yearly)
    per_year: int
    rule: str


@dataclass(frozen=True)
class SubsidyEstimate:
    level: CertificateLevel
    project_months: int
    lines: list[SubsidyLine] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(line.per_year for line in self.lines)


def yearly_subsidy(
    level: CertificateLevel, project_months: int, policy: SubsidyPolicy
) -> SubsidyEstimate:
    """What a social worker of `level` (holding the matching title) can claim in a year with
    `project_months` months on key projects: e.g. 社工师 all year 500×12 + 1000 + 200×12."""
    if not 0 <= project_months <= MONTHS_IN_YEAR:
        raise ValueError("project_months must be between 0 and 12")
    post = post_subsidy_monthly(level)
    title = title_subsidy_yearly(level, policy)
    award = policy.project_award_monthly
    min_title = policy.title_min_level.name
    lines = [
        SubsidyLine(
            "岗位补贴",
            post,
            post * MONTHS_IN_YEAR,
            f"持证社工按等级按月申领，{level.name}每月{post}元"
            if post
            else "岗位补贴只发给持证社工，考取助理社工师及以上证书后可申领",
        ),
        SubsidyLine(
            "职称专项补贴",
            None,
            title,
            f"获评{min_title}及以上职称的人员每年可申领{policy.title_subsidy_yearly}元"
            if title
            else f"获评{min_title}及以上职称后每年可申领{policy.title_subsidy_yearly}元，"
            f"{level.name}暂不符合",
        ),
        SubsidyLine(
            "项目专项奖励",
            award if project_months else 0,
            project_award(project_months, policy),
            f"参与重点民生项目的月份每人每月{award}元，今年参与{project_months}个月",
        ),
    ]
    return SubsidyEstimate(level=level, project_months=project_months, lines=lines)


def level_in_month(certificates: Iterable[Certificate], month: dt.date) -> CertificateLevel | None:
    """The certificate level that counts for `month`.

    The rule chosen (the guide is silent): a certificate counts from the month AFTER the month
    of its date. A 社工师 certificate dated 15 March 2026 (or 1 March) pays the 社工师 amount
    from April 2026; March is still paid at the level held before. With several certificates,
    the highest level that already counts wins.
    """
    counting = [
        c.level
        for c in certificates
        if (c.obtained_on.year, c.obtained_on.month) < (month.year, month.month)
    ]
    return max(counting, key=lambda level: level.rank, default=None)


@dataclass(frozen=True)
class MonthlyClaim:
    level: CertificateLevel | None
    post_subsidy: int
    title_subsidy: int
    project_award: int

    @property
    def total(self) -> int:
        return self.post_subsidy + self.title_subsidy + self.project_award

    @property
    def level_name(self) -> str:
        return self.level.name if self.level else "无证书"


def monthly_claim(
    *,
    certificates: Iterable[Certificate],
    title: CertificateLevel | None,
    on_key_project: bool,
    month: dt.date,
    policy: SubsidyPolicy,
) -> MonthlyClaim:
    """One social worker's claim for one month of the roll.

    The post subsidy follows level_in_month(); the yearly title subsidy is paid once, in the
    policy's title_subsidy_month; the project award when the month is a key-project month.
    """
    level = level_in_month(certificates, month)
    return MonthlyClaim(
        level=level,
        post_subsidy=post_subsidy_monthly(level),
        title_subsidy=(
            title_subsidy_yearly(title, policy) if month.month == policy.title_subsidy_month else 0
        ),
        project_award=project_award(1 if on_key_project else 0, policy),
    )


# --- Promotion ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PromotionCheck:
    step: PromotionStep
    missing: list[str]

    @property
    def meets(self) -> bool:
        return not self.missing


def check_promotion(
    step: PromotionStep, *, years: Decimal, key_projects: int, level: CertificateLevel | None
) -> PromotionCheck:
    """Whether someone in step.from_role may apply for step.to_role, and what is missing."""
    missing = []
    if years < step.min_years:
        missing.append(
            f"任职年限还差 {format_years(step.min_years - years)} 年"
            f"（需满{format_years(step.min_years)}年）"
        )
    if key_projects < step.min_key_projects:
        missing.append(
            f"重点项目还差 {step.min_key_projects - key_projects} 个"
            f"（需参与{step.min_key_projects}个及以上）"
        )
    if step.min_level and (level is None or level.rank < step.min_level.rank):
        missing.append(f"需持有{step.min_level.name}及以上证书")
    return PromotionCheck(step=step, missing=missing)


@dataclass(frozen=True)
class WindowDates:
    start: dt.date
    end: dt.date
    is_open: bool
    days_until_open: int  # 0 while open


def window_in_year(window: PromotionWindow, year: int) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, window.month)[1]
    return (
        dt.date(year, window.month, min(window.first_day, last)),
        dt.date(year, window.month, min(window.last_day, last)),
    )


def next_window(window: PromotionWindow, today: dt.date) -> WindowDates:
    """This year's window if it is open or still to come, otherwise next year's."""
    start, end = window_in_year(window, today.year)
    if today > end:
        start, end = window_in_year(window, today.year + 1)
    return WindowDates(
        start=start,
        end=end,
        is_open=start <= today <= end,
        days_until_open=max((start - today).days, 0),
    )
