"""Small builders for the recruitment tests: valid ID numbers and candidates."""

from decimal import Decimal

from bijiang_social.personal_data import resident_id_check_char
from recruitment.models import Candidate


def resident_id(serial: int, birth: str = "19950101") -> str:
    """A valid 18-digit Bijiang ID number (area 522201) with the GB 11643 check character."""
    first17 = f"522201{birth}{serial:03d}"
    return first17 + resident_id_check_char(first17)


def candidate(post, serial: int, written, interview, certified=False, name="张三") -> Candidate:
    return Candidate.objects.create(
        round=post.round,
        post=post,
        name=name,
        id_number=resident_id(serial),
        certified=certified,
        written_score=Decimal(str(written)),
        interview_score=None if interview is None else Decimal(str(interview)),
    )


def xlsx(rows, header=("姓名", "身份证号", "岗位", "持社工证", "笔试成绩", "面试成绩")):
    """An uploaded .xlsx built in memory with openpyxl."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        "scores.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
