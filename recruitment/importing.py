"""The bureau's score sheet: read an xlsx, check every row before saving anything, then store
all rows or none, and write the ranked list back out as an xlsx.

Rows travel between the preview and the confirmation as plain strings (in the staff member's
server-side session) and are checked again on confirmation, so what is stored is always what
the rules accept at that moment.
"""

import io
import zlib
from dataclasses import dataclass, field
from decimal import Decimal
from zipfile import BadZipFile

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from bijiang_social.personal_data import normalise_resident_id, validate_resident_id
from bijiang_social.spreadsheets import (
    XLSX_CONTENT_TYPE,
    SheetTooLarge,
    bounded_rows,
    fill_sheet,
    xlsx_response,
)
from recruitment.forms import parse_number
from recruitment.models import Candidate, RecruitmentRound, Registration
from recruitment.rules import fmt

COLUMNS = {
    "姓名": "name",
    "身份证号": "id_number",
    "岗位": "post",
    "持社工证": "certified",
    "笔试成绩": "written",
    "面试成绩": "interview",
}
# Other spellings of a header, accepted as the column they name (the README documents
# "持社工证（是/否）"; a sheet may use ASCII brackets).
HEADER_ALIASES = {
    "持社工证（是/否）": "持社工证",
    "持社工证(是/否)": "持社工证",
}
# Present when the round registered its candidates online: each row must be one of them.
EXAM_NUMBER = "准考证号"
YES = {"是", "有", "持证", "y", "yes", "1", "true", "√"}
NO = {"", "否", "无", "没有", "n", "no", "0", "false", "×"}
MAX_ROWS = 5000
# Columns read from the sheet: the ones above plus room for the bureau's own (序号, 性别, 备注…).
MAX_COLUMNS = 50


class SheetError(Exception):
    """The file as a whole cannot be read (not an xlsx, no header, too many rows)."""


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# What a damaged or non-Excel file makes openpyxl raise, while opening or while reading rows
# (read-only mode parses the sheet lazily, as it is read).
_UNREADABLE = (
    InvalidFileException,
    BadZipFile,
    OSError,
    KeyError,
    ValueError,
    SyntaxError,
    EOFError,
    NotImplementedError,
    zlib.error,
    TypeError,
    IndexError,
)


def read_sheet(upload) -> list[dict]:
    """The data rows of the first sheet as {"row": n, field: text, "id_was_number": bool}."""
    try:
        workbook = load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=True)
        try:
            rows = _read_rows(workbook.worksheets[0])
        finally:
            workbook.close()
    except SheetTooLarge as error:
        raise SheetError(str(error)) from None
    except _UNREADABLE as error:
        raise SheetError("无法读取这个文件，请确认是用 Excel 保存的 .xlsx 文件。") from error
    if not rows:
        raise SheetError("表格里没有考生数据：第1行是表头，从第2行起每行一名考生。")
    return rows


