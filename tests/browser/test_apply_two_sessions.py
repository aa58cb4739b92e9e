"""With the page cache on, two residents who load the form at the same time each get their
own CSRF token: both submissions succeed (a cached page must never carry another's token)."""

import pytest
from django.urls import reverse

from services.applications.models import ServiceApplication
from services.models import ServicePoint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.page_cache]


def _fill(page, community: ServicePoint, name: str) -> None:
    page.get_by_label("申请人姓名").fill(name)
    page.get_by_label("身份证号码").fill("522201199001011230")
    page.get_by_label("手机号码").fill("13912345678")
    page.get_by_label("所在街道").select_option(str(community.street_id))
    page.get_by_label("所在社区").select_option(str(community.pk))
    page.get_by_label("需要什么帮助").fill("楼道堆放杂物引发邻里矛盾，希望调解。")
    page.get_by_label("我同意", exact=False).check()


def test_two_fresh_sessions_load_the_form_and_both_submissions_succeed(live_server, guide, browser):
    community = ServicePoint.objects.filter(level="community").select_related("street").first()
    url = live_server.url + reverse("services:apply-form", args=["shequ-zhili"])
    contexts = [browser.new_context(viewport={"width": 360, "height": 740}) for _ in range(2)]
    try:
        pages = [context.new_page() for context in contexts]
        for page in pages:  # both load the form before either submits
            page.goto(url)
        tokens = [page.locator("[name=csrfmiddlewaretoken]").input_value() for page in pages]
        assert tokens[0] != tokens[1]
        for name, page in zip(["王甲", "王乙"], pages, strict=True):
            _fill(page, community, name)
            with page.expect_navigation():
                page.get_by_role("button", name="提交申请").click()
            errors = page.locator(".invalid-feedback, [role=alert]").all_inner_texts()
            assert page.locator("h1").inner_text() == "申请已提交", errors
    finally:
        for context in contexts:
            context.close()
    assert ServiceApplication.objects.count() == 2
