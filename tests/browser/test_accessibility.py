"""axe-core (WCAG 2.1 A and AA) on every page the crawl reaches from /, and on EXTRA_PAGES, in
both the standard and the age-friendly mode: zero violations. In the age-friendly mode the AAA
contrast rule (7:1) and the target-size rule run too.

A new page is covered as soon as a link reaches it; see tests/bijiang_social/crawl.py for the
bounds and for EXTRA_PAGES (forms with errors, receipts)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from bijiang_social import elder_mode
from tests.bijiang_social.crawl import EXTRA_PAGES, Extra, site_urls

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
STANDARD = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
AGE_FRIENDLY = {
    **STANDARD,
    "rules": {"color-contrast-enhanced": {"enabled": True}, "target-size": {"enabled": True}},
}


# The site's stylesheet is applied (the header has the portal's dark blue).
STYLED = "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
STYLED = f"{STYLED} === 'rgb(10, 61, 107)'"


def _report(url: str, violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{url}: {violation['id']} ({violation['help']}) at {targets}")
    return "\n".join(lines)


def _audit(page, live_server, *, elder: bool) -> list[str]:
    if elder:
        page.context.add_cookies(
            [
                {
                    "name": elder_mode.COOKIE_NAME,
                    "value": elder_mode.COOKIE_VALUE,
                    "url": live_server.url,
                }
            ]
        )
    axe = Axe()
    options = AGE_FRIENDLY if elder else STANDARD
    targets: list[tuple[str, Extra | None]] = [(url, None) for url in site_urls()]
    targets += [(extra.url(), extra) for extra in EXTRA_PAGES]
    problems = []
    for url, extra in targets:
        page.goto(live_server.url + url)
        assert page.evaluate(STYLED), f"{url}: the site's stylesheet did not load"
        for name, value in (extra.fill() if extra and extra.fill else {}).items():
            page.locator(f"main form [name={name}]").first.fill(value)
        if extra and extra.submit:
            page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
            with page.expect_navigation():
                page.locator(extra.submit).first.click()
        violations = axe.run(page, options=options).response["violations"]
        if violations:
            problems.append(_report(url, violations))
    assert len(targets) >= 10, "the crawl found too few pages; is the site's navigation broken?"
    return problems


def test_every_page_has_no_wcag_21_aa_violations(live_server, guide, phone_page):
    problems = _audit(phone_page, live_server, elder=False)
    assert not problems, "\n".join(problems)


def test_every_page_in_the_age_friendly_mode_has_no_violations_and_7_to_1_contrast(
    live_server, guide, phone_page
):
    problems = _audit(phone_page, live_server, elder=True)
    assert not problems, "\n".join(problems)


def test_the_audit_would_catch_a_missing_label_and_low_contrast(live_server, guide, phone_page):
    """The harness itself works: a broken page does produce violations."""
    phone_page.goto(live_server.url + "/")
    phone_page.evaluate(
        """() => {
          const main = document.querySelector('main');
          main.insertAdjacentHTML('beforeend', '<input type="text" id="unlabelled">');
          const faint = document.createElement('p');
          faint.textContent = '浅色文字';
          faint.style.color = '#bbb';
          main.appendChild(faint);
        }"""
    )
    found = {v["id"] for v in Axe().run(phone_page, options=STANDARD).response["violations"]}
    assert {"label", "color-contrast"} <= found


def test_the_age_friendly_audit_holds_body_text_to_7_to_1(live_server, guide, phone_page):
    phone_page.goto(live_server.url + "/")
    phone_page.evaluate(
        """() => {
          const grey = document.createElement('p');
          grey.textContent = '对比度只有五比一的文字';
          grey.style.color = '#6b6b6b';
          document.querySelector('main').appendChild(grey);
        }"""
    )
    standard = {v["id"] for v in Axe().run(phone_page, options=STANDARD).response["violations"]}
    strict = {v["id"] for v in Axe().run(phone_page, options=AGE_FRIENDLY).response["violations"]}
    assert "color-contrast" not in standard
    assert "color-contrast-enhanced" in strict
