"""Every page is valid HTML by the W3C Nu HTML Checker: every crawled page in both modes, the
extra pages, and every form posted empty so that it shows its errors. One vnu run for all."""

import re

import pytest
from django.test import Client

from bijiang_social import elder_mode
from tests.bijiang_social import vnu
from tests.bijiang_social.crawl import EXTRA_PAGES, crawl

pytestmark = pytest.mark.django_db

_POST_FORM = re.compile(r'<form\b[^>]*\bmethod="post"[^>]*>', re.IGNORECASE)
_ACTION = re.compile(r'\baction="([^"]*)"')


def _client(elder: bool) -> Client:
    client = Client()
    if elder:
        client.cookies[elder_mode.COOKIE_NAME] = elder_mode.COOKIE_VALUE
    return client


def _html(response) -> str | None:
    if "text/html" not in response.get("Content-Type", ""):
        return None
    return response.content.decode()


def _forms_in_their_error_state(client: Client, pages: dict[str, str], mode: str) -> dict:
    """Each public form posted empty; the page it re-renders with its error messages."""
    shown, tried = {}, set()
    for url, html in pages.items():
        for form in _POST_FORM.findall(html):
            action = _ACTION.search(form)
            target = (action.group(1) if action and action.group(1) else url).split("?")[0]
            if target in tried:
                continue
            tried.add(target)
            response = client.post(target, {})
            page = _html(response)
            if response.status_code in (200, 400) and page and "<form" in page:
                shown[f"{mode} POST {target}"] = page
    return shown


def test_every_page_and_every_form_with_its_errors_is_valid_html(guide):
    pages: dict[str, str] = {}
    forms_with_errors = 0
    for mode in ("standard", "age-friendly"):
        client = _client(elder=mode == "age-friendly")
        crawled = crawl(client).pages
        assert crawled, "the crawl found no page"
        pages.update({f"{mode} {url}": html for url, html in crawled.items()})
        for extra in EXTRA_PAGES:
            if extra.fill:
                page = _html(client.post(extra.url(), extra.fill()))
                rating_form = 'name="closing-level"'
                assert page and rating_form in page, f"{extra}: no rating form in the answer"
                pages[f"{mode} POST {extra.url()} filled"] = page
                continue
            page = _html(client.get(extra.url()))
            if page:
                pages[f"{mode} {extra.url()}"] = page
        posted = _forms_in_their_error_state(client, crawled, mode)
        forms_with_errors += len(posted)
        pages.update(posted)
    assert forms_with_errors >= 2, "no form was checked in its error state"
    problems = vnu.errors(pages)
    assert not problems, f"{len(problems)} HTML errors in {len(pages)} pages:\n" + "\n".join(
        problems[:50]
    )
