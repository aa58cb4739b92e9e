"""Excel (xlsx) downloads for staff: the approved roll for payment, training sign-ups."""

from collections.abc import Iterable, Sequence
from io import BytesIO
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(
    filename: str, sheet_title: str, headers: Sequence[str], rows: Iterable[Sequence]
) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [_width(h) for h in headers]
    for row in rows:
        row = list(row)
        sheet.append(row)
        widths = [max(w, _width(v)) for w, v in zip(widths, row, strict=False)] + widths[len(row) :]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"  # the header stays in view while scrolling
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _width(value) -> int:
    """Display width: a Chinese character takes two columns, everything else one."""
    text = "" if value is None else str(value)
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def mask_account(value: str) -> str:
    """6222021234567890123 -> ***************0123 (only the last four digits)."""
    return "*" * max(len(value) - 4, 0) + value[-4:] if value else ""
