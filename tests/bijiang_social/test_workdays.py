import datetime as dt

import pytest

from bijiang_social.holiday_notice import import_arrangement, parse_notice
from bijiang_social.models import CalendarDay
from bijiang_social.workdays import (
    add_working_days,
    is_provisional,
    is_working_day,
    working_days_between,
)

pytestmark = pytest.mark.django_db
D = dt.date


def test_an_ordinary_week_skips_the_weekend():
    # Friday 2026-11-20 + 3 working days: Mon 23, Tue 24, Wed 25.
    assert add_working_days(D(2026, 11, 20), 3) == D(2026, 11, 25)


def test_spring_festival_2026_is_skipped_and_the_make_up_saturday_counts():
    # Fri 13 Feb; Sat 14 Feb is a make-up working day; 15–23 Feb are the holiday.
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert add_working_days(D(2026, 2, 13), 3) == D(2026, 2, 25)
    # Sat 28 Feb is a make-up working day too, so 7 working days end on Mon 2 March.
    assert add_working_days(D(2026, 2, 13), 7) == D(2026, 3, 2)


def test_national_day_2026_is_skipped_and_the_make_up_saturday_counts():
    # Wed 30 Sep; 1–7 Oct off; Thu 8, Fri 9, Sat 10 Oct (make-up) are working days.
    assert add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)


def test_zero_days_from_a_holiday_is_the_next_working_day():
    assert add_working_days(D(2026, 10, 3), 0) == D(2026, 10, 8)


def test_the_staff_table_wins_over_the_package():
    CalendarDay.objects.create(date=D(2026, 11, 23), kind=CalendarDay.Kind.HOLIDAY, note="测试")
    CalendarDay.objects.create(date=D(2026, 11, 21), kind=CalendarDay.Kind.WORKDAY, note="测试")
    assert not is_working_day(D(2026, 11, 23))
    # Fri 20: Sat 21 (table: working), Tue 24, Wed 25; Mon 23 is off by the table.
    assert add_working_days(D(2026, 11, 20), 3) == D(2026, 11, 25)
    assert add_working_days(D(2026, 11, 20), 1) == D(2026, 11, 21)


def test_a_year_the_package_does_not_know_falls_back_to_statutory_holidays_and_the_table():
    assert is_working_day(D(2030, 1, 7))  # a Monday
    assert not is_working_day(D(2030, 1, 5))  # a Saturday
    assert not is_working_day(D(2030, 1, 1))  # 元旦, a Tuesday
    CalendarDay.objects.create(date=D(2030, 1, 7), kind=CalendarDay.Kind.HOLIDAY)
    assert not is_working_day(D(2030, 1, 7))


def test_it_counts_working_days_between_two_dates():
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 10)) == 3
    assert working_days_between(D(2026, 10, 10), D(2026, 9, 30)) == 0


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 5), -1)


def test_new_years_day_2027_is_not_a_working_day_by_the_statutory_fallback():
    assert not is_working_day(D(2027, 1, 1))  # a Friday
    # Seven working days from Monday 28 December 2026 skip it: 29, 30, 31 Dec, 4–7 Jan.
    assert add_working_days(D(2026, 12, 28), 7) == D(2027, 1, 7)


def test_the_spring_festival_week_2027_is_skipped_with_its_observed_days():
    # 除夕 5 Feb (Fri) to 初三 8 Feb, and the observed 9 and 10 Feb for the weekend days.
    for day in range(5, 11):
        assert not is_working_day(D(2027, 2, day)), day
    assert add_working_days(D(2027, 2, 3), 3) == D(2027, 2, 12)


def test_the_other_statutory_holidays_of_2027_are_known():
    for day in [D(2027, 4, 5), D(2027, 5, 3), D(2027, 6, 9), D(2027, 9, 15), D(2027, 10, 4)]:
        assert not is_working_day(day), day


def test_fallback_dates_are_provisional_until_the_years_notice_is_imported():
    assert not is_provisional(D(2026, 12, 31))  # the package knows 2026
    assert is_provisional(D(2027, 1, 7))
    import_arrangement(
        2027,
        parse_notice("元旦：1月1日（周五）至3日放假，共3天。2月20日（周六）上班。", 2027),
    )
    assert not is_provisional(D(2027, 1, 7))
    assert is_working_day(D(2027, 2, 20))  # the imported make-up Saturday
    # An imported year follows its table and the weekdays: 除夕 was not in this excerpt.
    assert is_working_day(D(2027, 2, 5))
