"""Resident pages: choose a category, apply, see the receipt, track the case."""

import hmac
import logging

from django.conf import settings
from django.core.validators import slug_re
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control

from bijiang_social.models import GuideSection, Page
from bijiang_social.page_cache import cached_form_page
from bijiang_social.ratelimits import count, count_attempt, reached
from bijiang_social.uploads import limit_upload_size, upload_cut_off
from bijiang_social.views import too_many_requests
from services.applications.forms import ApplicationForm, TrackForm
from services.applications.models import (
    ReviewPolicy,
    ServiceApplication,
    ServiceCategory,
)
from services.applications.rules import submit_application
from services.models import ServicePoint

logger = logging.getLogger(__name__)
RECEIPT_SESSION_KEY = "applications:receipt"
TRACK_MISSES = "track-misses"
TRACK_REFERENCE_MISSES = "track-reference-misses"
APPLY_POSTS = "apply-posts"
APPLY_TITLE = "在线申请社工服务"


def _station(request: HttpRequest) -> ServicePoint | None:
    slug = request.GET.get("station", "")
    # Only a well-formed slug reaches the database (PostgreSQL refuses NUL in a parameter).
    if len(slug) > 60 or not slug_re.match(slug):
        return None
    return ServicePoint.objects.select_related("street").filter(slug=slug).first()


def apply_start(request: HttpRequest) -> HttpResponse:
    station = _station(request)
    categories = ServiceCategory.objects.active().prefetch_related("documents")
    return render(
        request,
        "services/applications/apply_start.html",
        {
            "title": APPLY_TITLE,
            "categories": categories,
            "station": station,
            "crumbs": [(APPLY_TITLE, None)],
        },
    )


def _initial_from_station(station: ServicePoint | None) -> dict:
    if station is None or station.street_id is None:
        return {}
    initial = {"street": station.street}
    if station.level == ServicePoint.Level.COMMUNITY:
        initial["community"] = station
    return initial


APPLY_FORM_TEMPLATE = "services/applications/apply_form.html"


def _max_upload_bytes(request: HttpRequest, category: str) -> int:
    return ReviewPolicy.current().max_upload_bytes


@limit_upload_size(_max_upload_bytes)
def apply_form(request: HttpRequest, category: str) -> HttpResponse:
    if request.method != "POST":
        return cached_form_page(
            request, APPLY_FORM_TEMPLATE, lambda: _apply_form_context(request, category)
        )
    if count_attempt(request, APPLY_POSTS, settings.APPLY_POST_RATE):
        return too_many_requests(request)
    context = _apply_form_context(request, category, data=request.POST, files=request.FILES)
    form = context["form"]
    if form.is_valid():
        try:
            application = submit_application(
                category=context["category"], details=form.cleaned_data, uploads=form.uploads()
            )
        except OSError:
            logger.exception("storing an application's documents failed")  # no personal data
            form.add_error(
                None, "保存材料时出错，这次申请没有提交成功。请稍后重新提交，或到社工站办理。"
            )
        else:
            request.session[RECEIPT_SESSION_KEY] = application.reference
            return redirect("services:apply-receipt")
    return render(request, APPLY_FORM_TEMPLATE, context, status=400)


def _apply_form_context(request: HttpRequest, category: str, data=None, files=None) -> dict:
    """The form page's context; bound to what was received when the form was posted."""
    chosen = get_object_or_404(ServiceCategory.objects.active(), slug=category)
    policy = ReviewPolicy.current()
    station = _station(request)
    form = ApplicationForm(
        data,
        files,
        category=chosen,
        policy=policy,
        cut_off=upload_cut_off(request),
        initial=_initial_from_station(station),
    )
    return {
        "title": f"{APPLY_TITLE}：{chosen.name}",
        "category": chosen,
        "policy": policy,
        "form": form,
        "station": station,
        "crumbs": [(APPLY_TITLE, reverse("services:apply")), (chosen.name, None)],
    }


