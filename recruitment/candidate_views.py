"""The candidate's pages: account, 报名表, 我的报名, documents, admission ticket, and the
public score look-up and registration counts.

A candidate reaches a registration only through `_own()` (her account's rows; another's
→ 404). Her pages are never cached (Cache-Control: private, no-store)."""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts import audiences
from accounts.backends import PASSWORD_BACKEND
from accounts.resets import AudienceResetConfirmMixin, reset_page_limited
from accounts.steps import StepRefused
from bijiang_social import page_cache
from bijiang_social.encrypted_fields import index_of
from bijiang_social.ratelimits import count_attempt, limit_reached
from bijiang_social.uploads import limit_upload_size, upload_cut_off
from bijiang_social.views import too_many_requests
from recruitment import workflow
from recruitment.candidate_forms import (
    CandidateLoginForm,
    CandidatePasswordChangeForm,
    CandidatePasswordResetForm,
    CandidateSetPasswordForm,
    CandidateSignUpForm,
    RegistrationForm,
    ScoreLookupForm,
    submission_problems,
)
from recruitment.models import (
    DOCUMENT_FIELDS,
    Candidate,
    CandidateAccount,
    RecruitmentRound,
    Registration,
    RegistrationEvent,
    TimelineStep,
)
from recruitment.rules import assess, rank_post
from recruitment.tickets import ticket_pdf

SIGNUP_GROUP = "recruitment-signup"
LOOKUP_MISSES = "recruitment-score-misses"
# The counts query is cached this long, and the counts page as long again: at most a minute.
COUNTS_SECONDS = 30
candidate_required = login_required(login_url=reverse_lazy("recruitment:login"))


def _round(year: int) -> RecruitmentRound:
    rounds = RecruitmentRound.objects.public().prefetch_related("steps")
    return get_object_or_404(rounds, year=year)


def _account(request: HttpRequest) -> CandidateAccount | None:
    return getattr(request.user, "candidate_account", None)


def _own(request: HttpRequest, pk: int) -> Registration:
    """The one access check: the candidate's own registration, or 404."""
    registrations = Registration.objects.of(request.user).select_related("round", "post")
    return get_object_or_404(registrations, pk=pk)


def _crumbs(page: str) -> list:
    return [("社工招聘", reverse_lazy("recruitment:index")), (page, None)]


# --- Account ------------------------------------------------------------------------------


@never_cache
def sign_up(request: HttpRequest) -> HttpResponse:
    form = CandidateSignUpForm(request.POST or None)
    if request.method == "POST":
        if count_attempt(request, SIGNUP_GROUP, settings.CANDIDATE_SIGNUP_RATE):
            return too_many_requests(request)
        if form.is_valid():
            account = form.save()
            login(request, account.user, backend=PASSWORD_BACKEND)
            messages.success(request, "账号已注册并登录。下一步：填写报名表。")
            return redirect("recruitment:mine")
    context = {"form": form, "crumbs": _crumbs("考生注册"), "title": "考生注册"}
    return render(request, "recruitment/account/sign_up.html", context)


@method_decorator(never_cache, name="dispatch")
class CandidateLoginView(auth_views.LoginView):
    """The candidates' door (accounts.doors): only candidates log in here, failures limited
    per address and per ID number."""

    form_class = CandidateLoginForm
    template_name = "recruitment/account/login.html"
    extra_context = {"crumbs": _crumbs("考生登录"), "title": "考生登录"}

    def get_default_redirect_url(self):
        return reverse("recruitment:mine")


def _bureau_phone() -> str:
    round_ = RecruitmentRound.objects.current()
    return round_.bureau_phone if round_ else ""


class ResetView(auth_views.PasswordResetView):
    form_class = CandidatePasswordResetForm
    template_name = "recruitment/account/password_reset.html"
    email_template_name = "recruitment/account/password_reset_email.txt"
    subject_template_name = "recruitment/account/password_reset_subject.txt"
    success_url = reverse_lazy("recruitment:password-reset-done")

    def post(self, request, *args, **kwargs):
        if reset_page_limited(request, audiences.CANDIDATE):
            return too_many_requests(request)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            crumbs=_crumbs("忘记密码"), title="忘记密码", bureau_phone=_bureau_phone(), **kwargs
        )


class ResetConfirmView(AudienceResetConfirmMixin, auth_views.PasswordResetConfirmView):
    audience = audiences.CANDIDATE
    form_class = CandidateSetPasswordForm
    template_name = "recruitment/account/password_reset_confirm.html"
    success_url = reverse_lazy("recruitment:password-reset-complete")


@method_decorator(never_cache, name="dispatch")
class PasswordChange(auth_views.PasswordChangeView):
    form_class = CandidatePasswordChangeForm
    template_name = "recruitment/account/password_change.html"
    success_url = reverse_lazy("recruitment:mine")
    extra_context = {"crumbs": _crumbs("修改密码"), "title": "修改密码"}
    login_url = reverse_lazy("recruitment:login")

    def form_valid(self, form):
        messages.success(self.request, "密码已修改。")
        return super().form_valid(form)


