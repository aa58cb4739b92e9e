import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name, quote",
    [
        ("services:index", "“15分钟社工服务圈”"),
        ("recruitment:index", "3月10日-17日"),
        ("careers:index", "助理社工师每月300元"),
    ],
)
def test_a_section_not_yet_built_says_what_it_will_offer_and_quotes_the_guide(
    client, guide, name, quote, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = client.get(reverse(name))
    html = response.content.decode()
    assert response.status_code == 200
    assert "本栏目将在下一版本上线" in html
    assert quote in html
    assert html.count("<h1") == 1
