"""Staff review of service applications in Django admin.

Row-level access: every query goes through ServiceApplication.objects.for_staff(user), so a
street clerk sees, acts on, downloads and exports only their street's cases; the district hub
sees all. Cases move only through the step buttons (rules.apply_transition), never by editing
the status field.
"""

import datetime as dt

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from bijiang_social import workdays
from bijiang_social.audit import AuditedAdmin
from bijiang_social.personal_data import mask_id_number, mask_mobile
from services.access import StreetScopedAdmin, sees_every_street, staff_scope
from services.applications.export import export_response
from services.applications.forms import FollowUpForm, StepForm
from services.applications.models import (
    OPEN_STATUSES,
    ApplicationDocument,
    CaseEvent,
    FollowUp,
    RequiredDocument,
    ReviewPolicy,
    ServiceApplication,
    ServiceCategory,
    start_of_tomorrow,
)
from services.applications.rules import (
    TRANSITIONS,
    TransitionError,
    apply_transition,
    available_transitions,
    record_followup,
)
from services.models import Street


@admin.register(ReviewPolicy)
class ReviewPolicyAdmin(AuditedAdmin):
    list_display = [
        "__str__",
        "first_review_working_days",
        "final_review_working_days",
        "contact_hours",
        "visit_interval_months",
        "evaluation_interval_months",
        "max_upload_mb",
        "document_retention_days",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not ReviewPolicy.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 0


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(AuditedAdmin):
    list_display = ["name", "covers", "channel", "allows_declaration", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active", "allows_declaration"]
    search_fields = ["name", "covers"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RequiredDocumentInline]


def _may_view_cases(request: HttpRequest) -> bool:
    user = request.user
    return not staff_scope(user).is_empty and user.has_perm("services.view_serviceapplication")


class _CaseInline(admin.TabularInline):
    """Read-only rows shown on a case to whoever may see the case."""

    extra = 0
    can_delete = False

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return _may_view_cases(request)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class DocumentInline(_CaseInline):
    model = ApplicationDocument
    fields = ["name", "download", "content_type", "size", "uploaded_at", "removed_at"]
    readonly_fields = fields

    @admin.display(description="文件")
    def download(self, document: ApplicationDocument) -> str:
        if not document.file:
            return "已按保存期限删除"
        url = reverse(
            "admin:services_serviceapplication_document",
            args=[document.application_id, document.pk],
        )
        return format_html('<a href="{}">下载{}</a>', url, document.name)


class CaseEventInline(_CaseInline):
    model = CaseEvent
    fields = ["status", "at", "actor", "note", "next_due"]
    readonly_fields = fields
    verbose_name_plural = "办理记录（时间线）"


class FollowUpInline(_CaseInline):
    model = FollowUp
    fields = ["kind", "due_on", "flag", "done_on", "done_by", "outcome", "next_step", "record"]
    readonly_fields = fields

    @admin.display(description="提醒")
    def flag(self, followup: FollowUp) -> str:
        if followup.done_on:
            return "已完成"
        return "已逾期" if followup.is_overdue() else "待完成"

    @admin.display(description="操作")
    def record(self, followup: FollowUp) -> str:
        if followup.done_on or followup.application.status != ServiceApplication.Status.IN_SERVICE:
            return "—"
        url = reverse(
            "admin:services_serviceapplication_followup",
            args=[followup.application_id, followup.pk],
        )
        return format_html('<a href="{}">记录本次{}</a>', url, followup.get_kind_display())


def _provisional_note(step) -> str:
    """Working-day deadlines in a year without the official arrangement may still move."""
    if step.with_time:  # clock hours, not working days
        return ""
    day = step.due if not isinstance(step.due, dt.datetime) else timezone.localdate(step.due)
    return f"（{workdays.PROVISIONAL_NOTE}）" if workdays.is_provisional(day) else ""


class DeadlineFilter(admin.SimpleListFilter):
    title = "办理时限"
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("overdue", "已逾期"), ("today", "今日到期"), ("followup", "回访/评估逾期")]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "today":
            return queryset.due_today()
        if self.value() == "followup":
            return queryset.with_overdue_followups()
        return queryset


@admin.register(ServiceApplication)
class ServiceApplicationAdmin(StreetScopedAdmin, AuditedAdmin):
    list_display = [
        "reference",
        "applicant_name",
        "masked_id_number",
        "masked_mobile",
        "category",
        "street",
        "status",
        "deadline",
        "submitted_at",
    ]
    list_filter = [DeadlineFilter, "status", "category", "street"]
    search_fields = ["reference", "applicant_name"]
    list_select_related = ["category", "street"]
    date_hierarchy = "submitted_at"
    actions = ["export_selected"]
    inlines = [DocumentInline, CaseEventInline, FollowUpInline]
    change_list_template = "services/applications/admin/change_list.html"
    change_form_template = "services/applications/admin/change_form.html"
    fields = [
        "reference",
        "status",
        "deadline",
        "category",
        "applicant_name",
        "id_number",
        "mobile",
        "street",
        "community",
        "help_needed",
        "declaration_confirmed",
        "consent_at",
        "submitted_at",
        "first_review_due",
        "final_review_due",
        "contact_due",
        "social_worker",
        "social_worker_phone",
        "rejection_reason",
        "alternatives",
        "service_started_at",
        "closed_at",
        "documents_removed_at",
    ]
    readonly_fields = fields

    # Access (services.access): the group's permissions, rows of the user's street scope.
    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).select_related("category", "street", "community")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    @admin.display(description="身份证号码")
    def masked_id_number(self, case: ServiceApplication) -> str:
        return mask_id_number(case.id_number)

    @admin.display(description="手机号码")
    def masked_mobile(self, case: ServiceApplication) -> str:
        return mask_mobile(case.mobile)

    @admin.display(description="时限", ordering="current_due")
    def deadline(self, case: ServiceApplication) -> str:
        step = case.next_step()
        if case.is_finished or step is None or step.due is None:
            return "—"
        due = f"截止 {step.due_text}{_provisional_note(step)}"
        if case.is_overdue():
            return f"⚠ 已逾期（{step.label}，{due}）"
        if case.is_due_today():
            return f"⏰ 今日到期（{step.label}，{due}）"
        return f"{step.label}，{due}"

    @admin.action(description="导出所选申请为 Excel（身份证号已遮盖）")
    def export_selected(self, request: HttpRequest, queryset) -> HttpResponse:
        return export_response(queryset)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/step/<str:action>/", view(self.step_view), name=self._name("step")),
            path(
                "<int:pk>/followup/<int:followup_pk>/",
                view(self.followup_view),
                name=self._name("followup"),
            ),
            path(
                "<int:pk>/document/<int:document_pk>/",
                view(self.document_view),
                name=self._name("document"),
            ),
            path("export/", view(self.export_view), name=self._name("export")),
            *super().get_urls(),
        ]

    @staticmethod
    def _name(suffix: str) -> str:
        return f"services_serviceapplication_{suffix}"

    def _case_or_404(
        self, request: HttpRequest, pk: int, *, change: bool = False
    ) -> ServiceApplication:
        """A case of the user's scope she may view (or, with change=True, work on); else 404."""
        allowed = self.has_change_permission if change else self.has_view_permission
        if not allowed(request):
            raise Http404
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def _change_url(self, case: ServiceApplication) -> str:
        return reverse("admin:services_serviceapplication_change", args=[case.pk])

    def _render_case_form(
        self, request: HttpRequest, template: str, case: ServiceApplication, form, **context
    ) -> TemplateResponse:
        return TemplateResponse(
            request,
            f"services/applications/admin/{template}",
            {
                **self.admin_site.each_context(request),
                **context,
                "case": case,
                "form": form,
                "opts": self.model._meta,
                "change_url": self._change_url(case),
            },
        )

    def changelist_view(self, request: HttpRequest, extra_context=None):
        extra_context = extra_context or {}
        extra_context["export_url"] = reverse("admin:" + self._name("export"))
        if sees_every_street(request.user):
            now = timezone.now()
            open_cases = Q(cases__status__in=OPEN_STATUSES)
            extra_context["station_counts"] = Street.objects.annotate(
                open_count=Count("cases", filter=open_cases),
                overdue_count=Count("cases", filter=open_cases & Q(cases__current_due__lt=now)),
                today_count=Count(
                    "cases",
                    filter=open_cases
                    & Q(cases__current_due__gte=now)
                    & Q(cases__current_due__lte=start_of_tomorrow(now)),
                ),
            )
        return super().changelist_view(request, extra_context)

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        case = self.get_queryset(request).filter(pk=object_id).first()
        if case is not None:
            extra_context["steps"] = [
                (t, reverse("admin:" + self._name("step"), args=[case.pk, t.action]))
                for t in available_transitions(case)
            ]
        extra_context.update(
            show_save=False,
            show_save_and_continue=False,
            show_save_and_add_another=False,
            show_delete=request.user.is_superuser,
        )
        return super().change_view(request, object_id, form_url, extra_context)

    def step_view(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        case = self._case_or_404(request, pk, change=True)
        transition = TRANSITIONS.get(action)
        if transition is None:
            raise Http404
        form = StepForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                apply_transition(case, action, request.user, **form.cleaned_data)
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"{case.reference}：已{transition.label}。")
                return redirect(self._change_url(case))
        return self._render_case_form(
            request,
            "step.html",
            case,
            form,
            title=f"{transition.label}：{case.reference}",
            transition=transition,
        )

    def followup_view(self, request: HttpRequest, pk: int, followup_pk: int) -> HttpResponse:
        case = self._case_or_404(request, pk, change=True)
        followup = get_object_or_404(case.followups.select_related("application"), pk=followup_pk)
        form = FollowUpForm(request.POST or None, initial={"done_on": timezone.localdate()})
        if request.method == "POST" and form.is_valid():
            try:
                record_followup(followup, request.user, **form.cleaned_data)
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                kind = followup.get_kind_display()
                messages.success(request, f"{case.reference}：已记录{kind}。")
                return redirect(self._change_url(case))
        return self._render_case_form(
            request,
            "followup.html",
            case,
            form,
            title=f"记录{followup.get_kind_display()}：{case.reference}",
            followup=followup,
        )

    def document_view(self, request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
        case = self._case_or_404(request, pk)
        document = get_object_or_404(case.documents, pk=document_pk)
        if not document.file:
            raise Http404
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.download_name,
            content_type=document.content_type,
        )
        response["Cache-Control"] = "private, no-store"
        return response

    def export_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise Http404
        return export_response(self.get_queryset(request))
