"""Social workers' accounts through one-time links a clerk hands over: an activation link (she
chooses a log-in name and a password) and, once she has an account, a password-reset link (she
sets a new password for the same account). One account per worker, never staff.

Only the SHA-256 of the token is stored, so a database dump reveals no usable link. A worker
has at most one usable link: a new one, of either kind, replaces her unused ones.
"""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts import audiences
from accounts.resets import may_reset
from careers.models import SocialWorker, WorkerInvitation

ACTIVATION = WorkerInvitation.Purpose.ACTIVATION
PASSWORD_RESET = WorkerInvitation.Purpose.PASSWORD_RESET


class InvitationError(Exception):
    """The link cannot be used; the message tells the worker what to do."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_link(worker: SocialWorker, by, purpose: str) -> str:
    """A new token of this purpose for the worker; her earlier unused links stop working."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        WorkerInvitation.objects.filter(worker=worker, used_at__isnull=True).delete()
        WorkerInvitation.objects.create(
            worker=worker,
            purpose=purpose,
            token_hash=_digest(token),
            created_by=by,
            expires_at=timezone.now() + dt.timedelta(days=settings.WORKER_INVITATION_DAYS),
        )
    return token


def invite(worker: SocialWorker, by) -> str:
    """A new activation token for an in-post worker without an account."""
    if worker.user_id:
        raise InvitationError(f"{worker.name}已经激活了账号，无需再次邀请。")
    if not worker.is_active:
        raise InvitationError(f"{worker.name}已不在岗，不能邀请开通账号。")
    return _new_link(worker, by, ACTIVATION)


def offer_password_reset(worker: SocialWorker, by) -> str:
    """A new password-reset token for an in-post worker who has an account."""
    if not worker.user_id:
        raise InvitationError(f"{worker.name}还没有开通账号，请生成激活链接。")
    if not worker.is_active:
        raise InvitationError(f"{worker.name}已不在岗，账号已停用，不能重设密码。")
    if not may_reset(worker.user, audiences.WORKER):
        raise InvitationError(
            f"{worker.name}的平台账号不是社工账号（例如是工作人员账号），不能在这里重设密码；"
            "请联系系统管理员。"
        )
    return _new_link(worker, by, PASSWORD_RESET)


def _unused_link(token: str, purpose: str) -> WorkerInvitation:
    """The unused, unexpired link of this purpose for the token, or why it cannot be used."""
    label = WorkerInvitation.Purpose(purpose).label
    link = (
        WorkerInvitation.objects.select_related("worker__street", "worker__user")
        .filter(token_hash=_digest(token or ""), purpose=purpose)
        .first()
    )
    if link is None or link.used_at is not None:
        raise InvitationError(f"这个{label}无效或已经用过。请向所在社工站的工作人员索取新的链接。")
    if link.expires_at < timezone.now():
        raise InvitationError(
            f"这个{label}已过期（有效期{settings.WORKER_INVITATION_DAYS}天）。"
            "请向所在社工站的工作人员索取新的链接。"
        )
    return link


def invitation_for(token: str) -> WorkerInvitation:
    """The unused, unexpired activation link of an active worker without an account."""
    invitation = _unused_link(token, ACTIVATION)
    if invitation.worker.user_id or not invitation.worker.is_active:
        raise InvitationError("这位社工的账号已开通或已停用，请直接登录或联系所在社工站。")
    return invitation


def password_reset_for(token: str) -> WorkerInvitation:
    """The unused, unexpired password-reset link of an active worker with an active account."""
    link = _unused_link(token, PASSWORD_RESET)
    worker = link.worker
    if not (worker.user_id and worker.is_active and may_reset(worker.user, audiences.WORKER)):
        raise InvitationError("这位社工的账号没有开通或已停用，请联系所在社工站。")
    return link


def _use(link: WorkerInvitation, purpose: str) -> tuple[WorkerInvitation, SocialWorker]:
    """The link and its worker locked for the change; a link used meanwhile is refused."""
    link = WorkerInvitation.objects.select_for_update().get(pk=link.pk, purpose=purpose)
    if link.used_at is not None:
        raise InvitationError(f"这个{link.get_purpose_display()}已经用过，请直接登录。")
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    return link, SocialWorker.objects.select_for_update().get(pk=link.worker_id)


@transaction.atomic
def activate(invitation: WorkerInvitation, username: str, password: str):
    """Create her account (no staff rights) and link it to her record; the link is used up.

    Never touches an account she already has: her password stays as it is.
    """
    invitation, worker = _use(invitation, ACTIVATION)
    if worker.user_id:
        raise InvitationError("这位社工的账号已开通，请直接登录。")
    user = get_user_model().objects.create_user(
        username=username, password=password, first_name=worker.name
    )
    worker.user = user
    worker.save(update_fields=["user"])
    return user


@transaction.atomic
def reset_password(link: WorkerInvitation, password: str):
    """Set a new password on her existing account (never a new account); the link is used up.

    Changing the password logs her out everywhere else: Django checks each session against a
    hash of the password.
    """
    link, worker = _use(link, PASSWORD_RESET)
    if not worker.user_id:
        raise InvitationError("这位社工还没有开通账号，请联系所在社工站。")
    user = worker.user
    user.set_password(password)
    user.save(update_fields=["password"])
    return user
