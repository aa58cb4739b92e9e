import datetime as dt
import re

import pytest
from django.urls import reverse

from recruitment.models import Post, RecruitmentRound, TimelineStep

pytestmark = pytest.mark.django_db


def _html(client, name="recruitment:round", args=(2024,)) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_guides_rules_from_the_database(client, guide):
    html = _html(client)
    for text in [
        "大专及以上",
        "持养老护理员证的中专（中职、技校）学历可破格报名",
        "碧江区本地户籍，或1年以上基层服务经验",
        "笔试加5分",
        "面试时同等条件下优先录用",
        "碧江区人民政府官网、“碧江民政”微信公众号",
        "碧江区民政局社工科",
        "社工专业知识 + 碧江区本地民生政策",
        "单选、多选、案例分析",
        "合格线<strong>60分</strong>",
        "面试低于70分直接淘汰",
        "综合成绩 = 笔试成绩 × 40% + 面试成绩 × 60%",
        "参照事业单位通用标准",
        "公示3个工作日",
    ]:
        assert text in html, text
    assert html.count("<h1") == 1


def test_it_states_how_the_bonus_meets_the_pass_line_and_the_full_marks(client, guide):
    html = _html(client)
    assert "例如原始分55分加5分为60分，算合格" in html
    assert "加分后最高按满分100分计，不会超过100分" in html
    assert "按身份证号码由小到大排列" in html


def test_the_round_can_let_the_bonus_exceed_100_and_the_page_says_so(client, guide):
    RecruitmentRound.objects.filter(year=2024).update(bonus_may_exceed_full_marks=True)
    assert "加分后可以超过满分100分" in _html(client)


def test_it_marks_each_step_past_current_or_upcoming_against_today(client, guide, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: dt.date(2024, 3, 18))
    html = _html(client)
    assert re.search(r"网上报名 <span class=\"state-label\">（已结束）", html)
    assert re.search(r'aria-current="step">\s*<h3[^>]*>资格审核 <span[^>]*>（进行中）', html)
    assert '笔试 <span class="state-label">（时间待公布）' in html

    TimelineStep.objects.filter(title="笔试").update(starts_on=dt.date(2024, 4, 13))
    assert '笔试 <span class="state-label">（未开始）' in _html(client)


def test_sample_numbers_of_places_are_labelled(client, guide):
    html = _html(client)
    assert '6人 <span class="sample-data">示例数据</span>' in html
    Post.objects.update(places_is_sample=False)
    # The footer's own mark (the sample 备案 codes) belongs to the site's identity.
    assert "示例数据" not in _html(client).split('<footer class="site-footer">')[0]


def test_a_place_number_edited_in_admin_shows_at_once(client, guide):
    Post.objects.filter(name="社区社工岗").update(places=8)
    assert '<dd class="places">8人' in _html(client)


def test_the_navigation_address_shows_the_latest_public_round(client, guide):
    html = _html(client, "recruitment:index", ())
    assert "<h1>2024年社工招聘指南</h1>" in html
    canonical = "http://testserver" + reverse("recruitment:round", args=[2024])
    assert f'rel="canonical" href="{canonical}"' in html


def test_a_2025_round_is_a_new_row_not_new_code(client, guide):
    RecruitmentRound.objects.create(
        year=2025,
        title="2025年社工招聘指南",
        registration_channels="碧江区人民政府官网",
        written_subjects="社工专业知识",
        written_question_types="单选",
        interview_format="结构化面试",
        interview_content="应急服务场景",
        publication_channel="“碧江民政”微信公众号",
        bureau_address="碧江区民政局",
        bureau_phone="0856-0000000",
    )
    assert "<h1>2025年社工招聘指南</h1>" in _html(client, "recruitment:round", (2025,))
    assert (
        "<h1>2025年社工招聘指南</h1>" in client.get(reverse("recruitment:index")).content.decode()
    )


def test_a_hidden_or_unknown_year_is_not_found(client, guide):
    RecruitmentRound.objects.filter(year=2024).update(is_public=False)
    assert client.get(reverse("recruitment:round", args=[2024])).status_code == 404
    assert client.get(reverse("recruitment:round", args=[1999])).status_code == 404
    assert client.get("/recruitment/99999999999999999999999/").status_code == 404
    assert "目前没有正在公布的社工招聘" in client.get(reverse("recruitment:index")).content.decode()


def test_it_stays_within_its_query_budget(client, guide, django_assert_max_num_queries):
    for name, args in [("recruitment:index", []), ("recruitment:round", [2024])]:
        with django_assert_max_num_queries(8):
            assert client.get(reverse(name, args=args)).status_code == 200


def test_once_the_list_is_published_the_guide_points_to_it(client, guide, superuser):
    assert "录用名单已于" not in _html(client)
    RecruitmentRound.objects.get(year=2024).publish_results(superuser)
    html = _html(client)
    assert "录用名单已于" in html
    assert "查看2024年录用名单和公示期" in html
