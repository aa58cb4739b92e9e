"""/sitemap.xml: every public page, each location once.

Three sources, each filled by the app that owns the pages, from its AppConfig.ready():
- `register_pages("services:index", …)`: pages without a model behind them, by URL name;
- `register_section(key, sitemap)`: any other Django Sitemap (recruitment's pages per round);
- every kind of content registered for the site search (bijiang_social/search.py) whose rows
  have a page of their own — so registering a search provider also puts its pages in the
  sitemap. Rows whose URL does not resolve yet (a detail page not built) are left out.

Several rows may link to one page (every recruitment post to its round's eligibility page,
every training channel to the training page): the sitemap lists each location once, with the
first source's details.
"""

from typing import Any, NamedTuple

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

from bijiang_social import search
from bijiang_social.models import Statement

_page_names: list[str] = []
_sections: dict[str, Sitemap] = {}


def register_pages(*names: str) -> None:
    """Add pages without a model behind them, by URL name."""
    _page_names.extend(name for name in names if name not in _page_names)


def register_section(key: str, sitemap: Sitemap) -> None:
    """Add (or replace, by key) a Django Sitemap of an app's pages."""
    _sections[key] = sitemap


class StaticPages(Sitemap):
    """Pages without a model behind them, by URL name."""

    changefreq = "weekly"

    def items(self):
        return list(_page_names)

    def location(self, item):
        return reverse(item)


class StatementPages(Sitemap):
    """The footer's statements (隐私声明, 无障碍声明)."""

    changefreq = "yearly"

    def items(self):
        return list(Statement.objects.all())

    def lastmod(self, item):
        return item.updated_at


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


class Entry(NamedTuple):
    location: str
    lastmod: Any
    changefreq: str | None


def _attribute(sitemap: Sitemap, name: str, item: Any) -> Any:
    value = getattr(sitemap, name, None)
    return value(item) if callable(value) else value


def sections() -> list[Sitemap]:
    providers = [ProviderPages(provider) for provider in search.providers()]
    return [StaticPages(), *_sections.values(), *providers]


class SitePages(Sitemap):
    """Every registered source, each location once (the first source wins)."""

    def items(self) -> list[Entry]:
        entries: dict[str, Entry] = {}
        for section in sections():
            for item in section.items():
                location = section.location(item)
                if location not in entries:
                    entries[location] = Entry(
                        location,
                        _attribute(section, "lastmod", item),
                        _attribute(section, "changefreq", item),
                    )
        return list(entries.values())

    def location(self, item: Entry) -> str:
        return item.location

    def lastmod(self, item: Entry):
        return item.lastmod

    def changefreq(self, item: Entry):
        return item.changefreq


def sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_views.sitemap(request, sitemaps={"site": SitePages()})
