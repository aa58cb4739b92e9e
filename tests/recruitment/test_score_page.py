import pytest
from django.urls import reverse

from recruitment.models import RecruitmentRound

pytestmark = pytest.mark.django_db

URL = reverse("recruitment:score", args=[2024])


def _score(client, **query) -> str:
    response = client.get(URL, query)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_working_for_a_certificate_holder(client, guide):
    html = _score(client, written="57", interview="75", certified="1")
    assert "原始分 57 + 持证加分 5 = 62" in html
    assert "62 ≥ 60，<strong>合格</strong>" in html
    assert "75 ≥ 70，<strong>通过</strong>" in html
    assert "62 × 40% + 75 × 60% = 24.8 + 45 = <strong>69.8</strong>" in html


def test_a_written_score_of_exactly_60_passes(client, guide):
    html = _score(client, written="60", interview="80")
    assert "60 ≥ 60，<strong>合格</strong>" in html
    assert "没有社工证，不加分" in html


def test_the_bonus_is_capped_at_100_and_the_page_says_so(client, guide):
    html = _score(client, written="98", interview="80", certified="1")
    assert "原始分 98 + 持证加分 5 = 103，超过满分，按 100 分计" in html
    assert "<strong>88</strong>" in html


def test_an_interview_of_exactly_70_passes_and_69_is_eliminated_whatever_the_composite(
    client, guide
):
    assert "70 ≥ 70，<strong>通过</strong>" in _score(client, written="80", interview="70")
    html = _score(client, written="100", interview="69")
    assert "<strong>淘汰</strong>：面试成绩69分，低于70分" in html
    assert "无论综合成绩多少" in html
    assert "已淘汰，此分数不参加排名" in html


def test_a_failed_written_exam_is_eliminated(client, guide):
    html = _score(client, written="54.5", interview="90", certified="1")
    assert "笔试成绩59.5分，低于合格线60分" in html


@pytest.mark.parametrize(
    "written, interview, message",
    [
        ("", "80", "请填写笔试成绩（0到100之间的数字）。"),
        ("abc", "80", "笔试成绩只能填写数字"),
        ("120", "80", "笔试成绩应在0到100之间的数字，您填写的是 120，请核对后重新填写。"),
        ("80", "-5", "面试成绩应在0到100之间的数字，您填写的是 -5"),
        ("1" * 5000, "80", "笔试成绩填写的内容太长了"),
        ("1e3", "80", "笔试成绩只能填写数字"),
        ("NaN", "80", "笔试成绩只能填写数字"),
        ("80", "75.555", "面试成绩最多保留2位小数"),
        ("100.01", "80", "您填写的是 100.01"),
    ],
)
def test_bad_input_gets_a_chinese_message_never_a_clamped_value(
    client, guide, written, interview, message
):
    html = _score(client, written=written, interview=interview)
    assert message in html
    assert 'role="alert"' in html
    assert "计算结果" not in html


def test_the_rules_come_from_the_round(client, guide):
    RecruitmentRound.objects.filter(year=2024).update(
        written_weight_percent=50, interview_weight_percent=50, certificate_bonus=3
    )
    html = _score(client, written="80", interview="70", certified="1")
    assert "83 × 50% + 70 × 50% = 41.5 + 35 = <strong>76.5</strong>" in html


def test_it_stays_within_its_query_budget(client, guide, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        _score(client, written="57", interview="75", certified="1")
