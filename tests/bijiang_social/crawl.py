"""Crawl the public site from / the way a visitor would, following same-origin links.

Used by the accessibility pass (tests/browser/test_accessibility.py) and by the page-shape and
sitemap tests (tests/bijiang_social/test_every_page.py) and the HTML validity test
(tests/bijiang_social/test_valid_html.py, W3C vnu), so a page added anywhere is covered as
soon as something links to it. To cover a page no link reaches (a form with its errors, a
receipt), add an `Extra` to EXTRA_PAGES.

Bounded: at most MAX_PAGES_PER_ROUTE pages per URL pattern (46 station pages share one
template; the first few stand for the rest), at most MAX_QUERY_VARIANTS query-string variants
per path, at most MAX_PAGES pages in all.
"""

from __future__ import annotations

import html
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from accounts.steps import SYSTEM
from bijiang_social import elder_mode
from services.applications.rules import apply_transition

MAX_PAGES = 150
MAX_PAGES_PER_ROUTE = 4
MAX_QUERY_VARIANTS = 3
SKIP_SUFFIXES = (".ics", ".xml", ".txt", ".csv", ".xlsx", ".pdf", ".json")

_HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"', re.IGNORECASE)


@dataclass(frozen=True)
class Extra:
    """A page the crawl cannot reach by links.

    name/kwargs/query: the URL (`kwargs` may be a callable that creates the data the page needs
    and returns the kwargs); or `path` for a literal path (the 404 page).
    submit: a CSS selector the browser clicks before the audit, with the browser's own form
    validation switched off, so the server's error state is what gets audited.
    fill: a callable that creates the data a form needs and returns {field name: value}; the
    browser types them into the page's form before `submit`, the HTML check POSTs them.
    """

    name: str = ""
    kwargs: dict | Callable[[], dict] = field(default_factory=dict)
    query: str = ""
    path: str = ""
    submit: str = ""
    fill: Callable[[], dict[str, str]] | None = None

    def url(self) -> str:
        if self.path:
            return self.path
        kwargs = self.kwargs() if callable(self.kwargs) else self.kwargs
        return reverse(self.name, kwargs=kwargs) + (f"?{self.query}" if self.query else "")


# The lead extends this after the merge, e.g.
#   Extra("services:apply", submit="main form [type=submit]")       # the form with its errors
#   Extra("services:receipt", kwargs=make_demo_application)           # a receipt
def _closed_case_to_track() -> dict[str, str]:
    """A closed case's look-up: the tracking page then shows the case and its rating form."""
    from accounts.models import Street
    from services.applications.models import ServiceCategory
    from tests.services.conftest import MOBILE, bring_into_service, make_case

    case = make_case(ServiceCategory.objects.get(slug="minsheng-doudi"), Street.objects.first())
    bring_into_service(case, SYSTEM)
    apply_transition(case, "close", SYSTEM)
    return {"reference": case.reference, "phone_last4": MOBILE[-4:]}


def _worker_link(with_account: bool) -> dict[str, str]:
    """A token from the clerk's link: an activation (no account yet) or a password reset."""
    import uuid

    from django.contrib.auth import get_user_model

    from accounts.models import Street
    from careers.accounts import invite, offer_password_reset
    from careers.models import SocialWorker

    worker = SocialWorker.objects.create(name="陈静", street=Street.objects.first())
    if not with_account:
        return {"token": invite(worker, None)}
    worker.user = get_user_model().objects.create_user(username=f"chen-{uuid.uuid4().hex[:8]}")
    worker.save(update_fields=["user"])
    return {"token": offer_password_reset(worker, None)}


def _last_question() -> dict:
    """The last answer: the crawl's per-pattern bound stops before it."""
    from bijiang_social.models import FaqQuestion

    return {"pk": FaqQuestion.objects.published().last().pk}


