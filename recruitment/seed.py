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
