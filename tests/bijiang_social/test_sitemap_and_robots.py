import datetime as dt
import re

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from bijiang_social import search
from bijiang_social.models import FaqQuestion, Notice

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_the_sections_notices_and_answers(client, guide):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    xml = response.content.decode()
    for name in ["overview", "services:index", "services:apply", "recruitment:index", "notices"]:
        assert f"<loc>http://testserver{reverse(name)}</loc>" in xml, name
    for notice in Notice.objects.published():
        assert f"<loc>http://testserver{notice.get_absolute_url()}</loc>" in xml
    assert f"<loc>http://testserver{FaqQuestion.objects.first().get_absolute_url()}</loc>" in xml
    assert "<lastmod>" in xml


def test_the_sitemap_leaves_out_scheduled_and_hidden_content(client, guide):
    later = Notice.objects.create(
        title="以后的公告", body="x", publish_on=timezone.localdate() + dt.timedelta(days=3)
    )
    hidden = FaqQuestion.objects.first()
    hidden.is_published = False
    hidden.save()
    xml = client.get(reverse("sitemap")).content.decode()
    assert later.get_absolute_url() not in xml
    assert f"{hidden.get_absolute_url()}<" not in xml


def test_the_sitemap_stays_within_its_query_budget(client, guide, django_assert_max_num_queries):
    # One query for each kind of searchable content, one for the recruitment rounds and one
    # for the footer's statements.
    with django_assert_max_num_queries(len(search.providers()) + 2):
        client.get(reverse("sitemap"))


def test_robots_txt_points_to_the_sitemap_and_keeps_admin_out(client):
    response = client.get(reverse("robots"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert f"Disallow: {reverse('admin:index')}" in lines
    assert f"Sitemap: http://testserver{reverse('sitemap')}" in lines


def test_robots_txt_refuses_a_post(client):
    assert client.post(reverse("robots")).status_code == 405


def test_a_kind_registered_for_search_gets_its_pages_in_the_sitemap(client, guide):
    provider = search.Provider(
        key="test-kind",
        label="测试",
        queryset=FaqQuestion.objects.published,
        fields=("question",),
        url=lambda question: f"/test-kind/{question.pk}/",
    )
    search.register(provider)
    try:
        xml = client.get(reverse("sitemap")).content.decode()
    finally:
        search._registry.pop(provider.key)
    assert f"/test-kind/{FaqQuestion.objects.first().pk}/</loc>" in xml


def test_content_without_a_page_of_its_own_yet_is_left_out(client, guide, huanbei):
    # Streets link to services:street, which the service-network release builds.
    xml = client.get(reverse("sitemap")).content.decode()
    try:
        assert huanbei.get_absolute_url() in xml
    except NoReverseMatch:
        assert "huanbei" not in xml


def test_the_sitemap_lists_each_location_once(client, guide):
    # Every training channel links to the training page, every post to its round's
    # eligibility page: those pages are still listed once.
    xml = client.get(reverse("sitemap")).content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert len(locations) == len(set(locations))
    assert f"<loc>http://testserver{reverse('careers:training')}</loc>" in xml


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith(".ico")
    assert client.get(response["Location"]).status_code == 200


def test_every_page_links_its_icon(client, guide):
    html = client.get(reverse("overview")).content.decode()
    assert 'rel="icon"' in html
