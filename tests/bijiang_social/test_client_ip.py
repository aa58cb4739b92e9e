from django.test import RequestFactory

from bijiang_social.client_ip import client_ip


def _request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", **meta)


def test_without_a_trusted_proxy_a_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="1.2.3.4")) == "10.0.0.5"


def test_behind_one_proxy_the_address_it_saw_is_used(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="203.0.113.9")) == "203.0.113.9"


def test_a_client_cannot_dodge_by_prepending_its_own_forwarded_entries(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = _request(HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"


def test_a_missing_header_behind_a_proxy_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request()) == "10.0.0.5"
