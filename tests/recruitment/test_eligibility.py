import pytest
from django.urls import reverse

from recruitment.models import Post

pytestmark = pytest.mark.django_db

URL = reverse("recruitment:eligibility", args=[2024])


def _answer(client, **answers) -> str:
    query = {
        "education": "40",
        "social_work_level": "none",
        "eldercare_certificate": "no",
        "local": "no",
        "grassroots_years": "0",
        "post": "",
    }
    query.update(answers)
    response = client.get(URL, query)
    assert response.status_code == 200
    return response.content.decode()


def test_without_answers_it_shows_the_questions_and_no_errors(client, guide):
    html = client.get(URL).content.decode()
    assert "请回答以下问题" in html
    assert 'role="alert"' not in html
    for label in [
        "您的最高学历",
        "养老护理员证",
        "户籍是否在碧江区",
        "基层服务经验",
        "想报考的岗位",
    ]:
        assert label in html


def test_a_college_graduate_from_elsewhere_may_apply_for_two_posts_and_learns_the_rural_rule(
    client, guide
):
    html = _answer(client)
    assert "您可以报考<strong>2</strong>个岗位" in html
    assert "<strong>社区社工岗</strong>、<strong>社区养老服务岗</strong>" in html
    assert '乡村社工岗：<span class="verdict-label">不能报考' in html
    assert "再积累1年基层服务经验，或户籍迁入碧江区后可以报名。" in html


def test_a_vocational_graduate_with_the_eldercare_certificate_gets_the_exception(client, guide):
    html = _answer(client, education="30", eldercare_certificate="yes")
    assert "您可以报考<strong>1</strong>个岗位：<strong>社区养老服务岗</strong>" in html
    assert "凭中专学历和养老护理员证破格报名" in html
    assert "取得大专及以上学历后可以报名。" in html


def test_a_local_applicant_may_apply_for_every_post(client, guide):
    html = _answer(client, local="yes")
    assert "您可以报考<strong>3</strong>个岗位" in html


def test_a_certificate_holder_is_told_about_the_bonus(client, guide):
    assert "笔试加5分" in _answer(client, social_work_level="assistant")


def test_the_chosen_post_comes_first(client, guide):
    rural = Post.objects.get(name="乡村社工岗")
    html = _answer(client, post=str(rural.pk))
    assert html.index("乡村社工岗（您选择的岗位）") < html.index("社区社工岗：")


@pytest.mark.parametrize(
    "years, message",
    [
        ("", "请填写基层服务经验年数（0到60之间的数字）。"),
        ("一年", "基层服务经验年数只能填写数字"),
        ("-1", "基层服务经验年数应在0到60之间的数字，您填写的是 -1"),
        ("99999999999999999999", "基层服务经验年数填写的内容太长了"),
        ("1.25", "基层服务经验年数最多保留1位小数"),
    ],
)
def test_bad_years_get_a_chinese_message_on_the_page(client, guide, years, message):
    html = _answer(client, grassroots_years=years)
    assert message in html
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert "自测结果" not in html


def test_missing_choices_and_tampered_values_are_named(client, guide):
    html = client.get(URL, {"education": "99", "grassroots_years": "1"}).content.decode()
    assert "选择一个有效的选项" in html or "请选择" in html
    assert "请选择户籍是否在碧江区。" in html
    assert "请选择是否持有养老护理员证。" in html


def test_full_width_digits_are_understood(client, guide):
    assert "您可以报考<strong>3</strong>个岗位" in _answer(client, grassroots_years="１．５")


def test_it_stays_within_its_query_budget(client, guide, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        _answer(client)
