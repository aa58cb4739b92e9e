"""The site's identity (主办、承办、联系方式、标识码、备案号、党政机关网站标识) in every page's
footer and meta tags, in both modes; column and article pages carry their own meta tags."""

import re

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from bijiang_social.models import Column, FaqQuestion, Notice, SiteIdentity
from tests.bijiang_social.crawl import crawl

pytestmark = pytest.mark.django_db

ARTICLE_VIEWS = {"notice-detail", "faq-detail"}


def _meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta name="{name}" content="([^"]*)"', html)
    return found.group(1) if found else None


def _footer(html: str) -> str:
    return html[html.index('<footer class="site-footer">') :]


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "age-friendly"])
def test_every_page_shows_the_identity_in_its_footer_and_meta_tags(guide, elder):
    identity = SiteIdentity.objects.get()
    pages = crawl(elder=elder).pages
    assert len(pages) > 20
    problems = []
    for url, html in pages.items():
        footer = _footer(html)
        wanted = {
            "主办单位": f"主办单位：{identity.sponsor}" in footer,
            "承办单位": f"承办单位：{identity.organizer}" in footer,
            "address": identity.address in footer,
            "phone": identity.phone in footer,
            "e-mail": f'href="mailto:{identity.email}"' in footer,
            "网站标识码": f"网站标识码：{identity.site_code}" in footer,
            "ICP备案号 linked": f'<a href="https://beian.miit.gov.cn/">{identity.icp_number}</a>'
            in footer,
            "公安备案号 linked": "registerSystemInfo?recordcode=52060202000000" in footer,
            "党政机关网站标识": 'alt="党政机关网站标识"' in footer and "/static/img/dzjg" in footer,
            "示例数据": "示例数据" in footer,
            "privacy statement": reverse("statement", args=["privacy"]) in footer,
            "copyright": "版权所有" in footer and "©" in footer,
            "SiteName": _meta(html, "SiteName") == identity.site_name,
            "SiteDomain": _meta(html, "SiteDomain") == identity.domain,
            "SiteIDCode": _meta(html, "SiteIDCode") == identity.site_code,
        }
        problems += [f"{url}: no {what}" for what, ok in wanted.items() if not ok]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "age-friendly"])
def test_column_pages_carry_their_column_and_article_pages_their_article(client, guide, elder):
    if elder:
        client.cookies["bj_elder"] = "1"
    for column in Column.objects.all():
        html = client.get(column.get_absolute_url()).content.decode()
        assert _meta(html, "ColumnName") == column.name, column.view_name
        assert _meta(html, "ColumnType") == column.column_type
        assert _meta(html, "ColumnDescription") == column.description
        assert _meta(html, "ColumnKeywords") == column.keywords
        assert _meta(html, "ArticleTitle") is None
    notice = Notice.objects.published().first()
    html = client.get(notice.get_absolute_url()).content.decode()
    assert _meta(html, "ArticleTitle") == notice.title
    assert _meta(html, "PubDate").startswith(notice.publish_on.isoformat())
    assert _meta(html, "ContentSource") == "碧江区民政局"
    assert notice.get_category_display() in _meta(html, "Keywords")
    assert _meta(html, "ColumnName") == "公告"
    question = FaqQuestion.objects.published().first()
    html = client.get(question.get_absolute_url()).content.decode()
    assert _meta(html, "ArticleTitle") == question.question
    edited_on = timezone.localtime(question.updated_at).date()  # the portal's date, not UTC's
    assert _meta(html, "PubDate").startswith(edited_on.isoformat())
    assert _meta(html, "ColumnName") == "社工问一问"


def test_every_column_names_a_page_that_exists(guide):
    for column in Column.objects.all():
        assert resolve(column.get_absolute_url()).view_name == column.view_name


def test_real_codes_entered_in_the_admin_replace_the_samples_in_the_footer(
    client, superuser, guide
):
    client.force_login(superuser)
    admin_client = client
    identity = SiteIdentity.objects.get()
    url = reverse("admin:bijiang_social_siteidentity_change", args=[identity.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(
        site_code="5206020011",
        icp_number="黔ICP备12345678号-2",
        police_number="黔公网安备 52060202000123号",
        source=identity.source_id,
        is_sample="",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    html = admin_client.get(reverse("overview")).content.decode()
    footer = _footer(html)
    assert "网站标识码：5206020011" in footer
    assert "recordcode=52060202000123" in footer and "黔ICP备12345678号-2" in footer
    assert "示例数据" not in footer
    assert _meta(html, "SiteIDCode") == "5206020011"


def test_the_admin_offers_no_second_identity_and_no_delete(client, superuser, guide):
    client.force_login(superuser)
    admin_client = client
    assert admin_client.get(reverse("admin:bijiang_social_siteidentity_add")).status_code == 403
    identity = SiteIdentity.objects.get()
    delete = reverse("admin:bijiang_social_siteidentity_delete", args=[identity.pk])
    assert admin_client.get(delete).status_code == 403


def test_the_privacy_statement_is_a_page_from_the_database(client, guide):
    response = client.get(reverse("statement", args=["privacy"]))
    html = response.content.decode()
    assert "<h1>隐私声明</h1>" in html
    assert "<h2>本站使用的 Cookie</h2>" in html
    assert client.get(reverse("statement", args=["no-such"])).status_code == 404


def test_footer_and_meta_tags_cost_one_query_together(client, guide, django_assert_max_num_queries):
    client.get(reverse("faq"))
    with django_assert_max_num_queries(3):
        html = client.get(reverse("faq")).content.decode()
    assert _meta(html, "ColumnName") == "社工问一问"
