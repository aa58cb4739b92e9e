"""Staff review of service applications in Django admin.

Row-level access: every query goes through ServiceApplication.objects.for_staff(user), so a
street clerk sees, acts on, downloads and exports only their street's cases; the district hub
sees all. Cases move only through the step buttons (rules.apply_transition), never by editing
the status field.
"""

import datetime as dt

from csp.decorators import csp_replace
from django.contrib import admin, messages
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html

from accounts import access
from accounts.access import PersonalDataAdmin, StreetScopedAdmin, sees_every_street
from accounts.models import Street
from accounts.steps import StepRefused
from bijiang_social import workdays
from bijiang_social.audit import AuditedAdmin
from bijiang_social.personal_data import mask_id_number, mask_mobile
from careers.models import SocialWorker
from services.applications.export import export_response
from services.applications.forms import (
    STEP_FORMS,
    BulkAssignForm,
    BulkFollowUpForm,
    FollowUpForm,
    NoteForm,
    WalkInForm,
)
from services.applications.models import (
    FINISHED_STATUSES,
    OPEN_STATUSES,
    CaseEvent,
    CaseNote,
    FollowUp,
    RequiredDocument,
    ReviewPolicy,
    ServiceApplication,
    ServiceCategory,
    deadline_text,
    start_of_tomorrow,
)
from services.applications.rules import (
    TRANSITIONS,
    add_note,
    apply_transition,
    available_transitions,
    record_followup,
    submit_application,
)


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


def _provisional_note(step, calendar=None) -> str:
    """Working-day deadlines in a year without the official arrangement may still move."""
    if step.with_time:  # clock hours, not working days
        return ""
    day = step.due if not isinstance(step.due, dt.datetime) else timezone.localdate(step.due)
    provisional = workdays.is_provisional(day, calendar)
    return f"（{workdays.PROVISIONAL_NOTE}）" if provisional else ""


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


class MineFilter(admin.SimpleListFilter):
    """我的案件: cases she entered, moved on, or wrote a note on; 未分派: open, no worker yet."""

    title = "分派"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("mine", "我的案件"), ("unassigned", "未分派")]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            user = request.user
            handled = CaseEvent.objects.filter(application=OuterRef("pk"), actor=user)
            noted = CaseNote.objects.filter(application=OuterRef("pk"), author=user)
            return queryset.filter(Q(entered_by=user) | Exists(handled) | Exists(noted))
        if self.value() == "unassigned":
            return queryset.unassigned()
        return queryset


class WorkerFilter(admin.SimpleListFilter):
    title = "负责社工"
    parameter_name = "worker"

    def lookups(self, request, model_admin):
        workers = SocialWorker.objects.for_staff(request.user).active().select_related("street")
        every = sees_every_street(request.user)
        return [(w.pk, str(w) if every else w.name) for w in workers]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.assigned_to(int(self.value()))
        return queryset


