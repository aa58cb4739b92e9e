"""The guide's section 🔝 (support system and career path) as data.

Loaded by `manage.py load_guide`; rows that already exist are left as staff edited them.
"""

import datetime as dt
from decimal import Decimal

from careers.models import (
    AssessmentCriterion,
    CertificateLevel,
    PromotionStep,
    PromotionWindow,
    Role,
    SubsidyPolicy,
    TrainingChannel,
)

LEVELS = [
    # code, name, rank, monthly post subsidy (元)
    ("none", "无证书", 0, 0),
    ("assistant", "助理社工师", 1, 300),
    ("intermediate", "社工师", 2, 500),
    ("senior", "高级社工师", 3, 800),
]

POLICY = {
    "effective_from": dt.date(2024, 1, 1),
    "title_subsidy_yearly": 1000,
    "title_min_level": "intermediate",
    "title_subsidy_month": 12,
    "project_award_monthly": 200,
    "how_to_claim": (
        "补贴申领通过所在社工站提交材料，经民政部门审核后按月发放至账户。\n\n"
        "岗位补贴和项目专项奖励随每月的补贴名单发放；职称专项补贴每年申领一次，"
        "随12月的补贴名单发放。"
    ),
}

STEPS = [
    # from, to, years, key projects, minimum certificate
    (Role.FRONTLINE, Role.SUPERVISOR, Decimal("2"), 2, None),
    (Role.SUPERVISOR, Role.SENIOR_SUPERVISOR, Decimal("3"), 0, "intermediate"),
]

CRITERIA = [
    ("服务满意度", "服务对象和所在社区对服务的满意程度"),
    ("专业成果产出", "个案、项目报告、案例和论文等专业成果"),
    ("年度培训达标时长", "当年参加培训和督导的时长达到要求"),
]

WINDOW = {
    "month": 6,
    "first_day": 1,
    "last_day": 30,
    "how_to_apply": "通过所在社工机构提交材料至民政部门审核",
}

CHANNELS = [
    # name, provider, frequency, cost, description
    (
        "民政部门线下培训",
        "碧江区民政局",
        "每季度1次",
        "免费",
        "免费线下培训，涵盖个案工作、社区治理等核心技能。",
    ),
    (
        "碧江社工服务平台线上课程",
        "碧江社工服务平台",
        "随时学习",
        "",
        "登录“碧江社工服务平台”，随时学习录播课与直播专题讲座。",
    ),
    (
        "行业协会一对一督导",
        "碧江区社会工作行业协会",
        "每月1次",
        "",
        "为一线社工匹配资深督导，每月提供1次一对一专业指导与服务复盘。",
    ),
    (
        "铜仁学院社工系合作项目",
        "铜仁学院社会工作系",
        "",
        "",
        "参与铜仁学院社工系合作项目，获取高校师资的系统督导与进阶培训。",
    ),
]


def _count(stdout, label: str, made: int, total: int) -> None:
    stdout.write(f"{label}：新增 {made} 条，共 {total} 条")


def load(stdout) -> None:
    made = 0
    levels = {}
    for code, name, rank, amount in LEVELS:
        levels[code], created = CertificateLevel.objects.get_or_create(
            code=code, defaults={"name": name, "rank": rank, "monthly_post_subsidy": amount}
        )
        made += created
    _count(stdout, "证书等级与岗位补贴", made, len(LEVELS))

    defaults = {**POLICY, "title_min_level": levels[POLICY["title_min_level"]]}
    _, created = SubsidyPolicy.objects.get_or_create(
        effective_from=POLICY["effective_from"], defaults=defaults
    )
    _count(stdout, "补贴政策", int(created), 1)

    made = 0
    for from_role, to_role, years, projects, level in STEPS:
        _, created = PromotionStep.objects.get_or_create(
            from_role=from_role,
            defaults={
                "to_role": to_role,
                "min_years": years,
                "min_key_projects": projects,
                "min_level": levels[level] if level else None,
            },
        )
        made += created
    _count(stdout, "晋升条件", made, len(STEPS))

    made = 0
    for order, (name, description) in enumerate(CRITERIA, start=1):
        _, created = AssessmentCriterion.objects.get_or_create(
            name=name, defaults={"description": description, "order": order}
        )
        made += created
    _count(stdout, "晋升考核指标", made, len(CRITERIA))

    created = False
    if not PromotionWindow.objects.exists():
        PromotionWindow.objects.create(**WINDOW)
        created = True
    _count(stdout, "晋升申请窗口", int(created), 1)

    made = 0
    for order, (name, provider, frequency, cost, description) in enumerate(CHANNELS, start=1):
        _, created = TrainingChannel.objects.get_or_create(
            name=name,
            defaults={
                "provider": provider,
                "frequency": frequency,
                "cost": cost,
                "description": description,
                "order": order,
            },
        )
        made += created
    _count(stdout, "培训督导渠道", made, len(CHANNELS))
