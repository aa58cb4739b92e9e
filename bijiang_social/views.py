import sys

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

from bijiang_social.models import GuideSection, KeyFigure, Page


def overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "bijiang_social/overview.html",
        {
            "figures": list(KeyFigure.objects.for_page(Page.OVERVIEW)),
            "sections": list(GuideSection.objects.for_page(Page.OVERVIEW)),
        },
    )


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 with a small JSON body when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler: a database outage gets the Chinese 503 page instead.

    Rendered from a plain template without context processors, so it needs no database.
    """
    _, error, _ = sys.exc_info()
    if isinstance(error, DatabaseError):
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
