"""/sitemap.xml: every public page.

Two sources: StaticPages (pages without a model, by URL name: add a name to `names`), and every
kind of content registered for the site search (bijiang_social/search.py) whose rows have a
page of their own — so registering a search provider also puts its pages in the sitemap. Rows
whose URL does not resolve yet (a detail page not built) are left out.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

from bijiang_social import search


class StaticPages(Sitemap):
    """Pages without a model behind them, by URL name."""

    changefreq = "weekly"
    names = [
        "overview",
        "services:index",
        "services:find",
        "services:apply",
        "services:track",
        "services:rural-visits",
        "services:privacy",
        "recruitment:index",
        "careers:index",
        "careers:subsidies",
        "careers:training",
        "careers:promotion",
        "careers:login",
        "notices",
        "faq",
    ]

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)


class ProviderPages(Sitemap):
    """The pages of one kind of searchable content (one query)."""

    changefreq = "monthly"

    def __init__(self, provider: search.Provider):
        self.provider = provider

    def items(self):
        pages = []
        for obj in self.provider.queryset():
            try:
                pages.append((self.provider.url(obj), obj))
            except NoReverseMatch:
                continue
        return pages

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return getattr(item[1], "updated_at", None)


class RecruitmentRoundPages(Sitemap):
    """Each public round's four pages (guide, eligibility, score, results)."""

    changefreq = "weekly"
    names = [
        "recruitment:round",
        "recruitment:eligibility",
        "recruitment:score",
        "recruitment:results",
    ]

    def items(self):
        from recruitment.models import RecruitmentRound

        years = RecruitmentRound.objects.public().values_list("year", flat=True)
        return [(name, year) for year in years for name in self.names]

    def location(self, item):
        name, year = item
        return reverse(name, args=[year])


def sitemaps() -> dict[str, Sitemap]:
    sections: dict[str, Sitemap] = {"pages": StaticPages(), "recruitment": RecruitmentRoundPages()}
    for provider in search.providers():
        sections[provider.key] = ProviderPages(provider)
    return sections


def sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_views.sitemap(request, sitemaps=sitemaps())
