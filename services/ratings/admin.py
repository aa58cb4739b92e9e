"""Admin for ratings (read-only: residents' words are never edited), rectifications (the
station answers, the district hub closes) and the rating rules. Registered from
services/admin.py."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from accounts import access
from accounts.access import StreetScopedAdmin
from bijiang_social.audit import AuditedAdmin
from services.ratings.models import Rating, RatingPolicy, Rectification
from services.ratings.rules import RatingError, answer_rectification, close_rectification


@admin.register(RatingPolicy)
class RatingPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "rectification_working_days", "change_days"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not RatingPolicy.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Rating)
class RatingAdmin(StreetScopedAdmin):
    list_display = [
        "application",
        "occasion_text",
        "round",
        "level",
        "aspect",
        "social_worker",
        "rated_at",
    ]
    list_filter = ["level", "aspect", "application__street"]
    list_select_related = ["application", "evaluation"]
    search_fields = ["application__reference", "social_worker"]
    date_hierarchy = "rated_at"
    fields = [
        "application",
        "occasion_text",
        "round",
        "level",
        "aspect",
        "comment",
        "social_worker",
        "rated_at",
        "changed_at",
    ]
    readonly_fields = fields

    @admin.display(description="评价对象")
    def occasion_text(self, rating: Rating) -> str:
        return rating.occasion_label

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class OverdueFilter(admin.SimpleListFilter):
    title = "是否逾期"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "已逾期未办结")]

    def queryset(self, request, queryset):
        return queryset.overdue() if self.value() == "yes" else queryset


@admin.register(Rectification)
class RectificationAdmin(StreetScopedAdmin, AuditedAdmin):
    """The station reads the comment and writes its answer; the hub closes with the action."""

    list_display = ["case", "level", "comment", "due_on", "late", "status"]
    list_filter = ["status", OverdueFilter, "rating__application__street"]
    list_select_related = ["rating__application"]
    search_fields = ["rating__application__reference"]
    fields = [
        "case",
        "occasion",
        "level",
        "aspect",
        "comment",
        "due_on",
        "status",
        "station_answer",
        "answered_at",
        "answered_by",
        "closed_at",
        "closed_by",
    ]
    actions = ["close_selected"]

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        fixed = [f for f in self.fields if f != "station_answer"]
        if obj is not None and obj.status == Rectification.Status.CLOSED:
            return [*fixed, "station_answer"]
        return fixed

    @admin.display(description="个案")
    def case(self, task: Rectification) -> str:
        return task.rating.application.reference

    @admin.display(description="评价对象")
    def occasion(self, task: Rectification) -> str:
        return task.rating.occasion_label

    @admin.display(description="评价")
    def level(self, task: Rectification) -> str:
        return task.rating.get_level_display()

    @admin.display(description="涉及方面")
    def aspect(self, task: Rectification) -> str:
        return task.rating.get_aspect_display() or "—"

    @admin.display(description="居民意见")
    def comment(self, task: Rectification) -> str:
        return task.rating.comment or "（未填写）"

    @admin.display(description="逾期", boolean=True)
    def late(self, task: Rectification) -> bool:
        return task.is_overdue()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # opened by a poor rating only

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_close_permission(self, request: HttpRequest) -> bool:
        return access.may_close_rectification(request.user)

    def save_model(self, request: HttpRequest, obj: Rectification, form, change: bool) -> None:
        if "station_answer" in form.changed_data:
            try:
                answer_rectification(obj, request.user, form.cleaned_data["station_answer"])
            except RatingError as error:
                messages.error(request, str(error))
        # Nothing else on the task is editable here.

    @admin.action(description="办结所选整改任务（区社工总站）", permissions=["close"])
    def close_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        closed = 0
        for task in queryset.select_related("rating__application"):
            try:
                close_rectification(task, request.user, timezone.now())
            except RatingError as error:
                self.message_user(request, f"{task.rating.application}：{error}", messages.WARNING)
            else:
                closed += 1
        if closed:
            self.message_user(request, f"已办结 {closed} 项整改，申请人可在进度查询页看到答复。")
