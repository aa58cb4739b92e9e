from django.contrib import admin

from bijiang_social.models import CalendarDay, GuideSection, GuideSource, KeyFigure


@admin.register(GuideSource)
class GuideSourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "updated_at"]


@admin.register(KeyFigure)
class KeyFigureAdmin(admin.ModelAdmin):
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
class GuideSectionAdmin(admin.ModelAdmin):
    list_display = ["title", "page", "order", "is_published", "updated_at"]
    list_editable = ["order", "is_published"]
    list_filter = ["page", "is_published"]
    search_fields = ["title", "body", "key"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    search_fields = ["note"]
    date_hierarchy = "date"
