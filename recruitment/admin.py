"""Staff side: rounds with their timeline and posts, the score import (preview, then all rows
or none), the ranked list with one-step publish/unpublish (logged), and the xlsx export."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from accounts.access import PersonalDataAdmin
from bijiang_social.audit import AppendOnlyAdmin, AuditedAdmin
from bijiang_social.encrypted_fields import BlindIndexSearchMixin
from bijiang_social.personal_data import mask_id_number
from bijiang_social.uploads import limit_upload_size, upload_cut_off
from recruitment import importing
from recruitment.forms import SCORE_SHEET_MAX_BYTES, ScoreUploadForm
from recruitment.models import Candidate, Post, PublicationLog, RecruitmentRound, TimelineStep

IMPORT_SESSION_KEY = "recruitment-score-import"


class TimelineStepInline(admin.TabularInline):
    model = TimelineStep
    extra = 0
    fields = ["order", "title", "kind", "starts_on", "ends_on", "place", "details", "is_sample"]


class PostInline(admin.TabularInline):
    model = Post
    extra = 0
    fields = [
        "order",
        "name",
        "places",
        "places_is_sample",
        "min_education",
        "relaxed_min_education",
        "relaxed_needs_eldercare_certificate",
        "requires_local_ties",
        "min_grassroots_years",
    ]


@admin.register(RecruitmentRound)
class RecruitmentRoundAdmin(AuditedAdmin):
    list_display = [
        "year",
        "title",
        "is_public",
        "results_published_at",
        "results_published_by",
        "ranking_link",
    ]
    list_filter = ["is_public"]
    search_fields = ["title", "year"]
    list_select_related = ["results_published_by"]
    readonly_fields = ["results_published_at", "results_published_by", "updated_at"]
    inlines = [TimelineStepInline, PostInline]

    @admin.display(description="排名与发布")
    def ranking_link(self, obj: RecruitmentRound) -> str:
        url = reverse("admin:recruitment_recruitmentround_ranking", args=[obj.pk])
        return format_html(
            '<a href="{}">查看排名{}</a>', url, "（已发布）" if obj.is_published else ""
        )

    def _toggle(self, request: HttpRequest, round_: RecruitmentRound) -> None:
        if round_.is_published:
            round_.unpublish_results(request.user, note="后台撤回")
            self.message_user(request, f"已撤回{round_}的录用名单，操作已记录。", messages.WARNING)
        else:
            round_.publish_results(request.user)
            self.message_user(request, f"已发布{round_}的录用名单，公示期从今天起计算。")

    def get_urls(self):
        urls = [
            path(
                "<int:pk>/ranking/",
                self.admin_site.admin_view(self.ranking_view),
                name="recruitment_recruitmentround_ranking",
            ),
            path(
                "<int:pk>/ranking/publication/",
                self.admin_site.admin_view(self.publication_view),
                name="recruitment_recruitmentround_publication",
            ),
            path(
                "<int:pk>/ranking/export/",
                self.admin_site.admin_view(self.export_view),
                name="recruitment_recruitmentround_export",
            ),
        ]
        return urls + super().get_urls()

    def _round_for(self, request: HttpRequest, pk: int, change: bool = False) -> RecruitmentRound:
        allowed = self.has_change_permission if change else self.has_view_permission
        if not allowed(request):
            raise PermissionDenied
        return get_object_or_404(RecruitmentRound, pk=pk)

    def ranking_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = self._round_for(request, pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{round_}：排名审核与发布",
            "round": round_,
            "posts": round_.ranked_posts(),
            "logs": round_.publication_logs.select_related("user")[:20],
            "can_publish": self.has_change_permission(request, round_),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "recruitment/admin/ranking.html", context)

    def publication_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """GET asks for confirmation (publishing is irreversible to the public); the POST of
        that confirmation page publishes or withdraws."""
        round_ = self._round_for(request, pk, change=True)
        if request.method == "POST":
            self._toggle(request, round_)
            return redirect("admin:recruitment_recruitmentround_ranking", pk=round_.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{round_}：确认{'撤回' if round_.is_published else '发布'}录用名单",
            "round": round_,
            "admitted": sum(
                1 for _, ranked in round_.ranked_posts() for entry in ranked if entry.admitted
            ),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "recruitment/admin/publication_confirm.html", context)

    def export_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return importing.ranked_export(self._round_for(request, pk))


@admin.register(Post)
class PostAdmin(AuditedAdmin):
    list_display = ["name", "round", "places", "places_is_sample", "min_education", "order"]
    list_editable = ["places", "order"]
    list_filter = ["round", "requires_local_ties", "places_is_sample"]
    search_fields = ["name", "duties"]
    list_select_related = ["round"]


@admin.register(Candidate)
class CandidateAdmin(BlindIndexSearchMixin, PersonalDataAdmin, AuditedAdmin):
    personal_fields = {"id_number": mask_id_number}
    list_display = [
        "masked_name",
        "masked_id",
        "post",
        "certified",
        "written_score",
        "interview_score",
        "imported_at",
    ]
    list_filter = ["round", "post", "certified"]
    search_fields = ["name"]
    blind_index_search = ["id_number_index"]
    list_select_related = ["post__round"]
    change_list_template = "recruitment/admin/candidate_changelist.html"

    @admin.display(description="姓名")
    def masked_name(self, obj: Candidate) -> str:
        return obj.masked_name

    @admin.display(description="身份证号")
    def masked_id(self, obj: Candidate) -> str:
        return obj.masked_id

    def _locked(self, obj) -> bool:
        return obj is not None and obj.round.is_published

    def has_change_permission(self, request, obj=None):
        """Scores of a published list are frozen: unpublish first (that is logged)."""
        return super().has_change_permission(request, obj) and not self._locked(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._locked(obj)

    def get_urls(self):
        urls = [
            path(
                "import/",
                self.admin_site.admin_view(
                    limit_upload_size(lambda request: SCORE_SHEET_MAX_BYTES)(self.import_view)
                ),
                name="recruitment_candidate_import",
            ),
            path(
                "import/template/",
                self.admin_site.admin_view(self.template_view),
                name="recruitment_candidate_import_template",
            ),
            path(
                "import/confirm/",
                self.admin_site.admin_view(require_POST(self.confirm_view)),
                name="recruitment_candidate_import_confirm",
            ),
        ]
        return urls + super().get_urls()

    def _context(self, request: HttpRequest, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "title": "导入考生成绩",
            "opts": self.model._meta,
            "columns": list(importing.COLUMNS),
            **extra,
        }

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ScoreUploadForm(request.POST or None, request.FILES or None)
        preview = None
        cut_off = upload_cut_off(request)
        if cut_off is not None:
            # Reading stopped at the limit: say so, keep the chosen round, store nothing.
            form.is_valid()
            form.add_error(cut_off.field_name, cut_off.message)
        elif request.method == "POST" and form.is_valid():
            round_ = form.cleaned_data["round"]
            try:
                raw_rows = importing.read_sheet(form.cleaned_data["file"])
            except importing.SheetError as error:
                form.add_error("file", str(error))
            else:
                preview = importing.check_rows(round_, raw_rows)
                request.session[IMPORT_SESSION_KEY] = {"round": round_.pk, "rows": raw_rows}
        template = "recruitment/admin/import.html"
        return TemplateResponse(
            request, template, self._context(request, form=form, preview=preview)
        )

    def template_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        return importing.template_response()

    def confirm_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        pending = request.session.get(IMPORT_SESSION_KEY)
        if not pending:
            self.message_user(request, "没有待确认的导入，请重新上传成绩表。", messages.ERROR)
            return redirect("admin:recruitment_candidate_import")
        round_ = get_object_or_404(RecruitmentRound, pk=pending["round"])
        preview = importing.check_rows(round_, pending["rows"])
        if not preview.can_store:
            # Something changed since the preview (e.g. another import): show it, save nothing.
            form = ScoreUploadForm(initial={"round": round_.pk})
            context = self._context(request, form=form, preview=preview)
            return TemplateResponse(request, "recruitment/admin/import.html", context)
        try:
            count = importing.store(preview)
        except IntegrityError:
            # Another import stored one of these ID numbers a moment ago; nothing was saved.
            self.message_user(
                request, "有考生刚被另一次导入保存，本次未保存，请重新上传检查。", messages.ERROR
            )
            return redirect("admin:recruitment_candidate_import")
        del request.session[IMPORT_SESSION_KEY]
        self.message_user(request, f"已导入{round_}的{count}名考生成绩。")
        return redirect(reverse("admin:recruitment_recruitmentround_ranking", args=[round_.pk]))


@admin.register(PublicationLog)
class PublicationLogAdmin(AppendOnlyAdmin):
    list_display = ["round", "action", "user", "at", "note"]
    list_filter = ["round", "action"]
    search_fields = ["note", "user__username"]
    list_select_related = ["round", "user"]
    date_hierarchy = "at"


from recruitment import admin_registrations  # noqa: E402,F401  (registers the 资格审查 admin)
