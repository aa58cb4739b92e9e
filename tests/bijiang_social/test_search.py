import pytest
from django.urls import reverse

from bijiang_social import search
from bijiang_social.models import FaqQuestion, Notice

pytestmark = pytest.mark.django_db


def _search(client, q):
    response = client.get(reverse("search"), {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_a_chinese_partial_word_finds_the_longer_phrase(client, guide):
    html = _search(client, "低保")
    assert "家里需要<mark>低保</mark>核查、临时救助方面的帮助，怎么申请？" in html


def test_a_phrase_typed_without_spaces_finds_the_answer(client, guide):
    html = _search(client, "审核要多久")
    assert "申请交上去以后，<mark>审核要多久</mark>？" in html


def test_several_words_must_all_match(client, guide):
    html = _search(client, "补贴 按月")
    assert "社工<mark>补贴</mark>怎么领？怎么发？" in html
    assert "持证有什么" not in html


def test_results_are_grouped_by_kind(client, guide):
    html = _search(client, "补贴")
    assert '<h2 id="kind-notices">公告（1条）</h2>' in html
    assert '<h2 id="kind-faq">社工问一问' in html
    assert html.index('id="kind-notices"') < html.index('id="kind-faq"')


def test_stations_and_streets_are_searched(client, guide):
    html = _search(client, "环北")
    assert '<h2 id="kind-service-points">服务站点（' in html
    assert "<mark>环北</mark>街道社工站" in html
    assert '<h2 id="kind-streets">街道（1条）</h2>' in html


def test_matched_words_are_highlighted_but_staff_text_is_escaped(client, guide):
    FaqQuestion.objects.filter(key="apply-materials").update(
        question="<script>alert(1)</script>申请材料"
    )
    html = _search(client, "申请材料")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>申请材料</mark>" in html


def test_the_query_itself_is_escaped(client, guide):
    html = _search(client, '"><img src=x onerror=alert(1)>')
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_query_matching_markup_does_not_break_the_escaping(client, guide):
    Notice.objects.create(title="a&b 测试", body="x<mark>y")
    html = _search(client, "amp")
    assert "<mark>amp</mark>" not in html
    html = _search(client, "mark")
    assert "x&lt;<mark>mark</mark>&gt;y" in html


def test_an_empty_query_gets_a_helpful_page(client, guide):
    html = _search(client, "")
    assert "请在上面输入要找的内容" in html
    assert reverse("faq") in html and reverse("services:find") in html


def test_a_junk_query_gets_a_helpful_page(client, guide):
    html = _search(client, "%%% ！？…")
    assert "没有可以查找的文字" in html
    assert reverse("faq") in html


def test_a_query_with_no_results_suggests_what_to_try(client, guide):
    html = _search(client, "火星移民")
    assert "没有找到与“火星移民”有关的内容" in html
    assert reverse("notices") in html


def test_a_very_long_query_is_cut_not_refused(client, guide):
    assert _search(client, "补贴" * 500)


def test_scheduled_and_hidden_notices_are_not_found(client, guide):
    Notice.objects.filter(key="subsidy-standards").update(is_published=False)
    html = _search(client, "职称补贴标准")
    assert "持证社工岗位补贴与职称补贴标准" not in html


def test_it_stays_within_its_query_budget(client, guide, django_assert_max_num_queries):
    # The footer's two lookups, then one query for each kind of content.
    with django_assert_max_num_queries(2 + len(search.providers())):
        client.get(reverse("search"), {"q": "补贴"})
    with django_assert_max_num_queries(3):
        client.get(reverse("search"), {"q": "%%%"})


def test_words_are_split_at_spaces_and_punctuation():
    assert search.words_of("低保， 补贴!!  低保") == ["低保", "补贴"]
    assert search.words_of("...") == []
    assert len(search.words_of(" ".join(str(i) for i in range(20)))) == search.MAX_WORDS


def test_highlight_marks_every_occurrence_case_insensitively():
    assert search.highlight("Bijiang 碧江 bijiang", ["bijiang"]) == (
        "<mark>Bijiang</mark> 碧江 <mark>bijiang</mark>"
    )


def test_a_snippet_is_a_window_around_the_first_match():
    text = "甲" * 100 + "补贴" + "乙" * 100
    snippet = search.snippet(text, ["补贴"])
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>补贴</mark>" in snippet


def test_a_new_kind_can_be_registered(client, guide):
    provider = search.Provider(
        key="test-notice-titles",
        label="测试种类",
        queryset=Notice.objects.all,
        fields=("title",),
        url=lambda notice: "/somewhere/",
        order=99,
    )
    search.register(provider)
    try:
        html = _search(client, "报名须知")
        assert '<h2 id="kind-test-notice-titles">测试种类（1条）</h2>' in html
    finally:
        search._registry.pop(provider.key)
