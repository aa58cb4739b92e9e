"""Notices (公告) and 社工问一问 (FAQ) written from the guide's own sentences.

The guide gives no dates for notices, so the seeded ones carry the guide's publication date
(2026-03-08). Loaded by `manage.py load_guide`; rows that exist already (by key) are left as
staff edited them.
"""

import datetime as dt

from bijiang_social.models import FaqQuestion, FaqTopic, Notice

GUIDE_DATE = dt.date(2026, 3, 8)

C = Notice.Category
NOTICES = [
    # key, category, title, summary, body
    (
        "recruitment-2024-registration",
        C.RECRUITMENT,
        "2024年碧江区社工招聘报名须知",
        "报名时间3月10日-17日，线下资格审核3月18日-20日。",
        "基本学历要求为大专及以上，部分特殊岗位放宽至中专：比如社区养老服务岗，"
        "持有养老护理员证的中专学历人员可破格报名。部分乡村社工岗要求碧江区本地户籍"
        "或1年以上基层服务经验。\n\n"
        "官方报名入口为碧江区人民政府官网或“碧江民政”微信公众号。2024年报名时间为"
        "3月10日-17日，需注册账号并如实填写个人信息。\n\n"
        "线下资格审核需携带学历证、资质证书等原件及复印件，审核地点在碧江区民政局社工科，"
        "审核时段为3月18日-20日。",
    ),
    (
        "recruitment-2024-assessment",
        C.RECRUITMENT,
        "2024年社工招聘考核与录用规则",
        "综合成绩按笔试40%+面试60%计算，面试低于70分直接淘汰。",
        "笔试核心为社工专业知识+碧江区本地民生政策，题型含单选、多选、案例分析，"
        "满分100分，合格线设定为60分。持有全国社工职业水平证书者笔试加5分。\n\n"
        "面试采用结构化+实操模拟，重点考察实务处置能力。综合成绩按笔试40%+面试60%计算，"
        "面试低于70分直接淘汰，最终按综合成绩排名1:1确定录用名单。\n\n"
        "录用需通过体检、政审，最终公示3个工作日无异议后入职。",
    ),
    (
        "service-application-deadlines",
        C.SERVICE,
        "社工服务申请的办理时限",
        "提交申请后3个工作日内完成初审，7个工作日内出具复核结果。",
        "民生兜底类项目可到社区居委会或“碧江政务”线上平台提交申请；社区治理、"
        "特殊群体帮扶项目直接对接辖区街道社工站提交申请。\n\n"
        "服务申请提交后，将在3个工作日内完成初审，7个工作日内出具复核结果。"
        "审核通过后，辖区专属社工将在24小时内联系申请人，定制个性化服务方案。\n\n"
        "若申请未通过，社工站会书面告知原因，同时提供其他可行帮扶途径指引。",
    ),
    (
        "training-quarterly",
        C.TRAINING,
        "民政部门每季度免费线下培训",
        "每季度1次免费线下培训；线上课程随时可学。",
        "民政部门每季度组织1次免费线下培训，涵盖个案工作、社区治理等核心技能。\n\n"
        "线上培训可登录“碧江社工服务平台”，随时学习录播课与直播专题讲座。"
        "行业协会为一线社工匹配资深督导，每月提供1次一对一专业指导与服务复盘。",
    ),
    (
        "subsidy-standards",
        C.POLICY,
        "持证社工岗位补贴与职称补贴标准",
        "助理社工师每月300元、社工师500元、高级800元。",
        "持证社工按等级申领岗位补贴：助理社工师每月300元、社工师500元、高级800元。\n\n"
        "获评中级及以上社工职称的人员，每年可申领1000元的职称专项补贴；参与重点民生项目的社工，"
        "还能获得每人每月200元的项目专项奖励。\n\n"
        "补贴申领通过所在社工站提交材料，经民政部门审核后按月发放至账户。",
    ),
    (
        "network-15-minutes",
        C.SERVICE,
        "“15分钟社工服务圈”：就近找社工",
        "区-街道-社区三级全覆盖，步行15分钟内可找到就近站点。",
        "服务网络实现“区-街道-社区”三级全覆盖：区级设社工总站，8个街道设社工站，"
        "37个社区均配社工服务点。\n\n"
        "城区核心区域建成“15分钟社工服务圈”，居民步行15分钟内可找到就近站点，"
        "获取政策咨询、心理疏导等即时服务。针对偏远乡村设流动社工岗，每月定期进村开展上门帮扶服务。",
    ),
]

TOPICS = [
    # key, name
    ("apply", "申请社工服务"),
    ("network", "找站点"),
    ("recruitment", "2024年招聘报名"),
    ("careers", "补贴、培训与晋升"),
]

