"""The recruitment rules as plain functions: the certificate bonus, the pass lines, the
composite score, who may apply for which post, the ranking, and the notice period.

Rules chosen where the guide is silent (stated on the pages and in README.md):
- The +5 certificate bonus is added to the written score *before* the 60-point pass line is
  checked ("笔试环节加5分"), so 55 + 5 = 60 passes.
- Whether the bonus may lift a written score above the full marks (100) is a setting of the
  round; the 2024 round caps it at 100 (96 + 5 counts as 100).
- The interview line is "below 70 eliminated": exactly 70 passes.
- Ranking within a post: composite score, then a certificate holder first ("同等条件下优先"),
  then the higher interview score, then the higher raw written score, then the ID number in
  ascending order as a last, purely mechanical key so the order never depends on chance.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from django.db import models

from bijiang_social.workdays import add_working_days


class Education(models.IntegerChoices):
    """Highest education, in ascending order (a higher value satisfies a lower requirement)."""

    JUNIOR = 10, "初中及以下"
    SENIOR = 20, "高中"
    VOCATIONAL = 30, "中专（中职、技校）"
    COLLEGE = 40, "大专"
    BACHELOR = 50, "本科"
    POSTGRADUATE = 60, "硕士研究生及以上"


class SocialWorkLevel(models.TextChoices):
    """The national social-work certificate (全国社会工作者职业水平证书)."""

    NONE = "none", "没有"
    ASSISTANT = "assistant", "助理社会工作师（初级）"
    SOCIAL_WORKER = "social_worker", "社会工作师（中级）"
    SENIOR = "senior", "高级社会工作师"


def fmt(value: Decimal) -> str:
    """A score as people write it: 62, 62.5, 81.26 (no trailing zeros, no exponent)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


# --- Scores -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoringRules:
    full_marks: Decimal = Decimal("100")
    written_pass_mark: Decimal = Decimal("60")
    certificate_bonus: Decimal = Decimal("5")
    bonus_may_exceed_full_marks: bool = False
    interview_pass_mark: Decimal = Decimal("70")
    written_weight: Decimal = Decimal("0.4")
    interview_weight: Decimal = Decimal("0.6")


@dataclass(frozen=True)
class ScoreResult:
    written: Decimal
    certified: bool
    bonus: Decimal
    written_final: Decimal
    capped: bool
    written_passed: bool
    interview: Decimal | None
    interview_passed: bool
    composite: Decimal | None
    rules: ScoringRules
    reasons: tuple[str, ...] = field(default=())

    @property
    def eliminated(self) -> bool:
        return bool(self.reasons)

    @property
    def uncapped(self) -> Decimal:
        """The written score plus the bonus before any cap (shown in the working)."""
        return self.written + self.rules.certificate_bonus if self.certified else self.written

    @property
    def written_part(self) -> Decimal:
        return self.rules.written_weight * self.written_final

    @property
    def interview_part(self) -> Decimal | None:
        return None if self.interview is None else self.rules.interview_weight * self.interview


def written_after_bonus(written: Decimal, certified: bool, rules: ScoringRules) -> Decimal:
    """The written score counted for the pass line and the composite.

    >>> written_after_bonus(Decimal(57), True, ScoringRules())
    Decimal('62')
    >>> written_after_bonus(Decimal(98), True, ScoringRules())  # capped at the full marks
    Decimal('100')
    """
    if not certified:
        return written
    total = written + rules.certificate_bonus
    if not rules.bonus_may_exceed_full_marks:
        total = min(total, rules.full_marks)
    return total


def composite_score(written_final: Decimal, interview: Decimal, rules: ScoringRules) -> Decimal:
    """笔试40% + 面试60%, exact (no rounding): 0.4 × 80 + 0.6 × 75 = 77."""
    return rules.written_weight * written_final + rules.interview_weight * interview


def assess(
    written: Decimal, interview: Decimal | None, certified: bool, rules: ScoringRules
) -> ScoreResult:
    """Everything an applicant wants to know about a pair of scores, with the reasons if out."""
    final = written_after_bonus(written, certified, rules)
    written_passed = final >= rules.written_pass_mark
    interview_passed = interview is not None and interview >= rules.interview_pass_mark
    reasons = []
    if not written_passed:
        reasons.append(f"笔试成绩{fmt(final)}分，低于合格线{fmt(rules.written_pass_mark)}分")
    if interview is None:
        reasons.append("未参加面试")
    elif not interview_passed:
        reasons.append(f"面试成绩{fmt(interview)}分，低于{fmt(rules.interview_pass_mark)}分")
    return ScoreResult(
        written=written,
        certified=certified,
        bonus=final - written,
        written_final=final,
        capped=certified and written + rules.certificate_bonus != final,
        written_passed=written_passed,
        interview=interview,
        interview_passed=interview_passed,
        composite=None if interview is None else composite_score(final, interview, rules),
        rules=rules,
        reasons=tuple(reasons),
    )


def bonus_rule_sentences(rules: ScoringRules) -> list[str]:
    """How the certificate bonus meets the pass line and the full marks, in plain words."""
    bonus, line, full = rules.certificate_bonus, rules.written_pass_mark, rules.full_marks
    sentences = [
        f"持全国社工职业水平证书的考生，笔试成绩加{fmt(bonus)}分。",
        f"先加分，再看是否达到笔试合格线{fmt(line)}分："
        f"例如原始分{fmt(line - bonus)}分加{fmt(bonus)}分为{fmt(line)}分，算合格。",
    ]
    if rules.bonus_may_exceed_full_marks:
        sentences.append(f"加分后可以超过满分{fmt(full)}分，按实际相加的分数计算综合成绩。")
    else:
        sentences.append(
            f"加分后最高按满分{fmt(full)}分计，不会超过{fmt(full)}分："
            f"例如原始分{fmt(full - 2)}分加{fmt(bonus)}分，按{fmt(full)}分计。"
        )
    return sentences


