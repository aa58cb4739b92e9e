"""The service network pages: the network, a street, a service point, find, rural visits."""

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from accounts.models import Street
from bijiang_social.models import GuideSection, KeyFigure, Page
from services import geo
from services.forms import FindForm
from services.ical import rural_visits_calendar
from services.models import (
    FeatureProject,
    RuralVisit,
    ServiceDomain,
    ServicePoint,
    service_circle_minutes,
)

MAP_WIDTH, MAP_HEIGHT = 600, 480
FIND_LIMIT = 20
FEED_KEEPS_PAST_DAYS = 31


def _today() -> dt.date:
    return timezone.localdate()


def _crumbs(*trail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [("社工服务网络", reverse("services:index")), *trail]


def index(request: HttpRequest) -> HttpResponse:
    points = list(ServicePoint.objects.select_related("street").in_level_order())
    stations = [p for p in points if p.level != ServicePoint.Level.COMMUNITY]
    counts = {level: 0 for level in ServicePoint.Level.values}
    for point in points:
        counts[point.level] += 1
    # One projection for every point, so the community dots sit where they belong.
    placed = geo.map_markers(points, MAP_WIDTH, MAP_HEIGHT)
    sections = GuideSection.objects.for_page(Page.SERVICES).in_bulk(field_name="key")
    return render(
        request,
        "services/index.html",
        {
            "levels": [(level.label, counts[level]) for level in ServicePoint.Level],
            "stations": stations,
            "markers": [m for m in placed if m.item.level != ServicePoint.Level.COMMUNITY],
            "dots": [m for m in placed if m.item.level == ServicePoint.Level.COMMUNITY],
            "map_width": MAP_WIDTH,
            "map_height": MAP_HEIGHT,
            "figures": list(KeyFigure.objects.for_page(Page.SERVICES)),
            # "services-rural-posts" → sections.rural_posts in the template
            "sections": {
                key.removeprefix("services-").replace("-", "_"): section
                for key, section in sections.items()
            },
            "domains": list(ServiceDomain.objects.all()),
            "projects": list(FeatureProject.objects.select_related("street")),
            "visits": list(RuralVisit.objects.upcoming(_today()).select_related("start_point")[:3]),
            "crumbs": [("社工服务网络", None)],
        },
    )


def street(request: HttpRequest, slug: str) -> HttpResponse:
    street = get_object_or_404(Street, slug=slug)
    points = list(street.points.in_level_order().prefetch_related("domains"))
    return render(
        request,
        "services/street.html",
        {
            "street": street,
            "stations": [p for p in points if p.level == ServicePoint.Level.STREET],
            "community_points": [p for p in points if p.level == ServicePoint.Level.COMMUNITY],
            "projects": list(street.feature_projects.all()),
            "visits": list(
                RuralVisit.objects.upcoming(_today())
                .filter(start_point__street=street)
                .select_related("start_point")
            ),
            "crumbs": _crumbs((street.name, None)),
        },
    )


def station(request: HttpRequest, slug: str) -> HttpResponse:
    point = get_object_or_404(
        ServicePoint.objects.select_related("street").prefetch_related("domains"), slug=slug
    )
    parent = point.parent()
    trail = [(point.street.name, point.street.get_absolute_url())] if point.street else []
    return render(
        request,
        "services/station.html",
        {
            "point": point,
            "parent": parent,
            "walk_from_parent": geo.walk(parent.coordinates, point.coordinates) if parent else None,
            "children": list(point.children()),
            "visits": list(point.rural_visits.upcoming(_today())),
            "walking_speed": geo.WALKING_SPEED_KM_PER_HOUR,
            "crumbs": _crumbs(*trail, (point.name, None)),
        },
    )


def find(request: HttpRequest) -> HttpResponse:
    form = FindForm(request.GET or None)
    context = {
        "form": form,
        "searched": False,
        "walking_speed": geo.WALKING_SPEED_KM_PER_HOUR,
        "route_factor": geo.ROUTE_FACTOR,
        "crumbs": _crumbs(("查找就近站点", None)),
    }
    if form.is_valid() and form.has_search():
        query, origin = form.cleaned_data["q"], form.cleaned_data["origin"]
        points = ServicePoint.objects.select_related("street").in_level_order()
        if query:
            points = points.search(query)
        circle_minutes = service_circle_minutes()
        # With a location every matching point is ranked (the network has tens of points, not
        # thousands); without one, the first matches in level order are enough.
        candidates = points if origin else points[: FIND_LIMIT + 1]
        ranked = geo.rank_by_distance(candidates, origin, circle_minutes)
        context.update(
            searched=True,
            query=query,
            origin=origin,
            outside_district=origin is not None and not geo.inside_district(origin),
            circle_minutes=circle_minutes,
            streets=list(Street.objects.search(query)) if query else [],
            results=ranked[:FIND_LIMIT],
            more_results=len(ranked) > FIND_LIMIT,
        )
        if not ranked:
            context["hub"] = ServicePoint.objects.hubs().first()
    return render(request, "services/find.html", context)


def rural_visits(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "services/rural_visits.html",
        {
            "visits": list(
                RuralVisit.objects.upcoming(_today()).select_related("start_point__street")
            ),
            "section": GuideSection.objects.for_page(Page.SERVICES)
            .filter(key="services-rural-posts")
            .first(),
            "crumbs": _crumbs(("流动社工进村日程", None)),
        },
    )


def rural_visits_ics(request: HttpRequest) -> HttpResponse:
    since = _today() - dt.timedelta(days=FEED_KEEPS_PAST_DAYS)
    visits = RuralVisit.objects.since(since).select_related("start_point")
    body = rural_visits_calendar(visits, settings.SITE_DOMAIN, timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="bijiang-rural-visits.ics"'
    return response
