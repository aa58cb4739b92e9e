import re

import pytest
from django.urls import reverse

from bijiang_social.models import GuideSection, KeyFigure

pytestmark = pytest.mark.django_db


def test_it_shows_every_key_figure_from_the_guide(client, guide):
    html = client.get(reverse("overview")).content.decode()
    for label, number in [
        ("本土社工机构", "12"),
        ("全职社工", "200"),
        ("政府购买服务资金", "800"),
        ("年均服务群众", "5"),
        ("持证上岗率", "65"),
        ("省级示范区域", "3"),
    ]:
        assert re.search(
            rf'key-figure-label">{label}</span>\s*<span class="key-figure-number">'
            rf'<span class="key-figure-value">{number}</span>',
            html,
        ), label


def test_it_shows_the_guide_prose(client, guide):
    html = client.get(reverse("overview")).content.decode()
    assert "“政府主导+机构参与+社区落地”的三维模式" in html
    assert "本土社工机构从3家增长至12家" in html
    assert "资深督导、项目主管、一线社工" in html
    assert "“邻里守望”" in html
    assert "社区养老、儿童关爱、社区矫正" in html


def test_a_figure_edited_in_the_database_shows_at_once(client, guide):
    KeyFigure.objects.filter(key="agencies").update(value="13")
    html = client.get(reverse("overview")).content.decode()
    assert '<span class="key-figure-value">13</span>' in html
    assert '<span class="key-figure-value">12</span>' not in html


def test_an_unpublished_section_is_hidden(client, guide):
    GuideSection.objects.filter(key="overview-linkage").update(is_published=False)
    html = client.get(reverse("overview")).content.decode()
    assert "部门联动与品牌活动" not in html


def test_the_page_has_one_h1_a_description_and_the_chinese_language(client, guide):
    html = client.get(reverse("overview")).content.decode()
    assert html.count("<h1") == 1
    assert '<html lang="zh-Hans">' in html
    assert '<meta name="viewport"' in html
    assert re.search(r'<meta name="description" content="[^"]{10,}">', html)


def test_the_footer_names_the_source_and_the_last_update(client, guide):
    html = client.get(reverse("overview")).content.decode()
    assert "碧江区社工发展全景、2024招聘及服务申请全指南" in html
    assert "本站信息最近更新" in html


def test_every_section_it_links_to_answers(client, guide):
    html = client.get(reverse("overview")).content.decode()
    links = set(re.findall(r'href="(/[^"]*)"', html))
    for section in ["services:index", "services:apply", "recruitment:index", "careers:index"]:
        assert reverse(section) in links
    for link in links:
        if link.startswith("/static/"):
            continue
        assert client.get(link, follow=True).status_code == 200, link


def test_it_stays_within_its_query_budget(client, guide, django_assert_max_num_queries):
    # 6 for the guide's content, 7 for the portal's live figures (services.ratings.data).
    with django_assert_max_num_queries(13):
        assert client.get(reverse("overview")).status_code == 200


def test_it_links_the_stylesheet_from_our_own_static_files(client, guide):
    html = client.get(reverse("overview")).content.decode()
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert stylesheets and all(href.startswith("/static/") for href in stylesheets)
    assert "cdn" not in html.lower()
