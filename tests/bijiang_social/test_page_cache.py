import pytest
from django.conf import settings
from django.urls import reverse

from bijiang_social import elder_mode, page_cache
from bijiang_social.models import KeyFigure
from tests.conftest import STAFF_PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]


def test_a_second_anonymous_visit_is_served_from_the_cache(client, guide):
    assert client.get(reverse("overview"))["X-Page-Cache"] == "miss"
    assert client.get(reverse("overview"))["X-Page-Cache"] == "hit"


def test_a_cached_page_needs_no_database_query(client, guide, django_assert_num_queries):
    client.get(reverse("overview"))
    with django_assert_num_queries(0):
        assert client.get(reverse("overview")).status_code == 200


def test_a_save_shows_on_the_next_request(client, guide):
    client.get(reverse("overview"))
    figure = KeyFigure.objects.get(key="agencies")
    figure.value = "14"
    figure.save()
    response = client.get(reverse("overview"))
    assert response["X-Page-Cache"] == "miss"
    assert 'key-figure-value">14<' in response.content.decode()


def test_an_admin_edit_shows_on_the_next_request_even_without_signals(client, guide, superuser):
    client.get(reverse("overview"))
    staff = type(client)()
    staff.login(username=superuser.username, password=STAFF_PASSWORD)
    # A bulk admin action that uses queryset.update() sends no model signals.
    KeyFigure.objects.filter(key="agencies").update(value="15")
    staff.post(reverse("admin:bijiang_social_keyfigure_changelist"), {"action": "none"})
    assert 'key-figure-value">15<' in client.get(reverse("overview")).content.decode()


def test_an_invalidation_reaches_another_process_through_the_stamp(client, guide, tmp_path):
    client.get(reverse("overview"))
    before = page_cache.current_stamp()
    # Another worker process writes the stamp file; this process only reads it.
    page_cache._stamp_file().write_text("written-by-another-worker")
    assert page_cache.current_stamp() != before
    assert client.get(reverse("overview"))["X-Page-Cache"] == "miss"


def test_the_age_friendly_mode_gets_its_own_entry(client, guide):
    client.get(reverse("overview"))
    client.cookies[elder_mode.COOKIE_NAME] = elder_mode.COOKIE_VALUE
    response = client.get(reverse("overview"))
    assert response["X-Page-Cache"] == "miss"
    assert "退出长辈模式" in response.content.decode()


def test_a_random_mode_cookie_value_is_the_standard_mode_and_adds_no_entry(client, guide):
    client.get(reverse("overview"))
    for value in ["0", "x" * 40, "random-1", "random-2"]:
        client.cookies[elder_mode.COOKIE_NAME] = value
        assert client.get(reverse("overview"))["X-Page-Cache"] == "hit"


def test_parameters_a_page_does_not_read_add_no_entry_and_never_reach_the_page(client, guide):
    client.get(reverse("overview"))
    client.get(reverse("overview") + "?utm=first")  # the page is seen to read nothing
    for n in range(3):
        response = client.get(reverse("overview") + f"?utm=x{n}&a={n}")
        assert response["X-Page-Cache"] == "hit"
        assert "utm" not in response.content.decode()


def test_a_page_keys_on_the_parameters_it_reads(client, guide):
    url = reverse("search")
    assert client.get(url + "?q=补贴").get("X-Page-Cache") == "miss"
    assert client.get(url + "?q=补贴&junk=1")["X-Page-Cache"] == "hit"
    other = client.get(url + "?q=社工站&junk=2")
    assert other["X-Page-Cache"] == "miss"
    assert "社工站" in other.content.decode()
    # The links on the page (the mode switch's `next`) carry only what the page read.
    assert "junk" not in other.content.decode()


def test_anonymous_pages_say_how_others_may_cache_them(client, guide):
    for expected in ["miss", "hit"]:
        response = client.get(reverse("overview"))
        assert response["X-Page-Cache"] == expected
        assert "Cookie" in response["Vary"]
        assert response["Cache-Control"] == f"max-age={settings.PAGE_CACHE_PUBLIC_SECONDS}"


PUBLIC_PAGES = [
    ("overview", {}),
    ("services:index", {}),
    ("services:street", {"slug": "huanbei"}),
    ("services:find", {}),
    ("services:apply", {}),
    ("recruitment:index", {}),
    ("careers:index", {}),
    ("careers:subsidies", {}),
    ("notices", {}),
    ("faq", {}),
    ("search", {}),
]


@pytest.mark.parametrize("mode", ["standard", "elder"])
@pytest.mark.parametrize("name, kwargs", PUBLIC_PAGES)
def test_a_hit_carries_exactly_the_headers_of_a_miss(client, guide, name, kwargs, mode):
    if mode == "elder":
        client.cookies[elder_mode.COOKIE_NAME] = elder_mode.COOKIE_VALUE
    miss = client.get(reverse(name, kwargs=kwargs))
    hit = client.get(reverse(name, kwargs=kwargs))
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert hit["X-Frame-Options"] == "DENY"
    without_marker = lambda response: {  # noqa: E731
        name: value for name, value in response.items() if name != "X-Page-Cache"
    }
    assert without_marker(hit) == without_marker(miss)
    assert hit.content == miss.content


