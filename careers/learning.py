"""Crediting online learning: what a worker watched of a lesson, and when a lesson is done.

A report from the player is one stretch that actually played, [start, end] in seconds of the
video. The stretches are merged, so:
- watching a part again adds nothing (no double count);
- skipping ahead credits nothing for the skipped part (it was never played);
- the credited time is the length of the merged stretches, capped at the lesson's length.
A lesson is done when the merged stretches cover at least COMPLETION_SHARE of it.
"""

import math
from dataclasses import dataclass
from fractions import Fraction

from django.db import transaction
from django.utils import timezone

from careers.models import Lesson, LessonProgress, SocialWorker

COMPLETION_SHARE = Fraction(9, 10)
COMPLETION_PERCENT = int(COMPLETION_SHARE * 100)  # as the pages say it: 看完至少90%
# One report covers at most this many seconds of playing; the page reports every 15 seconds,
# so a longer stretch is not a real report and is refused.
MAX_STRETCH_SECONDS = 120


class ProgressError(ValueError):
    """A report that cannot be a stretch of this lesson; the message is for the log/user."""


def merge(stretches: list[list[int]]) -> list[list[int]]:
    """[[0, 10], [5, 20], [30, 40]] -> [[0, 20], [30, 40]]."""
    merged: list[list[int]] = []
    for start, end in sorted(stretches):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def covered(stretches: list[list[int]]) -> int:
    return sum(end - start for start, end in stretches)


def is_complete(watched_seconds: int, duration: int) -> bool:
    """A 600-second lesson is done at 540 seconds watched (90%), not at 539."""
    return watched_seconds >= COMPLETION_SHARE * duration


@dataclass(frozen=True)
class Report:
    start: int
    end: int
    position: int


def clean_report(lesson: Lesson, start: float, end: float, position: float) -> Report:
    """Whole seconds within the lesson; a stretch must go forwards and be short."""
    duration = lesson.duration_seconds
    if not all(math.isfinite(value) and value >= 0 for value in (start, end, position)):
        raise ProgressError("秒数必须是不小于0的有限数字")
    start, end = max(0, int(start)), min(duration, round(end))
    position = min(max(0, int(position)), duration)
    if end < start:
        raise ProgressError("片段的结束早于开始")
    if end - start > MAX_STRETCH_SECONDS:
        raise ProgressError("一次报告的片段过长")
    return Report(start, end, position)


@transaction.atomic
def record_progress(worker: SocialWorker, lesson: Lesson, report: Report) -> LessonProgress:
    """Add one played stretch to the worker's progress on the lesson and update the credit."""
    progress, _ = LessonProgress.objects.select_for_update().get_or_create(
        worker=worker, lesson=lesson
    )
    if report.end > report.start:
        progress.watched = merge([*progress.watched, [report.start, report.end]])
    progress.credited_seconds = min(covered(progress.watched), lesson.duration_seconds)
    progress.position = report.position
    if progress.completed_at is None and is_complete(
        progress.credited_seconds, lesson.duration_seconds
    ):
        progress.completed_at = timezone.now()
    progress.save()
    return progress


def resume_at(progress: LessonProgress | None, lesson: Lesson) -> int:
    """Where the player starts: where she stopped, or the start once she reached the end."""
    if progress is None or progress.position >= lesson.duration_seconds - 2:
        return 0
    return progress.position
