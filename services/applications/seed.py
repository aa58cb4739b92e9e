"""Service categories, their required documents and the deadlines policy, from the guide's
section 🏠 (核心服务项目及申请方式). Loaded by `manage.py load_guide`; rows that exist are left
as staff edited them. Needs no streets or stations."""

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


def load(stdout) -> None:
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
