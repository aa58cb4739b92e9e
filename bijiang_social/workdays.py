"""China's working-day calendar: weekends and statutory holidays off, make-up days (调休) on.

Who decides a day, first match wins:
1. the CalendarDay table in admin (staff's corrections and imported State Council notices);
2. the chinesecalendar package, for the years it knows (the published arrangements);
3. for a year whose arrangement staff imported (a HolidayArrangement row): Monday to Friday;
4. otherwise the statutory holidays the `holidays` package computes for China (元旦, 春节,
   清明, 劳动节, 端午, 中秋, 国庆, with their observed days) and Monday to Friday. Dates that
   rest on this last rule are provisional: staff see them marked 暂按法定节假日计算 until the
   year's notice is imported.
"""

import datetime as dt
import functools
from dataclasses import dataclass

import chinese_calendar
import holidays

from bijiang_social.models import CalendarDay, HolidayArrangement

# Far enough to cross the longest holiday run (Spring Festival plus weekends) many times.
_SEARCH_LIMIT_DAYS = 400
PROVISIONAL_NOTE = "暂按法定节假日计算"


@functools.cache
def package_knows(year: int) -> bool:
    """Whether chinesecalendar has the State Council's arrangement for that year."""
    try:
        chinese_calendar.is_workday(dt.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


@functools.cache
def _statutory(year: int) -> holidays.HolidayBase:
    return holidays.China(years=year, observed=True)


def statutory_says_working(day: dt.date) -> bool:
    """The fallback rule: a weekday that is not a statutory holiday (or its observed day)."""
    statutory = _statutory(day.year)
    if day in getattr(statutory, "weekend_workdays", ()):
        return True
    return day.weekday() < 5 and day not in statutory


@dataclass(frozen=True)
class Calendar:
    """What the database says for a span of days, loaded once (at most two queries)."""

    overrides: dict[dt.date, bool]
    entered_years: frozenset[int]

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if package_knows(day.year):
            return chinese_calendar.is_workday(day)
        if day.year in self.entered_years:
            return day.weekday() < 5
        return statutory_says_working(day)

    def is_provisional(self, day: dt.date) -> bool:
        """Whether that day's status rests on the statutory fallback alone."""
        return not package_knows(day.year) and day.year not in self.entered_years


def load_calendar(start: dt.date, end: dt.date) -> Calendar:
    rows = CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind")
    overrides = {date: kind == CalendarDay.Kind.WORKDAY for date, kind in rows}
    unknown = [year for year in range(start.year, end.year + 1) if not package_knows(year)]
    entered = (
        HolidayArrangement.objects.filter(year__in=unknown).values_list("year", flat=True)
        if unknown
        else []
    )
    return Calendar(overrides, frozenset(entered))


def is_working_day(day: dt.date, calendar: Calendar | None = None) -> bool:
    return (calendar or load_calendar(day, day)).is_working_day(day)


def is_provisional(day: dt.date, calendar: Calendar | None = None) -> bool:
    """Whether a date computed up to `day` may still move when the year's notice comes out."""
    return (calendar or load_calendar(day, day)).is_provisional(day)


def year_needs_arrangement(year: int) -> bool:
    """Neither the package nor staff have the State Council's arrangement for that year."""
    return not package_knows(year) and not HolidayArrangement.objects.filter(year=year).exists()


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date of the `days`-th working day after `start` (start itself not counted).

    "Within 3 working days" of a Friday submission before a normal weekend is the
    next Wednesday. `days=0` gives `start` if it is a working day, else the next one.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    calendar = load_calendar(start, start + dt.timedelta(days=_SEARCH_LIMIT_DAYS))
    current = start
    if days == 0:
        while not calendar.is_working_day(current):
            current += dt.timedelta(days=1)
        return current
    counted = 0
    while counted < days:
        current += dt.timedelta(days=1)
        if (current - start).days > _SEARCH_LIMIT_DAYS:
            raise ValueError("no working days found in the calendar range")
        if calendar.is_working_day(current):
            counted += 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days lie after `start` up to and including `end`."""
    if end <= start:
        return 0
    calendar = load_calendar(start, end)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if calendar.is_working_day(start + dt.timedelta(days=offset))
    )
