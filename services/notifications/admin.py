"""SMS templates (one per step) and the outbox, in the admin of the district hub."""

from django.contrib import admin, messages
from django.http import HttpRequest

from bijiang_social.audit import AuditedAdmin
from services.notifications.models import PLACEHOLDERS, MessageTemplate, OutboxMessage
from services.notifications.sending import MAX_ATTEMPTS, deliver


@admin.register(MessageTemplate)
class MessageTemplateAdmin(AuditedAdmin):
    list_display = ["step", "text", "is_active", "aliyun_template_code", "tencent_template_id"]
    list_editable = ["is_active"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.base_fields["text"].help_text = (
            "可用占位符："
            + "，".join(f"{{{key}}} {label}" for key, label in PLACEHOLDERS.items())
            + "。不要写入姓名、电话、原因等个人信息。"
        )
        return form


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = [
        "created_at", "reference", "step", "masked_mobile", "backend", "state", "attempts",
        "last_error", "sent_at",
    ]  # fmt: skip
    list_filter = ["state", "step", "backend"]
    search_fields = ["reference"]
    fields = [
        "reference", "step", "masked_mobile", "text", "backend", "state", "attempts",
        "last_error", "provider_id", "created_at", "sent_at",
    ]  # fmt: skip
    readonly_fields = fields
    actions = ["send_again"]

    @admin.display(description="接收手机")
    def masked_mobile(self, message: OutboxMessage) -> str:
        return message.masked_mobile

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.action(description="重新发送所选短信（未发送成功的）", permissions=["view"])
    def send_again(self, request: HttpRequest, queryset) -> None:
        waiting = queryset.exclude(state=OutboxMessage.State.SENT)
        results = [deliver(message) for message in waiting.filter(attempts__lt=MAX_ATTEMPTS)]
        messages.info(
            request, f"已重新发送 {results.count(True)} 条，仍失败 {results.count(False)} 条。"
        )
