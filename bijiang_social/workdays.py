"""China's working-day calendar: weekends and statutory holidays off, make-up days (调休) on.

The chinesecalendar package knows the State Council's published arrangements; the
CalendarDay table in admin lets staff add a year the package does not know yet or
correct a day. Where both speak, the table wins. Outside the package's years and
without a table entry, Monday to Friday are working days.
"""

import datetime as dt
from collections.abc import Mapping

import chinese_calendar

from bijiang_social.models import CalendarDay

# Far enough to cross the longest holiday run (Spring Festival plus weekends) many times.
_SEARCH_LIMIT_DAYS = 400


def _package_says_working(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def calendar_overrides(start: dt.date, end: dt.date) -> dict[dt.date, bool]:
    """The staff table's say for the days from start to end: date -> is a working day."""
    rows = CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind")
    return {date: kind == CalendarDay.Kind.WORKDAY for date, kind in rows}


def is_working_day(day: dt.date, overrides: Mapping[dt.date, bool] | None = None) -> bool:
    if overrides is None:
        overrides = calendar_overrides(day, day)
    if day in overrides:
        return overrides[day]
    return _package_says_working(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date of the `days`-th working day after `start` (start itself not counted).

    "Within 3 working days" of a Friday submission before a normal weekend is the
    next Wednesday. `days=0` gives `start` if it is a working day, else the next one.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    overrides = calendar_overrides(start, start + dt.timedelta(days=_SEARCH_LIMIT_DAYS))
    current = start
    if days == 0:
        while not is_working_day(current, overrides):
            current += dt.timedelta(days=1)
        return current
    counted = 0
    while counted < days:
        current += dt.timedelta(days=1)
        if (current - start).days > _SEARCH_LIMIT_DAYS:
            raise ValueError("no working days found in the calendar range")
        if is_working_day(current, overrides):
            counted += 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days lie after `start` up to and including `end`."""
    if end <= start:
        return 0
    overrides = calendar_overrides(start, end)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + dt.timedelta(days=offset), overrides)
    )
