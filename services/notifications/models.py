"""The message templates (one per step) and the outbox of every message sent or tried."""

import string

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from bijiang_social.encrypted_fields import EncryptedCharField
from bijiang_social.personal_data import mask_mobile

__all__ = ["MessageTemplate", "OutboxMessage"]

PLACEHOLDERS = {
    "reference": "受理编号",
    "step": "当前环节",
    "due": "下一环节的完成期限（没有时为空）",
}


class Step(models.TextChoices):
    """The moments a resident is told about; each is a case status."""

    RECEIVED = "submitted", "已受理（提交后）"
    FIRST_FAILED = "first_failed", "初审未通过"
    APPROVED = "final_passed", "复核通过"
    FINAL_FAILED = "final_failed", "复核未通过"
    CONTACT_ARRANGED = "assigned", "已分派社工（将联系您）"
    CLOSED = "closed", "结案（邀请评价）"


def validate_placeholders(text: str) -> None:
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    unknown = sorted(names - PLACEHOLDERS.keys())
    if unknown:
        allowed = "、".join(f"{{{key}}}" for key in PLACEHOLDERS)
        raise ValidationError(
            f"短信内容里不能使用 {'、'.join('{' + n + '}' for n in unknown)}。"
            f"可用的占位符只有 {allowed}（不含姓名、电话等个人信息）。"
        )


class MessageTemplate(models.Model):
    step = models.CharField("环节", max_length=20, choices=Step.choices, unique=True)
    text = models.TextField(
        "短信内容",
        validators=[validate_placeholders],
        help_text="可用占位符：{reference} 受理编号，{step} 当前环节，{due} 下一环节的完成期限。"
        "不要写入姓名、电话、原因等个人信息。",
    )
    aliyun_template_code = models.CharField(
        "阿里云短信模板编号", max_length=40, blank=True, help_text="例如 SMS_123456789"
    )
    tencent_template_id = models.CharField(
        "腾讯云短信模板ID", max_length=20, blank=True, help_text="例如 1234567"
    )
    is_active = models.BooleanField("发送", default=True)

    class Meta:
        verbose_name = "短信模板"
        verbose_name_plural = "短信模板"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.get_step_display()

    def render(self, params: dict[str, str]) -> str:
        return self.text.format_map({key: params.get(key, "") for key in PLACEHOLDERS})


class OutboxMessage(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "待发送"
        SENT = "sent", "已发送"
        FAILED = "failed", "发送失败"

    reference = models.CharField("受理编号", max_length=20, db_index=True)
    step = models.CharField("环节", max_length=20, choices=Step.choices)
    mobile = EncryptedCharField("接收手机", max_length=11)
    params = models.JSONField("模板参数", default=dict)
    text = models.TextField("短信内容")
    backend = models.CharField("发送通道", max_length=10)
    state = models.CharField(
        "状态", max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField("已尝试次数", default=0)
    last_error = models.TextField("最近一次错误", blank=True)
    provider_id = models.CharField("服务商回执编号", max_length=80, blank=True)
    created_at = models.DateTimeField("生成时间", default=timezone.now)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "短信发件箱"
        verbose_name_plural = "短信发件箱"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.reference} {self.get_step_display()}"

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.mobile)
