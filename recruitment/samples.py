"""Sample candidates (示例数据) for `manage.py load_recruitment_samples`."""

import datetime as dt

from recruitment.models import RecruitmentRound
from recruitment.rules import Education

# --- Sample candidates (示例数据) -----------------------------------------------------------
# So that `make run` shows every candidate and staff screen: a few registrations for the
# 2024 round in different states. They are flagged is_sample (not counted on the public
# page); their password is random and printed once, when they are first created. Loaded by
# `manage.py load_recruitment_samples` (which `make run` calls), not by load_guide, so a
# production database gets them only on purpose.

SAMPLE_CANDIDATES = [
    # serial, name, status, reason
    (901, "示例考生·陈晓", "draft", ""),
    (902, "示例考生·刘洋", "submitted", ""),
    (903, "示例考生·杨敏", "returned", "学历证书扫描件不清晰，请重新扫描上传。"),
    (904, "示例考生·吴静", "approved", ""),
    (905, "示例考生·周婷", "rejected", "所学专业与岗位要求不符，且无基层服务经验。"),
    (906, "示例考生·黄磊", "proposed", ""),
]
SAMPLE_EVENTS = {
    "draft": ["保存草稿"],
    "submitted": ["保存草稿", "提交报名表"],
    "returned": ["提交报名表", "退回修改"],
    "approved": ["提交报名表", "资格审查通过"],
    "rejected": ["提交报名表", "资格审查不通过"],
    "proposed": [
        "提交报名表",
        "资格审查通过",
        "进入体检",
        "体检合格，进入政审",
        "政审合格，拟录用（公示中）",
    ],
}


def _sample_files():
    import io

    from django.core.files.base import ContentFile
    from PIL import Image
    from reportlab.pdfgen import canvas

    from recruitment.tickets import FONT

    buffer = io.BytesIO()
    Image.new("RGB", (300, 420), (214, 222, 235)).save(buffer, "JPEG")
    pdf = io.BytesIO()
    page = canvas.Canvas(pdf)
    page.setFont(FONT, 20)
    page.drawString(72, 720, "示例数据：学历证书扫描件")
    page.showPage()
    page.save()
    return ContentFile(buffer.getvalue()), ContentFile(pdf.getvalue())


def load_sample_candidates(stdout) -> None:
    import secrets

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from bijiang_social.encrypted_fields import index_of
    from bijiang_social.personal_data import resident_id_check_char
    from recruitment import workflow
    from recruitment.models import (
        CandidateAccount,
        Registration,
        RegistrationEvent,
        candidate_username,
    )

    round_2024 = RecruitmentRound.objects.get(year=2024)
    post = round_2024.posts.order_by("order").first()
    password = secrets.token_urlsafe(9)
    made = []
    for serial, name, status, reason in SAMPLE_CANDIDATES:
        first17 = f"52220119950101{serial:03d}"
        id_number = first17 + resident_id_check_char(first17)
        index = index_of(CandidateAccount, "id_number_index", id_number)
        if CandidateAccount.objects.filter(id_number_index=index).exists():
            continue
        user = get_user_model().objects.create_user(
            username=candidate_username(id_number), password=password, first_name=name
        )
        account = CandidateAccount.objects.create(
            user=user, name=name, id_number=id_number, mobile="13800000000", is_sample=True
        )
        registration = Registration(
            round=round_2024,
            account=account,
            post=post,
            status=status,
            name=name,
            id_number=id_number,
            mobile=account.mobile,
            education=Education.BACHELOR,
            school="示例学院",
            major="社会工作",
            graduated_on=dt.date(2019, 7, 1),
            reason=reason,
            submitted_at=None if status == "draft" else timezone.now(),
        )
        photo, diploma = _sample_files()
        registration.photo.save("photo.jpg", photo, save=False)
        registration.diploma.save("diploma.pdf", diploma, save=False)
        registration.save()
        RegistrationEvent.objects.bulk_create(
            RegistrationEvent(registration=registration, status=status, title=title, note=reason)
            for title in SAMPLE_EVENTS[status]
        )
        made.append(id_number)
    if made:
        workflow.assign_exam_numbers(round_2024)
        stdout.write(f"示例考生：新增 {len(made)} 名（身份证号即账号），密码：{password}")
        stdout.write("  账号：" + "、".join(made))
    else:
        stdout.write("示例考生：已存在，未新建")
