"""SMS at each step: templates with placeholders, the outbox with the log backend, and each
provider's adapter through its official SDK against a stubbed HTTP transport."""

import json

import pytest
import responses
from django.core.exceptions import ValidationError

from services.applications.rules import apply_transition
from services.notifications.models import MessageTemplate, OutboxMessage, validate_placeholders
from services.notifications.sending import deliver, retry_failed
from tests.services.conftest import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def templates(db):
    MessageTemplate.objects.create(
        step="submitted",
        text="您的申请已受理，受理编号{reference}，初审期限{due}。",
        aliyun_template_code="SMS_100",
        tencent_template_id="100",
    )
    MessageTemplate.objects.create(
        step="first_failed", text="受理编号{reference}：{step}，原因请凭编号查询。"
    )


def test_a_submitted_case_puts_one_message_with_only_reference_and_step_in_the_outbox(
    templates, minsheng, huanbei, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(minsheng, huanbei, name="张三")
    message = OutboxMessage.objects.get()
    assert message.state == OutboxMessage.State.SENT and message.backend == "log"
    assert message.text.startswith(f"您的申请已受理，受理编号{case.reference}，初审期限")
    assert "张三" not in message.text and case.mobile not in message.text
    assert message.mobile == case.mobile


def test_a_rejection_message_does_not_carry_the_reason(
    templates, minsheng, huanbei, clerk_huanbei, django_capture_on_commit_callbacks
):
    case = make_case(minsheng, huanbei)
    with django_capture_on_commit_callbacks(execute=True):
        apply_transition(
            case, "first_reject", clerk_huanbei, reason="家庭收入超标", alternatives=["热线"]
        )
    message = OutboxMessage.objects.get(step="first_failed")
    assert message.text == f"受理编号{case.reference}：初审未通过，原因请凭编号查询。"
    assert "收入" not in message.text


def test_a_step_without_a_template_sends_nothing(minsheng, huanbei):
    make_case(minsheng, huanbei)
    assert not OutboxMessage.objects.exists()


def test_a_template_refuses_a_personal_placeholder():
    with pytest.raises(ValidationError, match=r"不能使用 \{name\}"):
        validate_placeholders("{name}您好，编号{reference}")
    validate_placeholders("编号{reference}，{step}，{due}")


def _message(**extra) -> OutboxMessage:
    return OutboxMessage.objects.create(
        reference="BJ-2026-K7M3Q9",
        step="submitted",
        mobile="13812345678",
        params={"reference": "BJ-2026-K7M3Q9", "step": "已提交", "due": "2026-12-01（含当日）"},
        text="x",
        backend="log",
        **extra,
    )


@pytest.fixture
def aliyun(settings):
    settings.SMS_BACKEND = "aliyun"
    settings.SMS_SIGN_NAME = "碧江社工"
    settings.ALIYUN_SMS_ACCESS_KEY_ID = "test-id"
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = "test-secret"


@pytest.fixture
def tencent(settings):
    settings.SMS_BACKEND = "tencent"
    settings.SMS_SIGN_NAME = "碧江社工"
    settings.TENCENT_SMS_SECRET_ID = "test-id"
    settings.TENCENT_SMS_SECRET_KEY = "test-key"
    settings.TENCENT_SMS_SDK_APP_ID = "1400000000"


@responses.activate
def test_the_aliyun_adapter_sends_the_template_code_and_parameters(aliyun, templates):
    responses.post(
        "https://dysmsapi.aliyuncs.com/",
        json={"Code": "OK", "Message": "OK", "BizId": "900", "RequestId": "r"},
    )
    message = _message()
    assert deliver(message)
    sent = responses.calls[0].request
    query = sent.url + (sent.body.decode() if isinstance(sent.body, bytes) else sent.body or "")
    assert "SMS_100" in query and "13812345678" in query
    message.refresh_from_db()
    assert (message.state, message.provider_id, message.attempts) == ("sent", "900", 1)


@responses.activate
def test_an_aliyun_refusal_leaves_the_message_failed_with_the_reason(aliyun, templates):
    responses.post(
        "https://dysmsapi.aliyuncs.com/",
        json={"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发流控", "RequestId": "r"},
    )
    message = _message()
    assert not deliver(message)
    message.refresh_from_db()
    assert message.state == "failed" and "isv.BUSINESS_LIMIT_CONTROL" in message.last_error


@responses.activate
def test_the_tencent_adapter_sends_the_template_id_and_parameters(tencent, templates):
    responses.post(
        "https://sms.tencentcloudapi.com/",
        json={
            "Response": {
                "SendStatusSet": [{"Code": "Ok", "Message": "send success", "SerialNo": "2028:1"}],
                "RequestId": "r",
            }
        },
    )
    message = _message()
    assert deliver(message)
    body = json.loads(responses.calls[0].request.body)
    assert body["TemplateId"] == "100" and body["PhoneNumberSet"] == ["+8613812345678"]
    assert body["TemplateParamSet"][0] == "BJ-2026-K7M3Q9"
    message.refresh_from_db()
    assert (message.state, message.provider_id) == ("sent", "2028:1")


@responses.activate
def test_failed_messages_are_retried_until_they_go(tencent, templates):
    failing = {"Response": {"Error": {"Code": "InternalError", "Message": "x"}, "RequestId": "r"}}
    responses.post("https://sms.tencentcloudapi.com/", json=failing)
    message = _message()
    assert not deliver(message)
    responses.replace(
        responses.POST,
        "https://sms.tencentcloudapi.com/",
        json={"Response": {"SendStatusSet": [{"Code": "Ok", "SerialNo": "1"}], "RequestId": "r"}},
    )
    assert retry_failed() == (1, 0)
    message.refresh_from_db()
    assert message.state == "sent" and message.attempts == 2


def test_the_send_outbox_command_reports_what_it_sent(templates):
    from io import StringIO

    from django.core.management import call_command

    _message()
    out = StringIO()
    call_command("send_outbox", stdout=out)
    assert out.getvalue().strip() == "sent 1, still failing 0"
    assert OutboxMessage.objects.get().state == "sent"
