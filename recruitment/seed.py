"""The 2024 recruitment round as the guide publishes it (section 📝).

Loaded by `manage.py load_guide`; rows that already exist are left as staff edited them.
Dates the guide does not give are left empty (shown as 时间待公布); the numbers of places and
the bureau's phone are not in the guide, so they are sample data and flagged as such.
"""

import datetime as dt
from decimal import Decimal

from recruitment.models import Post, RecruitmentRound, TimelineStep
from recruitment.rules import Education

ROUND_2024 = {
    "title": "2024年社工招聘指南",
    "intro": (
        "碧江区2024年公开招聘社工。看清报名条件、时间地点和评分规则，"
        "可以先用资格自测和成绩计算器核对自己的情况。"
    ),
    "basic_education": Education.COLLEGE,
    "registration_channels": "碧江区人民政府官网、“碧江民政”微信公众号",
    "registration_requirements": "注册账号并如实填写个人信息",
    "certificate_bonus": Decimal("5"),
    "bonus_may_exceed_full_marks": False,
    "certificate_interview_note": "面试时同等条件下优先录用",
    "written_subjects": "社工专业知识 + 碧江区本地民生政策",
    "written_question_types": "单选、多选、案例分析",
    "written_full_marks": Decimal("100"),
    "written_pass_mark": Decimal("60"),
    "interview_format": "结构化面试 + 实操模拟",
    "interview_content": (
        "结构化题目涉及应急服务场景；实操需现场演示心理疏导或矛盾调解片段，重点考察实务处置能力。"
    ),
    "interview_full_marks": Decimal("100"),
    "interview_pass_mark": Decimal("70"),
    "written_weight_percent": 40,
    "interview_weight_percent": 60,
    "notice_working_days": 3,
    "publication_channel": "“碧江民政”微信公众号",
    "results_expected": "待公布（公示期满无异议后入职）",
    "bureau_name": "碧江区民政局社工科",
    "bureau_address": "碧江区民政局社工科（具体门牌以民政局公告为准）",
    "bureau_phone": "0856-0000000",
    "contact_is_sample": True,
}

STEPS_2024 = [
    # title, starts_on, ends_on, place, details
    (
        "网上报名",
        dt.date(2024, 3, 10),
        dt.date(2024, 3, 17),
        "碧江区人民政府官网或“碧江民政”微信公众号",
        "注册账号并如实填写个人信息。",
    ),
    (
        "资格审核",
        dt.date(2024, 3, 18),
        dt.date(2024, 3, 20),
        "碧江区民政局社工科",
        "携带学历证、资质证书等原件及复印件到现场审核。",
    ),
    (
        "笔试",
        None,
        None,
        "",
        "社工专业知识 + 碧江区本地民生政策；单选、多选、案例分析；满分100分。",
    ),
    ("面试", None, None, "", "结构化面试 + 实操模拟（心理疏导或矛盾调解片段）。"),
    ("体检", None, None, "", "参照事业单位通用标准。"),
    ("政审", None, None, "", "核查是否有违法违纪不良记录。"),
    ("公示", None, None, "“碧江民政”微信公众号", "录用名单公示3个工作日，期间可提出异议。"),
    ("入职", None, None, "", "公示期满无异议后入职。"),
]

STEP_KINDS = {
    "网上报名": TimelineStep.Kind.REGISTRATION,
    "资格审核": TimelineStep.Kind.REVIEW,
    "笔试": TimelineStep.Kind.WRITTEN,
    "面试": TimelineStep.Kind.INTERVIEW,
    "体检": TimelineStep.Kind.MEDICAL,
    "政审": TimelineStep.Kind.POLITICAL,
    "公示": TimelineStep.Kind.NOTICE,
    "入职": TimelineStep.Kind.ONBOARDING,
}

POSTS_2024 = [
    # name, places (sample), duties, min_education, relaxed, needs eldercare cert, local ties
    (
        "社区社工岗",
        6,
        "在社区社工服务点提供政策咨询、心理疏导、邻里矛盾调解等一线服务。",
        Education.COLLEGE,
        None,
        False,
        False,
    ),
    (
        "社区养老服务岗",
        3,
        "为社区老人提供养老照护、探访和个案服务。",
        Education.COLLEGE,
        Education.VOCATIONAL,
        True,
        False,
    ),
    (
        "乡村社工岗",
        2,
        "随流动社工岗定期进村，开展上门帮扶服务。",
        Education.COLLEGE,
        None,
        False,
        True,
    ),
]


def load(stdout) -> None:
    round_2024, created = RecruitmentRound.objects.get_or_create(year=2024, defaults=ROUND_2024)
    stdout.write(f"招聘年度：{'新增' if created else '已存在'} 2024年")

    made = 0
    for order, (title, starts_on, ends_on, place, details) in enumerate(STEPS_2024, start=1):
        _, created = TimelineStep.objects.get_or_create(
            round=round_2024,
            title=title,
            defaults={
                "order": order,
                "kind": STEP_KINDS.get(title, ""),
                "starts_on": starts_on,
                "ends_on": ends_on,
                "place": place,
                "details": details,
            },
        )
        made += created
    stdout.write(f"招聘环节：新增 {made} 条，共 {len(STEPS_2024)} 条")

    made = 0
    for order, (name, places, duties, education, relaxed, eldercare, local) in enumerate(
        POSTS_2024, start=1
    ):
        _, created = Post.objects.get_or_create(
            round=round_2024,
            name=name,
            defaults={
                "order": order,
                "places": places,
                "places_is_sample": True,
                "duties": duties,
                "min_education": education,
                "relaxed_min_education": relaxed,
                "relaxed_needs_eldercare_certificate": eldercare,
                "requires_local_ties": local,
                "min_grassroots_years": Decimal("1"),
            },
        )
        made += created
    stdout.write(f"招聘岗位：新增 {made} 条，共 {len(POSTS_2024)} 条")


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

    from bijiang_social.personal_data import resident_id_check_char
    from recruitment import workflow
    from recruitment.models import CandidateAccount, Registration, RegistrationEvent

    round_2024 = RecruitmentRound.objects.get(year=2024)
    post = round_2024.posts.order_by("order").first()
    password = secrets.token_urlsafe(9)
    made = []
    for serial, name, status, reason in SAMPLE_CANDIDATES:
        first17 = f"52220119950101{serial:03d}"
        id_number = first17 + resident_id_check_char(first17)
        if CandidateAccount.objects.filter(id_number=id_number).exists():
            continue
        user = get_user_model().objects.create_user(
            username=id_number, password=password, first_name=name
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
