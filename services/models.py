"""The three-level service network (district hub, street stations, community points),
its service domains, feature projects and mobile rural visits, and which street a
member of staff works for."""

import datetime as dt
from functools import reduce
from operator import and_

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from accounts.access import StreetScopedQuerySet
from accounts.models import Street
from bijiang_social.models import KeyFigure
from services.geo import SERVICE_CIRCLE_MINUTES, Coordinates

LEVEL_ORDER = models.Case(
    models.When(level="hub", then=0),
    models.When(level="street", then=1),
    default=2,
    output_field=models.IntegerField(),
)


class ServiceDomain(models.Model):
    """One of the four service domains (民生兜底服务, 社区治理服务, …)."""

    name = models.CharField("领域名称", max_length=30, unique=True)
    slug = models.SlugField("网址标识", max_length=40, unique=True)
    covers = models.TextField("服务内容", help_text="来自指南的说明")
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "服务领域"
        verbose_name_plural = "服务领域"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class ServicePointQuerySet(StreetScopedQuerySet):
    def in_level_order(self):
        """Hub first, then street stations, then community points; by street within a level."""
        return self.alias(level_rank=LEVEL_ORDER).order_by(
            "level_rank", "street__order", "order", "id"
        )

    def hubs(self):
        return self.filter(level=ServicePoint.Level.HUB)

    def stations(self):
        return self.filter(level=ServicePoint.Level.STREET)

    def community(self):
        return self.filter(level=ServicePoint.Level.COMMUNITY)

    def with_coordinates(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def search(self, query: str):
        """Points whose name, address or street contains every word of the query."""
        words = query.split()
        if not words:
            return self.none()
        return self.filter(
            reduce(
                and_,
                (
                    models.Q(name__icontains=word)
                    | models.Q(address__icontains=word)
                    | models.Q(street__name__icontains=word)
                    | models.Q(street__short_name__icontains=word)
                    for word in words
                ),
            )
        )

    def level_counts(self) -> dict[str, int]:
        """{level: number of points}, every level present (0 when none)."""
        counts = dict(self.order_by().values_list("level").annotate(n=models.Count("id")))
        return {level: counts.get(level, 0) for level in ServicePoint.Level.values}


class ServicePoint(models.Model):
    """A place a resident can go: the district hub, a street station or a community point."""

    class Level(models.TextChoices):
        HUB = "hub", "区社工总站"
        STREET = "street", "街道社工站"
        COMMUNITY = "community", "社区社工服务点"

    level = models.CharField("层级", max_length=10, choices=Level.choices)
    name = models.CharField("名称", max_length=60)
    slug = models.SlugField("网址标识", max_length=60, unique=True)
    street = models.ForeignKey(
        Street,
        verbose_name="所属街道",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="points",
        help_text="区社工总站不属于任何街道，留空",
    )
    address = models.CharField("地址", max_length=120)
    opening_hours = models.CharField("开放时间", max_length=80)
    phone = models.CharField("联系电话", max_length=30)
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    domains = models.ManyToManyField(ServiceDomain, verbose_name="服务领域", blank=True)
    services_offered = models.TextField("提供的服务", blank=True)
    walking_note = models.CharField("步行说明", max_length=120, blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_verified = models.BooleanField(
        "信息已核实", default=False, help_text="未勾选时，页面会标注“示例数据”"
    )
    updated_at = models.DateTimeField("最近更新", auto_now=True)

    history = HistoricalRecords()
    objects = ServicePointQuerySet.as_manager()

    class Meta:
        verbose_name = "服务站点"
        verbose_name_plural = "服务站点"
        ordering = ["street__order", "level", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="hub", street__isnull=True)
                | (~models.Q(level="hub") & models.Q(street__isnull=False)),
                name="servicepoint_street_matches_level",
                violation_error_message="区社工总站不属于街道；街道社工站和社区服务点必须选择所属街道。",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("services:station", args=[self.slug])

    @property
    def coordinates(self) -> Coordinates | None:
        return Coordinates.of(self.latitude, self.longitude)

    def parent(self) -> "ServicePoint | None":
        """The level above: a community point's street station, a street station's hub."""
        if self.level == self.Level.COMMUNITY:
            return ServicePoint.objects.stations().filter(street_id=self.street_id).first()
        if self.level == self.Level.STREET:
            return ServicePoint.objects.hubs().first()
        return None

    def children(self):
        """The level below: the hub's street stations, a street station's community points."""
        if self.level == self.Level.HUB:
            return ServicePoint.objects.stations().select_related("street").in_level_order()
        if self.level == self.Level.STREET:
            return (
                ServicePoint.objects.community().filter(street_id=self.street_id).in_level_order()
            )
        return ServicePoint.objects.none()


class FeatureProject(models.Model):
    """A "one street, one feature" project (一街道一特色)."""

    street = models.ForeignKey(
        Street, verbose_name="街道", on_delete=models.CASCADE, related_name="feature_projects"
    )
    title = models.CharField("项目名称", max_length=60)
    focus = models.CharField("侧重方向", max_length=120)
    description = models.TextField("项目介绍", blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_verified = models.BooleanField("信息已核实", default=False)

    history = HistoricalRecords()
    objects = StreetScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "特色项目"
        verbose_name_plural = "特色项目"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.street}：{self.title}"


class RuralVisitQuerySet(StreetScopedQuerySet):
    street_path = "start_point__street"

    def upcoming(self, today: dt.date):
        """Visits on or after today, soonest first (past visits are not shown to residents)."""
        return self.filter(visit_date__gte=today).order_by("visit_date", "id")

    def since(self, day: dt.date):
        return self.filter(visit_date__gte=day).order_by("visit_date", "id")


class RuralVisit(models.Model):
    """A monthly visit of a mobile rural post (流动社工岗) to a remote village."""

    village = models.CharField("村", max_length=40)
    township = models.CharField("乡镇", max_length=40)
    visit_date = models.DateField("走访日期")
    start_point = models.ForeignKey(
        ServicePoint,
        verbose_name="出发站点",
        on_delete=models.PROTECT,
        related_name="rural_visits",
    )
    social_worker = models.CharField("社工", max_length=30)
    what_to_bring = models.CharField("请携带", max_length=200, blank=True)
    is_verified = models.BooleanField("信息已核实", default=False)

    history = HistoricalRecords()
    objects = RuralVisitQuerySet.as_manager()

    class Meta:
        verbose_name = "流动社工走访"
        verbose_name_plural = "流动社工走访"
        ordering = ["visit_date", "id"]

    def __str__(self) -> str:
        return f"{self.visit_date:%Y-%m-%d} {self.township}{self.village}"


def service_circle_minutes() -> int:
    """The service circle's minutes as staff keep it in the 15分钟社工服务圈 key figure."""
    value = KeyFigure.objects.filter(key="service-circle").values_list("value", flat=True).first()
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        return SERVICE_CIRCLE_MINUTES
    return minutes if minutes > 0 else SERVICE_CIRCLE_MINUTES


# The applications', notifications' and ratings' models live in their own modules but belong to
# this app (label "services", tables services_*); importing them here registers them. Those
# modules import nothing from this one (they name ServicePoint by string; streets and the access
# rules come from the accounts app, below this one), so the dependency points one way.
from services.applications.models import (  # noqa: E402,F401
    ApplicationDocument,
    CaseEvent,
    CaseNote,
    FollowUp,
    RequiredDocument,
    ReviewPolicy,
    ServiceApplication,
    ServiceCategory,
)
from services.notifications.models import (  # noqa: E402,F401
    MessageTemplate,
    OutboxMessage,
)
from services.ratings.models import (  # noqa: E402,F401
    Rating,
    RatingPolicy,
    Rectification,
)
