"""Careers admin: the policy (amounts, thresholds, window), training, social workers and the
monthly subsidy roll. Street clerks see only their station's rows (`for_staff`)."""

from django.contrib import admin, messages
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone

from bijiang_social.audit import AuditedAdmin
from bijiang_social.spreadsheets import xlsx_response
from careers.forms import ProjectMonthForm, ReturnRollForm, SubsidyRollForm
from careers.models import (
    AssessmentCriterion,
    Certificate,
    CertificateLevel,
    ProjectMonth,
    PromotionStep,
    PromotionWindow,
    SignUp,
    SocialWorker,
    SubsidyPolicy,
    SubsidyRoll,
    TrainingChannel,
    TrainingSession,
)
from careers.rolls import (
    RollError,
    approve_roll,
    may_decide,
    prepare_roll,
    return_roll,
    submit_roll,
)
from services.access import (
    ScopedInline,
    StreetScopedAdmin,
    may_export_personal_data,
    record_personal_export,
)

# --- Policy ---------------------------------------------------------------------------------


@admin.register(CertificateLevel)
class CertificateLevelAdmin(AuditedAdmin):
    list_display = ["name", "code", "rank", "monthly_post_subsidy"]
    list_editable = ["monthly_post_subsidy"]
    search_fields = ["name", "code"]


@admin.register(SubsidyPolicy)
class SubsidyPolicyAdmin(AuditedAdmin):
    list_display = [
        "effective_from",
        "title_subsidy_yearly",
        "title_min_level",
        "title_subsidy_month",
        "project_award_monthly",
    ]
    list_select_related = ["title_min_level"]
    date_hierarchy = "effective_from"


@admin.register(PromotionStep)
class PromotionStepAdmin(AuditedAdmin):
    list_display = ["__str__", "min_years", "min_key_projects", "min_level"]
    list_select_related = ["min_level"]


@admin.register(AssessmentCriterion)
class AssessmentCriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "description", "order"]
    list_editable = ["order"]
    search_fields = ["name", "description"]


