import sys

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from bijiang_social import elder_mode, search
from bijiang_social.forms import ErrorReportForm, SiteSearchForm
from bijiang_social.models import (
    Column,
    ErrorReport,
    FaqQuestion,
    FaqTopic,
    GuideSection,
    KeyFigure,
    Notice,
    Page,
    Statement,
)
from bijiang_social.page_cache import cached_form_page, keep_for
from bijiang_social.ratelimits import count_attempt
from bijiang_social.redirects import redirect_back

HEALTHZ_PATH = "/healthz"
NOTICES_PER_PAGE = 10
LATEST_NOTICES = 3
ERROR_REPORT_FIGURES_SECONDS = 300


def overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "bijiang_social/overview.html",
        {
            "figures": list(KeyFigure.objects.for_page(Page.OVERVIEW)),
            "sections": list(GuideSection.objects.for_page(Page.OVERVIEW)),
            "latest_notices": list(Notice.objects.published()[:LATEST_NOTICES]),
        },
    )


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For the load balancer: 503 when the database is down (take this instance out), else
    200 — also when only Redis is down (`"cache": "down"`), since pages are then served
    uncached and the instance can still serve. One trivial query, no session, no template;
    HealthzMiddleware answers it before the rest of the stack runs."""
    cache_state = _cache_state()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable", "cache": cache_state},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok", "cache": cache_state})


def _cache_state() -> str:
    """ "ok" or "down" for Redis; "local" without Redis (each process's own memory)."""
    available = getattr(cache, "available", None)
    if available is None:
        return "local"
    return "ok" if available() else "down"


class HealthzMiddleware:
    """First in MIDDLEWARE: answers /healthz before sessions, CSRF, the page cache and the
    rest, which a health check does not need and which would make it cost a page's worth."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == HEALTHZ_PATH and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler: a database outage gets the Chinese 503 page instead.

    An outage is a database that cannot be reached (OperationalError, InterfaceError); any
    other DatabaseError, such as a broken constraint, is a bug and gets the 500 page.
    Rendered from a plain template without context processors, so it needs no database.
    """
    _, error, _ = sys.exc_info()
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Shown when a client is rate-limited (django-ratelimit raises Ratelimited)."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "600"
    return response


def bench_floor(request: HttpRequest) -> HttpResponse:
    """The benchmark's floor: no template, no query. Routed only when BENCH_FLOOR is on."""
    return HttpResponse("ok", content_type="text/plain")


def notice_list(request: HttpRequest) -> HttpResponse:
    notices = Notice.objects.published()
    category = request.GET.get("category", "")
    if category not in Notice.Category.values:
        category = ""
    if category:
        notices = notices.filter(category=category)
    page = Paginator(notices, NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "bijiang_social/notice_list.html",
        {
            "page_obj": page,
            "category": category,
            "categories": Notice.Category.choices,
            "crumbs": [("公告", None)],
        },
    )


def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(Notice.objects.published(), pk=pk)
    return render(
        request,
        "bijiang_social/notice_detail.html",
        {"notice": notice, "crumbs": [("公告", reverse("notices")), (notice.title, None)]},
    )


def faq(request: HttpRequest) -> HttpResponse:
    questions = list(FaqQuestion.objects.published())
    topics: dict[FaqTopic, list[FaqQuestion]] = {}
    for question in questions:
        topics.setdefault(question.topic, []).append(question)
    return render(
        request,
        "bijiang_social/faq.html",
        {"topics": list(topics.items()), "crumbs": [("社工问一问", None)]},
    )


def faq_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(FaqQuestion.objects.published(), pk=pk)
    return render(
        request,
        "bijiang_social/faq_detail.html",
        {
            "question": question,
            "crumbs": [("社工问一问", reverse("faq")), (question.question, None)],
        },
    )


def statement(request: HttpRequest, key: str) -> HttpResponse:
    """A statement of the footer (隐私声明, 无障碍声明), from the database."""
    page = get_object_or_404(Statement, key=key)
    return render(
        request,
        "bijiang_social/statement.html",
        {"statement": page, "crumbs": [(page.title, None)]},
    )


def site_map(request: HttpRequest) -> HttpResponse:
    """网站地图: every column, its sub-columns and the guide sections it shows (two queries)."""
    columns = list(Column.objects.all())
    sections: dict[str, list[GuideSection]] = {}
    for section in GuideSection.objects.published():
        sections.setdefault(section.page, []).append(section)
    tree = [
        (
            column,
            [c for c in columns if c.parent_id == column.pk],
            sections.get(column.guide_page, []),
        )
        for column in columns
        if column.parent_id is None
    ]
    return render(
        request,
        "bijiang_social/site_map.html",
        {"tree": tree, "crumbs": [("网站地图", None)]},
    )


ERROR_REPORT_TEMPLATE = "bijiang_social/error_report.html"
ERROR_REPORT_POSTS = "error-report-posts"
ERROR_REPORT_TITLE = "我为政府网站找错"


def _reported_page(request: HttpRequest) -> str:
    """The page the visitor came from (the footer's link carries it), if it is one of ours."""
    page = request.GET.get("page", "")
    return page if page.startswith("/") and not page.startswith("//") and len(page) <= 300 else ""


def _error_report_context(form: ErrorReportForm) -> dict:
    return {
        "form": form,
        "title": ERROR_REPORT_TITLE,
        "working_days": settings.ERROR_REPORT_WORKING_DAYS,
        "crumbs": [(ERROR_REPORT_TITLE, None)],
    }


def error_report(request: HttpRequest) -> HttpResponse:
    """我为政府网站找错: a short form, the page's address filled in; staff answer in the admin."""
    if request.method != "POST":
        form = ErrorReportForm(initial={"page": _reported_page(request)})
        return cached_form_page(request, ERROR_REPORT_TEMPLATE, lambda: _error_report_context(form))
    if count_attempt(request, ERROR_REPORT_POSTS, settings.ERROR_REPORT_POST_RATE):
        return too_many_requests(request)
    form = ErrorReportForm(request.POST)
    if not form.is_valid():
        return render(request, ERROR_REPORT_TEMPLATE, _error_report_context(form), status=400)
    report = ErrorReport.receive(**form.cleaned_data)
    messages.success(
        request,
        f"已收到，谢谢您！找错编号 {report.reference}。我们会在 "
        f"{report.due_on:%Y年%-m月%-d日}前处理{'并联系您' if report.contact else ''}。",
    )
    return redirect("error-report-figures")


def error_report_figures(request: HttpRequest) -> HttpResponse:
    """The published counts of 找错 reports (kept by the page cache for a few minutes)."""
    response = render(
        request,
        "bijiang_social/error_report_figures.html",
        {
            "figures": ErrorReport.objects.figures(),
            "working_days": settings.ERROR_REPORT_WORKING_DAYS,
            "crumbs": [
                (ERROR_REPORT_TITLE, reverse("error-report")),
                ("找错受理情况", None),
            ],
        },
    )
    return keep_for(response, ERROR_REPORT_FIGURES_SECONDS)


def site_search(request: HttpRequest) -> HttpResponse:
    form = SiteSearchForm(request.GET, max_length=search.MAX_QUERY_LENGTH)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = search.run(query)
    return render(
        request,
        "bijiang_social/search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            # Only read when there is nothing else to show (a lazy queryset).
            "topics": FaqTopic.objects.filter(questions__is_published=True).distinct(),
            "crumbs": [("搜索", None)],
        },
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('search')}",
        f"Disallow: {reverse('elder-mode-on')}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=24 * 60 * 60, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for on pages that do not link an icon (the admin, the
    error pages); a temporary redirect, because the hashed static name changes with the icon."""
    return HttpResponseRedirect(static("img/favicon.ico"))


@never_cache
@require_GET
def elder_mode_switch(request: HttpRequest, on: bool) -> HttpResponse:
    """Turn the age-friendly mode on or off and go back to the page the resident was on."""
    response = redirect_back(request, reverse("overview"))
    if on:
        response.set_cookie(
            elder_mode.COOKIE_NAME,
            elder_mode.COOKIE_VALUE,
            max_age=elder_mode.COOKIE_MAX_AGE,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    else:
        response.delete_cookie(elder_mode.COOKIE_NAME, samesite="Lax")
    return response
