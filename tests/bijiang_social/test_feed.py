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


def _entries(xml: str) -> dict[str, str]:
    """{title: the entry's XML}."""
    return {
        re.search(r"<title>(.*?)</title>", entry).group(1): entry
        for entry in re.findall(r"<entry>(.*?)</entry>", xml, re.S)
    }


def test_atom_ids_take_the_sites_domain_whatever_host_was_typed(client, guide, settings):
    settings.SITE_DOMAIN = "sg.bijiang.example"
    feeds = [
        client.get(reverse("notices-feed"), HTTP_HOST=host).content.decode()
        for host in ("localhost", "127.0.0.1")
    ]
    ids = [re.findall(r"<id>(.*?)</id>", xml) for xml in feeds]
    assert ids[0] == ids[1]
    assert all(id_.startswith("tag:sg.bijiang.example,") for id_ in ids[0])
    assert len(set(ids[0])) == Notice.objects.published().count() + 1  # the feed and each entry


def test_an_entry_is_updated_when_staff_edit_it_not_when_the_guide_is_loaded(client, guide):
    notice = Notice.objects.published().first()
    title = f"【{notice.get_category_display()}】{notice.title}"
    entry = _entries(client.get(reverse("notices-feed")).content.decode())[title]
    published = re.search(r"<published>(.*?)</published>", entry).group(1)
    assert f"<updated>{published}</updated>" in entry

    notice.summary = "更正后的摘要"
    notice.save()
    xml = client.get(reverse("notices-feed")).content.decode()
    entry = _entries(xml)[title]
    updated = dt.datetime.fromisoformat(re.search(r"<updated>(.*?)</updated>", entry).group(1))
    assert abs(updated - timezone.now()) < dt.timedelta(minutes=1)
    feed_updated = re.search(r"<updated>(.*?)</updated>", xml.split("<entry>")[0]).group(1)
    assert dt.datetime.fromisoformat(feed_updated) == updated
