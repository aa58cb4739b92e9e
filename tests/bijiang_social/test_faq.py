import pytest
from django.urls import reverse

from bijiang_social.models import FaqQuestion, FaqTopic

pytestmark = pytest.mark.django_db


def test_the_questions_the_guide_answers_are_grouped_by_topic(client, guide):
    html = client.get(reverse("faq")).content.decode()
    assert html.count("<h1") == 1
    for topic in FaqTopic.objects.all():
        assert f'<h2 id="topic-{topic.key}">{topic.name}</h2>' in html
    assert html.index("申请社工服务</h2>") < html.index("申请服务要带什么材料？")
    assert html.index("申请服务要带什么材料？") < html.index("2024年招聘报名</h2>")
    for answer in [
        "3个工作日内完成初审，7个工作日内出具复核结果",
        "身份证、家庭收入证明",
        "大专及以上",
        "按月发放至账户",
    ]:
        assert answer in html


def test_a_hidden_question_is_not_shown(client, guide):
    question = FaqQuestion.objects.get(key="apply-refused")
    question.is_published = False
    question.save()
    assert "申请没有通过怎么办？" not in client.get(reverse("faq")).content.decode()
    assert client.get(question.get_absolute_url()).status_code == 404


def test_an_answer_has_its_own_printable_page(client, guide):
    question = FaqQuestion.objects.get(key="apply-how-long")
    html = client.get(question.get_absolute_url()).content.decode()
    assert "<h1>申请交上去以后，审核要多久？</h1>" in html
    assert 'class="faq-answer printable"' in html
    assert "社工问一问 · 申请社工服务" in html


def test_a_question_staff_add_in_admin_appears_under_its_topic(client, guide):
    topic = FaqTopic.objects.get(key="network")
    FaqQuestion.objects.create(topic=topic, question="站点周末开门吗？", answer="请看站点页。")
    html = client.get(reverse("faq")).content.decode()
    section = html.split('id="topic-network"')[1].split("</section>")[0]
    assert "站点周末开门吗？" in section


def test_the_pages_stay_within_their_query_budgets(client, guide, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert client.get(reverse("faq")).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(FaqQuestion.objects.first().get_absolute_url()).status_code == 200


def test_an_unknown_question_is_a_404(client, guide):
    assert client.get(reverse("faq-detail", args=[99999])).status_code == 404