QUESTIONS = [
    # topic key, key, question, answer
    (
        "apply",
        "apply-dibao",
        "家里需要低保核查、临时救助方面的帮助，怎么申请？",
        "低保核查、临时救助介入属于民生兜底类项目，可以到社区居委会，"
        "或在“碧江政务”线上平台提交申请。",
    ),
    (
        "apply",
        "apply-materials",
        "申请服务要带什么材料？",
        "申请需携带身份证、家庭收入证明等材料，部分情况可现场填写声明。\n\n"
        "特殊群体申请需额外提供相关资质证明，如残障证、困境儿童认定材料等。",
    ),
    (
        "apply",
        "apply-where-other",
        "邻里矛盾调解、独居老人照护这类服务向哪里申请？",
        "社区治理（如邻里矛盾调解）和特殊群体帮扶（独居老人、困境儿童、残障人士）项目，"
        "直接对接辖区街道社工站提交申请。",
    ),
    (
        "apply",
        "apply-how-long",
        "申请交上去以后，审核要多久？",
        "服务申请提交后，将在3个工作日内完成初审，7个工作日内出具复核结果。\n\n"
        "审核通过后，辖区专属社工将在24小时内联系申请人，定制个性化服务方案。",
    ),
    (
        "apply",
        "apply-follow-up",
        "服务开始以后，社工还会来回访吗？",
        "会。服务跟进采用“一月一回访、一季一评估”机制，根据需求动态调整服务内容。",
    ),
    (
        "apply",
        "apply-refused",
        "申请没有通过怎么办？",
        "若申请未通过，社工站会书面告知原因，同时提供其他可行帮扶途径指引。",
    ),
    (
        "network",
        "network-nearest",
        "离我最近的社工站在哪里？",
        "服务网络实现“区-街道-社区”三级全覆盖：区级设社工总站，8个街道设社工站，"
        "37个社区均配社工服务点。城区核心区域居民步行15分钟内可找到就近站点。",
    ),
    (
        "network",
        "network-rural",
        "住在偏远乡村，也能找到社工吗？",
        "能。针对偏远乡村设流动社工岗，每月定期进村开展上门帮扶服务。",
    ),
    (
        "recruitment",
        "recruitment-who",
        "哪些人可以报名2024年的社工岗位？",
        "基本学历要求为大专及以上，部分特殊岗位放宽至中专：比如社区养老服务岗，"
        "持有养老护理员证的中专学历人员可破格报名。\n\n"
        "部分乡村社工岗要求碧江区本地户籍或1年以上基层服务经验。",
    ),
    (
        "recruitment",
        "recruitment-when",
        "什么时候报名？在哪里报名？",
        "官方报名入口为碧江区人民政府官网或“碧江民政”微信公众号。2024年报名时间为3月10日-17日。\n\n"
        "线下资格审核在碧江区民政局社工科，时段为3月18日-20日，需携带学历证、"
        "资质证书等原件及复印件。",
    ),
    (
        "recruitment",
        "recruitment-certificate",
        "有社工证报名有什么好处？",
        "持有全国社工职业水平证书者笔试环节加5分，面试时同等条件下将被优先录用。",
    ),
    (
        "recruitment",
        "recruitment-score",
        "成绩怎么算？多少分能录用？",
        "笔试满分100分，合格线60分。综合成绩按笔试40%+面试60%计算，面试低于70分直接淘汰，"
        "最终按综合成绩排名1:1确定录用名单。",
    ),
    (
        "careers",
        "careers-subsidy-paid",
        "社工补贴怎么领？怎么发？",
        "补贴申领通过所在社工站提交材料，经民政部门审核后按月发放至账户。\n\n"
        "岗位补贴：助理社工师每月300元、社工师500元、高级800元；中级及以上职称每年1000元；"
        "参与重点民生项目每人每月200元。",
    ),
    (
        "careers",
        "careers-training",
        "在哪里参加社工培训？",
        "民政部门每季度组织1次免费线下培训；线上可登录“碧江社工服务平台”学习录播课与直播讲座；"
        "行业协会每月提供1次一对一督导；还可参与铜仁学院社工系合作项目。",
    ),
    (
        "careers",
        "careers-promotion",
        "一线社工怎样晋升项目主管、资深督导？",
        "一线社工需满2年从业经验、参与2个以上重点项目，可申请晋升项目主管；"
        "项目主管需满3年任职经验、持有中级及以上社工证，可申报资深督导岗位。\n\n"
        "每年6月为晋升申请窗口期，通过所在社工机构提交材料至民政部门审核。",
    ),
]


def load(stdout) -> None:
    made = 0
    for key, category, title, summary, body in NOTICES:
        _, created = Notice.objects.get_or_create(
            key=key,
            defaults={
                "category": category,
                "title": title,
                "summary": summary,
                "body": body,
                "publish_on": GUIDE_DATE,
            },
        )
        made += created
    stdout.write(f"公告：新增 {made} 条，共 {len(NOTICES)} 条")

    topics = {}
    for order, (key, name) in enumerate(TOPICS, start=1):
        topics[key], _ = FaqTopic.objects.get_or_create(
            key=key, defaults={"name": name, "order": order}
        )
    made = 0
    for order, (topic, key, question, answer) in enumerate(QUESTIONS, start=1):
        _, created = FaqQuestion.objects.get_or_create(
            key=key,
            defaults={
                "topic": topics[topic],
                "question": question,
                "answer": answer,
                "order": order,
            },
        )
        made += created
    stdout.write(f"社工问一问：新增 {made} 条，共 {len(QUESTIONS)} 条")
