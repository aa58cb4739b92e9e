"""The admission ticket (准考证) as an A4 PDF. Chinese text uses reportlab's built-in
'STSong-Light' CID font, which PDF readers supply themselves: no font file is needed."""

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from recruitment.models import Registration, TimelineStep

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

RULES_TO_BRING = [
    "凭本准考证和有效居民身份证原件参加考试，两证缺一不得入场。",
    "开考前30分钟入场，开考15分钟后不得入场。",
    "自带黑色签字笔、2B铅笔和橡皮；手机等电子设备关机后放在指定位置。",
    "遵守考场纪律，服从监考人员安排。",
]


def exam_when(exam: TimelineStep | None) -> str:
    if exam is None or exam.starts_on is None:
        return "时间待公布（请留意“我的报名”和民政局公告）"
    text = f"{exam.starts_on:%Y年%m月%d日}"
    if exam.ends_on and exam.ends_on != exam.starts_on:
        text += f"至{exam.ends_on:%Y年%m月%d日}"
    return text


def ticket_rows(registration: Registration, exam: TimelineStep | None) -> list[tuple[str, str]]:
    """The lines of the ticket, shared by the HTML page and the PDF."""
    return [
        ("准考证号", registration.exam_number),
        ("姓名", registration.name),
        ("身份证号", registration.masked_id),
        ("报考岗位", registration.post.name),
        ("考试时间", exam_when(exam)),
        ("考试地点", (exam.place if exam else "") or "待公布"),
        ("考场", registration.room),
        ("座位号", str(registration.seat or "")),
    ]


def _wrap(text: str, width: float, size: int) -> list[str]:
    lines, line = [], ""
    for char in text:
        if pdfmetrics.stringWidth(line + char, FONT, size) > width:
            lines.append(line)
            line = ""
        line += char
    return lines + [line] if line else lines


def ticket_pdf(registration: Registration, exam: TimelineStep | None) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setTitle(f"准考证 {registration.exam_number}")
    width, height = A4
    left, top = 25 * mm, height - 30 * mm
    page.setFont(FONT, 18)
    page.drawCentredString(width / 2, top, f"碧江区{registration.round.year}年社工招聘考试")
    page.setFont(FONT, 24)
    page.drawCentredString(width / 2, top - 12 * mm, "准 考 证")
    y = top - 30 * mm
    page.setFont(FONT, 13)
    for label, value in ticket_rows(registration, exam):
        page.drawString(left, y, f"{label}：")
        for line in _wrap(value, 90 * mm, 13):
            page.drawString(left + 25 * mm, y, line)
            y -= 8 * mm
        y -= 2 * mm
    if registration.photo:
        with registration.photo.open("rb") as photo:
            image = ImageReader(io.BytesIO(photo.read()))
        page.drawImage(image, width - 60 * mm, top - 75 * mm, 35 * mm, 49 * mm)
    y -= 6 * mm
    page.setFont(FONT, 14)
    page.drawString(left, y, "考生须知")
    page.setFont(FONT, 11)
    y -= 8 * mm
    details = exam.details if exam and exam.details else ""
    for number, rule in enumerate(RULES_TO_BRING + ([details] if details else []), start=1):
        for index, line in enumerate(_wrap(f"{number}. {rule}", width - 2 * left, 11)):
            page.drawString(left + (4 * mm if index else 0), y, line)
            y -= 6 * mm
    page.showPage()
    page.save()
    return buffer.getvalue()
