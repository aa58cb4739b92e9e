import re

import pytest
from django.urls import reverse

from bijiang_social.models import KeyFigure
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


def test_the_admin_speaks_chinese_and_names_the_portal(client, superuser):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    html = client.get(reverse("admin:index")).content.decode()
    assert "碧江区社会工作服务平台管理后台" in html
    assert "关键数据" in html
    assert "节假日安排" in html


def test_a_clerk_edits_a_key_figure_in_admin_and_residents_see_it(client, guide, superuser):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    figure = KeyFigure.objects.get(key="full-time-staff")
    url = reverse("admin:bijiang_social_keyfigure_change", args=[figure.pk])
    form_html = client.get(url).content.decode()
    assert "一句话说明" in form_html
    response = client.post(
        url,
        {
            "page": figure.page,
            "key": figure.key,
            "label": figure.label,
            "value": "230",
            "unit": figure.unit,
            "meaning": "全职社工规模突破230人",
            "order": figure.order,
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    client.logout()
    html = client.get(reverse("overview")).content.decode()
    assert re.search(r'key-figure-value">230</span>', html)
    assert "全职社工规模突破230人" in html


def test_a_resident_cannot_open_the_admin(client, outsider):
    client.login(username=outsider.username, password=STAFF_PASSWORD)
    response = client.get(reverse("admin:bijiang_social_keyfigure_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_an_edit_of_published_content_is_recorded_in_the_audit_trail(client, guide, superuser):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    figure = KeyFigure.objects.get(key="agencies")
    client.post(
        reverse("admin:bijiang_social_keyfigure_change", args=[figure.pk]),
        {
            "page": figure.page,
            "key": figure.key,
            "label": figure.label,
            "value": "13",
            "unit": figure.unit,
            "meaning": figure.meaning,
            "order": figure.order,
            "is_published": "on",
        },
    )
    latest = figure.history.latest()
    assert (latest.history_user, latest.value, latest.prev_record.value) == (superuser, "13", "12")
    history = client.get(reverse("admin:bijiang_social_keyfigure_history", args=[figure.pk]))
    assert history.status_code == 200 and "13" in history.content.decode()
