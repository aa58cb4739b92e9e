import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from recruitment.models import Post, PublicationLog, RecruitmentRound
from tests.conftest import STAFF_PASSWORD
from tests.recruitment.factories import candidate, resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(guide):
    post = Post.objects.get(name="社区社工岗")
    post.places = 1
    post.save()
    candidate(post, 1, 70, 80, name="张三")  # 76
    candidate(post, 2, 70, 80, certified=True, name="李四")  # 75 → 78
    candidate(post, 3, 50, 90, name="王五")  # written below the line
    return RecruitmentRound.objects.get(year=2024)


@pytest.fixture
def staff(client, superuser):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    return client


def test_the_ranking_page_shows_every_candidate_with_the_result(staff, round_):
    url = reverse("admin:recruitment_recruitmentround_ranking", args=[round_.pk])
    html = staff.get(url).content.decode()
    assert html.index("李四") < html.index("张三") < html.index("王五")
    assert "笔试成绩50分，低于合格线60分" in html
    assert "发布录用名单" in html


def test_publishing_records_who_and_when_and_unpublishing_is_logged(staff, round_, superuser):
    publication = reverse("admin:recruitment_recruitmentround_publication", args=[round_.pk])
    results = reverse("recruitment:results", args=[2024])

    assert staff.post(publication).status_code == 302
    round_.refresh_from_db()
    assert round_.results_published_by == superuser
    assert round_.results_published_at is not None
    assert "李*" in staff.get(results).content.decode()

    staff.post(publication)
    round_.refresh_from_db()
    assert not round_.is_published
    assert "录用名单尚未公布" in staff.get(results).content.decode()
    actions = list(PublicationLog.objects.order_by("at", "id").values_list("action", "user"))
    assert actions == [("publish", superuser.pk), ("unpublish", superuser.pk)]


def test_publishing_asks_for_confirmation_first(staff, round_, django_assert_max_num_queries):
    ranking = staff.get(reverse("admin:recruitment_recruitmentround_ranking", args=[round_.pk]))
    url = reverse("admin:recruitment_recruitmentround_publication", args=[round_.pk])
    assert f'href="{url}"' in ranking.content.decode()  # a link, not a one-click button
    with django_assert_max_num_queries(12):
        page = staff.get(url)
    html = page.content.decode()
    assert "确认发布录用名单" in html and "1人" in html
    round_.refresh_from_db()
    assert not round_.is_published  # looking at the confirmation publishes nothing


def test_there_is_no_one_click_bulk_publication_action(staff, round_):
    page = staff.get(reverse("admin:recruitment_recruitmentround_changelist"))
    assert "toggle_publication" not in page.content.decode()


def test_scores_of_a_published_list_are_frozen(staff, round_, superuser):
    round_.publish_results(superuser)
    person = round_.candidates.first()
    url = reverse("admin:recruitment_candidate_change", args=[person.pk])
    response = staff.post(url, {"written_score": "99"})
    person.refresh_from_db()
    assert person.written_score == 70
    assert response.status_code in (200, 403)


def test_the_ranked_list_exports_to_excel(staff, round_):
    url = reverse("admin:recruitment_recruitmentround_export", args=[round_.pk])
    response = staff.get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("岗位", "招聘人数", "名次", "是否录用", "姓名", "身份证号")
    assert rows[1][:6] == ("社区社工岗", 1, 1, "录用", "李四", resident_id(2))
    assert rows[1][9:12] == (75, 80, 78)
    assert rows[2][2:5] == (2, None, "张三")
    assert rows[3][-1] == "笔试成绩50分，低于合格线60分"


def test_a_street_clerk_cannot_see_the_ranking_or_export(client, round_, clerk_huanbei):
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    for name in ["ranking", "export"]:
        url = reverse(f"admin:recruitment_recruitmentround_{name}", args=[round_.pk])
        assert client.get(url).status_code == 403
    url = reverse("admin:recruitment_recruitmentround_publication", args=[round_.pk])
    assert client.post(url).status_code == 403