def apply_receipt(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(RECEIPT_SESSION_KEY)
    application = (
        ServiceApplication.objects.select_related("category", "street")
        .filter(reference=reference)
        .first()
        if reference
        else None
    )
    if application is None:
        return redirect("services:apply")
    return render(
        request,
        "services/applications/receipt.html",
        {
            "title": "申请已提交",
            "application": application,
            "policy": ReviewPolicy.current(),
            "crumbs": [(APPLY_TITLE, reverse("services:apply")), ("申请回执", None)],
        },
    )


def _find_case(reference: str, phone_last4: str) -> ServiceApplication | None:
    """The case only when both parts match; one query and one comparison either way."""
    case = (
        ServiceApplication.objects.select_related("category", "street")
        .filter(reference=reference)
        .first()
    )
    stored = case.mobile[-4:] if case else "----"
    matches = hmac.compare_digest(stored.encode(), phone_last4.encode())
    return case if case is not None and matches else None


TRACK_TEMPLATE = "services/applications/track.html"
TRACK_TITLE = "查询申请进度"


def track(request: HttpRequest) -> HttpResponse:
    """The look-up form (GET, cached for everyone) and its result (POST, never cached).

    Look-ups go by POST with a CSRF token, so a third-party page cannot spend a visitor's
    miss budget with <img> tags, and the digits never travel in an address. A GET may carry
    `?reference=` (the receipt's link) to fill that one field in."""
    if request.method == "POST":
        return _track_lookup(request)
    reference = request.GET.get("reference", "")[:30]
    if reference:
        return render(
            request, TRACK_TEMPLATE, _track_context(TrackForm(initial={"reference": reference}))
        )
    return cached_form_page(request, TRACK_TEMPLATE, lambda: _track_context(TrackForm()))


def _track_lookup(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST)
    if not form.is_valid():
        return render(request, TRACK_TEMPLATE, _track_context(form))
    reference = form.cleaned_data["reference"]
    case = _find_case(reference, form.cleaned_data["phone_last4"])
    if case is None:
        # Count the miss first, then decide on that count (one atomic step), so concurrent
        # misses cannot slip past the limit; a correct pair is never counted or refused,
        # unless its own reference is under attack (see track_miss_limited).
        if track_miss_limited(request, reference):
            return too_many_requests(request)
    elif reference_locked(reference):
        return too_many_requests(request)
    response = render(
        request, TRACK_TEMPLATE, _track_context(form, case=case, not_found=case is None)
    )
    # A resident's case, or a look-up's answer: no cache anywhere may keep it.
    patch_cache_control(response, private=True, no_store=True)
    return response


def _track_context(form: TrackForm, case: ServiceApplication | None = None, **extra) -> dict:
    return {
        "title": TRACK_TITLE,
        "form": form,
        "case": case,
        "events": list(case.events.all()) if case else [],
        "not_found": False,
        "crumbs": [(TRACK_TITLE, None)],
        **extra,
    }


def track_miss_limited(request: HttpRequest, reference: str) -> bool:
    """Count a wrong pair against the client and against the reference it named; True
    (answer 429) when either is over TRACK_MISS_RATE.

    The client count stops one address guessing; the reference count stops many addresses
    guessing the four digits of one known reference (otherwise a 429 for wrong digits and a
    200 for the right ones would confirm the guess)."""
    over_client = count_attempt(request, TRACK_MISSES, settings.TRACK_MISS_RATE)
    over_reference = count(TRACK_REFERENCE_MISSES, reference, settings.TRACK_MISS_RATE)
    return over_client or over_reference


def reference_locked(reference: str) -> bool:
    """True while too many wrong digits were tried for this reference in the window."""
    return reached(TRACK_REFERENCE_MISSES, reference, settings.TRACK_MISS_RATE)


def privacy(request: HttpRequest) -> HttpResponse:
    """What is collected, why, for how long and whom to contact (linked from the form)."""
    title = "个人信息保护说明"
    return render(
        request,
        "services/applications/privacy.html",
        {
            "title": title,
            "sections": GuideSection.objects.for_page(Page.APPLICATIONS).filter(
                key__startswith="privacy-"
            ),
            "policy": ReviewPolicy.current(),
            "hub": ServicePoint.objects.filter(level=ServicePoint.Level.HUB).first(),
            "crumbs": [(APPLY_TITLE, reverse("services:apply")), (title, None)],
        },
    )
