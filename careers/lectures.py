"""Live lectures: when the meeting link shows and when the check-in code is accepted."""

import datetime as dt
from dataclasses import dataclass

from careers.models import LiveLecture

LINK_SHOWN_BEFORE = dt.timedelta(minutes=30)
CHECKIN_GRACE_AFTER = dt.timedelta(minutes=30)
LINK_MINUTES_BEFORE = int(LINK_SHOWN_BEFORE.total_seconds() // 60)  # as the pages say it


@dataclass(frozen=True)
class LectureState:
    show_link: bool  # from 30 minutes before the start until the end
    checkin_open: bool  # from 30 minutes before the start until 30 minutes after the end
    is_past: bool


def lecture_state(lecture: LiveLecture, now: dt.datetime) -> LectureState:
    opens = lecture.starts_at - LINK_SHOWN_BEFORE
    return LectureState(
        show_link=opens <= now <= lecture.ends_at,
        checkin_open=opens <= now <= lecture.ends_at + CHECKIN_GRACE_AFTER,
        is_past=now > lecture.ends_at,
    )
