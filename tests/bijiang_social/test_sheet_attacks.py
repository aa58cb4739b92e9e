"""Spreadsheets made to hold a worker: a 5 KB xlsx whose one stray cell at XFD1048576 makes
openpyxl hand out a million rows of 16 384 cells. Both imports refuse it at once, in Chinese."""

import io
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from bijiang_social.holiday_notice import read_spreadsheet
from bijiang_social.spreadsheets import SheetTooLarge, bounded_rows
from recruitment import importing

SCORE_HEADER = ("姓名", "身份证号", "岗位", "持社工证", "笔试成绩", "面试成绩")


def far_cell_xlsx(header, *, declare_size: bool = True) -> bytes:
    """The header and one cell at XFD1048576; optionally with the <dimension> element removed,
    as a hand-made file would be, so only the bounded reading protects."""
    workbook = Workbook()
    workbook.active.append(list(header))
    workbook.active["XFD1048576"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    if declare_size:
        return buffer.getvalue()
    import re
    import zipfile

    source, out = zipfile.ZipFile(buffer), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<dimension [^>]*/>", b"", data)
            target.writestr(item, data)
    return out.getvalue()


def test_the_attack_file_is_small():
    assert len(far_cell_xlsx(SCORE_HEADER)) < 6 * 1024


def test_the_score_import_refuses_the_far_cell_at_once_and_says_what_to_do():
    started = time.monotonic()
    upload = SimpleUploadedFile("scores.xlsx", far_cell_xlsx(SCORE_HEADER))
    with pytest.raises(importing.SheetError) as refused:
        importing.read_sheet(upload)
    assert time.monotonic() - started < 2
    assert str(refused.value).startswith("表格太大：第1个工作表用到了第 1048576 行、第 16384 列")
    assert "最多读 5001 行（含表头）、50 列" in str(refused.value)


def test_the_holiday_import_refuses_the_far_cell_at_once():
    started = time.monotonic()
    upload = SimpleUploadedFile("2027.xlsx", far_cell_xlsx(("日期", "类型", "说明")))
    with pytest.raises(ValidationError, match="表格太大.*最多读 400 行（含表头）、10 列"):
        read_spreadsheet(upload, 2027)
    assert time.monotonic() - started < 2


def test_a_sheet_that_hides_its_size_is_read_within_the_bounds_only():
    content = far_cell_xlsx(SCORE_HEADER, declare_size=False)
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    started = time.monotonic()
    rows = list(bounded_rows(workbook.active, 100, 8))
    assert time.monotonic() - started < 2
    assert len(rows) <= 100 and all(len(row) == 8 for row in rows)
    assert rows[0][:6] == SCORE_HEADER


def test_the_score_import_of_a_sheet_that_hides_its_size_ends_quickly_with_its_message():
    upload = SimpleUploadedFile("scores.xlsx", far_cell_xlsx(SCORE_HEADER, declare_size=False))
    started = time.monotonic()
    with pytest.raises(importing.SheetError, match="表格里没有考生数据"):
        importing.read_sheet(upload)
    assert time.monotonic() - started < 2


def test_a_sheet_within_the_bounds_passes():
    workbook = Workbook()
    workbook.active.append(["a", "b"])
    workbook.active.append([1, 2])
    assert list(bounded_rows(workbook.active, 5, 5)) == [("a", "b"), (1, 2)]
    with pytest.raises(SheetTooLarge):
        list(bounded_rows(workbook.active, 1, 5))
