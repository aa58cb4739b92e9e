"""Checks shared by the export tests: a value of each kind a spreadsheet would run as a formula,
and what an export must look like when opened with openpyxl."""

from io import BytesIO

from openpyxl import load_workbook

# One value per dangerous first character (= + - @ tab CR); each at most 30 characters, so it
# fits every name field.
FORMULAS = [
    '=HYPERLINK("//x.example","看")',
    '+HYPERLINK("//x.example","看")',
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _as_read(value: str) -> str:
    # XML turns a carriage return into a line feed when the file is read back.
    return value.replace("\r", "\n")


def rows_of(content: bytes) -> list[tuple]:
    return list(load_workbook(BytesIO(content)).active.iter_rows(values_only=True))


def assert_written_as_text(content: bytes, values: list[str]) -> None:
    """No cell is a formula; every value arrives as the text it was, marked as text."""
    sheet = load_workbook(BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    expected = {_as_read(value) for value in values}
    found = [c for c in cells if c.value in expected]
    assert {c.value for c in found} == expected
    assert all(c.data_type == "s" and c.quotePrefix for c in found)


def assert_staff_layout(content: bytes) -> None:
    """A bold, frozen header row and columns sized to their contents."""
    sheet = load_workbook(BytesIO(content)).active
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    assert all(sheet.column_dimensions[c.column_letter].width >= 6 for c in sheet[1])
