import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

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
    # A count and a page of rows for each section backed by a model.
    with django_assert_max_num_queries(4):
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
