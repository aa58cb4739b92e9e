"""Every reset page × every audience: the candidates' e-mail page mails only candidates, the
workers' clerk-issued link resets only workers; neither ever resets a staff account. Reset
mails are limited per client address and per account."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.resets import may_reset
from careers import accounts as worker_links
from careers.models import WorkerInvitation

RESET = "recruitment:password-reset"


def _ask(client, email: str):
    return client.post(reverse(RESET), {"email": email})


@pytest.fixture
def everyone(clerk_huanbei, superuser, candidate_wang, worker_li, outsider):
    for user, email in [
        (clerk_huanbei, "clerk@huanbei.gov.cn"),
        (superuser, "admin@bijiang.gov.cn"),
        (outsider, "outsider@example.com"),
    ]:
        user.email = email
        user.save(update_fields=["email"])
    return {
        "clerk_huanbei": clerk_huanbei,
        "superuser": superuser,
        "candidate_wang": candidate_wang.user,
        "worker_li": worker_li.user,
        "outsider": outsider,
    }


@pytest.mark.parametrize(
    "person, mailed",
    [
        ("candidate_wang", True),
        ("clerk_huanbei", False),
        ("superuser", False),
        ("worker_li", False),
        ("outsider", False),
    ],
)
def test_the_candidates_reset_page_mails_only_candidates(client, everyone, person, mailed):
    response = _ask(client, everyone[person].email)
    assert response.status_code == 302
    assert response.url == reverse("recruitment:password-reset-done")
    assert len(mail.outbox) == (1 if mailed else 0)


def test_a_clerks_address_gets_the_same_answer_as_an_unknown_one(client, everyone):
    clerk = _ask(client, everyone["clerk_huanbei"].email)
    unknown = _ask(client, "nobody@example.com")
    assert (clerk.status_code, clerk.url) == (unknown.status_code, unknown.url)
    assert mail.outbox == []


def _link_for(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("recruitment:password-reset-confirm", args=[uid, token])


@pytest.mark.parametrize("person", ["clerk_huanbei", "superuser", "worker_li", "outsider"])
def test_a_reset_link_for_anybody_but_a_candidate_is_an_invalid_link(client, everyone, person):
    """Even a valid Django token (say, mailed before this rule) resets no staff account."""
    page = client.get(_link_for(everyone[person]), follow=True)
    assert page.status_code == 200
    assert 'name="new_password1"' not in page.content.decode()


def test_a_candidates_reset_link_still_works(client, everyone):
    page = client.get(_link_for(everyone["candidate_wang"]), follow=True)
    assert 'name="new_password1"' in page.content.decode()


def test_reset_requests_are_limited_per_address(db, settings):
    settings.PASSWORD_RESET_ADDRESS_RATE = "3/h"
    client = Client(REMOTE_ADDR="203.0.113.20")
    statuses = [_ask(client, f"n{n}@example.com").status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert "操作太频繁" in _ask(client, "x@example.com").content.decode()


def test_reset_mails_are_limited_per_account(everyone, settings):
    settings.PASSWORD_RESET_ACCOUNT_RATE = "2/d"
    email = everyone["candidate_wang"].email
    for n in range(4):
        response = _ask(Client(REMOTE_ADDR=f"198.51.100.{n}"), email)
        assert response.status_code == 302  # the same answer: nobody learns about the limit
    assert len(mail.outbox) == 2


# --- The workers' clerk-issued link: the same rule ----------------------------------------


def test_the_workers_link_resets_a_worker(worker_li, clerk_huanbei):
    token = worker_links.offer_password_reset(worker_li, clerk_huanbei)
    assert worker_links.password_reset_for(token).worker == worker_li


def test_no_workers_link_for_a_worker_record_pointing_at_a_staff_account(
    huanbei, clerk_huanbei, clerk_tongxing
):
    from careers.models import SocialWorker

    record = SocialWorker.objects.create(street=huanbei, name="赵敏", user=clerk_tongxing)
    with pytest.raises(worker_links.InvitationError, match="不是社工账号"):
        worker_links.offer_password_reset(record, clerk_huanbei)


def test_a_workers_link_stops_working_once_the_account_is_staff(client, worker_li, clerk_huanbei):
    token = worker_links.offer_password_reset(worker_li, clerk_huanbei)
    worker_li.user.is_staff = True
    worker_li.user.save(update_fields=["is_staff"])
    page = client.get(reverse("careers:reset-password", args=[token]))
    assert page.status_code == 410
    assert 'name="new_password1"' not in page.content.decode()
    assert WorkerInvitation.objects.get().used_at is None


@pytest.mark.parametrize(
    "person, audience, allowed",
    [
        ("candidate_wang", "candidate", True),
        ("candidate_wang", "worker", False),
        ("worker_li", "worker", True),
        ("worker_li", "candidate", False),
        ("clerk_huanbei", "staff", False),
        ("clerk_huanbei", "candidate", False),
        ("superuser", "worker", False),
        ("outsider", "candidate", False),
    ],
)
def test_may_reset_is_the_one_rule(everyone, person, audience, allowed):
    assert may_reset(everyone[person], audience) is allowed


def test_the_mailed_link_points_at_the_candidates_page(client, everyone):
    _ask(client, everyone["candidate_wang"].email)
    assert re.search(r"/recruitment/account/password/reset/[^/]+/[^/]+/", mail.outbox[0].body)
