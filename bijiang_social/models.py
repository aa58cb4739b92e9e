"""Site-wide content: the district overview, the guide's prose, and the working-day calendar."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords

from bijiang_social.content import embed_figures, validate_figure_keys


def split_paragraphs(text: str) -> list[str]:
    """Staff separate paragraphs with a blank line."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _seed_key(help_text: str) -> models.SlugField:
    """The key the seed finds its row by; empty (NULL, so unique) for rows staff add."""
    return models.SlugField(
        "标识", max_length=50, unique=True, null=True, blank=True, default=None, help_text=help_text
    )


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

    history = HistoricalRecords()
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
    body = models.TextField(
        "正文",
        help_text="段落之间空一行。引用关键数据请写 {figure:标识}（例如 {figure:stations}），"
        "修改关键数据后这里自动一致",
        validators=[validate_figure_keys],
    )
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_published = models.BooleanField("公开显示", default=True)
    updated_at = models.DateTimeField("最近更新", auto_now=True)

    history = HistoricalRecords()
    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = "指南段落"
        verbose_name_plural = "指南段落"
        ordering = ["page", "order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def paragraphs(self) -> list[str]:
        return split_paragraphs(embed_figures(self.body))


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

    history = HistoricalRecords()

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"


class HolidayArrangement(models.Model):
    """A year whose State Council holiday arrangement staff have entered in full.

    For such a year the CalendarDay rows are the official arrangement (imported in admin); days
    without a row follow Monday to Friday. A year with neither this row nor the chinesecalendar
    package's data is counted from the statutory holidays alone (暂按法定节假日计算).
    """

    year = models.PositiveSmallIntegerField("年份", unique=True)
    notice = models.CharField(
        "依据",
        max_length=200,
        blank=True,
        help_text="例如 国务院办公厅关于2027年部分节假日安排的通知",
    )
    entered_at = models.DateTimeField("录入时间", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "年度放假安排"
        verbose_name_plural = "年度放假安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年放假安排"


class NoticeQuerySet(models.QuerySet):
    def published(self, today: dt.date | dt.datetime | None = None):
        """Notices the public may see: published, and their date and time have come.

        Given a date (not a moment), every notice of that day counts as come."""
        moment = timezone.localtime() if today is None else today
        if not isinstance(moment, dt.datetime):
            return self.filter(is_published=True, publish_on__lte=moment)
        moment = timezone.localtime(moment)
        day = moment.date()
        return self.filter(is_published=True).filter(
            models.Q(publish_on__lt=day) | models.Q(publish_on=day, publish_time__lte=moment.time())
        )


class Notice(models.Model):
    """A public notice (公告). It appears on its publish date, so staff can schedule it."""

    class Category(models.TextChoices):
        RECRUITMENT = "recruitment", "招聘"
        SERVICE = "service", "服务"
        TRAINING = "training", "培训"
        POLICY = "policy", "政策"
        GENERAL = "general", "综合"

    key = _seed_key("供数据导入识别；自己发布的公告留空即可")
    title = models.CharField("标题", max_length=100)
    category = models.CharField(
        "类别", max_length=20, choices=Category.choices, default=Category.GENERAL
    )
    summary = models.CharField(
        "摘要", max_length=200, blank=True, help_text="列表和订阅中显示的一句话；留空则取正文开头"
    )
    body = models.TextField("正文", help_text="段落之间空一行")
    publish_on = models.DateField(
        "发布日期", default=timezone.localdate, help_text="设为将来的日期，公告会在当天自动出现"
    )
    publish_time = models.TimeField(
        "发布时间", default=dt.time(0, 0), help_text="到发布日期的这个时间（北京时间）自动出现"
    )
    is_published = models.BooleanField("公开显示", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("最近更新", auto_now=True)

    history = HistoricalRecords()
    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = "公告"
        verbose_name_plural = "公告"
        ordering = ["-publish_on", "-id"]
        indexes = [models.Index(fields=["-publish_on", "-id"], name="notice_publish_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("notice-detail", args=[self.pk])

    @property
    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.body)

    @property
    def published_at(self) -> dt.datetime:
        """When it appears (Beijing time): its PubDate meta tag."""
        return dt.datetime.combine(self.publish_on, self.publish_time)

    @property
    def lead(self) -> str:
        """The summary, or the start of the body when staff left the summary empty."""
        return self.summary or Truncator(self.body.replace("\n", " ")).chars(80)

    def is_visible(self, now: dt.datetime | None = None) -> bool:
        moment = timezone.localtime(now)
        when = (self.publish_on, self.publish_time)
        return self.is_published and when <= (moment.date(), moment.time())


class FaqTopic(models.Model):
    """A topic of 社工问一问 (申请服务, 招聘报名, …) grouping its questions."""

    key = models.SlugField(
        "标识", max_length=50, unique=True, help_text="供数据导入识别，勿随意修改"
    )
    name = models.CharField("主题", max_length=30)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "问答主题"
        verbose_name_plural = "问答主题"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class FaqQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True).select_related("topic")


class FaqQuestion(models.Model):
    """One question residents or applicants ask, and its plain-words answer."""

    key = _seed_key("供数据导入识别；自己添加的问题留空即可")
    topic = models.ForeignKey(
        FaqTopic, verbose_name="主题", on_delete=models.PROTECT, related_name="questions"
    )
    question = models.CharField("问题", max_length=120)
    answer = models.TextField("回答", help_text="段落之间空一行；用居民听得懂的话")
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_published = models.BooleanField("公开显示", default=True)
    updated_at = models.DateTimeField("最近更新", auto_now=True)

    history = HistoricalRecords()
    objects = FaqQuerySet.as_manager()

    class Meta:
        verbose_name = "社工问一问"
        verbose_name_plural = "社工问一问"
        ordering = ["topic__order", "topic_id", "order", "id"]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("faq-detail", args=[self.pk])

    @property
    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.answer)


class RateCounter(models.Model):
    """One client's attempts in one window of a rate limit, when Redis does not hold them
    (no REDIS_URL, or Redis unreachable). Written only by bijiang_social.ratelimits."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "频率限制计数"
        verbose_name_plural = "频率限制计数"

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class SiteIdentity(models.Model):
    """Who runs the site and its registrations (网站标识码, ICP备案, 公安备案): one row, edited in
    the admin, shown in every page's footer and in every page's SiteName/SiteIDCode meta tags."""

    ICP_LOOKUP_URL = "https://beian.miit.gov.cn/"
    POLICE_LOOKUP_URL = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode="

    key = models.SlugField("标识", max_length=50, unique=True, default="main", editable=False)
    site_name = models.CharField("网站名称", max_length=60)
    domain = models.CharField(
        "网站域名", max_length=100, help_text="例如 sg.bijiang.gov.cn，不带 https://"
    )
    sponsor = models.CharField("主办单位", max_length=60)
    organizer = models.CharField("承办单位", max_length=60)
    address = models.CharField("联系地址", max_length=120)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱")
    site_code = models.CharField(
        "网站标识码", max_length=20, help_text="全国政府网站信息报送系统分配的10位标识码"
    )
    icp_number = models.CharField("ICP备案号", max_length=40, help_text="例如 黔ICP备12345678号-1")
    police_number = models.CharField(
        "公安机关备案号", max_length=40, help_text="例如 黔公网安备 52060202000001号"
    )
    badge_image = models.CharField(
        "党政机关网站标识图片",
        max_length=120,
        default="img/dzjg.svg",
        help_text="static/ 下的文件路径；换成机构编制部门下发的标识图片后改这里",
    )
    badge_link = models.URLField("党政机关网站标识链接", max_length=300)
    copyright_holder = models.CharField("版权所有", max_length=60)
    source = models.ForeignKey(
        GuideSource,
        verbose_name="页脚显示的信息来源",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    is_sample = models.BooleanField(
        "标识码和备案号为示例数据",
        default=True,
        help_text="录入民政部门取得的真实标识码和备案号后取消勾选，页脚不再标注“示例数据”",
    )
    updated_at = models.DateTimeField("最近更新", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "网站标识与备案信息"
        verbose_name_plural = "网站标识与备案信息"

    def __str__(self) -> str:
        return self.site_name

    @property
    def police_lookup_url(self) -> str:
        """The public-security 备案 system's page for this record (its digits)."""
        digits = "".join(ch for ch in self.police_number if ch.isdigit())
        return f"{self.POLICE_LOOKUP_URL}{digits}"


class Column(models.Model):
    """A column (栏目) of the site: its page's ColumnName/ColumnType/… meta tags, and its place
    in the HTML 网站地图. `view_name` is the URL name of its page; `article_view_name` that of
    its items' pages (notice-detail under 公告)."""

    site = models.ForeignKey(
        SiteIdentity, verbose_name="网站", on_delete=models.CASCADE, related_name="columns"
    )
    key = models.SlugField(
        "标识", max_length=50, unique=True, help_text="供数据导入识别，勿随意修改"
    )
    view_name = models.CharField(
        "页面",
        max_length=60,
        unique=True,
        help_text="栏目页面的地址名，例如 notices、services:index",
    )
    article_view_name = models.CharField(
        "文章页面", max_length=60, blank=True, help_text="栏目下文章的地址名，例如 notice-detail"
    )
    name = models.CharField("栏目名称", max_length=40)
    column_type = models.CharField(
        "栏目类型",
        max_length=20,
        help_text="按政府网站网页设计规范，例如 通知公告、办事服务、互动交流",
    )
    description = models.CharField("栏目描述", max_length=200)
    keywords = models.CharField("栏目关键词", max_length=100, help_text="用逗号分隔")
    guide_page = models.CharField(
        "栏目下的指南段落",
        max_length=20,
        choices=Page.choices,
        blank=True,
        help_text="网站地图在这一栏下列出该页面的指南段落",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级栏目",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField("排序", default=0)
    updated_at = models.DateTimeField("最近更新", auto_now=True)

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(self.view_name)


class Statement(models.Model):
    """A statement page of the footer (隐私声明, 无障碍声明): a title and paragraphs."""

    key = models.SlugField(
        "标识", max_length=50, unique=True, help_text="供数据导入识别，勿随意修改"
    )
    title = models.CharField("标题", max_length=40)
    body = models.TextField(
        "正文", help_text="段落之间空一行；段落第一行以“## ”开头时，这一行是小标题"
    )
    updated_at = models.DateTimeField("最近更新", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "网站声明"
        verbose_name_plural = "网站声明"
        ordering = ["key"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("statement", args=[self.key])

    @property
    def blocks(self) -> list[tuple[str, str]]:
        """("h2", heading) for a paragraph's first line written "## …", ("p", text) for text."""
        blocks = []
        for paragraph in split_paragraphs(self.body):
            if paragraph.startswith("## "):
                heading, _, paragraph = paragraph.partition("\n")
                blocks.append(("h2", heading[3:].strip()))
            if paragraph.strip():
                blocks.append(("p", paragraph.strip()))
        return blocks


class ErrorReportQuerySet(models.QuerySet):
    def overdue(self, today: dt.date | None = None):
        """Open reports past their deadline."""
        return self.filter(status=ErrorReport.Status.OPEN, due_on__lt=today or timezone.localdate())

    def figures(self) -> dict[str, int]:
        """The published counts: received, handled, handled by the deadline, still open."""
        handled = models.Q(status=ErrorReport.Status.HANDLED)
        return self.aggregate(
            received=models.Count("id"),
            handled=models.Count("id", filter=handled),
            on_time=models.Count(
                "id", filter=handled & models.Q(handled_on__lte=models.F("due_on"))
            ),
            open=models.Count("id", filter=~handled),
        )


class ErrorReport(models.Model):
    """我为政府网站找错: a visitor's report of a mistake on a page, handled by staff within
    ERROR_REPORT_WORKING_DAYS working days."""

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        HANDLED = "handled", "已处理"

    page = models.CharField("出错的页面", max_length=300)
    description = models.TextField("问题描述", max_length=500)
    contact = models.CharField("联系方式", max_length=60, blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    due_on = models.DateField("处理期限")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    reply = models.TextField("处理情况", blank=True, help_text="改了什么，或为什么不需要改")
    handled_on = models.DateField("处理日期", null=True, blank=True)

    history = HistoricalRecords()
    objects = ErrorReportQuerySet.as_manager()

    class Meta:
        verbose_name = "网站找错"
        verbose_name_plural = "网站找错"
        ordering = ["status", "due_on", "id"]

    def __str__(self) -> str:
        return f"{self.reference} {self.page}"

    def save(self, *args, **kwargs):
        if self.status == self.Status.HANDLED and self.handled_on is None:
            self.handled_on = timezone.localdate()
        if self.status == self.Status.OPEN:
            self.handled_on = None
        super().save(*args, **kwargs)

    @classmethod
    def receive(cls, *, page: str, description: str, contact: str = "") -> "ErrorReport":
        """Store a report with its deadline: the working days of ERROR_REPORT_WORKING_DAYS
        after today (holidays skipped, bijiang_social.workdays)."""
        from bijiang_social.workdays import add_working_days

        due = add_working_days(timezone.localdate(), settings.ERROR_REPORT_WORKING_DAYS)
        return cls.objects.create(page=page, description=description, contact=contact, due_on=due)

    @property
    def reference(self) -> str:
        return f"ZC{timezone.localtime(self.created_at):%Y%m%d}-{self.pk:04d}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.status == self.Status.OPEN and self.due_on < (today or timezone.localdate())