def test_logged_in_staff_never_get_a_cached_page(client, guide, superuser):
    client.get(reverse("overview"))
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    assert "X-Page-Cache" not in client.get(reverse("overview"))


def test_a_residents_application_does_not_empty_the_cache(client, guide):
    from services.applications.models import ServiceApplication

    client.get(reverse("overview"))
    stamp = page_cache.current_stamp()
    page_cache._on_change(ServiceApplication)  # what post_save sends for a new application
    assert page_cache.current_stamp() == stamp
    assert client.get(reverse("overview"))["X-Page-Cache"] == "hit"


def test_a_host_outside_allowed_hosts_is_refused_even_when_the_page_is_cached(client, guide):
    url = reverse("recruitment:index")
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get(url, HTTP_HOST="evil.example").status_code == 400


def test_a_page_rendered_for_one_host_is_never_served_to_another(client, guide):
    url = reverse("recruitment:index")
    client.get(url, HTTP_HOST="localhost")
    response = client.get(url, HTTP_HOST="127.0.0.1")
    assert response["X-Page-Cache"] == "miss"
    assert "http://localhost" not in response.content.decode()
    assert 'href="http://127.0.0.1/recruitment/' in response.content.decode()


def test_http_and_https_get_their_own_entries(client, guide):
    client.get(reverse("overview"))
    assert client.get(reverse("overview"), secure=True)["X-Page-Cache"] == "miss"


def test_a_form_page_with_a_token_is_private_so_no_shared_cache_keeps_it(client, guide):
    url = reverse("services:apply-form", args=["minsheng-doudi"])
    for _ in range(2):
        assert "private" in client.get(url)["Cache-Control"]


FORM_PAGES = [
    ("services:apply-form", {"category": "minsheng-doudi"}),
    ("services:track", {}),
]
TOKEN = 'name="csrfmiddlewaretoken" value="'


def _token(response) -> str:
    return response.content.decode().split(TOKEN)[1][:64]


@pytest.mark.parametrize("name, kwargs", FORM_PAGES)
def test_a_cached_form_page_carries_the_headers_of_a_miss_and_a_new_token(
    guide, name, kwargs, django_assert_max_num_queries
):
    from django.test import Client

    url = reverse(name, kwargs=kwargs)
    miss = Client().get(url)
    with django_assert_max_num_queries(0):
        hit = Client().get(url)  # another visitor, answered above the middleware stack
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    without_marker = lambda response: {  # noqa: E731
        name: value for name, value in response.items() if name != "X-Page-Cache"
    }
    assert without_marker(hit) == without_marker(miss)
    assert hit["X-Frame-Options"] == "DENY" and "private" in hit["Cache-Control"]
    assert int(hit["Content-Length"]) == len(hit.content)
    # Each new visitor gets a secret of their own in the cookie and a token for it.
    assert miss.cookies["csrftoken"].value != hit.cookies["csrftoken"].value
    assert _token(miss) != _token(hit)
    assert page_cache.CSRF_PLACEHOLDER not in hit.content.decode()


def test_the_token_on_a_cached_form_page_is_accepted_when_the_form_is_sent(guide):
    from django.test import Client

    url = reverse("services:track")
    Client().get(url)  # fills the cache
    resident = Client(enforce_csrf_checks=True)
    first = resident.get(url)
    second = resident.get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("hit", "hit")
    # A returning visitor keeps their secret (Django sends it again to renew its expiry).
    assert second.cookies["csrftoken"].value == first.cookies["csrftoken"].value
    sent = resident.post(
        url,
        {
            "reference": "BJ-2026-ZZZZZZ",
            "phone_last4": "1234",
            "csrfmiddlewaretoken": _token(second),
        },
    )
    assert sent.status_code == 200  # CSRF passed: the look-up ran (and found nothing)
    forged = Client(enforce_csrf_checks=True)
    forged.get(url)
    refused = forged.post(url, {"reference": "BJ-2026-ZZZZZZ", "csrfmiddlewaretoken": "x" * 64})
    assert refused.status_code == 403


@pytest.mark.parametrize(
    "query",
    [
        "q=%E7%8E%AF%E5%8C%97&page=2",
        "page=2&q=a+b&q=c%20d&empty=",
        "written=80&interview=75&written=81",
        "q=\u00e7\u008e\u00af",  # the raw UTF-8 bytes of 环 as WSGI hands them over (latin-1)
        "flag&x=%ZZ&y=1;z=2",
    ],
)
def test_the_key_reads_a_query_as_django_does(rf, query):
    """The cache key is built from the raw query without a QueryDict; it must name the same
    parameters and values as the QueryDict the view would get."""
    from django.http import QueryDict

    request = rf.get("/search/")
    request.META["QUERY_STRING"] = query
    parsed = QueryDict(query.encode("iso-8859-1"))
    names = set(parsed.keys()) - {"page"}
    expected = QueryDict(mutable=True)
    for name in sorted(names):
        expected.setlist(name, parsed.getlist(name))
    assert page_cache._only(page_cache._query_pairs(request), names) == expected.urlencode()


def test_a_query_with_too_many_fields_is_left_to_django(client, guide, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    query = "&".join(f"f{n}=1" for n in range(10))
    assert client.get(reverse("search") + "?" + query).status_code == 400
