"""Workers' accounts: a clerk invites from the worker's record, the worker activates the
one-time link, logs in under the admin's lock-out and a rate limit, and loses access on leaving."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from careers.models import WorkerInvitation
from tests.careers.conftest import WORKER_PASSWORD, link_shown, press_link_button
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


def _invite(client, clerk, worker):
    return press_link_button(client, clerk, "admin:careers_socialworker_invite", worker)


def _link(response) -> str:
    return link_shown(response, "careers:activate")


def _activate(client, link, username="lina2026", password=WORKER_PASSWORD):
    return client.post(link, {"username": username, "password1": password, "password2": password})


def test_a_clerk_invites_her_worker_and_the_worker_activates_her_account(
    client, clerk_huanbei, workers, django_assert_max_num_queries
):
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    page = client.get(reverse("admin:careers_socialworker_change", args=[workers["li"].pk]))
    assert "生成激活链接" in page.content.decode()
    response = _invite(client, clerk_huanbei, workers["li"])
    assert "7天内有效" in response.content.decode()
    link = _link(response)
    client.logout()

    with django_assert_max_num_queries(6):
        form = client.get(link)
    assert "李娜（环北街道社工站）" in form.content.decode()
    assert form["Cache-Control"].startswith("max-age=0") or "no-cache" in form["Cache-Control"]
    response = _activate(client, link)
    assert response.url == reverse("careers:login")
    workers["li"].refresh_from_db()
    assert workers["li"].user.username == "lina2026"
    assert not workers["li"].user.is_staff

    # The link is used up.
    again = client.get(link)
    assert again.status_code == 410 and "无效或已经用过" in again.content.decode()

    login = client.post(
        reverse("careers:login"), {"username": "lina2026", "password": WORKER_PASSWORD}
    )
    assert login.url == reverse("careers:me")


def test_activation_re_renders_with_chinese_errors(client, clerk_huanbei, workers):
    link = _link(_invite(client, clerk_huanbei, workers["li"]))
    client.logout()
    response = client.post(link, {"username": "lina2026", "password1": "abc", "password2": "abd"})
    html = response.content.decode()
    assert "请修改" in html and "两次输入的密码不一致" in html
    assert 'value="lina2026"' in html
    assert workers["li"].user_id is None


def test_an_expired_link_asks_for_a_new_one(client, clerk_huanbei, workers):
    link = _link(_invite(client, clerk_huanbei, workers["li"]))
    WorkerInvitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.get(link)
    assert response.status_code == 410 and "已过期" in response.content.decode()


def test_a_clerk_cannot_invite_another_stations_worker(client, clerk_tongxing, workers):
    response = _invite(client, clerk_tongxing, workers["li"])
    assert response.status_code == 404
    assert not WorkerInvitation.objects.exists()


def test_a_new_link_replaces_the_old_one(client, clerk_huanbei, workers):
    first = _link(_invite(client, clerk_huanbei, workers["li"]))
    _link(_invite(client, clerk_huanbei, workers["li"]))
    client.logout()
    assert client.get(first).status_code == 410


def test_a_worker_who_leaves_loses_access_and_keeps_her_records(client, li):
    client.login(username="li-na", password=WORKER_PASSWORD)
    assert client.get(reverse("careers:me")).status_code == 200
    li.is_active = False
    li.save()
    response = client.get(reverse("careers:me"))
    assert response.status_code == 302 and reverse("careers:login") in response.url
    login = client.post(
        reverse("careers:login"), {"username": "li-na", "password": WORKER_PASSWORD}
    )
    assert login.status_code == 200 and "登录没有成功" in login.content.decode()
    li.refresh_from_db()
    assert li.user is not None and not li.user.is_active


def test_staff_and_other_users_have_no_worker_page(client, clerk_huanbei):
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    assert client.get(reverse("careers:me")).status_code == 404


@pytest.mark.axes
def test_worker_log_in_locks_out_after_repeated_failures(client, li, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("careers:login"), {"username": "li-na", "password": "wrong"})
    response = client.post(
        reverse("careers:login"), {"username": "li-na", "password": WORKER_PASSWORD}
    )
    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()


def test_worker_log_in_is_rate_limited_per_address(client, li, settings):
    settings.WORKER_LOGIN_RATE = "3/10m"
    for _ in range(3):
        client.post(reverse("careers:login"), {"username": f"x{_}", "password": "wrong"})
    response = client.post(
        reverse("careers:login"), {"username": "li-na", "password": WORKER_PASSWORD}
    )
    assert response.status_code == 429


def test_one_account_per_worker(client, clerk_huanbei, li):
    response = _invite(client, clerk_huanbei, li)
    assert response.status_code == 302
    follow = client.get(response.url)
    assert "已经激活了账号" in follow.content.decode()
    assert get_user_model().objects.filter(social_worker=li).count() == 1
