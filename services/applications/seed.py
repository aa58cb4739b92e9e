"""Service categories, their required documents and the deadlines policy, from the guide's
section 🏠 (核心服务项目及申请方式). Loaded by `manage.py load_guide`; rows that exist are left
as staff edited them. Needs no streets or stations."""

from bijiang_social.models import GuideSection, Page
from services.applications.models import RequiredDocument, ReviewPolicy, ServiceCategory

DECLARATION = (
    "本人无法提供上述部分材料，现声明所填家庭情况真实、完整，"
    "如有虚假愿承担相应责任，并配合工作人员入户核实。"
)

CATEGORIES = [
    # slug, name, covers, channel, allows_declaration, declaration, documents
    (
        "minsheng-doudi",
        "民生兜底",
        "低保核查、临时救助介入",
        "社区居委会或“碧江政务”线上平台",
        True,
        DECLARATION,
        [
            ("身份证", "申请人身份证正反面照片或复印件", False),
            ("家庭收入证明", "家庭成员的收入证明材料", True),
        ],
    ),
    (
        "shequ-zhili",
        "社区治理",
        "邻里矛盾调解、社区文化营造",
        "辖区街道社工站",
        False,
        "",
        [],
    ),
    (
        "teshu-qunti",
        "特殊群体帮扶",
        "独居老人、困境儿童、残障人士的专项照护与心理疏导",
        "辖区街道社工站",
        False,
        "",
        [
            ("身份证", "申请人身份证正反面照片或复印件", False),
            ("资质证明", "如残障证、困境儿童认定材料等", False),
        ],
    ),
]


# The privacy notice linked from the application form (个人信息保护法 requires telling people
# what is collected, why, for how long and whom to contact). Keys start with "privacy-".
PRIVACY_SECTIONS = [
    (
        "privacy-what",
        "收集哪些信息",
        "申请服务时，我们收集：申请人姓名、身份证号码、手机号码、所在街道和社区、需要的帮助，"
        "以及您上传的材料（如身份证、家庭收入证明、残障证、困境儿童认定材料）。",
    ),
    (
        "privacy-why",
        "为什么收集",
        "这些信息只用于办理您的服务申请：核实身份和家庭情况、判断是否符合帮扶条件、"
        "安排社工联系您并提供服务、按规定回访和评估。不会用于其他目的，也不会公开。",
    ),
    (
        "privacy-who",
        "谁能看到",
        "只有负责您所在街道的社工站工作人员和区社工总站工作人员能查看您的申请和材料。"
        "在列表和导出的报表中，身份证号码和手机号码都会部分隐藏。"
        "查询进度时只显示办理状态，不显示身份证号码和材料。",
    ),
    (
        "privacy-rights",
        "您的权利",
        "您可以向受理的街道社工站查询、更正您的信息，也可以撤回申请。"
        "撤回后，我们将停止使用并按规定删除您上传的材料。",
    ),
]


def load(stdout) -> None:
    for order, (key, title, body) in enumerate(PRIVACY_SECTIONS, start=100):
        GuideSection.objects.get_or_create(
            key=key,
            defaults={"page": Page.APPLICATIONS, "title": title, "body": body, "order": order},
        )
    if not ReviewPolicy.objects.exists():
        ReviewPolicy.objects.create()
    for order, (slug, name, covers, channel, declares, text, documents) in enumerate(CATEGORIES):
        category, _ = ServiceCategory.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "covers": covers,
                "channel": channel,
                "allows_declaration": declares,
                "declaration_text": text,
                "order": order,
            },
        )
        for doc_order, (doc_name, hint, declarable) in enumerate(documents):
            RequiredDocument.objects.get_or_create(
                category=category,
                name=doc_name,
                defaults={"hint": hint, "can_be_declared": declarable, "order": doc_order},
            )
    stdout.write("服务申请：服务类别、所需材料和办理时限已载入。")
