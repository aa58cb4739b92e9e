import pytest
from django.urls import reverse

from recruitment.models import Post, RecruitmentRound
from tests.conftest import STAFF_PASSWORD
from tests.recruitment.factories import candidate, resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, guide, superuser):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    return client


def test_the_round_form_shows_its_timeline_and_posts_in_chinese(staff):
    round_ = RecruitmentRound.objects.get(year=2024)
    html = staff.get(reverse("admin:recruitment_recruitmentround_change", args=[round_.pk]))
    html = html.content.decode()
    for label in [
        "笔试合格线",
        "面试淘汰线",
        "加分后可超过满分",
        "招聘环节",
        "招聘岗位",
        "网上报名",
    ]:
        assert label in html, label


def test_the_candidate_list_masks_id_numbers_but_finds_them(staff):
    post = Post.objects.get(name="社区社工岗")
    candidate(post, 1, 80, 80, name="张三")
    url = reverse("admin:recruitment_candidate_changelist")
    html = staff.get(url).content.decode()
    start = html.index("<tbody>", html.index('id="result_list"'))
    table = html[start : html.index("</table>", start)]
    assert "5222************" in table
    assert "张*" in table
    assert resident_id(1) not in table
    assert "张三" not in table
    found = staff.get(url, {"q": resident_id(1)}).content.decode()
    assert "5222************" in found
    assert "5222************" not in staff.get(url, {"q": resident_id(2)}).content.decode()


def test_every_admin_list_opens(staff, django_assert_max_num_queries):
    for model in ["recruitmentround", "post", "candidate", "publicationlog"]:
        with django_assert_max_num_queries(17):
            response = staff.get(reverse(f"admin:recruitment_{model}_changelist"))
        assert response.status_code == 200, model


def test_without_posts_the_checker_says_the_posts_are_not_out_yet(client, guide):
    Post.objects.all().delete()
    response = client.get(
        reverse("recruitment:eligibility", args=[2024]),
        {
            "education": "40",
            "social_work_level": "none",
            "eldercare_certificate": "no",
            "local": "no",
            "grassroots_years": "0",
        },
    )
    assert "2024年的招聘岗位尚未公布" in response.content.decode()
