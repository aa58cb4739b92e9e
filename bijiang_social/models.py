"""Site-wide content: the district overview, the guide's prose, and the working-day calendar."""

from django.db import models


class GuideSource(models.Model):
    """Where the published information comes from; shown in every page's footer."""

    title = models.CharField("资料名称", max_length=200)
    publisher = models.CharField("发布方", max_length=100)
    published_on = models.DateField("发布日期")
    note = models.CharField("说明", max_length=300, blank=True)
    updated_at = models.DateTimeField("最近更新", auto_now=True)

    class Meta:
        verbose_name = "信息来源"
        verbose_name_plural = "信息来源"

    def __str__(self) -> str:
        return self.title


class Page(models.TextChoices):
    OVERVIEW = "overview", "概览"
    SERVICES = "services", "服务网络"
    APPLICATIONS = "applications", "服务申请"
    RECRUITMENT = "recruitment", "招聘指南"
    CAREERS = "careers", "职业发展"


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_page(self, page: str):
        return self.published().filter(page=page)


class KeyFigure(models.Model):
    """One figure of the at-a-glance strip: a number, a unit and a one-line meaning."""

    page = models.CharField("所在页面", max_length=20, choices=Page.choices, default=Page.OVERVIEW)
    key = models.SlugField(
        "标识", max_length=50, unique=True, help_text="供数据导入识别，勿随意修改"
    )
    label = models.CharField("名称", max_length=40)
    value = models.CharField("数值", max_length=20, help_text="例如 12、200、65")
    unit = models.CharField("单位", max_length=20, blank=True, help_text="例如 家、人以上、%")
    meaning = models.CharField("一句话说明", max_length=120)
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_published = models.BooleanField("公开显示", default=True)
    updated_at = models.DateTimeField("最近更新", auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = "关键数据"
        verbose_name_plural = "关键数据"
        ordering = ["page", "order", "id"]

    def __str__(self) -> str:
        return f"{self.label}：{self.value}{self.unit}"


class GuideSection(models.Model):
    """A titled block of the guide's prose; paragraphs are separated by blank lines."""

    page = models.CharField("所在页面", max_length=20, choices=Page.choices)
    key = models.SlugField(
        "标识", max_length=50, unique=True, help_text="供数据导入识别，勿随意修改"
    )
    title = models.CharField("标题", max_length=80)
    body = models.TextField("正文", help_text="段落之间空一行")
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_published = models.BooleanField("公开显示", default=True)
    updated_at = models.DateTimeField("最近更新", auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = "指南段落"
        verbose_name_plural = "指南段落"
        ordering = ["page", "order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]


class CalendarDay(models.Model):
    """A day whose working status staff set by hand (from the State Council's yearly notice).

    Where this table and the chinesecalendar package disagree, this table wins.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "放假（非工作日）"
        WORKDAY = "workday", "调休上班（工作日）"

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    note = models.CharField("说明", max_length=60, blank=True, help_text="例如 春节、国庆节调休")

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"
