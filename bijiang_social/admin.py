from django.contrib import admin
from django.utils import timezone

from bijiang_social.audit import AuditedAdmin
from bijiang_social.models import (
    CalendarDay,
    FaqQuestion,
    FaqTopic,
    GuideSection,
    GuideSource,
    KeyFigure,
    Notice,
)


@admin.register(GuideSource)
class GuideSourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "updated_at"]


@admin.register(KeyFigure)
class KeyFigureAdmin(AuditedAdmin):
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
class GuideSectionAdmin(AuditedAdmin):
    list_display = ["title", "page", "order", "is_published", "updated_at"]
    list_editable = ["order", "is_published"]
    list_filter = ["page", "is_published"]
    search_fields = ["title", "body", "key"]


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedAdmin):
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    search_fields = ["note"]
    date_hierarchy = "date"


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
class NoticeAdmin(AuditedAdmin):
    list_display = ["title", "category", "publish_on", "is_published", "visible", "updated_at"]
    list_filter = [VisibilityFilter, "category", "is_published"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "publish_on"
    fields = ["title", "category", "publish_on", "is_published", "summary", "body", "key"]

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
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    inlines = [FaqQuestionInline]


@admin.register(FaqQuestion)
class FaqQuestionAdmin(AuditedAdmin):
    list_display = ["question", "topic", "order", "is_published", "updated_at"]
    list_editable = ["order", "is_published"]
    list_filter = ["topic", "is_published"]
    list_select_related = ["topic"]
    search_fields = ["question", "answer"]
