"""A resident who uses only the keyboard applies from the home page to the receipt."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_accessibility import STANDARD, _report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MAX_TABS = 80


def _tab_to(page, describe: str, matches) -> None:
    """Press Tab until the focused element satisfies `matches` (a JS predicate on it)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {matches})(document.activeElement)"):
            return
    raise AssertionError(f"{describe} cannot be reached with the Tab key")


def _tab_to_link(page, text: str) -> None:
    _tab_to(page, f"the link {text}", f"el.tagName === 'A' && el.textContent.trim() === {text!r}")


def _tab_to_field(page, field_id: str) -> None:
    _tab_to(page, f"the field #{field_id}", f"el.id === {field_id!r}")


def test_a_keyboard_only_resident_applies_from_home_to_the_receipt(live_server, guide, phone_page):
    page = phone_page
    page.goto(live_server.url + "/")

    _tab_to_link(page, "申请服务")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("在线申请社工服务")

    _tab_to_link(page, "申请社区治理服务")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("社区治理")

    _tab_to_field(page, "id_applicant_name")
    page.keyboard.type("李四")
    _tab_to_field(page, "id_id_number")
    page.keyboard.type("522201199001011230")
    _tab_to_field(page, "id_mobile")
    page.keyboard.type("13912345678")
    _tab_to_field(page, "id_street")
    page.keyboard.press("ArrowDown")  # the first street in the list
    _tab_to_field(page, "id_community")
    page.keyboard.press("ArrowDown")  # the first community of the list
    _tab_to_field(page, "id_help_needed")
    page.keyboard.type("楼上邻居长期噪音扰民，希望社工帮忙调解。")
    _tab_to_field(page, "id_consent")
    page.keyboard.press("Space")
    # The focus ring is visible on every control reached.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    _tab_to(
        page, "the submit button", "el.type === 'submit' && el.textContent.includes('提交申请')"
    )
    page.keyboard.press("Enter")

    # The lists are ordered by street, so the first community belongs to the first street.
    expect(page.get_by_role("heading", level=1)).to_have_text("申请已提交")
    expect(page.get_by_text(re.compile(r"BJ-\d{4}-[0-9A-Z]{6}")).first).to_be_visible()
    # The receipt can only be reached by applying, so the crawl's axe audit runs here.
    violations = Axe().run(page, options=STANDARD).response["violations"]
    assert not violations, _report(page.url, violations)
