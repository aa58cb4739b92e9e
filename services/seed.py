"""The service network as the guide describes it (section 🔍②), loaded by `manage.py load_guide`.

Real (from the guide): the three levels and their counts (1 hub, 8 street stations, 37 community
points), the 15-minute circle, the monthly mobile rural posts, the four domains and what they
cover, the two feature projects and the 2万+ person-times. Sample (the guide does not give them):
names of most streets' communities, every address, phone number, opening hours, coordinate, village
and social worker. Sample rows have is_verified=False, so the site labels them 示例数据 until a
clerk checks them and ticks 信息已核实 in admin. Phone numbers start 0856-0000…, which no real
line in Tongren uses, so nobody real is called from a sample row.

Rows are matched on their slug (or village and township) with get_or_create: running the command
again creates only what is missing and never overwrites what staff edited.
"""

import datetime as dt
import math

from bijiang_social.models import GuideSection, KeyFigure, Page
from services.models import FeatureProject, RuralVisit, ServiceDomain, ServicePoint, Street

CENTRE = (27.7190, 109.1950)  # the district hub, near the centre of the urban area

# slug, name, short name, verified name?, station (lat, lng), sample roads, communities
# The 7 street names listed by public sources are kept; 市中 appears only in older lists and
# 锦江/正光 could not be confirmed, so those three are marked as sample until a clerk checks them.
STREETS = [
    (
        "jinjiang",
        "锦江街道",
        "锦江",
        False,
        (27.7115, 109.1885),
        ["中山路", "民主路", "解放路"],
        ["中南门", "东门", "西门", "南门", "北门"],
    ),
    (
        "huanbei",
        "环北街道",
        "环北",
        True,
        (27.7330, 109.1930),
        ["环北路", "金滩路", "清水大道"],
        ["环北第一", "环北第二", "环北第三", "环北第四", "环北第五", "环北第六"],
    ),
    (
        "hexi",
        "河西街道",
        "河西",
        True,
        (27.7180, 109.1700),
        ["河西大道", "滨江路", "西外环路"],
        ["河西第一", "河西第二", "河西第三", "河西第四", "河西第五"],
    ),
    (
        "dengta",
        "灯塔街道",
        "灯塔",
        True,
        (27.7360, 109.2260),
        ["灯塔大道", "东太大道", "桃源大道"],
        ["灯塔第一", "灯塔第二", "灯塔第三", "灯塔第四", "灯塔第五"],
    ),
    (
        "zhengguang",
        "正光街道",
        "正光",
        False,
        (27.6990, 109.1780),
        ["正光路", "锦江南路"],
        ["正光第一", "正光第二", "正光第三", "正光第四"],
    ),
    (
        "tongxing",
        "铜兴街道",
        "铜兴",
        True,
        (27.6985, 109.2090),
        ["铜兴大道", "铜兴北路"],
        ["铜兴第一", "铜兴第二", "铜兴第三", "铜兴第四", "铜兴第五"],
    ),
    (
        "chuandong",
        "川硐街道",
        "川硐",
        True,
        (27.6820, 109.1560),
        ["川硐大道", "教育园路"],
        ["川硐第一", "川硐第二", "川硐第三", "川硐第四"],
    ),
    (
        "shizhong",
        "市中街道",
        "市中",
        False,
        (27.7215, 109.2085),
        ["人民路", "市中路"],
        ["市中第一", "市中第二", "市中第三"],
    ),
]
COMMUNITY_SLUGS = {
    "中南门": "zhongnanmen",
    "东门": "dongmen",
    "西门": "ximen",
    "南门": "nanmen",
    "北门": "beimen",
}

DOMAINS = [
    ("minsheng", "民生兜底服务", "低保家庭、特困人员的生活帮扶与权益保障。"),
    ("governance", "社区治理服务", "邻里矛盾调解、社区文化营造。"),
    ("special-groups", "特殊群体关爱", "留守、残障、空巢群体的个性化帮扶。"),
    ("professional", "专业支持服务", "社工人才培训、本土服务项目孵化。"),
]
FRONT_LINE_DOMAINS = ["minsheng", "governance", "special-groups"]

HOURS = "周一至周五 9:00—12:00，14:00—17:30（法定节假日休息）"
HUB_SERVICES = "统筹全区服务资源调配与专业督导；社工人才培训；本土服务项目孵化。"
STATION_SERVICES = (
    "负责片区协调；政策咨询、心理疏导等即时服务；受理社区治理、特殊群体帮扶服务申请。"
)
COMMUNITY_SERVICES = "直接面向居民提供一线便民服务：政策咨询、心理疏导等即时服务。"

