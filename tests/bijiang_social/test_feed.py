import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from bijiang_social.models import Notice

pytestmark = pytest.mark.django_db


def test_the_feed_is_atom_with_the_published_notices(client, guide):
    response = client.get(reverse("notices-feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert "<feed" in xml and 'xmlns="http://www.w3.org/2005/Atom"' in xml
    assert "<title>【招聘】2024年碧江区社工招聘报名须知</title>" in xml
    assert "报名时间3月10日-17日" in xml
    assert xml.count("<entry>") == Notice.objects.published().count()


def test_a_scheduled_notice_is_not_in_the_feed_until_its_date(client, guide):
    Notice.objects.create(
        title="明天的公告",
        body="内容",
        publish_on=timezone.localdate() + dt.timedelta(days=1),
    )
    assert "明天的公告" not in client.get(reverse("notices-feed")).content.decode()


def test_every_page_links_the_feed_from_its_head(client, guide):
    for name in ["overview", "notices", "faq", "search", "services:index"]:
        head = client.get(reverse(name)).content.decode().split("</head>")[0]
        feed = reverse("notices-feed")
        assert re.search(
            rf'<link rel="alternate" type="application/atom\+xml" [^>]*href="{feed}"', head
        ), name


def test_the_feed_escapes_staff_text(client, guide):
    Notice.objects.create(title="<b>加粗</b> & 符号", body="正文")
    xml = client.get(reverse("notices-feed")).content.decode()
    assert "&lt;b&gt;加粗&lt;/b&gt; &amp; 符号" in xml


def test_the_feed_stays_within_its_query_budget(client, guide, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get(reverse("notices-feed"))
