"""Staff side of online registration: the 资格审查 queue, the review page (form, photo and
scans side by side, decision with a reason), exam numbers and seats, admission tickets,
the score look-up switch, and the candidate export (personal data only with the access
module's permission)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts import access
from accounts.access import record_personal_export
from accounts.steps import StepRefused
from bijiang_social.encrypted_fields import BlindIndexSearchMixin
from bijiang_social.personal_data import mask_id_number, mask_mobile
from bijiang_social.spreadsheets import xlsx_response
from recruitment import workflow
from recruitment.candidate_forms import ReviewForm
from recruitment.candidate_views import document_response
from recruitment.models import DOCUMENT_FIELDS, CandidateAccount, Registration


class CertificateFilter(admin.SimpleListFilter):
    title = "持证情况"
    parameter_name = "certificate"

    def lookups(self, request, model_admin):
        return [("social", "持社工证"), ("eldercare", "持养老护理员证"), ("none", "无证")]

    def queryset(self, request, queryset):
        if self.value() == "social":
            return queryset.exclude(social_work_level="none")
        if self.value() == "eldercare":
            return queryset.filter(has_eldercare_certificate=True)
        if self.value() == "none":
            return queryset.filter(social_work_level="none", has_eldercare_certificate=False)
        return queryset


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = [
        "review_link",
        "masked_name",
        "post",
        "status",
        "is_local",
        "social_work_level",
        "submitted_at",
        "originals_checked_at",
        "exam_number",
        "room",
        "seat",
    ]
    list_filter = ["round", "post", "status", "is_local", CertificateFilter]
    search_fields = ["exam_number", "name"]
    list_select_related = ["post", "round"]
    ordering = ["round", "post__order", "submitted_at", "id"]
    actions = ["assign_numbers", "release_tickets", "publish_scores", "export_xlsx"]
    fields = ["room", "seat"]

    @admin.display(description="报名表", ordering="id")
    def review_link(self, obj: Registration) -> str:
        url = reverse("admin:recruitment_registration_review", args=[obj.pk])
        return format_html('<a href="{}">审查 #{}</a>', url, obj.pk)

    @admin.display(description="姓名")
    def masked_name(self, obj: Registration) -> str:
        return obj.masked_name

    def has_add_permission(self, request):
        return False  # candidates fill their own forms

    def has_delete_permission(self, request, obj=None):
        return False  # a registration is a record of the round; decide it instead

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/review/", view(self.review_view), name="recruitment_registration_review"
            ),
            path(
                "<int:pk>/document/<str:key>/",
                view(self.document_view),
                name="recruitment_registration_document",
            ),
        ] + super().get_urls()

    def _registration(self, request: HttpRequest, pk: int) -> Registration:
        if not self.has_view_permission(request):
            raise PermissionDenied
        queryset = Registration.objects.select_related("round", "post", "account")
        return get_object_or_404(queryset, pk=pk)

    def review_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        registration = self._registration(request, pk)
        personal = access.sees_personal_data(request.user, registration)
        may_decide = access.may_review_registration(request.user, registration)
        actions = workflow.allowed_actions(registration) if may_decide else []
        form = ReviewForm(request.POST or None, actions=actions)
        if request.method == "POST":
            if not may_decide:
                raise PermissionDenied
            if "originals" in request.POST:
                registration.originals_checked_at = timezone.now()
                registration.save(update_fields=["originals_checked_at", "updated_at"])
                workflow.record(registration, "现场原件核验完成", user=request.user)
                self.message_user(request, "已记录原件核验。")
                return redirect("admin:recruitment_registration_review", pk=pk)
            if form.is_valid():
                action = form.cleaned_data["action"]
                try:
                    workflow.move(registration, action, request.user, form.cleaned_data["reason"])
                except StepRefused as error:
                    form.add_error("reason", str(error))
                else:
                    label = workflow.TRANSITIONS[action].label
                    self.message_user(request, f"{registration}：{label}。")
                    return redirect("admin:recruitment_registration_changelist")
        if personal:
            access.record_personal_view(request, registration)
        context = {
            **self.admin_site.each_context(request),
            "title": f"资格审查：{registration}",
            "opts": self.model._meta,
            "r": registration,
            "form": form,
            "may_decide": may_decide,
            "events": _events(registration),
            "staff_links": "admin:recruitment_registration_document",
            "personal": personal,
            "masked": None if personal else _masked(registration),
        }
        return TemplateResponse(request, "recruitment/admin/review.html", context)

    def document_view(self, request: HttpRequest, pk: int, key: str) -> FileResponse:
        registration = self._registration(request, pk)
        if not access.may_see_registration_documents(request.user, registration):
            raise PermissionDenied  # the photo and scans carry her face and ID number
        if key not in DOCUMENT_FIELDS or not getattr(registration, key):
            raise Http404("no such document")
        return document_response(registration, key)

    def _rounds(self, queryset) -> list:
        return list({registration.round for registration in queryset.select_related("round")})

    @admin.action(
        description="生成准考证号并分配考场座位（所选报名表所在年度）", permissions=["change"]
    )
    def assign_numbers(self, request: HttpRequest, queryset) -> None:
        for round_ in self._rounds(queryset):
            given = workflow.assign_exam_numbers(round_)
            self.message_user(
                request,
                f"{round_}：新生成{given}个准考证号，并按准考证号顺序分配了考场座位"
                f"（每个考场{round_.seats_per_room}个座位，可在报名表中修改考场）。",
            )

    @admin.action(description="开放准考证打印（所选报名表所在年度）", permissions=["change"])
    def release_tickets(self, request: HttpRequest, queryset) -> None:
        for round_ in self._rounds(queryset):
            try:
                count = workflow.release_tickets(round_, request.user)
            except ValidationError as error:
                self.message_user(request, f"{round_}：{error.messages[0]}", messages.ERROR)
            else:
                self.message_user(request, f"{round_}：{count}名考生可以打印准考证了。")

    @admin.action(description="开放成绩查询（所选报名表所在年度）", permissions=["change"])
    def publish_scores(self, request: HttpRequest, queryset) -> None:
        for round_ in self._rounds(queryset):
            count = workflow.publish_scores(round_, request.user)
            self.message_user(request, f"{round_}：成绩查询已开放，{count}名考生有成绩。")

    @admin.action(description="导出所选报名表（Excel）", permissions=["view"])
    def export_xlsx(self, request: HttpRequest, queryset) -> HttpResponse:
        """Full names, ID and mobile numbers only with the access module's permission
        (and then logged); masked otherwise."""
        rows = list(queryset.select_related("post", "round").order_by("round", "exam_number", "id"))
        full = {r.pk for r in rows if access.sees_personal_data(request.user, r)}
        if full:
            record_personal_export(request.user, "招聘报名表", sorted(full))
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return xlsx_response(
            f"registrations-{stamp}.xlsx",
            "报名表",
            EXPORT_HEADER,
            [_export_row(registration, registration.pk in full) for registration in rows],
        )


def _masked(registration: Registration) -> dict[str, str]:
    """What the review page shows of a registration to staff without the personal-data rule."""
    return {
        "name": registration.masked_name,
        "id_number": registration.masked_id,
        "mobile": mask_mobile(registration.mobile),
    }


def _events(registration: Registration) -> list[tuple]:
    """The progress log: when, what, note, and who — a member of staff by user name, the
    candidate as 考生本人 (her user name is her ID number)."""
    return [(e.at, e.title, e.note, _actor(e.by)) for e in registration.events.select_related("by")]


def _actor(user) -> str:
    if user is None:
        return ""
    return user.get_username() if access.is_staff_member(user) else "考生本人"


EXPORT_HEADER = [
    "年度",
    "准考证号",
    "岗位",
    "状态",
    "姓名",
    "身份证号",
    "手机号码",
    "最高学历",
    "毕业院校",
    "社工证",
    "碧江区户籍",
    "基层服务（年）",
    "考场",
    "座位",
]


def _export_row(registration: Registration, full: bool) -> list:
    return [
        registration.round.year,
        registration.exam_number,
        registration.post.name,
        registration.get_status_display(),
        registration.name if full else registration.masked_name,
        registration.id_number if full else mask_id_number(registration.id_number),
        registration.mobile if full else mask_mobile(registration.mobile),
        registration.get_education_display() or "",
        registration.school,
        registration.get_social_work_level_display(),
        "是" if registration.is_local else "否",
        float(registration.grassroots_years),
        registration.room,
        registration.seat or "",
    ]


@admin.register(CandidateAccount)
class CandidateAccountAdmin(BlindIndexSearchMixin, admin.ModelAdmin):
    list_display = ["__str__", "created_at"]
    search_fields = ["name"]
    blind_index_search = ["id_number_index"]
    fields = ["name", "created_at"]
    readonly_fields = ["name", "created_at"]

    def has_add_permission(self, request):
        return False
