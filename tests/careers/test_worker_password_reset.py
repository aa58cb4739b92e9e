"""A worker who forgot her password: her station's clerk gives her a one-time reset link from
her record, she sets a new password for the same account, and every other session of hers ends."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from careers import accounts
from careers.models import WorkerInvitation
from tests.careers.conftest import WORKER_PASSWORD, give_account, link_shown, press_link_button
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Oak-river-2026!"


def _offer_reset(client, staff, worker):
    return press_link_button(client, staff, "admin:careers_socialworker_reset_password", worker)


def _link(response) -> str:
    return link_shown(response, "careers:reset-password")


def _set_password(client, link, password=NEW_PASSWORD, again=None):
    return client.post(link, {"new_password1": password, "new_password2": again or password})


def _logs_in(password: str) -> bool:
    response = Client().post(reverse("careers:login"), {"username": "li-na", "password": password})
    return response.status_code == 302 and response.url == reverse("careers:me")


def test_the_clerk_gives_li_na_a_reset_link_and_she_sets_a_new_password(
    client, clerk_huanbei, li, django_assert_max_num_queries
):
    accounts_before = get_user_model().objects.count()
    her_phone = Client()
    her_phone.login(username="li-na", password=WORKER_PASSWORD)
    assert her_phone.get(reverse("careers:me")).status_code == 200

    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    page = client.get(reverse("admin:careers_socialworker_change", args=[li.pk]))
    assert "生成重设密码链接" in page.content.decode()
    assert "生成激活链接" not in page.content.decode()
    response = _offer_reset(client, clerk_huanbei, li)
    assert "李娜的重设密码链接" in response.content.decode()
    assert "7天内有效" in response.content.decode()
    assert WorkerInvitation.objects.get().created_by == clerk_huanbei
    link = _link(response)
    client.logout()

    with django_assert_max_num_queries(6):
        form = client.get(link)
    html = form.content.decode()
    assert "李娜（环北街道社工站）" in html and "重设密码" in html
    assert re.search(r'<input[^>]*value="li-na"[^>]*disabled', html)
    assert "no-cache" in form["Cache-Control"] or form["Cache-Control"].startswith("max-age=0")

    # A log-in name typed into the page changes nothing.
    response = client.post(
        link,
        {"username": "someone-else", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("careers:login")
    assert "密码已重设。请用新密码登录。" in response.content.decode()

    assert not _logs_in(WORKER_PASSWORD)
    assert _logs_in(NEW_PASSWORD)
    li.refresh_from_db()
    assert li.user.username == "li-na"
    assert get_user_model().objects.count() == accounts_before  # the same account, no second

    # Her phone, logged in with the old password, is logged out.
    response = her_phone.get(reverse("careers:me"))
    assert response.status_code == 302 and reverse("careers:login") in response.url

    # The link is used up.
    again = _set_password(client, link, "Another-pass-2026!")
    assert again.status_code == 410 and "这个重设密码链接无效或已经用过" in again.content.decode()
    assert _logs_in(NEW_PASSWORD)


def test_the_page_re_renders_with_chinese_errors_and_keeps_the_link(client, clerk_huanbei, li):
    link = _link(_offer_reset(client, clerk_huanbei, li))
    client.logout()
    mismatch = _set_password(client, link, NEW_PASSWORD, again="Oak-river-2027!")
    assert "请修改" in mismatch.content.decode()
    assert "两次输入的密码不一致" in mismatch.content.decode()
    too_short = _set_password(client, link, "abc")
    assert "密码至少8位，并且要同时有字母和数字" in too_short.content.decode()
    # One field, several messages: the summary counts what it lists.
    summary = too_short.content.decode().split('id="error-summary"')[1].split("</div>")[0]
    assert f"请修改以下{summary.count('<li>')}处后再提交" in summary
    assert summary.count("<li>") >= 2
    assert _logs_in(WORKER_PASSWORD)
    assert client.get(link).status_code == 200


def test_an_expired_reset_link_says_so(client, clerk_huanbei, li):
    link = _link(_offer_reset(client, clerk_huanbei, li))
    WorkerInvitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    client.logout()
    response = _set_password(client, link)
    assert response.status_code == 410
    assert "这个重设密码链接已过期（有效期7天）" in response.content.decode()
    assert _logs_in(WORKER_PASSWORD)


def test_a_new_reset_link_replaces_the_old_one(client, clerk_huanbei, li):
    first = _link(_offer_reset(client, clerk_huanbei, li))
    _link(_offer_reset(client, clerk_huanbei, li))
    client.logout()
    assert client.get(first).status_code == 410


def test_a_worker_who_left_cannot_use_her_reset_link(client, clerk_huanbei, li):
    link = _link(_offer_reset(client, clerk_huanbei, li))
    li.is_active = False
    li.save()
    client.logout()
    assert _set_password(client, link).status_code == 410
    li.user.refresh_from_db()
    assert li.user.check_password(WORKER_PASSWORD)


@pytest.mark.parametrize(
    ("staff", "status"),
    [("clerk_huanbei", 200), ("hub_officer", 200), ("clerk_tongxing", 404)],
)
def test_who_may_generate_a_reset_link_for_a_huanbei_worker(client, li, request, staff, status):
    response = _offer_reset(client, request.getfixturevalue(staff), li)
    assert response.status_code == status
    assert WorkerInvitation.objects.exists() == (status == 200)


def test_the_read_only_viewer_cannot_generate_a_reset_link(client, read_only_viewer, li):
    client.login(username=read_only_viewer.username, password=STAFF_PASSWORD)
    page = client.get(reverse("admin:careers_socialworker_change", args=[li.pk]))
    assert page.status_code == 200 and "生成重设密码链接" not in page.content.decode()
    assert _offer_reset(client, read_only_viewer, li).status_code == 403
    assert not WorkerInvitation.objects.exists()


def test_a_worker_without_an_account_gets_the_activation_button_not_the_reset_one(
    client, clerk_huanbei, workers
):
    zhang = workers["zhang"]
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    page = client.get(reverse("admin:careers_socialworker_change", args=[zhang.pk])).content
    assert "生成激活链接" in page.decode() and "生成重设密码链接" not in page.decode()
    response = _offer_reset(client, clerk_huanbei, zhang)
    assert "张伟还没有开通账号，请生成激活链接" in client.get(response.url).content.decode()
    assert not WorkerInvitation.objects.exists()


def test_an_activation_link_and_a_reset_link_only_open_their_own_page(client, workers):
    zhang, li = workers["zhang"], workers["li"]
    activation = accounts.invite(zhang, None)
    give_account(li, "li-na")
    reset = accounts.offer_password_reset(li, None)
    assert client.get(reverse("careers:reset-password", args=[activation])).status_code == 410
    assert client.get(reverse("careers:activate", args=[reset])).status_code == 410


def test_an_activation_link_never_changes_an_existing_password(workers):
    zhang = workers["zhang"]
    invitation = accounts.invitation_for(accounts.invite(zhang, None))
    user = give_account(zhang, "zhang-wei")  # a superuser linked an account meanwhile
    with pytest.raises(accounts.InvitationError, match="账号已开通"):
        accounts.activate(invitation, "zhangwei2026", NEW_PASSWORD)
    user.refresh_from_db()
    assert user.check_password(WORKER_PASSWORD)
    assert not get_user_model().objects.filter(username="zhangwei2026").exists()
