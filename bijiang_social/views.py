from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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


def section_preview(request: HttpRequest, page: str, title: str, offers: list[str]) -> HttpResponse:
    """A section that a later release builds: says what it will offer and quotes the guide."""
    return render(
        request,
        "bijiang_social/section_preview.html",
        {
            "title": title,
            "offers": offers,
            "crumbs": [(title, None)],
            "sections": list(GuideSection.objects.for_page(page)),
        },
    )
