"""Entering a year's State Council holiday arrangement: parse the notice's dates or a
spreadsheet, then replace that year's rows in the CalendarDay table in one transaction."""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import load_workbook

from bijiang_social.models import CalendarDay, HolidayArrangement
from bijiang_social.spreadsheets import SheetTooLarge, bounded_rows

# "2027年1月1日", "2027-01-01", "1月1日", "1.1"; a range adds "至3日" or "至2月3日".
_DATE = r"(?:(?P<y>\d{4})\s*[年./-]\s*)?(?P<m>\d{1,2})\s*[月./-]\s*(?P<d>\d{1,2})\s*日?"
_END = r"(?:(?P<y2>\d{4})\s*[年./-]\s*)?(?:(?P<m2>\d{1,2})\s*[月./-]\s*)?(?P<d2>\d{1,2})\s*日?"
_RANGE = re.compile(rf"{_DATE}(?:\s*(?:至|到|~|～|—|－)\s*{_END})?")
_ASIDE = re.compile(r"（[^）]*）|\([^)]*\)")
_WORKDAY_WORDS = ("上班", "工作日", "调休上班", "workday")
_MAX_RUN_DAYS = 15
# A year's arrangement is some 30 rows of three columns; a sheet is read no further than this.
MAX_ROWS, MAX_COLUMNS = 400, 10


@dataclass(frozen=True)
class ArrangedDay:
    date: dt.date
    kind: str  # CalendarDay.Kind
    note: str = ""


def _day(year: int, month: str, day: str, text: str) -> dt.date:
    try:
        return dt.date(year, int(month), int(day))
    except ValueError:
        raise ValidationError(f"“{text}”不是有效的日期，请核对月份和日期。") from None


def parse_dates(text: str, year: int) -> list[dt.date]:
    """Every date the pasted text names, ranges expanded; a date without a year is in `year`.

    "1月1日（周五）至3日（周日）放假" gives 1 January to 3 January.
    """
    dates: list[dt.date] = []
    for match in _RANGE.finditer(_ASIDE.sub("", text)):
        first = _day(int(match["y"] or year), match["m"], match["d"], match[0])
        dates.append(first)
        if match["d2"] is None:
            continue
        last = _day(
            int(match["y2"] or first.year), match["m2"] or first.month, match["d2"], match[0]
        )
        if not first < last <= first + dt.timedelta(days=_MAX_RUN_DAYS):
            raise ValidationError(
                f"“{match[0]}”的起止日期不对：结束日期应在开始日期之后的{_MAX_RUN_DAYS}天内。"
            )
        dates.extend(first + dt.timedelta(days=n) for n in range(1, (last - first).days + 1))
    return dates


_CLAUSES = re.compile(r"[。；;\n]+")
_FESTIVAL = re.compile(r"([\u4e00-\u9fa5、]{2,16})\s*[：:]")
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


def parse_notice(text: str, year: int) -> list[ArrangedDay]:
    """The days a pasted State Council notice names, sentence by sentence.

    A sentence that says 上班 gives make-up working days; any other sentence gives days off.
    "二、春节：2月15日（周日）至23日（周一）放假调休，共9天。2月14日（周六）上班。" gives
    nine days off noted 春节 and one working Saturday noted 春节调休上班.
    """
    days, festival = [], ""
    for clause in _CLAUSES.split(text):
        if named := _FESTIVAL.search(clause):
            festival = _ORDINAL.sub("", named[1])
        workday = "上班" in clause
        kind = CalendarDay.Kind.WORKDAY if workday else CalendarDay.Kind.HOLIDAY
        note = (f"{festival}调休上班" if workday and festival else festival)[:60]
        days += [ArrangedDay(date, kind, note) for date in parse_dates(clause, year)]
    return days


def read_spreadsheet(upload, year: int) -> list[ArrangedDay]:
    """Rows of 日期 | 类型 (放假 or 上班) | 说明 from an .xlsx or .csv file (header skipped)."""
    name = upload.name.lower()
    if name.endswith(".xlsx"):
        try:
            workbook = load_workbook(upload, read_only=True, data_only=True)
            try:
                rows = [list(row) for row in bounded_rows(workbook.active, MAX_ROWS, MAX_COLUMNS)]
            finally:
                workbook.close()
        except SheetTooLarge as error:
            raise ValidationError(str(error)) from None
        except Exception:  # openpyxl raises many kinds for a file that is not a workbook
            raise ValidationError(
                "无法读取这个 xlsx 文件，请用 Excel 另存为 .xlsx 后重试。"
            ) from None
    elif name.endswith(".csv"):
        text = upload.read().decode("utf-8-sig", errors="replace")
        rows = list(csv.reader(io.StringIO(text)))
    else:
        raise ValidationError("只接受 .xlsx 或 .csv 文件（三列：日期、类型、说明）。")
    days = []
    for number, row in enumerate(rows, start=1):
        cells = [cell for cell in row if cell not in (None, "")]
        if not cells or (number == 1 and "日期" in str(cells[0])):
            continue
        when, kind = cells[0], str(cells[1]) if len(cells) > 1 else ""
        note = str(cells[2]) if len(cells) > 2 else ""
        if isinstance(when, dt.datetime):
            dates = [when.date()]
        elif isinstance(when, dt.date):
            dates = [when]
        else:
            dates = parse_dates(str(when), year)
        if len(dates) != 1:
            raise ValidationError(f"第{number}行的日期“{when}”无法识别，请写成 2027-01-01。")
        workday = any(word in kind for word in _WORKDAY_WORDS)
        days.append(
            ArrangedDay(
                dates[0],
                CalendarDay.Kind.WORKDAY if workday else CalendarDay.Kind.HOLIDAY,
                note[:60],
            )
        )
    return days


def check_year(days: list[ArrangedDay], year: int) -> None:
    if not days:
        raise ValidationError("没有读到任何日期，请粘贴通知中的放假和调休上班日期，或上传表格。")
    # The notice for a year may name the last days of December before it (元旦 runs).
    outside = [d.date for d in days if d.date.year not in (year, year - 1)]
    if outside:
        raise ValidationError(f"{outside[0]:%Y-%m-%d}不在{year}年，请核对年份。")
    kinds: dict[dt.date, str] = {}
    for day in days:
        if kinds.setdefault(day.date, day.kind) != day.kind:
            raise ValidationError(f"{day.date:%Y-%m-%d}既写成放假又写成上班，请核对。")


@transaction.atomic
def import_arrangement(year: int, days: list[ArrangedDay], notice: str = "") -> int:
    """Replace the year's rows by the arrangement and record the year as entered."""
    check_year(days, year)
    dates = {day.date for day in days}
    for old in CalendarDay.objects.filter(date__year=year).exclude(date__in=dates):
        old.delete()  # one by one, so the audit trail records each removal
    for day in days:
        CalendarDay.objects.update_or_create(
            date=day.date, defaults={"kind": day.kind, "note": day.note}
        )
    HolidayArrangement.objects.update_or_create(year=year, defaults={"notice": notice})
    return len(dates)
