import pytest
from django.urls import reverse

from careers.models import CertificateLevel, SubsidyPolicy

pytestmark = pytest.mark.django_db


def test_it_shows_the_three_kinds_of_support_with_amounts_from_the_data(
    client, guide, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        response = client.get(reverse("careers:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for text in ["助理社工师", "300元", "社工师", "500元", "高级社工师", "800元"]:
        assert text in html
    assert "1000元" in html and "200元" in html
    assert "经民政部门审核后按月发放至账户" in html
    assert reverse("careers:subsidies") in html
    assert reverse("careers:promotion") in html
    assert reverse("careers:training") in html


def test_an_amount_edited_in_admin_shows_on_the_page(client, guide):
    CertificateLevel.objects.filter(code="senior").update(monthly_post_subsidy=880)
    SubsidyPolicy.objects.update(project_award_monthly=260)
    html = client.get(reverse("careers:index")).content.decode()
    assert "880元" in html and "260元" in html


def test_without_a_policy_it_says_the_amounts_are_not_published(client, db):
    response = client.get(reverse("careers:index"))
    assert response.status_code == 200
    assert "补贴标准暂未公布" in response.content.decode()