# --- 我的报名 ------------------------------------------------------------------------------


@never_cache
@candidate_required
def mine(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    registrations = []
    if account is not None:
        registrations = list(
            account.registrations.select_related("round", "post").prefetch_related(
                "round__steps", Prefetch("events", RegistrationEvent.objects.order_by("at", "id"))
            )
        )
    current = RecruitmentRound.objects.public().prefetch_related("steps").order_by("-year")[:1]
    current = current[0] if current else None
    return render(
        request,
        "recruitment/mine.html",
        {
            "account": account,
            "rows": [(r, workflow.next_step(r)) for r in registrations],
            "current": current,
            "current_state": current.registration_state() if current else "unknown",
            "has_current": any(r.round_id == getattr(current, "pk", None) for r in registrations),
            "crumbs": _crumbs("我的报名"),
        },
    )


def _max_upload_bytes(request: HttpRequest, *args, **kwargs) -> int:
    return settings.RECRUITMENT_UPLOAD_MAX_MB * 1024 * 1024


class SavedMeanwhile(Exception):
    """The registration was created or changed by another request after this one read it."""


@never_cache
@candidate_required
@limit_upload_size(_max_upload_bytes)
def registration_form(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    account = _account(request)
    if account is None:
        raise Http404("not a candidate account")
    try:
        return _registration_page(request, round_, account)
    except SavedMeanwhile:
        # Another request of hers (a double click on a slow page, a second tab) stored her
        # registration while this one was checking its files: go on from what is stored now.
        try:
            return _registration_page(request, round_, account)
        except SavedMeanwhile:
            messages.error(request, "报名表刚刚在另一个页面中保存过，请查看后再修改。")
            return redirect("recruitment:mine")


def _registration_page(
    request: HttpRequest, round_: RecruitmentRound, account: CandidateAccount
) -> HttpResponse:
    registration = (
        Registration.objects.filter(round=round_, account=account).select_related("post").first()
    )
    state = round_.registration_state()
    editable = state == "open" and (registration is None or registration.is_editable_state)
    if request.method == "POST" and not editable:
        messages.error(request, "现在不能修改报名表：" + _closed_reason(state, registration))
        return redirect("recruitment:mine")
    instance = registration or Registration(
        round=round_,
        account=account,
        name=account.name,
        id_number=account.id_number,
        mobile=account.mobile,
    )
    form = RegistrationForm(
        request.POST or None, request.FILES or None, instance=instance, round_=round_
    )
    cut_off = upload_cut_off(request)
    if cut_off is not None:
        # The request stopped at a file past the limit: show the limit, save nothing.
        form.is_valid()
        form.add_error(cut_off.field_name, cut_off.message)
    elif request.method == "POST" and form.is_valid():
        saved = _save(request, form)
        if saved:
            return redirect("recruitment:mine")
    return render(
        request,
        "recruitment/registration_form.html",
        {
            "round": round_,
            "form": form if editable else None,
            "registration": registration,
            "state": state,
            "window": round_.registration_window(),
            "closed_reason": None if editable else _closed_reason(state, registration),
            "crumbs": _crumbs(f"{round_.year}年报名表"),
        },
    )


def _store(request: HttpRequest, form: RegistrationForm) -> Registration:
    """Save the form over the registration as it was read, or raise SavedMeanwhile and store
    nothing.

    The row is locked and its state compared first: a late "save draft" must never write the
    state it read over a submission made since (a full-row save would turn it back into a
    draft). A new registration that meets another request's (the unique round + account
    constraint) leaves none of its files behind."""
    if form.instance.pk is not None:
        with transaction.atomic():
            current = Registration.objects.select_for_update().get(pk=form.instance.pk)
            if current.status != form.instance.status:
                raise SavedMeanwhile
            registration = form.save()
            _forget_replaced_files(current, registration)
            return registration
    try:
        with transaction.atomic():
            registration = form.save()
            workflow.record(registration, "保存草稿", user=request.user)
            return registration
    except IntegrityError:
        for key in DOCUMENT_FIELDS:
            document = getattr(form.instance, key)
            if document and document._committed:
                document.storage.delete(document.name)
        instance = form.instance
        if Registration.objects.filter(round=instance.round, account=instance.account).exists():
            raise SavedMeanwhile from None
        raise


def _forget_replaced_files(before: Registration, after: Registration) -> None:
    """A scan or photo she replaced (or removed) is personal data no one needs any more: its
    file is deleted once the new one is stored."""
    for key in DOCUMENT_FIELDS:
        old, new = getattr(before, key), getattr(after, key)
        if old and old.name != new.name:
            transaction.on_commit(partial(old.storage.delete, old.name))


def _save(request: HttpRequest, form: RegistrationForm) -> bool:
    """Save the draft; when submitting, submit it too, or mark what is missing at each field.
    True when the candidate may leave the page."""
    submitting = "submit" in request.POST
    registration = _store(request, form)
    if not submitting:
        messages.success(request, "草稿已保存。报名截止前请记得提交。")
        return True
    problems = submission_problems(registration)
    if problems:
        for field, errors in problems.items():
            for error in errors:
                form.add_error(field, error)
        form.add_error(None, "草稿已保存，但还不能提交：请按下面标出的地方补充后再提交。")
        return False
    try:
        workflow.move(registration, "submit", request.user)
    except StepRefused as error:
        form.add_error(None, str(error))
        return False
    messages.success(request, "报名表已提交，等待资格审查。审查结果会显示在“我的报名”。")
    return True


def _closed_reason(state: str, registration: Registration | None) -> str:
    if state == "before":
        return "网上报名还没有开始。"
    if state in ("after", "unknown"):
        return "网上报名已经结束，报名表只能查看，不能修改。"
    return f"报名表“{registration.get_status_display()}”，不能修改。"


@never_cache
@candidate_required
def document(request: HttpRequest, pk: int, key: str) -> FileResponse:
    registration = _own(request, pk)
    if key not in DOCUMENT_FIELDS or not getattr(registration, key):
        raise Http404("no such document")
    return document_response(registration, key)


def document_response(registration: Registration, key: str) -> FileResponse:
    """A stored document, never cached (also used by the admin's permission-checked view)."""
    field = getattr(registration, key)
    suffix = field.name.rsplit(".", 1)[-1]
    content_type = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}.get(
        suffix, "application/octet-stream"
    )
    response = FileResponse(
        field.open("rb"),
        as_attachment=True,  # an <img> still shows it; a browser never renders it as a page
        content_type=content_type,
        filename=f"{registration.round.year}-{registration.pk}-{key}.{suffix}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Admission ticket ---------------------------------------------------------------------


def _ticket(request: HttpRequest, pk: int) -> tuple[Registration, TimelineStep | None]:
    registration = _own(request, pk)
    if not registration.has_ticket:
        raise Http404("no ticket yet")
    return registration, registration.round.step(TimelineStep.Kind.WRITTEN)


@never_cache
@candidate_required
def ticket(request: HttpRequest, pk: int) -> HttpResponse:
    registration, exam = _ticket(request, pk)
    context = {"r": registration, "exam": exam, "crumbs": _crumbs("准考证")}
    return render(request, "recruitment/ticket.html", context)


@never_cache
@candidate_required
def ticket_download(request: HttpRequest, pk: int) -> HttpResponse:
    registration, exam = _ticket(request, pk)
    response = HttpResponse(ticket_pdf(registration, exam), content_type="application/pdf")
    name = f"admission-ticket-{registration.exam_number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- Public: score look-up and registration counts ----------------------------------------


def _find_scores(round_: RecruitmentRound, exam_number: str, id_number: str):
    return (
        Registration.objects.filter(
            round=round_,
            exam_number=exam_number,
            id_number_index=index_of(Registration, "id_number_index", id_number),
            scores__isnull=False,
        )
        .select_related("post", "scores")
        .first()
    )


@never_cache
@require_http_methods(["GET", "POST"])
def score_lookup(request: HttpRequest, year: int) -> HttpResponse:
    """The form (GET) and its answer (POST with a CSRF token, as the services tracking
    look-up): the ID number never travels in an address (logs, history, Referer), and a
    third-party page cannot spend a candidate's miss budget."""
    round_ = _round(year)
    form = ScoreLookupForm(request.POST if request.method == "POST" else None)
    found = result = position = None
    searched = False
    if round_.scores_published_at and form.is_bound and form.is_valid():
        if limit_reached(request, LOOKUP_MISSES, settings.SCORE_LOOKUP_MISS_RATE):
            return too_many_requests(request)
        searched = True
        data = form.cleaned_data
        found = _find_scores(round_, data["exam_number"], data["id_number"])
        if found is None:
            count_attempt(request, LOOKUP_MISSES, settings.SCORE_LOOKUP_MISS_RATE)
        else:
            scores = found.scores
            result = assess(
                scores.written_score, scores.interview_score, scores.certified, round_.rules
            )
            ranked = rank_post(
                Candidate.objects.filter(round=round_, post=found.post),
                found.post.places,
                round_.rules,
            )
            position = next(e for e in ranked if e.candidate.pk == scores.pk)
    return render(
        request,
        "recruitment/score_lookup.html",
        {
            "round": round_,
            "form": form,
            "found": found,
            "result": result,
            "position": position,
            "not_found": searched and found is None,
            "crumbs": _crumbs("成绩查询"),
        },
    )


def registration_counts(round_: RecruitmentRound) -> list[dict]:
    """已报名 / 审查通过 / 招聘人数 per post, computed at most once a minute (one query)."""
    key = f"recruitment-counts-{round_.pk}"
    rows = cache.get(key)
    if rows is None:
        rows = round_.registration_counts()
        cache.set(key, rows, COUNTS_SECONDS)
    return rows


def counts(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    response = render(
        request,
        "recruitment/counts.html",
        {"round": round_, "rows": registration_counts(round_), "crumbs": _crumbs("报名人数")},
    )
    return page_cache.keep_for(response, COUNTS_SECONDS)
