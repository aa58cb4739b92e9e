"""/sitemap/ (网站地图): every column, its sub-columns and its guide sections, in both modes;
the 无障碍声明 it links to comes from the database."""

import pytest
from django.urls import reverse

from bijiang_social.models import Column, GuideSection, Statement
from tests.bijiang_social.crawl import crawl, links_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "age-friendly"])
def test_the_site_map_lists_every_column_and_section(client, guide, elder):
    if elder:
        client.cookies["bj_elder"] = "1"
    html = client.get(reverse("site-map")).content.decode()
    assert "<h1>网站地图</h1>" in html
    links = links_in(html)
    for column in Column.objects.all():
        assert column.get_absolute_url() in links, column.name
        assert column.name in html
    for section in GuideSection.objects.published().filter(page="overview"):
        assert f"<li>{section.title}</li>" in html


def test_a_column_added_in_the_admin_appears_in_the_site_map(client, guide):
    Column.objects.filter(key="data").update(name="统计数据公开")
    assert "统计数据公开" in client.get(reverse("site-map")).content.decode()


def test_every_page_links_the_site_map_and_both_statements(guide):
    pages = crawl().pages
    wanted = [
        reverse("site-map"),
        reverse("statement", args=["privacy"]),
        reverse("statement", args=["accessibility"]),
    ]
    for url, html in pages.items():
        footer = html[html.index("<footer") :]
        assert all(f'href="{link}"' in footer for link in wanted), url


def test_the_accessibility_statement_names_the_standards_the_tests_and_whom_to_tell(client, guide):
    html = client.get(reverse("statement", args=["accessibility"])).content.decode()
    for words in ["WCAG", "2.1 AA", "GB/T 37668", "适老化", "axe-core", "Nu HTML Checker", "联系"]:
        assert words in html, words


def test_the_accessibility_statement_is_edited_in_the_admin(client, guide):
    Statement.objects.filter(key="accessibility").update(title="无障碍与适老化声明")
    html = client.get(reverse("statement", args=["accessibility"])).content.decode()
    assert "<h1>无障碍与适老化声明</h1>" in html


def test_the_site_map_stays_within_its_query_budget(client, guide, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert client.get(reverse("site-map")).status_code == 200