FEATURE_PROJECTS = [
    # street slug, title, focus
    ("huanbei", "青少年心理健康干预与成长引导", "侧重青少年心理健康干预与成长引导"),
    ("tongxing", "社区养老照护服务", "聚焦社区养老照护服务"),
]

KEY_FIGURES = [
    # key, label, value, unit, meaning
    (
        "service-circle",
        "15分钟社工服务圈",
        "15",
        "分钟",
        "城区核心区域居民步行15分钟内可找到就近站点",
    ),
    (
        "feature-projects-served",
        "特色项目累计服务",
        "2",
        "万人次以上",
        "“一街道一特色”服务项目累计服务超2万人次",
    ),
]

SECTIONS = [
    # key, title, body
    (
        "services-levels",
        "“区-街道-社区”三级全覆盖",
        "区级设社工总站，统筹全区服务资源调配与专业督导。\n\n"
        "8个街道设社工站负责片区协调。\n\n"
        "37个社区均配社工服务点，直接面向居民提供一线便民服务。",
    ),
    (
        "services-circle",
        "15分钟社工服务圈",
        "城区核心区域建成“15分钟社工服务圈”。\n\n"
        "居民步行15分钟内可找到就近站点，获取政策咨询、心理疏导等即时服务。",
    ),
    (
        "services-rural-posts",
        "流动社工岗",
        "针对偏远乡村设流动社工岗，每月定期进村开展上门帮扶服务。",
    ),
    (
        "services-feature-projects",
        "一街道一特色",
        "重点打造“一街道一特色”服务项目。\n\n"
        "特色项目累计服务超2万人次，形成可复制的县域社工服务样板模式。",
    ),
]

# township (real Bijiang townships), village (sample), start station, day of month, months ahead
RURAL_VISITS = [
    ("坝黄镇", "高坪村", "chuandong-station", 8, 0),
    ("滑石侗族乡", "新寨村", "chuandong-station", 15, 0),
    ("瓦屋侗族乡", "龙田村", "hexi-station", 12, 1),
    ("和平土家族侗族乡", "茶园村", "dengta-station", 18, 1),
    ("六龙山侗族土家族乡", "岩门村", "tongxing-station", 10, 2),
    ("桐木坪侗族乡", "溪口村", "hexi-station", 20, 2),
    ("云场坪镇", "桃花村", "huanbei-station", 14, 3),
    ("坝黄镇", "大塘村", "chuandong-station", 22, 3),
]
RURAL_WORKERS = ["杨社工", "吴社工", "田社工", "龙社工"]
WHAT_TO_BRING = "身份证、户口簿；申请低保或临时救助的，请带家庭收入证明；残障人士请带残疾人证。"


def _sample_phone(number: int) -> str:
    return f"0856-0000{number:03d}"


def _around(centre: tuple[float, float], index: int, count: int) -> tuple[float, float]:
    """A sample position about 500–800 m from a station, spread evenly around it."""
    angle = 2 * math.pi * index / count + 0.4
    radius = 0.0045 + 0.0015 * (index % 2)
    return (
        round(centre[0] + radius * math.sin(angle), 6),
        round(centre[1] + radius * math.cos(angle) / math.cos(math.radians(centre[0])), 6),
    )