def _read_rows(sheet) -> list[dict]:
    lines = bounded_rows(sheet, MAX_ROWS + 1, MAX_COLUMNS)
    header = [_cell_text(cell) for cell in next(lines, ())]
    header = [HEADER_ALIASES.get(title, title) for title in header]
    missing = [title for title in COLUMNS if title not in header]
    if missing:
        raise SheetError(
            f"第1行表头缺少：{'、'.join(missing)}。表头应为：{'、'.join(COLUMNS)}（顺序不限）。"
        )
    position = {COLUMNS[title]: header.index(title) for title in COLUMNS}
    if EXAM_NUMBER in header:
        position["exam_number"] = header.index(EXAM_NUMBER)
    rows = []
    for number, line in enumerate(lines, start=2):
        cells = list(line) + [None] * (len(header) - len(line))
        if all(_cell_text(cell) == "" for cell in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise SheetError(f"一次最多导入{MAX_ROWS}行，请分成几个文件上传。")
        row = {"row": number}
        row.update({name: _cell_text(cells[index]) for name, index in position.items()})
        row["id_was_number"] = isinstance(cells[position["id_number"]], int | float)
        rows.append(row)
    return rows


@dataclass
class CheckedRow:
    row: int
    name: str
    id_number: str
    post_name: str
    certified: bool | None = None
    written: Decimal | None = None
    interview: Decimal | None = None
    post: object = None
    registration: object = None
    problems: list[str] = field(default_factory=list)

    @property
    def interview_text(self) -> str:
        return "未参加" if self.interview is None else fmt(self.interview)


@dataclass
class Preview:
    round: RecruitmentRound
    rows: list[CheckedRow]
    problems: list[str] = field(default_factory=list)

    @property
    def rows_with_problems(self) -> list[CheckedRow]:
        return [row for row in self.rows if row.problems]

    @property
    def can_store(self) -> bool:
        return bool(self.rows) and not self.problems and not self.rows_with_problems


def _score(raw: str, label: str, maximum: Decimal, problems: list[str]) -> Decimal | None:
    try:
        return parse_number(raw, label, Decimal(0), maximum)
    except forms.ValidationError as error:
        problems.extend(error.messages)
        return None


def _check_row(raw: dict, round_: RecruitmentRound, posts: dict, seen: dict, known: set):
    row = CheckedRow(
        row=raw["row"],
        name=raw["name"],
        id_number=normalise_resident_id(raw["id_number"]),
        post_name=raw["post"],
    )
    problems = row.problems
    if not row.name:
        problems.append("姓名为空。")
    elif len(row.name) > 30:
        problems.append("姓名超过30个字，请核对。")
    if raw.get("id_was_number"):
        problems.append(
            "身份证号被 Excel 存成了数字（末几位会丢失），请把该列设为“文本”后重新输入。"
        )
    else:
        try:
            validate_resident_id(row.id_number)
        except ValidationError as error:
            problems.extend(error.messages)
    if row.id_number in seen:
        problems.append(f"身份证号与第{seen[row.id_number]}行重复。")
    elif row.id_number:
        seen[row.id_number] = row.row
    if row.id_number in known:
        problems.append(f"{round_.year}年已导入过这名考生；如需更正，请在“考生成绩”中修改。")
    row.post = posts.get(row.post_name)
    if row.post is None:
        problems.append(
            f"岗位“{row.post_name}”不在{round_.year}年的岗位中（现有：{'、'.join(posts)}）。"
        )
    certified = raw["certified"].lower()
    if certified in YES:
        row.certified = True
    elif certified in NO:
        row.certified = False
    else:
        problems.append(f"“持社工证”一栏应填“是”或“否”，这里填的是“{raw['certified']}”。")
    row.written = _score(raw["written"], "笔试成绩", round_.written_full_marks, problems)
    if raw["interview"]:
        row.interview = _score(raw["interview"], "面试成绩", round_.interview_full_marks, problems)
    return row


def _match_registration(row: CheckedRow, exam_number: str, registered: dict) -> None:
    """When the round registered online, a score row belongs to one registered candidate."""
    if not exam_number:
        row.problems.append("本年度考生在网上报名，请填写准考证号。")
        return
    registration = registered.get(exam_number)
    if registration is None:
        row.problems.append(f"准考证号“{exam_number}”没有对应的报名考生，请核对。")
    elif registration.id_number != row.id_number or registration.post_id != getattr(
        row.post, "pk", None
    ):
        row.problems.append(f"准考证号“{exam_number}”的考生身份证号或岗位与这一行不一致，请核对。")
    else:
        row.registration = registration


def check_rows(round_: RecruitmentRound, raw_rows: list[dict]) -> Preview:
    """Check every row against the round; nothing is saved."""
    posts = {post.name: post for post in round_.posts.all()}
    known = set(Candidate.objects.filter(round=round_).values_list("id_number", flat=True))
    seen: dict[str, int] = {}
    rows = [_check_row(raw, round_, posts, seen, known) for raw in raw_rows]
    registered = {
        registration.exam_number: registration
        for registration in Registration.objects.filter(round=round_).exclude(exam_number="")
    }
    if registered:
        for raw, row in zip(raw_rows, rows, strict=True):
            _match_registration(row, raw.get("exam_number", "").strip(), registered)
    problems = []
    if round_.is_published:
        problems.append("录用名单已发布，不能再导入成绩；如需更正，请先撤回名单。")
    return Preview(round=round_, rows=rows, problems=problems)


@transaction.atomic
def store(preview: Preview) -> int:
    """Save every row, or none: refuses a preview that has any problem."""
    if not preview.can_store:
        raise ValueError("a preview with problems cannot be stored")
    for row in preview.rows:
        candidate = Candidate.objects.create(
            round=preview.round,
            post=row.post,
            name=row.name,
            id_number=row.id_number,
            certified=row.certified,
            written_score=row.written,
            interview_score=row.interview,
        )
        if row.registration is not None:
            row.registration.scores = candidate
            row.registration.save(update_fields=["scores", "updated_at"])
    return len(preview.rows)


def template_response() -> HttpResponse:
    """An empty score sheet with exactly the header the import accepts (bold, frozen, ID
    column as text) and a second sheet 填写说明 that the import never reads."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "成绩表"
    fill_sheet(sheet, [*COLUMNS, EXAM_NUMBER], [])
    sheet.column_dimensions["B"].number_format = "@"
    fill_sheet(workbook.create_sheet("填写说明"), ["填写说明"], [[line] for line in TEMPLATE_NOTES])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="score-sheet-template.xlsx"'
    return response


TEMPLATE_NOTES = [
    "第1行是表头，不要修改；从第2行起每行一名考生。",
    "身份证号：18位，请保持“文本”格式（否则 Excel 会丢掉末几位）。",
    "岗位：与本年度岗位名称完全一致。",
    "持社工证：填“是”或“否”。",
    "笔试成绩：原始分，不含持证加分；面试成绩：未参加面试留空。",
    "准考证号：考生在网上报名的年度必填，与准考证一致；没有网上报名的年度可以删去这一列。",
]


EXPORT_HEADER = [
    "岗位",
    "招聘人数",
    "名次",
    "是否录用",
    "姓名",
    "身份证号",
    "持社工证",
    "笔试原始分",
    "持证加分",
    "笔试成绩",
    "面试成绩",
    "综合成绩",
    "淘汰原因",
]


def ranked_rows(round_: RecruitmentRound) -> list[list]:
    """The ranked list of every post, one row per candidate (full names and ID numbers)."""
    rows = []
    for post, ranked in round_.ranked_posts():
        for entry in ranked:
            result, person = entry.result, entry.candidate
            rows.append(
                [
                    post.name,
                    post.places,
                    entry.rank or "",
                    "录用" if entry.admitted else "",
                    person.name,
                    person.id_number,
                    "是" if person.certified else "否",
                    float(result.written),
                    float(result.bonus),
                    float(result.written_final),
                    "" if result.interview is None else float(result.interview),
                    "" if result.composite is None else float(result.composite),
                    "；".join(result.reasons),
                ]
            )
    return rows


def ranked_export(round_: RecruitmentRound) -> HttpResponse:
    """The ranked list as an xlsx download (staff only), stamped with time and publication."""
    now = timezone.localtime()
    footer = [
        f"导出时间：{now:%Y-%m-%d %H:%M}；发布状态：{'已发布' if round_.is_published else '未发布'}"
    ]
    return xlsx_response(
        f"recruitment-{round_.year}-ranking-{now:%Y%m%d-%H%M}.xlsx",
        f"{round_.year}年排名",
        EXPORT_HEADER,
        ranked_rows(round_),
        footer,
    )
