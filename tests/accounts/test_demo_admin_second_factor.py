"""`make run`'s demo admin (`manage.py create_demo_admin`) sets up the second factor too."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.password_only]


def test_the_demo_admin_is_told_and_sent_to_the_set_up(client):
    out = StringIO()
    call_command("create_demo_admin", stdout=out)
    printed = out.getvalue()
    assert "腾讯身份验证器" in printed
    password = re.search(r"密码：\s+(\S+)", printed).group(1)
    response = client.post(reverse("admin:login"), {"username": "admin", "password": password})
    response = client.get(response["Location"])
    assert response["Location"].startswith(reverse("accounts:second-factor-setup"))
    assert client.get(reverse("admin:index")).status_code == 302
