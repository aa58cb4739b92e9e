"""Every page the crawl reaches from / (and every extra page) has the shape the issue asks for:
one <h1>, a title and description, zh-Hans, landmarks, a skip link, breadcrumbs below the top
level, the feed link — and every crawled page is in the sitemap."""

import re

import pytest
from django.urls import resolve, reverse

from tests.bijiang_social.crawl import EXTRA_PAGES, crawl

pytestmark = pytest.mark.django_db

# URL names that are pages but deliberately not in the sitemap (results of a query).
SITEMAP_EXEMPT = {"search"}


@pytest.fixture
def pages(guide):
    result = crawl()
    assert not result.broken, f"links to pages that fail: {result.broken}"
    return result.pages


def test_the_crawl_reaches_the_new_pages(pages):
    for name in ["overview", "notices", "faq", "search"]:
        assert reverse(name) in pages


def test_no_link_in_the_age_friendly_mode_is_broken(guide):
    result = crawl(elder=True)
    assert not result.broken, result.broken
    assert reverse("services:track") in result.pages


@pytest.mark.parametrize("mode", ["standard", "age-friendly"])
def test_every_page_has_one_h1_a_title_a_description_and_landmarks(guide, mode):
    result = crawl(elder=mode == "age-friendly")
    problems = []
    for url, html in result.pages.items():
        checks = {
            "one <h1>": html.count("<h1") == 1,
            "lang zh-Hans": '<html lang="zh-Hans"' in html,
            "viewport": '<meta name="viewport"' in html,
            "title": bool(re.search(r"<title>[^<\s][^<]{3,}</title>", html)),
            "description": bool(re.search(r'<meta name="description" content="[^"]{10,}"', html)),
            "header, nav, main, footer": all(
                tag in html for tag in ("<header", "<nav", '<main id="main"', "<footer")
            ),
            "skip link": 'href="#main"' in html,
            "feed link": 'type="application/atom+xml"' in html,
            "breadcrumbs": url == reverse("overview") or 'class="breadcrumbs"' in html,
            "age-friendly switch": reverse("elder-mode-on") in html
            or reverse("elder-mode-off") in html,
        }
        problems += [f"{url}: no {what}" for what, ok in checks.items() if not ok]
    assert not problems, "\n".join(problems)


def test_no_page_has_inline_scripts_styles_or_handlers(pages):
    for url, html in pages.items():
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert "<style" not in html and " style=" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url


def test_every_extra_page_answers(client, guide):
    for extra in EXTRA_PAGES:
        response = client.get(extra.url())
        assert response.status_code in (200, 404), extra
        assert response.content.decode().count("<h1") == 1, extra


def test_every_crawled_page_is_in_the_sitemap(client, pages):
    sitemap = client.get(reverse("sitemap")).content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    listed = {re.sub(r"^https?://[^/]+", "", loc) for loc in locations}
    missing = [
        url
        for url in pages
        if "?" not in url and resolve(url).view_name not in SITEMAP_EXEMPT and url not in listed
    ]
    assert not missing, f"add these to bijiang_social/sitemaps.py: {missing}"
