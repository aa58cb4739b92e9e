import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gets_the_chinese_not_found_page(client, guide):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in html
    assert 'href="/"' in html


def test_a_server_error_gets_the_chinese_error_page(guide, settings):
    settings.ROOT_URLCONF = "tests.bijiang_social.failing_urls"
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "系统暂时出错" in response.content.decode()


def test_a_constraint_violation_is_an_error_not_the_database_outage_page(guide, settings):
    """Only a database that cannot be reached is an outage (503, "try again later"); a bug
    that breaks a constraint is a server error like any other."""
    settings.ROOT_URLCONF = "tests.bijiang_social.failing_urls"
    response = Client(raise_request_exception=False).get("/duplicate/")
    assert response.status_code == 500
    assert "系统暂时出错" in response.content.decode()
    assert "Retry-After" not in response
