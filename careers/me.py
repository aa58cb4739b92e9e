"""The social worker's own pages (碧江社工服务平台): log-in, activation, password reset, "我的",
courses and lessons with their videos, live lectures, supervision, the promotion application.

Access is decided once, in `worker_required`: a logged-in user linked to an in-post
(在岗) SocialWorker. Her rows are reached only through her own record, so another worker's
lesson progress, supervision or application is a 404. No page here is ever page-cached.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.steps import StepRefused
from bijiang_social.body_limit import accepts_uploads
from careers.accounts import (
    InvitationError,
    activate,
    invitation_for,
    password_reset_for,
    reset_password,
)
from careers.forms import (
    AchievementForm,
    ActivationForm,
    ApplicationForm,
    CheckInForm,
    NewPasswordForm,
    WorkerLoginForm,
)
from careers.learning import COMPLETION_PERCENT, clean_report, record_progress, resume_at
from careers.lectures import LINK_MINUTES_BEFORE, lecture_state
from careers.models import (
    Achievement,
    Course,
    LectureAttendance,
    Lesson,
    LessonProgress,
    LiveLecture,
    PromotionApplication,
    SocialWorker,
    SupervisionRecord,
)
from careers.promotions import apply_due_promotions, submit, window_dates
from careers.video import serve_private_file
from careers.workers import readiness, subsidy_this_year, supervision_months, training_hours

ME_TITLE = "我的"


def worker_required(view):
    """Only a logged-in, in-post social worker; `request.worker` is her record."""

    @wraps(view)
    @never_cache
    @login_required(login_url=reverse_lazy("careers:login"))
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        worker = (
            SocialWorker.objects.select_related("street", "title_level")
            .filter(user=request.user, is_active=True, user__is_active=True)
            .first()
        )
        if worker is None:
            raise Http404("只有在岗社工可以使用这个页面。")
        request.worker = worker
        return view(request, *args, **kwargs)

    return wrapped


def crumbs(*trail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(ME_TITLE, reverse("careers:me") if trail else None), *trail]


@method_decorator(never_cache, name="dispatch")
class WorkerLoginView(auth_views.LoginView):
    """The social workers' door (accounts.doors): only workers log in here, under django-axes'
    lock-out and the door's limits per address and per user name."""

    template_name = "careers/me/login.html"
    authentication_form = WorkerLoginForm
    redirect_authenticated_user = False
    next_page = reverse_lazy("careers:me")

    def get_default_redirect_url(self):
        return str(self.next_page)


