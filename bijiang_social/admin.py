from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from bijiang_social import decisions
from bijiang_social.audit import AuditedAdmin
from bijiang_social.content import page_url
from bijiang_social.forms import StaffForm
from bijiang_social.holiday_notice import (
    check_year,
    import_arrangement,
    parse_notice,
    read_spreadsheet,
)
from bijiang_social.models import (
    CalendarDay,
    Column,
    ErrorReport,
    FaqQuestion,
    FaqTopic,
    GuideSection,
    GuideSource,
    HolidayArrangement,
    KeyFigure,
    Notice,
    SiteIdentity,
    Statement,
)


class RepeatedTitleWarning:
    """After saving, warn (not refuse) when another row already has the same title."""

    title_field = "title"

    def save_model(self, request: HttpRequest, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        title = getattr(obj, self.title_field)
        others = type(obj).objects.filter(**{self.title_field: title}).exclude(pk=obj.pk)
        if others.exists():
            messages.warning(
                request,
                f"已有 {others.count()} 条标题同为“{title}”的{obj._meta.verbose_name}，"
                "请确认不是重复录入；需要时修改标题以便区分。",
            )


def _on_page(obj) -> str:
    return page_url(obj.page)


@admin.register(GuideSource)
class GuideSourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "updated_at"]


@admin.register(KeyFigure)
class KeyFigureAdmin(AuditedAdmin):
    view_on_site = staticmethod(_on_page)
    list_display = [
        "label",
        "value",
        "unit",
        "meaning",
        "page",
        "order",
        "is_published",
        "updated_at",
    ]
    list_editable = ["value", "order", "is_published"]
    list_filter = ["page", "is_published"]
    search_fields = ["label", "meaning", "key"]


@admin.register(GuideSection)
class GuideSectionAdmin(RepeatedTitleWarning, AuditedAdmin):
    list_display = ["title", "page", "order", "is_published", "updated_at"]
    list_editable = ["order", "is_published"]
    list_filter = ["page", "is_published"]
    search_fields = ["title", "body", "key"]
    change_form_template = "bijiang_social/admin/guidesection_change_form.html"
    view_on_site = staticmethod(_on_page)

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("preview/", preview, name="bijiang_social_guidesection_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request: HttpRequest) -> HttpResponse:
        """The section as the public page will show it, from the unsaved form (new tab)."""
        if request.method != "POST" or not self.has_view_permission(request):
            return HttpResponse(status=405 if request.method != "POST" else 403)
        form = self.get_form(request)(request.POST)
        form.is_valid()  # the preview shows what there is; saving still checks everything
        section = GuideSection(
            title=form.data.get("title", ""), body=form.data.get("body", ""), page="overview"
        )
        return TemplateResponse(
            request,
            "bijiang_social/admin/guidesection_preview.html",
            {
                **self.admin_site.each_context(request),
                "title": f"预览（尚未保存）：{section.title}",
                "section": section,
                "errors": form.errors,
            },
        )


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedAdmin):
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    search_fields = ["note"]
    date_hierarchy = "date"


class ArrangementImportForm(StaffForm):
    year = forms.IntegerField(
        label="年份",
        min_value=2000,
        max_value=2100,
        error_messages={"required": "请填写放假安排所属的年份，例如 2027。"},
    )
    notice_name = forms.CharField(
        label="通知名称",
        required=False,
        max_length=200,
        help_text="例如 国务院办公厅关于2027年部分节假日安排的通知",
    )
    notice_text = forms.CharField(
        label="粘贴通知正文中的日期",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 80}),
        help_text="可直接粘贴通知正文，例如“二、春节：2月6日至13日放假调休，共8天。"
        "2月14日（周日）上班。”写“上班”的句子记为调休上班日，其他句子中的日期记为放假。",
    )
    spreadsheet = forms.FileField(
        label="或上传表格",
        required=False,
        help_text="xlsx 或 csv，三列：日期（2027-01-01）、类型（放假／上班）、说明",
    )

    def clean(self):
        data = super().clean()
        year, text, upload = data.get("year"), data.get("notice_text"), data.get("spreadsheet")
        if year is None:
            return data
        if not text and not upload:
            raise forms.ValidationError("请粘贴通知正文中的日期，或上传放假安排表格。")
        days = parse_notice(text, year) if text else []
        if upload:
            days += read_spreadsheet(upload, year)
        check_year(days, year)
        data["days"] = days
        return data


