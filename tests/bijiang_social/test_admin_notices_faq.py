import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from bijiang_social.models import FaqQuestion, FaqTopic, Notice
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


def test_a_clerk_schedules_a_notice_in_admin_and_it_appears_on_its_date(client, guide, superuser):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(
        reverse("admin:bijiang_social_notice_add"),
        {
            "title": "第二季度免费培训报名",
            "category": "training",
            "publish_on": tomorrow.isoformat(),
            "publish_time": "09:00",
            "is_published": "on",
            "summary": "",
            "body": "报名方式见正文。",
            "key": "",
        },
    )
    assert response.status_code == 302
    notice = Notice.objects.get(title="第二季度免费培训报名")
    assert notice.key is None
    changelist = client.get(
        reverse("admin:bijiang_social_notice_changelist"), {"visible": "scheduled"}
    ).content.decode()
    assert "第二季度免费培训报名" in changelist
    client.logout()
    assert "第二季度免费培训报名" not in client.get(reverse("notices")).content.decode()
    assert notice in Notice.objects.published(today=tomorrow)


def test_the_admin_lists_notices_and_questions_in_chinese(client, guide, superuser):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    html = client.get(reverse("admin:index")).content.decode()
    for label in ["公告", "问答主题", "社工问一问"]:
        assert label in html
    html = client.get(reverse("admin:bijiang_social_faqquestion_changelist")).content.decode()
    assert "申请服务要带什么材料？" in html
    topic = FaqTopic.objects.get(key="apply")
    html = client.get(reverse("admin:bijiang_social_faqtopic_change", args=[topic.pk]))
    assert "申请服务要带什么材料？" in html.content.decode()


def test_the_question_list_stays_within_its_query_budget(
    client, guide, superuser, django_assert_max_num_queries
):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    with django_assert_max_num_queries(15):  # one records the superuser's use, one reads her device
        client.get(reverse("admin:bijiang_social_faqquestion_changelist"))
    assert FaqQuestion.objects.count() > 10


def test_a_resident_cannot_edit_notices(client, outsider):
    client.login(username=outsider.username, password=STAFF_PASSWORD)
    response = client.get(reverse("admin:bijiang_social_notice_changelist"))
    assert response.status_code == 302
