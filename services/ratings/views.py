"""The rating posted from the tracking result, and the public /data/ page with its CSV."""

import csv

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST

from bijiang_social.ratelimits import count_attempt
from bijiang_social.views import too_many_requests
from services.applications.forms import TrackForm
from services.applications.models import ServiceApplication
from services.applications.views import (
    TRACK_MISSES,
    _find_case,
    reference_locked,
    track_miss_limited,
)
from services.ratings import data
from services.ratings.forms import RatingForm
from services.ratings.rules import RatingError, rate

TRACK_TEMPLATE = "services/applications/track.html"
TRACK_TITLE = "查询申请进度"


def _track_page(request: HttpRequest, status: int = 200, **context) -> HttpResponse:
    context.setdefault("form", TrackForm())
    context.setdefault("case", None)
    case = context["case"]
    response = render(
        request,
        TRACK_TEMPLATE,
        {
            "title": TRACK_TITLE,
            "events": list(case.events.all()) if case else [],
            "not_found": case is None,
            "crumbs": [(TRACK_TITLE, None)],
            **context,
        },
        status=status,
    )
    # A resident's case or a look-up's answer: no cache anywhere may keep it.
    patch_cache_control(response, private=True, no_store=True)
    return response


def _case_for(request: HttpRequest, prefix: str) -> tuple[ServiceApplication | None, TrackForm]:
    pair = TrackForm(request.POST, prefix=prefix)
    if not pair.is_valid():
        return None, pair
    return _find_case(pair.cleaned_data["reference"], pair.cleaned_data["phone_last4"]), pair


@require_POST
def rate_case(request: HttpRequest) -> HttpResponse:
    """A rating from the tracking result. A wrong reference or digits answers exactly as
    tracking does (没有找到) and counts against the same per-client miss limit."""
    prefix = request.POST.get("occasion", "")[:30]
    case, pair = _case_for(request, prefix)
    reference = pair.cleaned_data.get("reference", "") if pair.is_bound else ""
    if case is None:
        if reference:
            over = track_miss_limited(request, reference)
        else:
            over = count_attempt(request, TRACK_MISSES, settings.TRACK_MISS_RATE)
        if over:
            return too_many_requests(request)
        return _track_page(request)
    if reference_locked(reference):
        return too_many_requests(request)
    form = RatingForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            rating = rate(
                case,
                prefix,
                level=form.cleaned_data["level"],
                aspect=form.cleaned_data["aspect"],
                comment=form.cleaned_data["comment"],
            )
        except RatingError as error:
            form.add_error(None, str(error))
        else:
            return _track_page(request, form=pair, case=case, rated=rating)
    return _track_page(request, status=400, form=pair, case=case, rating_form=form)


def data_page(request: HttpRequest) -> HttpResponse:
    """数据公开: month-by-month figures from the case records, charts with tables, CSV."""
    return render(request, "services/ratings/data.html", data.page_context())


def data_csv(request: HttpRequest) -> HttpResponse:
    table = data.month_table(data.page_figures())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="bijiang-social-work-data.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 Chinese correctly with a BOM
    writer = csv.writer(response)
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return response
