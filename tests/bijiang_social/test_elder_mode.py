import pytest
from django.urls import reverse

from bijiang_social import elder_mode
from services.models import ServicePoint

pytestmark = pytest.mark.django_db


def _switch_on(client, next_url):
    return client.get(reverse("elder-mode-on"), {"next": next_url})


def test_switching_on_sets_a_lasting_cookie_and_goes_back(client, guide):
    response = _switch_on(client, reverse("faq") + "?x=1")
    assert response.status_code == 302
    assert response["Location"] == reverse("faq") + "?x=1"
    cookie = response.cookies[elder_mode.COOKIE_NAME]
    assert cookie.value == elder_mode.COOKIE_VALUE
    assert int(cookie["max-age"]) >= 30 * 24 * 3600
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_switching_off_removes_the_cookie(client, guide):
    _switch_on(client, "/")
    response = client.get(reverse("elder-mode-off"), {"next": reverse("notices")})
    assert response["Location"] == reverse("notices")
    assert response.cookies[elder_mode.COOKIE_NAME].value == ""
    assert 'class="elder"' not in client.get(reverse("overview")).content.decode()


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example.com/",
        "//evil.example.com/",
        "http:\\\\evil.example.com",
        "javascript:alert(1)",
        "",
        "\\/evil.example.com",
    ],
)
def test_it_never_redirects_to_another_site(client, guide, next_url):
    response = _switch_on(client, next_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("overview")


@pytest.mark.parametrize("name", ["elder-mode-on", "elder-mode-off"])
@pytest.mark.parametrize(
    "next_url",
    [";env;", "overview", "admin:index", "../../etc/passwd", "/faq/\x00", "/\\evil.example.com"],
)
def test_a_scanners_next_leads_to_the_overview_not_to_an_error(client, guide, name, next_url):
    response = client.get(reverse(name), {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == reverse("overview")


def test_in_the_mode_the_page_is_marked_and_the_nav_has_the_four_tasks(client, guide):
    ServicePoint.objects.filter(level=ServicePoint.Level.HUB).update(phone="0856 5221234")
    _switch_on(client, "/")
    html = client.get(reverse("notices")).content.decode()
    assert '<html lang="zh-Hans" class="elder">' in html
    nav = html.split('class="elder-nav"')[1].split("</nav>")[0]
    for label, name in [("找站点", "services:find"), ("申请服务", "services:apply")]:
        assert f'href="{reverse(name)}"' in nav and label in nav
    assert f'href="{reverse("services:track")}"' in nav and "查进度" in nav
    assert 'href="tel:08565221234">打电话' in nav
    assert reverse("recruitment:index") not in nav
    assert "退出长辈模式" in html


def _call_button(client) -> str:
    _switch_on(client, "/")
    nav = client.get(reverse("faq")).content.decode().split('class="elder-nav"')[1]
    return nav.split("打电话")[1].split("</li>")[0]


def test_a_sample_hub_phone_on_the_call_button_is_labelled_sample_data(client, guide):
    ServicePoint.objects.filter(level=ServicePoint.Level.HUB).update(is_verified=False)
    assert "示例数据" in _call_button(client)


def test_a_verified_hub_phone_carries_no_sample_label(client, guide):
    ServicePoint.objects.filter(level=ServicePoint.Level.HUB).update(is_verified=True)
    assert "示例数据" not in _call_button(client)


def test_without_a_hub_there_is_no_call_button(client, guide):
    ServicePoint.objects.filter(level=ServicePoint.Level.HUB).delete()
    _switch_on(client, "/")
    html = client.get(reverse("overview")).content.decode()
    assert "打电话" not in html


def test_every_page_links_to_the_switch_with_its_own_address(client, guide):
    html = client.get(reverse("notices"), {"category": "service"}).content.decode()
    assert f'href="{reverse("elder-mode-on")}?next=/notices/%3Fcategory%3Dservice"' in html
    assert 'class="elder"' not in html


def test_the_mode_costs_at_most_one_query(client, guide, django_assert_max_num_queries):
    _switch_on(client, "/")
    # The overview's own budget (tests/bijiang_social/test_overview.py) plus one for the mode.
    with django_assert_max_num_queries(14):
        assert client.get(reverse("overview")).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("faq")).status_code == 200


def test_the_switch_refuses_a_post(client):
    assert client.post(reverse("elder-mode-on")).status_code == 405
