"""The district overview and the guide's prose, as published in the source guide.

Loaded by `manage.py load_guide`; rows that already exist are left as staff edited them.
"""

import datetime as dt

from bijiang_social.models import GuideSection, GuideSource, KeyFigure, Page

SOURCE = {
    "title": "碧江区社工发展全景、2024招聘及服务申请全指南",
    "publisher": "职考领航·社工问一问",
    "published_on": dt.date(2026, 3, 8),
    "note": "本平台内容依据该指南整理，以民政部门最新公布为准。",
}

KEY_FIGURES = [
    # key, label, value, unit, meaning
    ("agencies", "本土社工机构", "12", "家", "近5年培育发展，从3家增长至12家"),
    ("full-time-staff", "全职社工", "200", "人以上", "全职社工规模突破200人"),
    (
        "annual-funding",
        "政府购买服务资金",
        "800",
        "万元以上/年",
        "覆盖社区养老、儿童关爱、社区矫正等领域",
    ),
    ("people-served", "年均服务群众", "5", "万人次以上", "每年服务群众超过5万人次"),
    ("certification-rate", "持证上岗率", "65", "%", "社工职业认可度逐年提升"),
    ("demonstration-years", "省级示范区域", "3", "年连续", "连续3年获评贵州省社工服务示范区域"),
    (
        "themed-activities",
        "大型主题服务活动",
        "10",
        "余场/年",
        "与多部门联合开展，打造“邻里守望”品牌",
    ),
]

SECTIONS = [
    # page, key, title, body
    (
        Page.OVERVIEW,
        "overview-model",
        "发展模式与行业定位",
        "碧江区社工行业已形成“政府主导+机构参与+社区落地”的三维模式。\n\n"
        "经过近5年培育发展，本土社工机构从3家增长至12家，全职社工规模突破200人。\n\n"
        "行业定位清晰锚定“基层社会治理补位者”，重点填补公共服务的精细化缺口。",
    ),
    (
        Page.OVERVIEW,
        "overview-funding",
        "资金投入与服务群众",
        "政府购买社工服务资金年投入超800万元。\n\n"
        "资金覆盖社区养老、儿童关爱、社区矫正等多领域，年均服务群众超5万人次。\n\n"
        "连续3年获评贵州省社工服务示范区域，成为省内县域社工发展标杆样本。",
    ),
    (
        Page.OVERVIEW,
        "overview-talent",
        "持证上岗与人才梯队",
        "社工职业认可度逐年提升，持证上岗率达65%。\n\n"
        "碧江区鼓励在职社工考取社工证，对持证人员给予每月专项补贴支持。\n\n"
        "行业人才梯队初步成型，涵盖资深督导、项目主管、一线社工等多层级岗位。",
    ),
    (
        Page.OVERVIEW,
        "overview-linkage",
        "部门联动与品牌活动",
        "与多部门建立常态化联动机制。\n\n"
        "社工服务嵌入民政救助、社区治理等工作流程，实现服务需求精准对接。\n\n"
        "每年联合开展10余场大型主题服务活动，打造“邻里守望”等特色服务品牌。",
    ),
    (
        Page.SERVICES,
        "services-network",
        "服务网络的覆盖布局与服务范围",
        "服务网络实现“区-街道-社区”三级全覆盖：区级设社工总站，统筹全区服务资源调配与专业督导；"
        "8个街道设社工站负责片区协调；37个社区均配社工服务点，直接面向居民提供一线便民服务。\n\n"
        "城区核心区域建成“15分钟社工服务圈”，居民步行15分钟内可找到就近站点，"
        "获取政策咨询、心理疏导等即时服务。针对偏远乡村设流动社工岗，每月定期进村开展上门帮扶服务。\n\n"
        "服务范围覆盖四大核心领域：民生兜底服务、社区治理服务、特殊群体关爱、专业支持服务。\n\n"
        "重点打造“一街道一特色”服务项目：环北街道侧重青少年心理健康干预与成长引导，"
        "铜兴街道聚焦社区养老照护服务。特色项目累计服务超2万人次。",
    ),
    (
        Page.APPLICATIONS,
        "applications-how",
        "服务项目及申请方式",
        "三大核心服务项目涵盖民生兜底、社区治理、特殊群体帮扶三大领域。\n\n"
        "民生兜底类项目可到社区居委会或“碧江政务”线上平台提交申请，需携带身份证、家庭收入证明等材料，"
        "部分情况可现场填写声明。社区治理、特殊群体帮扶项目直接对接辖区街道社工站提交申请；"
        "特殊群体申请需额外提供相关资质证明，如残障证、困境儿童认定材料等。\n\n"
        "服务申请提交后，将在3个工作日内完成初审，7个工作日内出具复核结果；"
        "审核通过后，辖区专属社工将在24小时内联系申请人，定制个性化服务方案。",
    ),
    (
        Page.RECRUITMENT,
        "recruitment-summary",
        "2024年碧江区社工招聘",
        "基本学历要求为大专及以上，部分特殊岗位放宽至中专；持有全国社工职业水平证书者笔试加5分。\n\n"
        "2024年报名时间为3月10日-17日；线下资格审核在碧江区民政局社工科，时段为3月18日-20日。\n\n"
        "笔试满分100分，合格线60分；综合成绩按笔试40%+面试60%计算，面试低于70分直接淘汰，"
        "最终按综合成绩排名1:1确定录用名单。",
    ),
    (
        Page.CAREERS,
        "careers-summary",
        "社工扶持政策与职业成长",
        "持证社工按等级申领岗位补贴：助理社工师每月300元、社工师500元、高级800元；"
        "获评中级及以上社工职称的人员，每年可申领1000元的职称专项补贴；"
        "参与重点民生项目的社工，还能获得每人每月200元的项目专项奖励。\n\n"
        "民政部门每季度组织1次免费线下培训；行业协会每月提供1次一对一专业指导与服务复盘。\n\n"
        "职业晋升分为三级：一线社工→项目主管→资深督导；每年6月为晋升申请窗口期。",
    ),
]


def load(stdout) -> None:
    _, created = GuideSource.objects.get_or_create(title=SOURCE["title"], defaults=SOURCE)
    stdout.write(f"信息来源：{'新增' if created else '已存在'} 1 条")

    made = 0
    for order, (key, label, value, unit, meaning) in enumerate(KEY_FIGURES, start=1):
        _, created = KeyFigure.objects.get_or_create(
            key=key,
            defaults={
                "label": label,
                "value": value,
                "unit": unit,
                "meaning": meaning,
                "order": order,
                "page": Page.OVERVIEW,
            },
        )
        made += created
    stdout.write(f"关键数据：新增 {made} 条，共 {len(KEY_FIGURES)} 条")

    made = 0
    for order, (page, key, title, body) in enumerate(SECTIONS, start=1):
        _, created = GuideSection.objects.get_or_create(
            key=key, defaults={"page": page, "title": title, "body": body, "order": order}
        )
        made += created
    stdout.write(f"指南段落：新增 {made} 条，共 {len(SECTIONS)} 条")