TIE_BREAK_STEPS = [
    "综合成绩高者在前；",
    "综合成绩相同时，持全国社工职业水平证书者在前（同等条件下优先录用）；",
    "仍相同时，面试成绩高者在前；",
    "仍相同时，笔试原始分（加分前）高者在前；",
    "仍完全相同时，按身份证号码由小到大排列（只为保证排序固定，不代表优劣），"
    "招聘单位可另行组织加试并公告。",
]


# --- Ranking ------------------------------------------------------------------------------


class Scored(Protocol):
    id_number: str
    certified: bool
    written_score: Decimal
    interview_score: Decimal | None


@dataclass(frozen=True)
class Ranked:
    candidate: Scored
    result: ScoreResult
    rank: int | None  # None: eliminated
    admitted: bool


def rank_post(candidates: Iterable[Scored], places: int, rules: ScoringRules) -> list[Ranked]:
    """The ranked list of one post: those still in, best first, then the eliminated.

    The first `places` of those still in are admitted (1:1 against the number of places).
    """
    assessed = [
        (c, assess(c.written_score, c.interview_score, c.certified, rules)) for c in candidates
    ]
    qualified = [(c, r) for c, r in assessed if not r.eliminated]
    qualified.sort(
        key=lambda pair: (
            -pair[1].composite,
            not pair[0].certified,
            -pair[1].interview,
            -pair[0].written_score,
            pair[0].id_number,
        )
    )
    ranked = [
        Ranked(candidate=c, result=r, rank=position, admitted=position <= places)
        for position, (c, r) in enumerate(qualified, start=1)
    ]
    eliminated = sorted(
        ((c, r) for c, r in assessed if r.eliminated), key=lambda pair: pair[0].id_number
    )
    ranked += [Ranked(candidate=c, result=r, rank=None, admitted=False) for c, r in eliminated]
    return ranked


# --- Eligibility --------------------------------------------------------------------------


@dataclass(frozen=True)
class Applicant:
    education: int
    social_work_level: str = SocialWorkLevel.NONE
    has_eldercare_certificate: bool = False
    is_local: bool = False
    grassroots_years: Decimal = Decimal(0)

    @property
    def has_social_work_certificate(self) -> bool:
        return self.social_work_level != SocialWorkLevel.NONE


class PostRequirements(Protocol):
    min_education: int
    relaxed_min_education: int | None
    relaxed_needs_eldercare_certificate: bool
    requires_local_ties: bool
    min_grassroots_years: Decimal


@dataclass(frozen=True)
class Miss:
    rule: str
    fix: str


def _label(education: int) -> str:
    return Education(education).label


def _meets_exception(post: PostRequirements, applicant: Applicant) -> bool:
    relaxed = post.relaxed_min_education
    return (
        relaxed is not None
        and applicant.education >= relaxed
        and (applicant.has_eldercare_certificate or not post.relaxed_needs_eldercare_certificate)
    )


def education_misses(post: PostRequirements, applicant: Applicant) -> list[Miss]:
    if applicant.education >= post.min_education or _meets_exception(post, applicant):
        return []
    rule = f"学历需{_label(post.min_education)}及以上（您填写的是{_label(applicant.education)}）"
    fix = f"取得{_label(post.min_education)}及以上学历后可以报名。"
    relaxed = post.relaxed_min_education
    if relaxed is not None:
        certificate = "并持有养老护理员证" if post.relaxed_needs_eldercare_certificate else ""
        lacking = certificate and not applicant.has_eldercare_certificate
        rule = (
            f"学历需{_label(post.min_education)}及以上，或{_label(relaxed)}及以上学历{certificate}"
            f"（您填写的是{_label(applicant.education)}{'，没有养老护理员证' if lacking else ''}）"
        )
        if applicant.education >= relaxed and certificate:
            fix = "取得养老护理员证后即可破格报名。"
    return [Miss(rule=rule, fix=fix)]


def local_ties_misses(post: PostRequirements, applicant: Applicant) -> list[Miss]:
    if not post.requires_local_ties or applicant.is_local:
        return []
    years = post.min_grassroots_years
    if applicant.grassroots_years >= years:
        return []
    short = years - applicant.grassroots_years
    return [
        Miss(
            rule=(
                f"需碧江区本地户籍，或{fmt(years)}年以上基层服务经验"
                f"（您不是本地户籍，基层服务{fmt(applicant.grassroots_years)}年）"
            ),
            fix=f"再积累{fmt(short)}年基层服务经验，或户籍迁入碧江区后可以报名。",
        )
    ]


def post_misses(post: PostRequirements, applicant: Applicant) -> list[Miss]:
    """Every rule of the post the applicant does not meet; empty means they may apply."""
    return education_misses(post, applicant) + local_ties_misses(post, applicant)


def meets_relaxed_education_only(post: PostRequirements, applicant: Applicant) -> bool:
    """True when the applicant qualifies only through the post's exception (破格报名)."""
    return applicant.education < post.min_education and _meets_exception(post, applicant)


# --- Notice period ------------------------------------------------------------------------


def notice_period(published_on: dt.date, working_days: int) -> tuple[dt.date, dt.date]:
    """公示期: from the publication day (or the next working day if it is not one), for
    `working_days` working days, holidays and make-up days respected."""
    if working_days < 1:
        raise ValueError("the notice period is at least one working day")
    start = add_working_days(published_on, 0)
    return start, add_working_days(start, working_days - 1)
