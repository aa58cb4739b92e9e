"""The SMS senders. One interface, `send(message) -> provider id`, raising SendError on
failure; `get_backend()` picks one by the SMS_BACKEND setting (log, aliyun, tencent).

The provider SDKs are imported only when that backend is used, so the log backend (the
default, for development and for any deployment without an SMS account) needs neither.
"""

import json
import logging
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from services.notifications.models import OutboxMessage

logger = logging.getLogger("services.notifications")


class SendError(Exception):
    """The provider refused or could not be reached; the message stays in the outbox."""


class SmsBackend(Protocol):
    name: str

    def send(self, message: OutboxMessage, template_code: str) -> str: ...


class LogBackend:
    """Writes the message to the log; the outbox row is the record. Sends nothing."""

    name = "log"

    def send(self, message: OutboxMessage, template_code: str) -> str:
        logger.info("SMS %s %s: %s", message.reference, message.step, message.text)
        return f"log-{message.pk}"


def _setting(name: str) -> str:
    value = getattr(settings, name, "")
    if not value:
        raise ImproperlyConfigured(f"{name} must be set for SMS_BACKEND={settings.SMS_BACKEND}")
    return value


class AliyunBackend:
    """Alibaba Cloud SMS (dysmsapi 2017-05-25) through its official SDK."""

    name = "aliyun"

    def __init__(self) -> None:
        from alibabacloud_dysmsapi20170525.client import Client
        from alibabacloud_tea_openapi import models as openapi

        config = openapi.Config(
            access_key_id=_setting("ALIYUN_SMS_ACCESS_KEY_ID"),
            access_key_secret=_setting("ALIYUN_SMS_ACCESS_KEY_SECRET"),
            endpoint="dysmsapi.aliyuncs.com",
        )
        self.client = Client(config)
        self.sign_name = _setting("SMS_SIGN_NAME")

    def send(self, message: OutboxMessage, template_code: str) -> str:
        from alibabacloud_dysmsapi20170525 import models as dysms

        if not template_code:
            raise SendError("该环节的短信模板没有填写阿里云模板编号")
        request = dysms.SendSmsRequest(
            phone_numbers=message.mobile,
            sign_name=self.sign_name,
            template_code=template_code,
            template_param=json.dumps(message.params, ensure_ascii=False),
        )
        try:
            body = self.client.send_sms(request).body
        except Exception as error:  # the SDK raises its own errors for HTTP and API failures
            raise SendError(f"阿里云短信接口出错：{error}") from error
        if body.code != "OK":
            raise SendError(f"阿里云短信未发送：{body.code} {body.message}")
        return body.biz_id or ""


class TencentBackend:
    """Tencent Cloud SMS (API 2021-01-11) through its official SDK."""

    name = "tencent"

    def __init__(self) -> None:
        from tencentcloud.common import credential
        from tencentcloud.sms.v20210111 import sms_client

        self.client = sms_client.SmsClient(
            credential.Credential(
                _setting("TENCENT_SMS_SECRET_ID"), _setting("TENCENT_SMS_SECRET_KEY")
            ),
            getattr(settings, "TENCENT_SMS_REGION", "") or "ap-guangzhou",
        )
        self.app_id = _setting("TENCENT_SMS_SDK_APP_ID")
        self.sign_name = _setting("SMS_SIGN_NAME")

    def send(self, message: OutboxMessage, template_code: str) -> str:
        from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
            TencentCloudSDKException,
        )
        from tencentcloud.sms.v20210111 import models

        if not template_code:
            raise SendError("该环节的短信模板没有填写腾讯云模板ID")
        request = models.SendSmsRequest()
        request.SmsSdkAppId = self.app_id
        request.SignName = self.sign_name
        request.TemplateId = template_code
        # Tencent templates take their parameters in order: reference, step, due.
        request.TemplateParamSet = [str(value) for value in message.params.values() if value]
        request.PhoneNumberSet = [f"+86{message.mobile}"]
        try:
            status = self.client.SendSms(request).SendStatusSet[0]
        except TencentCloudSDKException as error:
            raise SendError(f"腾讯云短信接口出错：{error.code} {error.message}") from error
        if status.Code != "Ok":
            raise SendError(f"腾讯云短信未发送：{status.Code} {status.Message}")
        return status.SerialNo or ""


BACKENDS = {"log": LogBackend, "aliyun": AliyunBackend, "tencent": TencentBackend}


def get_backend() -> SmsBackend:
    return BACKENDS[settings.SMS_BACKEND]()
