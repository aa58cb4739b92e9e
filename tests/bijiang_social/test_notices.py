import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from bijiang_social.models import Notice

pytestmark = pytest.mark.django_db


def _notice(title: str, days_ago: int = 0, **fields) -> Notice:
    return Notice.objects.create(
        title=title,
        body=fields.pop("body", "正文第一段。\n\n正文第二段。"),
        publish_on=timezone.localdate() - dt.timedelta(days=days_ago),
        **fields,
    )


def test_a_scheduled_notice_appears_only_on_its_date(client, guide):
    scheduled = _notice("下周发布的培训通知", days_ago=-7, category=Notice.Category.TRAINING)
    html = client.get(reverse("notices")).content.decode()
    assert "下周发布的培训通知" not in html
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert scheduled not in Notice.objects.published()
    assert scheduled in Notice.objects.published(today=scheduled.publish_on)


def test_a_notice_due_today_is_listed_first(client, guide):
    _notice("今天发布的招聘公告", category=Notice.Category.RECRUITMENT)
    html = client.get(reverse("notices")).content.decode()
    titles = re.findall(r'class="notice-title" href="[^"]+">([^<]+)</a>', html)
    assert titles[0] == "今天发布的招聘公告"
    assert "【招聘】" in html


def test_an_unpublished_notice_is_hidden(client, guide):
    hidden = _notice("撤回的公告", is_published=False)
    assert "撤回的公告" not in client.get(reverse("notices")).content.decode()
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_the_list_is_paginated_ten_to_a_page(client, guide):
    for i in range(15):
        _notice(f"测试公告{i:02d}", days_ago=i)
    first = client.get(reverse("notices")).content.decode()
    assert first.count('class="notice-item"') == 10
    assert "下一页" in first and "第 1 页，共 3 页" in first
    last = client.get(reverse("notices"), {"page": 3}).content.decode()
    assert "上一页" in last and "第 3 页，共 3 页" in last


@pytest.mark.parametrize("page", ["abc", "-1", "999", ""])
def test_a_bad_page_number_shows_a_page_not_an_error(client, guide, page):
    response = client.get(reverse("notices"), {"page": page})
    assert response.status_code == 200


def test_it_filters_by_category_and_ignores_an_unknown_one(client, guide):
    html = client.get(reverse("notices"), {"category": "training"}).content.decode()
    assert "民政部门每季度免费线下培训" in html
    assert "2024年碧江区社工招聘报名须知" not in html
    html = client.get(reverse("notices"), {"category": "<script>"}).content.decode()
    assert "2024年碧江区社工招聘报名须知" in html
    assert "<script>" not in html


def test_the_detail_page_shows_the_body_in_paragraphs(client, guide):
    notice = Notice.objects.get(key="service-application-deadlines")
    html = client.get(notice.get_absolute_url()).content.decode()
    assert "<h1>社工服务申请的办理时限</h1>" in html
    assert "<p>服务申请提交后，将在3个工作日内完成初审" in html
    assert 'class="breadcrumbs"' in html and reverse("notices") in html


def test_the_overview_shows_the_latest_three_notices(client, guide):
    _notice("最新的一条公告")
    html = client.get(reverse("overview")).content.decode()
    section = html.split('id="notices-heading"')[1].split("</section>")[0]
    assert section.count('class="notice-item"') == 3
    assert "最新的一条公告" in section
    assert reverse("notices") in section


def test_the_pages_stay_within_their_query_budgets(client, guide, django_assert_max_num_queries):
    notice = Notice.objects.first()
    with django_assert_max_num_queries(5):
        assert client.get(reverse("notices")).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(notice.get_absolute_url()).status_code == 200
    # The latest notices, the guide's content and the portal's live figures (test_overview.py).
    with django_assert_max_num_queries(13):
        assert client.get(reverse("overview")).status_code == 200
