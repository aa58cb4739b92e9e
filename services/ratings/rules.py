"""The rating rules, as plain functions the views and the admin call.

- What may be rated: a case once it is 已结案 (occasion "closing"), and every quarterly
  evaluation staff recorded as done (occasion "evaluation-<id>").
- One rating per occasion; it can be changed in place within `RatingPolicy.change_days`
  (7) days of the first submission.
- A rating of 不满意 or 非常不满意 opens a rectification (整改) for the case's station, due
  `RatingPolicy.rectification_working_days` (15) working days after the rating day (the rating
  day itself not counted; weekends and holidays skipped, see bijiang_social.workdays).
- The station answers; the district hub closes. Once it is closed the resident sees the
  answer and may rate that occasion once more (round 2), which can open a new rectification.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from bijiang_social.workdays import add_working_days
from services.applications.models import FollowUp, ServiceApplication, Status
from services.ratings.models import (
    CLOSING_OCCASION,
    EVALUATION_PREFIX,
    Rating,
    RatingPolicy,
    Rectification,
)

MAX_ROUNDS = 2


class RatingError(Exception):
    """A rating that is not allowed now; the message is Chinese and says what to do."""


@dataclass
class Occasion:
    """Something the resident may rate, with its latest rating and what they may do now."""

    key: str
    label: str
    evaluation: FollowUp | None
    latest: Rating | None
    can_change: bool
    can_rate_again: bool

    @property
    def can_rate(self) -> bool:
        return self.latest is None or self.can_change or self.can_rate_again


def rectification_due(rated_on: dt.date, policy: RatingPolicy) -> dt.date:
    """The rectification deadline: so many working days after the rating day."""
    return add_working_days(rated_on, policy.rectification_working_days)


def _may_change(rating: Rating, policy: RatingPolicy, now: dt.datetime) -> bool:
    answered = hasattr(rating, "rectification") and rating.rectification.status != (
        Rectification.Status.OPEN
    )
    return now <= rating.changeable_until(policy) and not answered


def _may_rate_again(rating: Rating) -> bool:
    return (
        rating.round < MAX_ROUNDS
        and hasattr(rating, "rectification")
        and rating.rectification.status == Rectification.Status.CLOSED
    )


def occasions(
    case: ServiceApplication, now: dt.datetime | None = None, policy: RatingPolicy | None = None
) -> list[Occasion]:
    """The occasions of a case the resident may rate (or has rated), in order."""
    now = now or timezone.now()
    policy = policy or RatingPolicy.current()
    ratings: dict[str, Rating] = {}
    for rating in case.ratings.select_related("rectification").order_by("round"):
        ratings[rating.occasion] = rating  # the latest round wins
    found: list[tuple[str, str, FollowUp | None]] = []
    evaluations = case.followups.filter(kind=FollowUp.Kind.EVALUATION, done_on__isnull=False)
    for evaluation in evaluations.order_by("done_on", "id"):
        found.append(
            (
                f"{EVALUATION_PREFIX}{evaluation.pk}",
                f"{evaluation.done_on:%Y年%-m月}的季度评估",
                evaluation,
            )
        )
    if case.status == Status.CLOSED:
        found.append((CLOSING_OCCASION, "本次服务（已结案）", None))
    result = []
    for key, label, evaluation in found:
        latest = ratings.get(key)
        result.append(
            Occasion(
                key=key,
                label=label,
                evaluation=evaluation,
                latest=latest,
                can_change=latest is not None and _may_change(latest, policy, now),
                can_rate_again=latest is not None and _may_rate_again(latest),
            )
        )
    return result


def rate(
    case: ServiceApplication,
    occasion_key: str,
    *,
    level: int,
    aspect: str = "",
    comment: str = "",
    now: dt.datetime | None = None,
) -> Rating:
    """Record (or change) the resident's rating of one occasion; opens a rectification for a
    poor rating. Raises RatingError."""
    now = now or timezone.now()
    policy = RatingPolicy.current()
    occasion = next((o for o in occasions(case, now, policy) if o.key == occasion_key), None)
    if occasion is None:
        raise RatingError("这项服务现在还不能评价：结案后或季度评估完成后才可以评价。")
    if not occasion.can_rate:
        raise RatingError(
            f"您已经评价过了，评价提交{policy.change_days}天内可以修改，现在已经不能修改。"
            "如有意见，请联系所在街道社工站。"
        )
    with transaction.atomic():
        if occasion.latest is not None and occasion.can_change:
            rating = occasion.latest
            rating.level, rating.aspect, rating.comment = level, aspect, comment.strip()
            rating.changed_at = now
            rating.save(update_fields=["level", "aspect", "comment", "changed_at"])
        else:
            rating = Rating.objects.create(
                application=case,
                evaluation=occasion.evaluation,
                occasion=occasion.key,
                round=occasion.latest.round + 1 if occasion.latest else 1,
                level=level,
                aspect=aspect,
                comment=comment.strip(),
                social_worker=case.social_worker,
                worker_id=case.assigned_worker_id,
                rated_at=now,
                changed_at=now,
            )
        if rating.is_poor and not Rectification.objects.filter(rating=rating).exists():
            Rectification.objects.create(
                rating=rating,
                opened_at=now,
                due_on=rectification_due(timezone.localdate(now), policy),
            )
    return rating


def answer_rectification(
    rectification: Rectification,
    actor: AbstractBaseUser | None,
    answer: str,
    now: dt.datetime | None = None,
) -> None:
    """The station writes what it did; the task waits for the district hub."""
    if rectification.status == Rectification.Status.CLOSED:
        raise RatingError("这项整改已经办结，不能再修改答复。")
    if not answer.strip():
        raise RatingError("请写明社工站做了哪些整改，申请人会看到这段答复。")
    rectification.station_answer = answer.strip()
    rectification.status = Rectification.Status.ANSWERED
    rectification.answered_at = now or timezone.now()
    rectification.answered_by = actor
    rectification.save(update_fields=["station_answer", "status", "answered_at", "answered_by"])


def close_rectification(
    rectification: Rectification,
    actor: AbstractBaseUser | None,
    now: dt.datetime | None = None,
) -> None:
    """The district hub closes an answered rectification; the resident then sees the answer."""
    if rectification.status == Rectification.Status.CLOSED:
        raise RatingError("这项整改已经办结。")
    if rectification.status != Rectification.Status.ANSWERED or not rectification.station_answer:
        raise RatingError("社工站还没有答复，请等社工站写明整改情况后再办结。")
    rectification.status = Rectification.Status.CLOSED
    rectification.closed_at = now or timezone.now()
    rectification.closed_by = actor
    rectification.save(update_fields=["status", "closed_at", "closed_by"])