@never_cache
@require_http_methods(["GET", "POST"])
def activation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_for(token)
    except InvitationError as error:
        return render(request, "careers/me/activation.html", {"problem": str(error)}, status=410)
    form = ActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activate(invitation, form.cleaned_data["username"], form.cleaned_data["password1"])
        except InvitationError as error:
            return render(request, "careers/me/activation.html", {"problem": str(error)}, 410)
        messages.success(request, "账号已开通。请用刚才设置的登录名和密码登录。")
        return redirect("careers:login")
    return render(
        request,
        "careers/me/activation.html",
        {"form": form, "worker": invitation.worker},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest, token: str) -> HttpResponse:
    template = "careers/me/password_reset.html"
    try:
        link = password_reset_for(token)
    except InvitationError as error:
        return render(request, template, {"problem": str(error)}, status=410)
    form = NewPasswordForm(link.worker.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reset_password(link, form.cleaned_data["new_password1"])
        except InvitationError as error:
            return render(request, template, {"problem": str(error)}, status=410)
        messages.success(request, "密码已重设。请用新密码登录。")
        return redirect("careers:login")
    return render(request, template, {"form": form, "worker": link.worker})


@worker_required
def me(request: HttpRequest) -> HttpResponse:
    worker = request.worker
    today = timezone.localdate()
    if apply_due_promotions(today, worker):
        worker.refresh_from_db(fields=["role"])
    hours = training_hours(worker, today.year)
    records = list(SupervisionRecord.objects.filter(worker=worker, held_on__year=today.year))
    return render(
        request,
        "careers/me/me.html",
        {
            "worker": worker,
            "certificates": list(worker.certificates.select_related("level")),
            "subsidy": subsidy_this_year(worker, today),
            "hours": hours,
            "months": supervision_months(worker, records, today),
            "readiness": readiness(worker, hours, today),
            "crumbs": crumbs(),
        },
    )


@worker_required
@require_http_methods(["POST"])
def confirm_supervision(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(SupervisionRecord, pk=pk, worker=request.worker)
    if record.confirmed_at is None:
        record.confirmed_at = timezone.now()
        record.save(update_fields=["confirmed_at"])
        messages.success(request, f"已确认{record.held_on:%m月%d日}的督导，督导时长计入培训时长。")
    return redirect("careers:me")


# --- Courses and lessons --------------------------------------------------------------------


@worker_required
def courses(request: HttpRequest) -> HttpResponse:
    published = Course.objects.filter(is_published=True).prefetch_related(
        Prefetch("lessons", queryset=Lesson.objects.only("id", "course_id", "duration_seconds"))
    )
    done = set(
        LessonProgress.objects.filter(
            worker=request.worker, completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )
    return render(
        request,
        "careers/me/courses.html",
        {
            "courses": list(published),
            "done": done,
            "completion_percent": COMPLETION_PERCENT,
            "crumbs": crumbs(("录播课", None)),
        },
    )


def _lesson(pk: int) -> Lesson:
    return get_object_or_404(
        Lesson.objects.select_related("course").filter(course__is_published=True), pk=pk
    )


@worker_required
def lesson(request: HttpRequest, pk: int) -> HttpResponse:
    item = _lesson(pk)
    progress = LessonProgress.objects.filter(worker=request.worker, lesson=item).first()
    siblings = list(Lesson.objects.filter(course=item.course).only("id", "title", "order"))
    return render(
        request,
        "careers/me/lesson.html",
        {
            "lesson": item,
            "progress": progress,
            "resume_at": resume_at(progress, item),
            "siblings": siblings,
            "completion_percent": COMPLETION_PERCENT,
            "crumbs": crumbs(("录播课", reverse("careers:courses")), (item.title, None)),
        },
    )


@worker_required
def lesson_video(request: HttpRequest, pk: int) -> HttpResponse:
    item = _lesson(pk)
    return serve_private_file(request, item.video, item.video_type)


@worker_required
def lesson_handout(request: HttpRequest, pk: int) -> HttpResponse:
    item = _lesson(pk)
    if not item.handout:
        raise Http404("这一课没有讲义。")
    response = serve_private_file(request, item.handout, "application/pdf")
    response["Content-Disposition"] = f'inline; filename="handout-{item.pk}.pdf"'
    return response


@worker_required
@require_http_methods(["POST"])
def lesson_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """One stretch that played, sent by the page's script: start, end, position (seconds)."""
    item = _lesson(pk)
    try:
        report = clean_report(
            item,
            float(request.POST["start"]),
            float(request.POST["end"]),
            float(request.POST.get("position", request.POST["end"])),
        )
    except (KeyError, ValueError) as error:
        return JsonResponse({"error": f"进度报告无效：{error}"}, status=400)
    progress = record_progress(request.worker, item, report)
    return JsonResponse(
        {
            "credited_seconds": progress.credited_seconds,
            "completed": progress.completed_at is not None,
        }
    )


# --- Live lectures --------------------------------------------------------------------------


@worker_required
def lectures(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    items = list(LiveLecture.objects.published().select_related("recording"))
    attended = set(
        LectureAttendance.objects.filter(worker=request.worker).values_list("lecture_id", flat=True)
    )
    return render(
        request,
        "careers/me/lectures.html",
        {
            "lectures": [(item, lecture_state(item, now)) for item in items],
            "attended": attended,
            "form": CheckInForm(),
            "link_minutes": LINK_MINUTES_BEFORE,
            "crumbs": crumbs(("直播专题讲座", None)),
        },
    )


@worker_required
@require_http_methods(["POST"])
def lecture_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(LiveLecture.objects.published(), pk=pk)
    if not lecture_state(item, timezone.now()).checkin_open:
        messages.error(request, "签到只在讲座进行期间开放（开讲前30分钟至结束后30分钟）。")
        return redirect("careers:lectures")
    form = CheckInForm(request.POST, lecture=item)
    if form.is_valid():
        _, created = LectureAttendance.objects.get_or_create(lecture=item, worker=request.worker)
        messages.success(
            request,
            f"签到成功：{item.title}，计入培训时长{item.duration_minutes}分钟。"
            if created
            else "您已签到过这场讲座。",
        )
    else:
        messages.error(request, " ".join(form.errors["code"]))
    return redirect("careers:lectures")


# --- The June promotion application ---------------------------------------------------------


@worker_required
@require_http_methods(["GET", "POST"])
def application(request: HttpRequest) -> HttpResponse:
    worker, today = request.worker, timezone.localdate()
    ready = readiness(worker, training_hours(worker, today.year), today)
    current = PromotionApplication.objects.filter(worker=worker, year=today.year).first()
    dates = window_dates(today)
    may_apply = bool(
        dates
        and dates.is_open
        and ready.meets_rules
        and (current is None or current.status == PromotionApplication.Status.RETURNED)
    )
    form = ApplicationForm(request.POST or None, worker=worker)
    if request.method == "POST" and may_apply and form.is_valid():
        try:
            submit(
                worker,
                ready,
                form.cleaned_data["statement"],
                form.cleaned_data["achievements"],
                today,
            )
        except StepRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "晋升申请已提交，所在社工站审核后报送民政部门。")
        return redirect("careers:application")
    return render(
        request,
        "careers/me/application.html",
        {
            "ready": ready,
            "current": current,
            "history": list(
                PromotionApplication.objects.filter(worker=worker).exclude(year=today.year)
            ),
            "dates": dates,
            "may_apply": may_apply,
            "form": form,
            "achievement_form": AchievementForm(),
            "crumbs": crumbs(("晋升申请", None)),
        },
    )


@accepts_uploads
@worker_required
@require_http_methods(["POST"])
def add_achievement(request: HttpRequest) -> HttpResponse:
    form = AchievementForm(request.POST, request.FILES)
    if form.is_valid():
        form.instance.worker = request.worker
        form.save()
        messages.success(request, f"已登记专业成果：{form.instance.title}。")
        return redirect("careers:application")
    return render(
        request,
        "careers/me/achievement_form.html",
        {
            "achievement_form": form,
            "crumbs": crumbs(("晋升申请", reverse("careers:application")), ("登记专业成果", None)),
        },
        status=200,
    )


@worker_required
def achievement_file(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Achievement, pk=pk, worker=request.worker)
    response = serve_private_file(request, item.file, "application/pdf")
    response["Content-Disposition"] = f'inline; filename="achievement-{item.pk}.pdf"'
    return response
