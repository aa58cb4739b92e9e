"""Careers admin: the policy (amounts, thresholds, window), training, social workers and the
monthly subsidy roll. Street clerks see only their station's rows (`for_staff`)."""

import datetime as dt

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone

from accounts import access
from accounts.access import (
    PersonalDataAdmin,
    ScopedInline,
    StreetScopedAdmin,
    may_decide_roll,
    record_personal_export,
)
from accounts.steps import StepRefused
from bijiang_social.audit import AuditedAdmin
from bijiang_social.encrypted_fields import BlindIndexSearchMixin
from bijiang_social.personal_data import mask_bank_account, mask_id_number, mask_mobile
from bijiang_social.spreadsheets import xlsx_response
from careers.accounts import InvitationError, invite, offer_password_reset
from careers.forms import (
    LessonForm,
    ProjectMonthForm,
    PromotionReasonForm,
    ReturnRollForm,
    SubsidyRollForm,
)
from careers.models import (
    AssessmentCriterion,
    Certificate,
    CertificateLevel,
    Course,
    LectureAttendance,
    Lesson,
    LiveLecture,
    ProjectMonth,
    PromotionApplication,
    PromotionStep,
    PromotionWindow,
    SessionAttendance,
    SignUp,
    SocialWorker,
    SubsidyPolicy,
    SubsidyRoll,
    SupervisionRecord,
    TrainingChannel,
    TrainingSession,
    TrainingTarget,
)
from careers.promotions import PROMOTION_STEPS, TRANSITIONS, take_step
from careers.rolls import (
    approve_roll,
    prepare_roll,
    return_roll,
    submit_roll,
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


def _signup_rows(signups, full: set[int]):
    for s in signups:
        full_phone = s.pk in full
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
    signups = list(signups)
    full = {s.pk for s in signups if access.sees_personal_data(request.user, s)}
    if full:
        record_personal_export(request.user, "培训报名名单", sorted(full))
    stamp = timezone.localdate().strftime("%Y%m%d")
    return xlsx_response(
        f"培训报名-{stamp}.xlsx", "培训报名", SIGNUP_HEADERS, _signup_rows(signups, full)
    )


class SessionAttendanceInline(admin.TabularInline):
    """Staff mark who attended after the session; each attendee is credited the session's
    hours. A street clerk picks only her station's workers and sees only them."""

    model = SessionAttendance
    extra = 0
    fields = ["worker", "marked_by"]
    readonly_fields = ["marked_by"]
    autocomplete_fields = ["worker"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_staff(request.user).select_related("worker")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "worker":
            kwargs["queryset"] = SocialWorker.objects.for_staff(request.user).active()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(TrainingSession)
class TrainingSessionAdmin(AuditedAdmin):
    list_display = ["topic", "starts_at", "place", "channel", "capacity", "taken", "is_published"]
    list_filter = ["channel", "is_published"]
    search_fields = ["topic", "place"]
    date_hierarchy = "starts_at"
    list_select_related = ["channel"]
    actions = ["export_signups"]
    inlines = [SessionAttendanceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_signup_count()

    def save_formset(self, request, form, formset, change):
        """Attendance records who marked it."""
        for instance in formset.save(commit=False):
            if isinstance(instance, SessionAttendance) and instance.marked_by_id is None:
                instance.marked_by = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    @admin.display(description="已报名", ordering="signup_count")
    def taken(self, obj) -> int:
        return obj.signup_count

    @admin.action(description="导出所选场次的报名名单（Excel）", permissions=["view"])
    def export_signups(self, request, queryset):
        signups = SignUp.objects.filter(session__in=queryset).select_related("session")
        return _export_signups(request, signups)


@admin.register(SignUp)
class SignUpAdmin(BlindIndexSearchMixin, PersonalDataAdmin):
    """The phone is shown masked in the list, and on the record by the personal-data rule."""

    personal_fields = {"phone": mask_mobile}
    list_display = ["name", "organisation", "phone_masked", "session", "created_at"]
    list_filter = ["session__channel", "session"]
    search_fields = ["name", "organisation", "session__topic"]
    blind_index_search = ["phone_index"]  # a whole mobile number (the phone is encrypted)
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


class WithoutSupervisionFilter(admin.SimpleListFilter):
    """The monthly list: workers in post without a supervision session in a month."""

    title = "督导情况"
    parameter_name = "without_supervision"

    def lookups(self, request, model_admin):
        month = timezone.localdate().replace(day=1)
        choices = []
        for _ in range(3):
            choices.append((month.strftime("%Y-%m"), f"{month:%Y年%m月}无督导记录"))
            month = (month - dt.timedelta(days=1)).replace(day=1)
        return choices

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            month = dt.datetime.strptime(self.value(), "%Y-%m").date()
        except ValueError:
            return queryset
        return queryset.filter(is_active=True).exclude(
            supervisions__held_on__year=month.year, supervisions__held_on__month=month.month
        )


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
class SocialWorkerAdmin(PersonalDataAdmin, StreetScopedAdmin):
    personal_fields = {
        "id_number": mask_id_number,
        "bank_account": mask_bank_account,
        "phone": mask_mobile,
    }
    list_display = [
        "name",
        "street",
        "role",
        "current_level",
        "title_level",
        "project_months_this_year",
        "has_account",
        "is_active",
    ]
    list_filter = [
        ("street", admin.RelatedOnlyFieldListFilter),
        "role",
        "title_level",
        "is_active",
        WithoutSupervisionFilter,
    ]
    search_fields = ["name", "organisation"]
    list_select_related = ["street", "title_level", "user"]
    inlines = [CertificateInline, ProjectMonthInline]
    change_form_template = "careers/admin/socialworker_change_form.html"
    fieldsets = [
        (None, {"fields": ["name", "street", "organisation", "role", "title_level", "is_active"]}),
        ("任职与发放", {"fields": ["started_on", "id_number", "bank_name", "bank_account"]}),
    ]

    @admin.display(description="平台账号", boolean=True)
    def has_account(self, obj) -> bool:
        return obj.user_id is not None

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/invite/", view(self.invite_view), name="careers_socialworker_invite"),
            path(
                "<int:pk>/reset-password/",
                view(self.password_reset_view),
                name="careers_socialworker_reset_password",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, *args, **kwargs):
        context["invitation_days"] = settings.WORKER_INVITATION_DAYS
        return super().render_change_form(request, context, *args, **kwargs)

    def invite_view(self, request, pk: int):
        """POST: a new one-time activation link, shown once on this page for the clerk."""
        return self._link_view(request, pk, invite, "careers:activate", "账号激活链接")

    def password_reset_view(self, request, pk: int):
        """POST: a new one-time password-reset link, shown once on this page for the clerk."""
        return self._link_view(
            request, pk, offer_password_reset, "careers:reset-password", "重设密码链接"
        )

    def _link_view(self, request, pk: int, new_link, url_name: str, what: str):
        """Who may: whoever may change the worker's record (her street's clerk, the hub)."""
        worker = get_object_or_404(self.get_queryset(request), pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, worker):
            return HttpResponse(status=405 if request.method != "POST" else 403)
        try:
            token = new_link(worker, request.user)
        except InvitationError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(
                reverse("admin:careers_socialworker_change", args=[worker.pk])
            )
        return render(
            request,
            "careers/admin/invitation.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "worker": worker,
                "link": request.build_absolute_uri(reverse(url_name, args=[token])),
                "link_label": what,
                "days": settings.WORKER_INVITATION_DAYS,
                "title": f"{worker.name}的{what}",
            },
        )

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
    "身份证号码",
    "开户银行",
    "银行账号",
    "所在机构",
    "适用证书等级",
    "岗位补贴（元）",
    "职称专项补贴（元）",
    "项目专项奖励（元）",
    "合计（元）",
    "审核人",
    "审核时间",
]


def _personal(value: str, full: bool, mask) -> str:
    if not value:
        return "未登记"
    return value if full else mask(value)


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
        except StepRefused as error:
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
                    "may_decide": may_decide_roll(request.user, obj),
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
            except StepRefused as error:
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
        """The approved roll for payment. The bank needs each worker's ID number and account:
        in full only for staff allowed to export personal data (and logged), masked otherwise."""
        roll = self._roll(request, pk)
        if roll.status != SubsidyRoll.Status.APPROVED:
            messages.error(request, "只有审核通过的名单可以导出发放。")
            return self._back(roll)
        lines = list(roll.lines.select_related("worker"))
        user = request.user
        full = {line.worker_id for line in lines if access.sees_personal_data(user, line.worker)}
        if full:
            record_personal_export(request.user, "补贴发放名单", sorted(full))
        approved_by = roll.decided_by.get_username() if roll.decided_by else ""
        approved_at = timezone.localtime(roll.decided_at).strftime("%Y-%m-%d %H:%M")
        rows = [
            [
                number,
                roll.street.name,
                line.worker.name,
                _personal(line.worker.id_number, line.worker_id in full, mask_id_number),
                line.worker.bank_name,
                _personal(line.worker.bank_account, line.worker_id in full, mask_bank_account),
                line.worker.organisation,
                line.level_name,
                line.post_subsidy,
                line.title_subsidy,
                line.project_award,
                line.total,
                approved_by,
                approved_at,
            ]
            for number, line in enumerate(lines, start=1)
        ]
        totals = [sum(r[i] for r in rows) for i in range(8, 12)]
        rows.append(["合计", "", "", "", "", "", "", "", *totals, "", ""])
        return xlsx_response(
            f"补贴名单-{roll.street.name}-{roll.month:%Y%m}.xlsx", "补贴名单", ROLL_HEADERS, rows
        )

    @admin.action(description="审核通过所选的已提交名单（区民政部门）")
    def approve_selected(self, request, queryset):
        if not may_decide_roll(request.user):
            messages.error(request, "只有区民政部门（区社工总站）工作人员可以审核名单。")
            return
        approved = 0
        for roll in queryset.awaiting_approval():
            approve_roll(roll, request.user)
            approved += 1
        messages.success(request, f"已审核通过 {approved} 份名单；未提交的名单未作处理。")


# --- Social workers online: targets, attendance, courses, lectures, supervision, promotion ----


@admin.register(TrainingTarget)
class TrainingTargetAdmin(AuditedAdmin):
    list_display = ["role", "yearly_hours"]
    list_editable = ["yearly_hours"]


class LessonInline(admin.StackedInline):
    model = Lesson
    form = LessonForm
    extra = 1
    fields = ["title", "order", "video", "handout", "duration_text"]
    readonly_fields = ["duration_text"]

    @admin.display(description="时长（从视频文件读出）")
    def duration_text(self, obj) -> str:
        return obj.duration_text if obj.pk else "保存后显示"


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "lesson_count", "is_published", "created_at"]
    list_filter = ["is_published"]
    search_fields = ["title", "description"]
    inlines = [LessonInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(lesson_total=Count("lessons"))

    @admin.display(description="课时数", ordering="lesson_total")
    def lesson_count(self, obj) -> int:
        return obj.lesson_total


class LectureAttendanceInline(admin.TabularInline):
    model = LectureAttendance
    extra = 0
    fields = ["worker", "checked_in_at"]
    readonly_fields = ["worker", "checked_in_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("worker__street")


@admin.register(LiveLecture)
class LiveLectureAdmin(admin.ModelAdmin):
    list_display = ["title", "speaker", "starts_at", "duration_minutes", "attendance", "recording"]
    search_fields = ["title", "speaker"]
    date_hierarchy = "starts_at"
    list_select_related = ["recording"]
    inlines = [LectureAttendanceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(attendance_total=Count("attendances"))

    @admin.display(description="签到人数", ordering="attendance_total")
    def attendance(self, obj) -> int:
        return obj.attendance_total


@admin.register(SupervisionRecord)
class SupervisionRecordAdmin(StreetScopedAdmin):
    list_display = [
        "held_on",
        "worker",
        "supervisor_name",
        "source",
        "minutes",
        "topic",
        "confirmed",
    ]
    list_filter = ["source", ("worker__street", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["worker__name", "supervisor_name", "topic"]
    date_hierarchy = "held_on"
    list_select_related = ["worker__street"]
    fields = ["worker", "source", "supervisor_name", "held_on", "minutes", "topic", "follow_up"]
    autocomplete_fields = ["worker"]

    @admin.display(description="社工已确认", boolean=True)
    def confirmed(self, obj) -> bool:
        return obj.confirmed_at is not None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "worker":
            kwargs["queryset"] = SocialWorker.objects.for_staff(request.user).active()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


def _reason_form(name: str, step) -> PromotionReasonForm | None:
    return PromotionReasonForm(step_name=name, step_label=step.label) if step.needs_reason else None


@admin.register(PromotionApplication)
class PromotionApplicationAdmin(StreetScopedAdmin, AuditedAdmin):
    """The station forwards or returns, the bureau approves or rejects — buttons on the record;
    the application itself is the worker's and is never edited here."""

    list_display = ["worker", "year", "from_role", "to_role", "status", "submitted_at"]
    list_filter = ["status", "year", ("worker__street", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["worker__name"]
    list_select_related = ["worker__street"]
    change_form_template = "careers/admin/promotion_change_form.html"
    readonly_fields = [
        "worker",
        "year",
        "from_role",
        "to_role",
        "years",
        "key_projects",
        "level_name",
        "training_hours",
        "achievement_list",
        "statement",
        "status",
        "submitted_at",
        "station_at",
        "station_by",
        "decided_at",
        "decided_by",
        "reason",
        "effective_from",
    ]
    fields = readonly_fields

    @admin.display(description="专业成果")
    def achievement_list(self, obj) -> str:
        return (
            "；".join(f"{a.title}（{a.get_kind_display()}）" for a in obj.achievements.all())
            or "无"
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["steps"] = [
                (step.name, step, _reason_form(step.name, step))
                for step in PROMOTION_STEPS.available(obj, request.user)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/step/<str:name>/",
                view(self.step_view),
                name="careers_promotionapplication_step",
            ),
            *super().get_urls(),
        ]

    def step_view(self, request, pk: int, name: str):
        application = get_object_or_404(self.get_queryset(request), pk=pk)
        if request.method != "POST":
            return HttpResponse(status=405)
        try:
            take_step(application, request.user, name, request.POST.get("reason", ""))
        except StepRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"已{TRANSITIONS[name].label}：{application.worker.name}。")
        return HttpResponseRedirect(
            reverse("admin:careers_promotionapplication_change", args=[application.pk])
        )