@admin.register(PromotionWindow)
class PromotionWindowAdmin(AuditedAdmin):
    list_display = ["__str__", "how_to_apply"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        """One window: edit it rather than adding a second one."""
        return super().has_add_permission(request) and not PromotionWindow.objects.exists()


# --- Training -------------------------------------------------------------------------------


@admin.register(TrainingChannel)
class TrainingChannelAdmin(admin.ModelAdmin):
    list_display = ["name", "provider", "frequency", "cost", "order"]
    list_editable = ["order"]
    search_fields = ["name", "provider", "description"]


SIGNUP_HEADERS = ["培训主题", "开始时间", "地点", "姓名", "所在机构", "手机号码", "报名时间"]


def _signup_rows(signups, full_phone: bool):
    for s in signups:
        yield [
            s.session.topic,
            timezone.localtime(s.session.starts_at).strftime("%Y-%m-%d %H:%M"),
            s.session.place,
            s.name,
            s.organisation,
            s.phone if full_phone else s.masked_phone,
            timezone.localtime(s.created_at).strftime("%Y-%m-%d %H:%M"),
        ]


def _export_signups(request, signups) -> HttpResponse:
    """Full mobile numbers only for staff allowed to export personal data (and logged)."""
    full_phone = may_export_personal_data(request.user)
    signups = list(signups)
    if full_phone:
        record_personal_export(request.user, "培训报名名单", [s.pk for s in signups])
    stamp = timezone.localdate().strftime("%Y%m%d")
    return xlsx_response(
        f"培训报名-{stamp}.xlsx", "培训报名", SIGNUP_HEADERS, _signup_rows(signups, full_phone)
    )


@admin.register(TrainingSession)
class TrainingSessionAdmin(AuditedAdmin):
    list_display = ["topic", "starts_at", "place", "channel", "capacity", "taken", "is_published"]
    list_filter = ["channel", "is_published"]
    search_fields = ["topic", "place"]
    date_hierarchy = "starts_at"
    list_select_related = ["channel"]
    actions = ["export_signups"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_signup_count()

    @admin.display(description="已报名", ordering="signup_count")
    def taken(self, obj) -> int:
        return obj.signup_count

    @admin.action(description="导出所选场次的报名名单（Excel）", permissions=["view"])
    def export_signups(self, request, queryset):
        signups = SignUp.objects.filter(session__in=queryset).select_related("session")
        return _export_signups(request, signups)


@admin.register(SignUp)
class SignUpAdmin(admin.ModelAdmin):
    """The phone is shown masked in the list and in full on the record (staff only)."""

    list_display = ["name", "organisation", "phone_masked", "session", "created_at"]
    list_filter = ["session__channel", "session"]
    search_fields = ["name", "organisation", "session__topic", "=phone"]
    list_select_related = ["session"]
    date_hierarchy = "created_at"
    actions = ["export"]

    @admin.display(description="手机号码")
    def phone_masked(self, obj) -> str:
        return obj.masked_phone

    @admin.action(
        description="导出所选报名（Excel；有个人信息导出权限者含完整手机号码）",
        permissions=["view"],
    )
    def export(self, request, queryset):
        return _export_signups(request, queryset.select_related("session"))


# --- Social workers and the monthly roll ----------------------------------------------------


class CertificateInline(ScopedInline, admin.TabularInline):
    model = Certificate
    extra = 0
    fields = ["level", "obtained_on"]


class ProjectMonthInline(ScopedInline, admin.TabularInline):
    model = ProjectMonth
    form = ProjectMonthForm
    extra = 0
    fields = ["month", "project"]


@admin.register(SocialWorker)
class SocialWorkerAdmin(StreetScopedAdmin):
    list_display = [
        "name",
        "street",
        "role",
        "current_level",
        "title_level",
        "project_months_this_year",
        "is_active",
    ]
    list_filter = [
        ("street", admin.RelatedOnlyFieldListFilter),
        "role",
        "title_level",
        "is_active",
    ]
    search_fields = ["name", "organisation"]
    list_select_related = ["street", "title_level"]
    inlines = [CertificateInline, ProjectMonthInline]

    def get_queryset(self, request):
        year = timezone.localdate().year
        return (
            super()
            .get_queryset(request)
            .annotate(
                months_this_year=Count("project_months", filter=Q(project_months__month__year=year))
            )
            .prefetch_related("certificates__level")
        )

    @admin.display(description="现持证书")
    def current_level(self, obj) -> str:
        levels = [c.level for c in obj.certificates.all()]
        return max(levels, key=lambda level: level.rank).name if levels else "无证书"

    @admin.display(description="今年重点项目月数", ordering="months_this_year")
    def project_months_this_year(self, obj) -> int:
        return obj.months_this_year


ROLL_HEADERS = [
    "序号",
    "街道社工站",
    "姓名",
    "所在机构",
    "适用证书等级",
    "岗位补贴（元）",
    "职称专项补贴（元）",
    "项目专项奖励（元）",
    "合计（元）",
]


@admin.register(SubsidyRoll)
class SubsidyRollAdmin(StreetScopedAdmin, AuditedAdmin):
    """A roll is created by choosing a station and a month; its lines are computed by the rules.
    Everything after that happens through the buttons: recalculate, submit, approve, return,
    export."""

    form = SubsidyRollForm
    list_display = ["__str__", "street", "month", "status", "line_count", "amount", "decided_at"]
    list_filter = ["status", ("street", admin.RelatedOnlyFieldListFilter)]
    date_hierarchy = "month"
    list_select_related = ["street"]
    change_form_template = "careers/admin/roll_change_form.html"
    actions = ["approve_selected"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(line_count=Count("lines"), amount=Sum("lines__total"))
        )

    @admin.display(description="人数", ordering="line_count")
    def line_count(self, obj) -> int:
        return obj.line_count

    @admin.display(description="合计金额（元）", ordering="amount")
    def amount(self, obj) -> int:
        return obj.amount or 0

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["street", "month"]
        return [
            "street",
            "month",
            "status",
            "return_reason",
            "prepared_at",
            "submitted_at",
            "submitted_by",
            "decided_at",
            "decided_by",
        ]

    def has_change_permission(self, request, obj=None):
        """A roll's fields are never edited by hand; its page is a view with action buttons."""
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_editable)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            self._report(request, obj, prepare_roll, "名单已按补贴规则计算生成。")

    def _report(self, request, roll, step, done: str, *args) -> None:
        try:
            notes = step(roll, *args)
        except RollError as error:
            messages.error(request, str(error))
            return
        for note in notes if isinstance(notes, list) else []:
            messages.warning(request, note)
        messages.success(request, done)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(
                {
                    "lines": list(obj.lines.select_related("worker")),
                    "may_decide": may_decide(request.user),
                    "return_form": ReturnRollForm(),
                }
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/prepare/", view(self.prepare_view), name="careers_roll_prepare"),
            path("<int:pk>/submit/", view(self.submit_view), name="careers_roll_submit"),
            path("<int:pk>/approve/", view(self.approve_view), name="careers_roll_approve"),
            path("<int:pk>/return/", view(self.return_view), name="careers_roll_return"),
            path("<int:pk>/export/", view(self.export_view), name="careers_roll_export"),
            *super().get_urls(),
        ]

    def _roll(self, request, pk: int) -> SubsidyRoll:
        return get_object_or_404(SubsidyRoll.objects.for_staff(request.user), pk=pk)

    def _back(self, roll: SubsidyRoll) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:careers_subsidyroll_change", args=[roll.pk]))

    def prepare_view(self, request, pk: int):
        return self._step(request, pk, prepare_roll, "已按补贴规则重新计算。")

    def submit_view(self, request, pk: int):
        return self._step(request, pk, submit_roll, "名单已提交民政部门审核。", request.user)

    def approve_view(self, request, pk: int):
        return self._step(
            request, pk, approve_roll, "名单已审核通过并锁定，可以导出发放。", request.user
        )

    def _step(self, request, pk: int, step, done: str, *args):
        if request.method != "POST":
            return HttpResponse(status=405)
        roll = self._roll(request, pk)
        self._report(request, roll, step, done, *args)
        return self._back(roll)

    def return_view(self, request, pk: int):
        roll = self._roll(request, pk)
        form = ReturnRollForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                return_roll(roll, request.user, form.cleaned_data["reason"])
            except RollError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "名单已退回社工站，退回原因已告知。")
            return self._back(roll)
        return render(
            request,
            "careers/admin/roll_return.html",
            {
                **self.admin_site.each_context(request),
                "roll": roll,
                "form": form,
                "opts": self.model._meta,
                "title": f"退回：{roll}",
            },
        )

    def export_view(self, request, pk: int):
        roll = self._roll(request, pk)
        if roll.status != SubsidyRoll.Status.APPROVED:
            messages.error(request, "只有审核通过的名单可以导出发放。")
            return self._back(roll)
        lines = roll.lines.select_related("worker")
        rows = [
            [
                number,
                roll.street.name,
                line.worker.name,
                line.worker.organisation,
                line.level_name,
                line.post_subsidy,
                line.title_subsidy,
                line.project_award,
                line.total,
            ]
            for number, line in enumerate(lines, start=1)
        ]
        rows.append(["合计", "", "", "", "", *(sum(r[i] for r in rows) for i in range(5, 9))])
        return xlsx_response(
            f"补贴名单-{roll.street.name}-{roll.month:%Y%m}.xlsx", "补贴名单", ROLL_HEADERS, rows
        )

    @admin.action(description="审核通过所选的已提交名单（区民政部门）")
    def approve_selected(self, request, queryset):
        if not may_decide(request.user):
            messages.error(request, "只有区民政部门（区社工总站）工作人员可以审核名单。")
            return
        approved = 0
        for roll in queryset.awaiting_approval():
            approve_roll(roll, request.user)
            approved += 1
        messages.success(request, f"已审核通过 {approved} 份名单；未提交的名单未作处理。")