def _in_months(today: dt.date, months_ahead: int, day: int) -> dt.date:
    month_index = today.month - 1 + months_ahead
    date = dt.date(today.year + month_index // 12, month_index % 12 + 1, day)
    return date if date >= today else _in_months(today, months_ahead + 1, day)


def _point(slug: str, defaults: dict, domains: list[ServiceDomain]) -> bool:
    point, created = ServicePoint.objects.get_or_create(slug=slug, defaults=defaults)
    if created:
        point.domains.set(domains)
    return created


def _load_points(domains: dict[str, ServiceDomain], streets: dict[str, Street]) -> int:
    made = _point(
        "district-hub",
        {
            "level": ServicePoint.Level.HUB,
            "name": "碧江区社工总站",
            "address": "碧江区中山路1号（区民政局内）",
            "opening_hours": HOURS,
            "phone": _sample_phone(100),
            "latitude": CENTRE[0],
            "longitude": CENTRE[1],
            "services_offered": HUB_SERVICES,
        },
        list(domains.values()),
    )
    front_line = [domains[key] for key in FRONT_LINE_DOMAINS]
    phone = 100
    for s_index, (slug, name, _short, _, centre, roads, communities) in enumerate(STREETS):
        phone += 1
        made += _point(
            f"{slug}-station",
            {
                "level": ServicePoint.Level.STREET,
                "name": f"{name}社工站",
                "street": streets[slug],
                "address": f"碧江区{roads[0]}{10 + s_index}号（{name}便民服务中心）",
                "opening_hours": HOURS,
                "phone": _sample_phone(phone),
                "latitude": centre[0],
                "longitude": centre[1],
                "services_offered": STATION_SERVICES,
            },
            front_line,
        )
        for c_index, community in enumerate(communities):
            phone += 1
            lat, lng = _around(centre, c_index, len(communities))
            made += _point(
                f"{slug}-{COMMUNITY_SLUGS.get(community, f'community-{c_index + 1}')}",
                {
                    "level": ServicePoint.Level.COMMUNITY,
                    "name": f"{community}社区社工服务点",
                    "street": streets[slug],
                    "address": f"碧江区{roads[c_index % len(roads)]}{20 + 8 * c_index}号"
                    f"（{community}社区居委会）",
                    "opening_hours": HOURS,
                    "phone": _sample_phone(phone),
                    "latitude": lat,
                    "longitude": lng,
                    "services_offered": COMMUNITY_SERVICES,
                    "order": c_index + 1,
                },
                front_line,
            )
    return made


def _count(made: int, total: int) -> str:
    return f"新增 {made} 条，共 {total} 条"


def load(stdout, today: dt.date | None = None) -> None:
    today = today or dt.date.today()

    made = 0
    domains = {}
    for order, (slug, name, covers) in enumerate(DOMAINS, start=1):
        domains[slug], created = ServiceDomain.objects.get_or_create(
            slug=slug, defaults={"name": name, "covers": covers, "order": order}
        )
        made += created
    stdout.write(f"服务领域：{_count(made, len(DOMAINS))}")

    made = 0
    streets = {}
    for order, (slug, name, short, verified, *_) in enumerate(STREETS, start=1):
        streets[slug], created = Street.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "short_name": short, "order": order, "is_verified": verified},
        )
        made += created
    stdout.write(f"街道：{_count(made, len(STREETS))}")

    total_points = 1 + sum(1 + len(street[-1]) for street in STREETS)
    stdout.write(f"服务站点：{_count(_load_points(domains, streets), total_points)}")

    made = 0
    for order, (street, title, focus) in enumerate(FEATURE_PROJECTS, start=1):
        _, created = FeatureProject.objects.get_or_create(
            street=streets[street],
            title=title,
            defaults={"focus": focus, "order": order, "is_verified": True},
        )
        made += created
    stdout.write(f"特色项目：{_count(made, len(FEATURE_PROJECTS))}")

    made = 0
    for order, (key, label, value, unit, meaning) in enumerate(KEY_FIGURES, start=1):
        _, created = KeyFigure.objects.get_or_create(
            key=key,
            defaults={
                "page": Page.SERVICES,
                "label": label,
                "value": value,
                "unit": unit,
                "meaning": meaning,
                "order": order,
            },
        )
        made += created
    for order, (key, title, body) in enumerate(SECTIONS, start=10):
        _, created = GuideSection.objects.get_or_create(
            key=key, defaults={"page": Page.SERVICES, "title": title, "body": body, "order": order}
        )
        made += created
    stdout.write(f"服务网络数据与段落：{_count(made, len(KEY_FIGURES) + len(SECTIONS))}")

    made = 0
    stations = ServicePoint.objects.in_bulk([row[2] for row in RURAL_VISITS], field_name="slug")
    for index, (township, village, station, day, months) in enumerate(RURAL_VISITS):
        _, created = RuralVisit.objects.get_or_create(
            township=township,
            village=village,
            defaults={
                "visit_date": _in_months(today, months, day),
                "start_point": stations[station],
                "social_worker": RURAL_WORKERS[index % len(RURAL_WORKERS)],
                "what_to_bring": WHAT_TO_BRING,
            },
        )
        made += created
    stdout.write(f"流动社工走访：{_count(made, len(RURAL_VISITS))}")
