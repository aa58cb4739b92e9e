"""The one spreadsheet writer every staff export uses (bijiang_social/spreadsheets.py)."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from bijiang_social.spreadsheets import workbook_bytes, xlsx_response
from tests.spreadsheets import FORMULAS, assert_staff_layout, assert_written_as_text


def _sheet(content: bytes):
    return load_workbook(BytesIO(content)).active


def test_every_dangerous_first_character_is_written_as_text():
    content = workbook_bytes("名单", ["姓名"], [[value] for value in FORMULAS])
    assert_written_as_text(content, FORMULAS)


def test_numbers_and_dates_stay_numbers_and_dates():
    content = workbook_bytes("名单", ["金额", "日期"], [[700, dt.date(2026, 3, 1)], [-5, None]])
    rows = list(_sheet(content).iter_rows(min_row=2, values_only=True))
    assert rows == [(700, dt.datetime(2026, 3, 1)), (-5, None)]


def test_an_error_code_and_a_control_character_do_not_break_the_sheet():
    content = workbook_bytes("名单", ["姓名"], [["#N/A"], ["张\x01三"], [Decimal("1.5")]])
    sheet = _sheet(content)
    assert [c.value for c in sheet["A"][1:]] == ["#N/A", "张三", 1.5]
    assert sheet["A2"].data_type == "s"


def test_the_header_is_frozen_and_columns_fit_chinese_text():
    content = workbook_bytes(
        "名单", ["姓名", "所在机构"], [["李娜", "碧江区阳光社工服务中心"]], ["导出时间：今天"]
    )
    assert_staff_layout(content)
    sheet = _sheet(content)
    assert sheet.column_dimensions["B"].width >= 22  # eleven characters, each two wide
    assert sheet["A4"].value == "导出时间：今天"


def test_the_download_is_an_attachment_never_cached():
    response = xlsx_response("培训报名.xlsx", "培训报名", ["姓名"], [["李娜"]])
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