EXTRA_PAGES: list[Extra] = [
    Extra("search", query="q=补贴", submit="main form [type=submit]"),
    Extra("faq-detail", kwargs=_last_question),
    Extra("search", query="q=%25%25%25"),
    Extra("search", query="q=没有这样的内容"),
    Extra(path="/no-such-page/"),
    # Forms in their error and answer states.
    Extra(
        "services:apply-form",
        kwargs={"category": "minsheng-doudi"},
        submit="main form [type=submit]",
    ),
    Extra("services:track", submit="main form [type=submit]"),
    Extra("error-report", query="page=/notices/", submit="main form [type=submit]"),
    # The pages a social worker reaches only from her clerk's link, with their errors.
    Extra("careers:activate", kwargs=lambda: _worker_link(False), submit="main form [type=submit]"),
    Extra(
        "careers:reset-password",
        kwargs=lambda: _worker_link(True),
        submit="main form [type=submit]",
    ),
    # A found closed case with its 好差评 form.
    Extra("services:track", fill=_closed_case_to_track, submit="main form [type=submit]"),
    Extra("services:find", query="lat=27.72&lng=109.19"),
    Extra("recruitment:score", kwargs={"year": 2024}, query="written=58&interview=69&certified=1"),
    Extra("recruitment:score", kwargs={"year": 2024}, query="written=abc&interview=101"),
    Extra(
        "recruitment:eligibility",
        kwargs={"year": 2024},
        query="education=1&social_work_level=none&eldercare_certificate=yes&local=no"
        "&grassroots_years=0",
    ),
    Extra("careers:subsidies", query="level=intermediate&project_months=12"),
    Extra("careers:subsidies", query="level=unknown&project_months=13"),
    Extra("careers:promotion", query="role=frontline&years=1&key_projects=1&level=none"),
    Extra("careers:promotion", query="role=&years=abc&key_projects=&level=none"),
    Extra("services:track", query="reference=x&phone_last4=1"),
    Extra("services:find", query="lat=abc&lng=109.19"),
    Extra("recruitment:eligibility", kwargs={"year": 2024}, query="grassroots_years=一年"),
]


def _skipped_prefixes() -> tuple[str, ...]:
    return (
        reverse("admin:index"),
        settings.STATIC_URL,
        reverse("notices-feed"),
        reverse("sitemap"),
        reverse("robots"),
        reverse("elder-mode-on"),  # also covers elder-mode/off/: switching is tested apart
    )


def links_in(page_html: str) -> list[str]:
    return [html.unescape(href) for href in _HREF.findall(page_html)]


def _same_origin_path(href: str) -> str | None:
    href, _ = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None  # another site, tel:, mailto:, a fragment or a relative link
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _route(path: str) -> str:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return path
    return match.route


@dataclass
class CrawlResult:
    pages: dict[str, str] = field(default_factory=dict)  # url -> html of every 200 text/html
    broken: dict[str, int] = field(default_factory=dict)  # url -> status (4xx/5xx)


def crawl(client: Client | None = None, *, elder: bool = False, start: str = "/") -> CrawlResult:
    client = client or Client()
    if elder:
        client.cookies[elder_mode.COOKIE_NAME] = elder_mode.COOKIE_VALUE
    skipped = _skipped_prefixes()
    result = CrawlResult()
    seen: set[str] = {start}
    per_route: dict[str, int] = {}
    variants: dict[str, int] = {}
    queue = deque([start])
    while queue and len(result.pages) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code >= 400:
            result.broken[url] = response.status_code
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page_html = response.content.decode()
        result.pages[url] = page_html
        for href in links_in(page_html):
            path = _same_origin_path(href)
            if not path or path in seen:
                continue
            bare = urlsplit(path).path
            if bare.startswith(skipped) or bare.endswith(SKIP_SUFFIXES):
                continue
            if "?" in path:
                if variants.get(bare, 0) >= MAX_QUERY_VARIANTS:
                    continue
                variants[bare] = variants.get(bare, 0) + 1
            else:
                route = _route(bare)
                if per_route.get(route, 0) >= MAX_PAGES_PER_ROUTE:
                    continue
                per_route[route] = per_route.get(route, 0) + 1
            seen.add(path)
            queue.append(path)
    return result


def site_urls() -> list[str]:
    """Every page the crawl reaches in either mode, without repeats (EXTRA_PAGES not included)."""
    urls = list(crawl().pages)
    return urls + [u for u in crawl(elder=True).pages if u not in urls]
