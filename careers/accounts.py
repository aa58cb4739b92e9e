"""Social workers' accounts: a clerk invites a worker (a one-time link), the worker activates it
by choosing a log-in name and a password. One account per worker, never staff.

Only the SHA-256 of the token is stored, so a database dump reveals no usable link.
"""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from careers.models import SocialWorker, WorkerInvitation


class InvitationError(Exception):
    """The link cannot be used; the message tells the worker what to do."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(worker: SocialWorker, by) -> str:
    """A new activation token for the worker (earlier unused links stop working)."""
    if worker.user_id:
        raise InvitationError(f"{worker.name}已经激活了账号，无需再次邀请。")
    if not worker.is_active:
        raise InvitationError(f"{worker.name}已不在岗，不能邀请开通账号。")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        WorkerInvitation.objects.filter(worker=worker, used_at__isnull=True).delete()
        WorkerInvitation.objects.create(
            worker=worker,
            token_hash=_digest(token),
            created_by=by,
            expires_at=timezone.now() + dt.timedelta(days=settings.WORKER_INVITATION_DAYS),
        )
    return token


def invitation_for(token: str) -> WorkerInvitation:
    """The unused, unexpired invitation of an active worker without an account."""
    invitation = (
        WorkerInvitation.objects.select_related("worker__street")
        .filter(token_hash=_digest(token or ""))
        .first()
    )
    if invitation is None or invitation.used_at is not None:
        raise InvitationError("这个激活链接无效或已经用过。请向所在社工站的工作人员索取新的链接。")
    if invitation.expires_at < timezone.now():
        raise InvitationError(
            f"这个激活链接已过期（有效期{settings.WORKER_INVITATION_DAYS}天）。"
            "请向所在社工站的工作人员索取新的链接。"
        )
    if invitation.worker.user_id or not invitation.worker.is_active:
        raise InvitationError("这位社工的账号已开通或已停用，请直接登录或联系所在社工站。")
    return invitation


@transaction.atomic
def activate(invitation: WorkerInvitation, username: str, password: str):
    """Create her account (no staff rights) and link it to her record; the link is used up."""
    invitation = WorkerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:
        raise InvitationError("这个激活链接已经用过，请直接登录。")
    worker = SocialWorker.objects.select_for_update().get(pk=invitation.worker_id)
    user = get_user_model().objects.create_user(
        username=username, password=password, first_name=worker.name, is_staff=False
    )
    worker.user = user
    worker.save(update_fields=["user"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user
