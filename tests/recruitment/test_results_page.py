import datetime as dt
import re
import zoneinfo

import pytest
from django.urls import reverse

from recruitment.models import Post, RecruitmentRound
from tests.recruitment.factories import candidate, resident_id

pytestmark = pytest.mark.django_db

URL = reverse("recruitment:results", args=[2024])
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def scored(guide):
    post = Post.objects.get(name="社区社工岗")
    post.places = 2
    post.save()
    candidate(post, 1, 80, 90, name="张三")  # 0.4 × 80 + 0.6 × 90 = 86
    candidate(post, 2, 75, 80, certified=True, name="李四")  # 80 → 0.4 × 80 + 0.6 × 80 = 80
    candidate(post, 3, 80, 80, name="王五")  # 80, no certificate: after 李四
    candidate(post, 4, 100, 69, name="赵六")  # interview below 70: eliminated
    return post


def _publish(superuser, when=dt.datetime(2024, 9, 30, 10, 0, tzinfo=SHANGHAI)):
    round_ = RecruitmentRound.objects.get(year=2024)
    round_.publish_results(superuser)
    RecruitmentRound.objects.filter(pk=round_.pk).update(results_published_at=when)


def test_before_publication_it_says_when_results_are_expected(client, scored):
    html = client.get(URL).content.decode()
    assert "录用名单尚未公布" in html
    assert "预计公布时间：待公布" in html
    assert "张*" not in html


def test_after_publication_it_lists_the_admitted_ranked_and_masked(client, scored, superuser):
    _publish(superuser)
    html = client.get(URL).content.decode()
    table = html[html.index("社区社工岗（招聘2人，录用2人）") :]
    assert table.index("张*") < table.index("李*")
    assert "王*" not in html  # third: not admitted (1:1 against 2 places)
    assert "赵*" not in html  # eliminated
    masked = resident_id(1)[:4] + "*" * 12 + resident_id(1)[-2:]
    assert masked in html
    assert resident_id(1) not in html
    assert "张三" not in html
    assert re.search(r"<td>80（含持证加分）</td>\s*<td>80</td>\s*<td>80</td>", html)


def test_the_notice_period_is_three_working_days_across_national_day(client, scored, superuser):
    _publish(superuser)
    html = client.get(URL).content.decode()
    assert "自<strong>2024年9月30日</strong>起至<strong>2024年10月9日</strong>止" in html
    assert "共3个工作日" in html


def test_it_tells_how_to_object_with_the_bureaus_phone_and_address(client, scored, superuser):
    _publish(superuser)
    html = client.get(URL).content.decode()
    assert '<a href="tel:0856-0000000">0856-0000000</a>' in html
    assert "碧江区民政局社工科" in html
    assert "示例数据" in html
    RecruitmentRound.objects.update(contact_is_sample=False, bureau_phone="0856-5222222")
    html = client.get(URL).content.decode()
    assert "tel:0856-5222222" in html
    # The footer's own mark (the sample 备案 codes) belongs to the site's identity.
    assert "示例数据" not in html.split('<footer class="site-footer">')[0]


def test_a_post_without_enough_qualified_candidates_says_so(client, scored, superuser):
    _publish(superuser)
    html = client.get(URL).content.decode()
    assert "社区养老服务岗（招聘3人，录用0人）" in html
    assert "本岗位没有达线的考生" in html


def test_it_stays_within_its_query_budget(client, scored, superuser, django_assert_max_num_queries):
    _publish(superuser)
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200