@admin.register(HolidayArrangement)
class HolidayArrangementAdmin(AuditedAdmin):
    """The years whose official arrangement is entered; the import replaces a year's days."""

    list_display = ["year", "notice", "entered_at"]
    readonly_fields = ["entered_at"]
    change_list_template = "bijiang_social/admin/arrangement_change_list.html"

    def get_urls(self):
        urls = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="bijiang_social_holidayarrangement_import",
            )
        ]
        return urls + super().get_urls()

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not decisions.allows(decisions.IMPORT_HOLIDAYS, request.user):
            raise PermissionDenied
        form = ArrangementImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            year = form.cleaned_data["year"]
            count = import_arrangement(
                year, form.cleaned_data["days"], form.cleaned_data["notice_name"]
            )
            self.message_user(request, f"已导入{year}年放假安排，共{count}天（放假和调休上班）。")
            return redirect("admin:bijiang_social_calendarday_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "导入国务院放假安排",
            "form": form,
        }
        return TemplateResponse(request, "bijiang_social/admin/arrangement_import.html", context)


class VisibilityFilter(admin.SimpleListFilter):
    title = "是否已对外显示"
    parameter_name = "visible"

    def lookups(self, request, model_admin):
        return [("yes", "已显示"), ("scheduled", "定时发布（日期未到）"), ("hidden", "未公开")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "yes":
            return queryset.published(today)
        if self.value() == "scheduled":
            return queryset.filter(is_published=True, publish_on__gt=today)
        if self.value() == "hidden":
            return queryset.filter(is_published=False)
        return queryset


@admin.register(Notice)
class NoticeAdmin(RepeatedTitleWarning, AuditedAdmin):
    list_display = [
        "title", "category", "publish_on", "publish_time", "is_published", "visible", "updated_at"
    ]  # fmt: skip
    list_filter = [VisibilityFilter, "category", "is_published"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "publish_on"
    fields = [
        "title", "category", ("publish_on", "publish_time"), "is_published", "summary", "body",
        "key",
    ]  # fmt: skip

    @admin.display(description="对外显示", boolean=True)
    def visible(self, notice: Notice) -> bool:
        return notice.is_visible()


class FaqQuestionInline(admin.TabularInline):
    model = FaqQuestion
    fields = ["question", "order", "is_published"]
    extra = 0
    show_change_link = True


@admin.register(FaqTopic)
class FaqTopicAdmin(admin.ModelAdmin):
    view_on_site = staticmethod(lambda topic: reverse("faq") + f"#topic-{topic.key}")
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    inlines = [FaqQuestionInline]


@admin.register(FaqQuestion)
class FaqQuestionAdmin(RepeatedTitleWarning, AuditedAdmin):
    title_field = "question"
    list_display = ["question", "topic", "order", "is_published", "updated_at"]
    list_editable = ["order", "is_published"]
    list_filter = ["topic", "is_published"]
    list_select_related = ["topic"]
    search_fields = ["question", "answer"]


@admin.register(SiteIdentity)
class SiteIdentityAdmin(AuditedAdmin):
    """One row (the seed creates it): edited in place, never added a second time or deleted."""

    list_display = ["site_name", "site_code", "icp_number", "police_number", "is_sample"]
    fieldsets = [
        ("网站", {"fields": ["site_name", "domain", "copyright_holder", "source"]}),
        ("主办与联系", {"fields": ["sponsor", "organizer", "address", "phone", "email"]}),
        (
            "标识码与备案",
            {
                "fields": [
                    "site_code",
                    "icp_number",
                    "police_number",
                    "badge_image",
                    "badge_link",
                    "is_sample",
                ]
            },
        ),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # The one row comes from the guide's seed (`manage.py load_guide`); asking whether it
        # exists would cost a query on every admin page (the sidebar asks every model).
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Column)
class ColumnAdmin(admin.ModelAdmin):
    list_display = ["name", "column_type", "view_name", "parent", "order"]
    list_editable = ["order"]
    exclude = ["site"]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # A column is a page built in code; the footer reads the site's identity through them.
        return False

    def save_model(self, request: HttpRequest, obj, form, change) -> None:
        if not change:
            obj.site = SiteIdentity.objects.first()
        super().save_model(request, obj, form, change)


@admin.register(Statement)
class StatementAdmin(AuditedAdmin):
    list_display = ["title", "key", "updated_at"]
    readonly_fields = ["key"]
    view_on_site = True

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ErrorReportDeadlineFilter(admin.SimpleListFilter):
    title = "处理期限"
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("overdue", "已超期未处理")]

    def queryset(self, request, queryset):
        return queryset.overdue() if self.value() == "overdue" else queryset


@admin.register(ErrorReport)
class ErrorReportAdmin(AuditedAdmin):
    """Visitors' 找错 reports: staff correct the page, write what they did and mark it handled."""

    list_display = ["__str__", "short_description", "created_at", "due_on", "deadline", "status"]
    list_filter = ["status", ErrorReportDeadlineFilter]
    search_fields = ["page", "description"]
    readonly_fields = ["page", "description", "contact", "created_at", "due_on", "handled_on"]
    fields = [*readonly_fields[:5], "status", "reply", "handled_on"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description="问题")
    def short_description(self, obj: ErrorReport) -> str:
        return obj.description[:40]

    @admin.display(description="是否超期")
    def deadline(self, obj: ErrorReport) -> str:
        return "已超期" if obj.is_overdue() else ""
