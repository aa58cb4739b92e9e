import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_sends_the_strict_security_headers(client, guide):
    response = client.get(reverse("overview"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "geolocation=(self)" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_not_found_page_sends_them_too(client, guide):
    response = client.get("/nowhere/")
    assert response.status_code == 404
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_pages_carry_no_inline_script_or_style(client, guide):
    html = client.get(reverse("overview")).content.decode()
    assert "<script>" not in html and "<style" not in html and "style=" not in html
