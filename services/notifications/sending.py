"""Tell the resident about a step: put a message in the outbox, send it after the case's
transaction commits, retry failed ones (`send_outbox` command, or the admin action)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from services.notifications.backends import SendError, get_backend
from services.notifications.models import MessageTemplate, OutboxMessage

MAX_ATTEMPTS = 5


def notify_step(case, step: str) -> OutboxMessage | None:
    """Queue the step's message for the case's mobile, if the step has an active template."""
    template = MessageTemplate.objects.filter(step=step, is_active=True).first()
    if template is None or not case.mobile:
        return None
    next_step = case.next_step()
    params = {
        "reference": case.reference,
        "step": case.get_status_display(),
        "due": next_step.due_text if next_step else "",
    }
    message = OutboxMessage.objects.create(
        reference=case.reference,
        step=step,
        mobile=case.mobile,
        params=params,
        text=template.render(params),
        backend=settings.SMS_BACKEND,
    )
    transaction.on_commit(lambda: deliver(message))
    return message


def deliver(message: OutboxMessage) -> bool:
    """Try to send one message; records the attempt, the state and any error."""
    template = MessageTemplate.objects.filter(step=message.step).first()
    backend = get_backend()
    code = ""
    if template is not None:
        code = {
            "aliyun": template.aliyun_template_code,
            "tencent": template.tencent_template_id,
        }.get(backend.name, "")
    message.attempts += 1
    message.backend = backend.name
    try:
        message.provider_id = backend.send(message, code)
    except SendError as error:
        message.state = OutboxMessage.State.FAILED
        message.last_error = str(error)[:500]
    else:
        message.state = OutboxMessage.State.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
    message.save(
        update_fields=[
            "attempts", "backend", "provider_id", "state", "sent_at", "last_error"
        ]
    )  # fmt: skip
    return message.state == OutboxMessage.State.SENT


def retry_failed() -> tuple[int, int]:
    """Send again what is pending or failed (under MAX_ATTEMPTS); returns (sent, still failing)."""
    sent = failed = 0
    waiting = OutboxMessage.objects.exclude(state=OutboxMessage.State.SENT).filter(
        attempts__lt=MAX_ATTEMPTS
    )
    for message in waiting.order_by("created_at"):
        if deliver(message):
            sent += 1
        else:
            failed += 1
    return sent, failed