@admin.register(ServiceApplication)
class ServiceApplicationAdmin(PersonalDataAdmin, StreetScopedAdmin, AuditedAdmin):
    personal_fields = {"id_number": mask_id_number, "mobile": mask_mobile}
    list_display = [
        "reference",
        "applicant_name",
        "masked_id_number",
        "masked_mobile",
        "category",
        "community_name",
        "worker_name",
        "status",
        "deadline",
    ]
    list_filter = [DeadlineFilter, MineFilter, WorkerFilter, "status", "category", "street"]
    search_fields = ["reference", "applicant_name"]
    search_help_text = "可按受理编号、申请人姓名或手机号后四位查找"
    list_select_related = ["category", "street", "community", "assigned_worker"]
    list_per_page = 50
    actions = ["assign_worker", "record_followups", "export_selected"]
    change_list_template = "services/applications/admin/change_list.html"
    change_form_template = "services/applications/admin/change_form.html"
    fields = [
        "reference",
        "status",
        "deadline",
        "category_name",
        "channel",
        "applicant_name",
        "id_number",
        "mobile",
        "street_name",
        "community_name",
        "help_needed",
        "declaration_confirmed",
        "consent_at",
        "submitted_at",
        "first_review_due",
        "final_review_due",
        "contact_due",
        "contact_record",
        "worker_name",
        "social_worker_phone",
        "rejection_reason",
        "alternatives",
        "service_started_at",
        "closed_at",
        "documents_removed_at",
    ]
    readonly_fields = fields

    # Access (accounts.access): the group's permissions, rows of the user's street scope.
    def get_queryset(self, request: HttpRequest):
        return (
            super()
            .get_queryset(request)
            .select_related("category", "street", "community", "assigned_worker")
        )

    def get_ordering(self, request: HttpRequest):
        """The work queue: open cases by due date (overdue, then today, then later), then the
        finished ones."""
        finished = Case(
            When(status__in=FINISHED_STATUSES, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        return [finished.asc(), F("current_due").asc(nulls_last=True), "-submitted_at", "-id"]

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if term.isdigit() and len(term) == 4:
            return queryset.phone_ending(term), False
        return super().get_search_results(request, queryset, search_term)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # cases come from the apply form or the walk-in entry page

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return access.may_delete_case(request.user)

    def _may_enter(self, request: HttpRequest) -> bool:
        return access.may_enter_case(request.user)

    @admin.display(description="身份证号码")
    def masked_id_number(self, case: ServiceApplication) -> str:
        return mask_id_number(case.id_number)

    @admin.display(description="手机号码")
    def masked_mobile(self, case: ServiceApplication) -> str:
        return mask_mobile(case.mobile)

    # Plain text, not links: a street clerk may not open a category, street or point record.
    @admin.display(description="服务类别")
    def category_name(self, case: ServiceApplication) -> str:
        return case.category.name

    @admin.display(description="所在街道")
    def street_name(self, case: ServiceApplication) -> str:
        return case.street.name

    @admin.display(description="社区", ordering="community__name")
    def community_name(self, case: ServiceApplication) -> str:
        return case.community.name if case.community else "—"

    @admin.display(description="负责社工")
    def worker_name(self, case: ServiceApplication) -> str:
        if case.assigned_worker:
            return case.assigned_worker.name
        return case.social_worker or "未分派"

    @admin.display(description="实际联系")
    def contact_record(self, case: ServiceApplication) -> str:
        return contact_record(case)

    @admin.display(description="时限", ordering="current_due")
    def deadline(self, case: ServiceApplication) -> str:
        step = case.next_step()
        if case.is_finished or step is None or step.due is None:
            return "—"
        if case.is_overdue():
            css, word = "deadline-overdue", "已逾期"
        elif case.is_due_today():
            css, word = "deadline-today", "今日到期"
        else:
            css, word = "deadline-later", "截止"
        return format_html(
            '<span class="deadline {}"><strong>{}</strong> {}：{}</span>',
            css,
            word,
            step.label,
            step.due_text + _provisional_note(step, getattr(self, "_calendar", None)),
        )

    @admin.action(description="导出所选申请为 Excel（身份证号已遮盖）")
    def export_selected(self, request: HttpRequest, queryset) -> HttpResponse:
        return export_response(queryset)

    @admin.action(description="分派社工（所选中“复核通过”的个案）", permissions=["change"])
    def assign_worker(self, request: HttpRequest, queryset):
        workers = SocialWorker.objects.for_staff(request.user).active().select_related("street")
        form = BulkAssignForm(request.POST if "apply" in request.POST else None, workers=workers)
        if form.is_bound and form.is_valid():
            worker = form.cleaned_data["worker"]
            done, skipped = [], []
            for case in queryset.filter(status=Status.FINAL_PASSED):
                if case.street_id != worker.street_id:
                    skipped.append(case.reference)
                    continue
                apply_transition(case, "assign", request.user, worker=worker, phone="")
                done.append(case.reference)
            messages.success(request, f"已把 {len(done)} 个个案分派给{worker.name}。")
            if skipped:
                messages.warning(
                    request,
                    f"{'、'.join(skipped)} 不属于{worker.street.name}，没有分派给{worker.name}。",
                )
            others = queryset.exclude(status=Status.FINAL_PASSED).count()
            if others:
                messages.warning(request, f"{others} 个个案不在“复核通过”环节，没有改动。")
            return None
        return self._bulk_page(request, queryset, form, "assign_worker", "分派社工")

    @admin.action(description="记录回访/评估（所选“服务中”的个案）", permissions=["change"])
    def record_followups(self, request: HttpRequest, queryset):
        form = BulkFollowUpForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            recorded, early = [], []
            pending = FollowUp.objects.pending().filter(application__in=queryset, kind=data["kind"])
            for followup in pending.select_related("application").order_by("due_on"):
                if followup.application.reference in recorded:
                    continue
                if data["done_on"] < followup.due_on and not data["early_reason"]:
                    early.append(followup.application.reference)
                    continue
                record_followup(followup, request.user, **{k: data[k] for k in BULK_KEYS})
                recorded.append(followup.application.reference)
            messages.success(request, f"已为 {len(recorded)} 个个案记录{form.kind_label}。")
            if early:
                messages.warning(
                    request,
                    f"{'、'.join(early)} 的{form.kind_label}还没有到期，"
                    "没有记录；提前记录请填写原因。",
                )
            return None
        return self._bulk_page(request, queryset, form, "record_followups", "记录回访/评估")

    def _bulk_page(self, request, queryset, form, action: str, title: str):
        return TemplateResponse(
            request,
            "services/applications/admin/bulk.html",
            {
                **self.admin_site.each_context(request),
                "title": f"{title}：已选 {queryset.count()} 个个案",
                "cases": queryset.select_related("street"),
                "form": form,
                "action": action,
                "opts": self.model._meta,
            },
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("walk-in/", view(self.walk_in_view), name=self._name("walkin")),
            path("<int:pk>/receipt/", view(self.receipt_view), name=self._name("receipt")),
            path("<int:pk>/step/<str:action>/", view(self.step_view), name=self._name("step")),
            path("<int:pk>/note/", view(self.note_view), name=self._name("note")),
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

    def _case_context(self, request: HttpRequest, case: ServiceApplication) -> dict:
        """The summary and documents every page of a case shows at the top."""
        return {
            "case": case,
            "documents": [
                (document, reverse("admin:" + self._name("document"), args=[case.pk, document.pk]))
                for document in case.documents.all()
            ],
            "next_step": case.next_step(),
            "contact_record": contact_record(case),
            "worker_name": self.worker_name(case),
        }

    def _render_case_form(
        self, request: HttpRequest, template: str, case: ServiceApplication, form, **context
    ) -> TemplateResponse:
        return TemplateResponse(
            request,
            f"services/applications/admin/{template}",
            {
                **self.admin_site.each_context(request),
                **self._case_context(request, case),
                **context,
                "form": form,
                "opts": self.model._meta,
                "change_url": self._change_url(case),
            },
        )

    def changelist_view(self, request: HttpRequest, extra_context=None):
        # One calendar for every row's 暂按法定节假日计算 note (not a query per row).
        today = timezone.localdate()
        self._calendar = workdays.load_calendar(
            today - dt.timedelta(days=730), today + dt.timedelta(days=730)
        )
        extra_context = extra_context or {}
        extra_context["export_url"] = reverse("admin:" + self._name("export"))
        if self._may_enter(request):
            extra_context["walk_in_url"] = reverse("admin:" + self._name("walkin"))
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
            may_change = self.has_change_permission(request, case)
            extra_context.update(self._case_context(request, case))
            extra_context.update(
                steps=[
                    (t, reverse("admin:" + self._name("step"), args=[case.pk, t.action]))
                    for t in available_transitions(case)
                ]
                if may_change
                else [],
                timeline=timeline(case),
                followups=self._followups(case, may_change),
                note_form=NoteForm() if may_change else None,
                note_url=reverse("admin:" + self._name("note"), args=[case.pk]),
                receipt_url=reverse("admin:" + self._name("receipt"), args=[case.pk]),
            )
        extra_context.update(
            show_save=False,
            show_save_and_continue=False,
            show_save_and_add_another=False,
            show_delete=access.may_delete_case(request.user),
        )
        return super().change_view(request, object_id, form_url, extra_context)

    def _followups(self, case: ServiceApplication, may_change: bool) -> list:
        if case.is_finished:
            return [f for f in case.followups.all() if f.done_on]  # none pending once closed
        rows = []
        for followup in case.followups.select_related("done_by"):
            url = None
            if may_change and followup.done_on is None and case.status == Status.IN_SERVICE:
                url = reverse("admin:" + self._name("followup"), args=[case.pk, followup.pk])
            rows.append((followup, url))
        return rows

    def step_view(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        case = self._case_or_404(request, pk, change=True)
        transition = TRANSITIONS.get(action)
        if transition is None:
            raise Http404
        data = request.POST if request.method == "POST" else None
        form = STEP_FORMS[transition.form](data, case=case)
        if request.method == "POST" and form.is_valid():
            try:
                apply_transition(case, action, request.user, **form.cleaned_data)
            except StepRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"{case.reference}：{transition.done}。")
                return redirect(self._change_url(case))
        return self._render_case_form(
            request,
            "step.html",
            case,
            form,
            title=f"{transition.label}：{case.reference}",
            transition=transition,
        )

    def note_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = self._case_or_404(request, pk, change=True)
        if request.method != "POST":
            return redirect(self._change_url(case))
        form = NoteForm(request.POST)
        if form.is_valid():
            add_note(case, request.user, form.cleaned_data["text"])
            messages.success(request, f"{case.reference}：已添加内部备注。")
            return redirect(self._change_url(case) + "#timeline")
        return self._render_case_form(
            request, "note.html", case, form, title=f"添加内部备注：{case.reference}"
        )

    def followup_view(self, request: HttpRequest, pk: int, followup_pk: int) -> HttpResponse:
        case = self._case_or_404(request, pk, change=True)
        followup = get_object_or_404(case.followups.select_related("application"), pk=followup_pk)
        form = FollowUpForm(
            request.POST or None, initial={"done_on": timezone.localdate()}, followup=followup
        )
        if request.method == "POST" and form.is_valid():
            try:
                record_followup(followup, request.user, **form.cleaned_data)
            except StepRefused as error:
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

    @method_decorator(csp_replace({"frame-ancestors": ["'self'"]}))
    def document_view(self, request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
        """A document for staff; `?inline=1` shows it in the case page's preview (same origin
        only: the one CSP change, frame-ancestors 'self', is on this response alone)."""
        case = self._case_or_404(request, pk)
        document = get_object_or_404(case.documents, pk=document_pk)
        if not document.file:
            raise Http404
        inline = request.GET.get("inline") == "1"
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=not inline,
            filename=document.download_name,
            content_type=document.content_type,
        )
        response["Cache-Control"] = "private, no-store"
        if inline:
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    def export_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise Http404
        return export_response(self.get_queryset(request))

    def walk_in_view(self, request: HttpRequest) -> HttpResponse:
        """A clerk enters a paper or phone application, with its scans, for her street."""
        if not self._may_enter(request):
            raise Http404
        categories = ServiceCategory.objects.active()
        category = categories.filter(slug=request.GET.get("category", "")).first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "录入窗口或电话申请",
            "categories": categories,
            "category": category,
        }
        if category is None:
            return TemplateResponse(request, "services/applications/admin/walk_in.html", context)
        form = WalkInForm(
            request.POST or None,
            request.FILES or None,
            category=category,
            policy=ReviewPolicy.current(),
            user=request.user,
        )
        if request.method == "POST" and form.is_valid():
            case = submit_application(
                category=category,
                details=form.cleaned_data,
                uploads=form.uploads(),
                channel=form.cleaned_data["channel"],
                entered_by=request.user,
                extra_uploads=form.scans(),
            )
            messages.success(request, f"已录入，受理编号 {case.reference}。请打印回执交给申请人。")
            return redirect("admin:" + self._name("receipt"), case.pk)
        context.update(form=form, title=f"录入窗口或电话申请：{category.name}")
        return TemplateResponse(request, "services/applications/admin/walk_in.html", context)

    def receipt_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = self._case_or_404(request, pk)
        return TemplateResponse(
            request,
            "services/applications/admin/receipt.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": f"申请回执：{case.reference}",
                "application": case,
                "policy": ReviewPolicy.current(),
                "change_url": self._change_url(case),
            },
        )


Status = ServiceApplication.Status
BULK_KEYS = ["done_on", "outcome", "next_step", "early_reason"]


def contact_record(case: ServiceApplication) -> str:
    """The real contact time, and honestly whether it kept the promised hours."""
    if case.contacted_at is None:
        return "尚未记录"
    when = f"{timezone.localtime(case.contacted_at):%Y-%m-%d %H:%M}"
    on_time = case.contact_on_time()
    if on_time is None:
        return when
    return f"{when}（{'在时限内' if on_time else '超过时限'}）"


def timeline(case: ServiceApplication) -> list[dict]:
    """Steps and internal notes in time order, for staff (residents see only the steps)."""
    items = [
        {
            "at": event.at,
            "kind": "step",
            "title": event.get_status_display(),
            "who": event.actor.get_full_name() or event.actor.username if event.actor else "",
            "text": event.note,
            "next_due": deadline_text(event.next_due),
        }
        for event in case.events.select_related("actor")
    ]
    items += [
        {
            "at": note.at,
            "kind": "note",
            "title": "内部备注",
            "who": note.author.get_full_name() or note.author.username if note.author else "",
            "text": note.text,
            "next_due": "",
        }
        for note in case.notes.select_related("author")
    ]
    return sorted(items, key=lambda item: item["at"])
