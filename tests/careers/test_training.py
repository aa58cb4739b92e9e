import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import SignUp, TrainingSession

pytestmark = pytest.mark.django_db

GOOD = {"name": "王芳", "organisation": "环北街道社工站", "phone": "138 0013 8000"}


def _sign_up(client, session, **changes):
    return client.post(reverse("careers:sign-up", args=[session.pk]), {**GOOD, **changes})


def test_it_lists_the_four_channels_and_upcoming_sessions(
    client, session, django_assert_max_num_queries
):
    TrainingSession.objects.create(
        channel=session.channel,
        topic="去年的培训",
        starts_at=timezone.now() - dt.timedelta(days=30),
        place="旧址",
        capacity=10,
    )
    with django_assert_max_num_queries(7):
        response = client.get(reverse("careers:training"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for name in ["民政部门线下培训", "碧江社工服务平台", "一对一督导", "铜仁学院"]:
        assert name in html
    assert "每季度1次" in html
    assert "个案工作实务" in html and "碧江区民政局三楼会议室" in html
    assert "共2人，还剩2个" in html
    assert "去年的培训" not in html
    assert reverse("careers:sign-up", args=[session.pk]) in html


def test_without_sessions_it_says_none_are_published(client, guide):
    assert "近期暂无已公布的培训场次" in client.get(reverse("careers:training")).content.decode()


def test_a_social_worker_signs_up_and_sees_a_confirmation(
    client, session, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        page = client.get(reverse("careers:sign-up", args=[session.pk]))
    assert page.status_code == 200
    marker = '<span class="required-marker" aria-hidden="true">*</span>'
    assert f'for="id_phone">手机号码{marker}</label>' in page.content.decode()
    response = _sign_up(client, session, name=" 王芳 ")
    assert response.status_code == 302
    signup = SignUp.objects.get()
    assert (signup.name, signup.phone) == ("王芳", "13800138000")
    html = client.get(response["Location"]).content.decode()
    assert "报名成功：个案工作实务" in html
    assert "还剩1个" in html
    assert "13800138000" not in html and "138 0013 8000" not in html


def test_a_duplicate_sign_up_is_refused_politely(client, session):
    _sign_up(client, session)
    response = _sign_up(client, session, name="王芳芳", phone="13800138000")
    html = response.content.decode()
    assert response.status_code == 200
    assert "这个手机号码已经报名了这一场培训，无需重复报名" in html
    assert SignUp.objects.count() == 1


def test_a_full_session_says_so_and_takes_no_more(client, session):
    _sign_up(client, session, phone="13800000001")
    _sign_up(client, session, phone="13800000002")
    listing = client.get(reverse("careers:training")).content.decode()
    assert "名额已满" in listing
    assert reverse("careers:sign-up", args=[session.pk]) not in listing
    response = _sign_up(client, session, phone="13800000003")
    assert response.status_code == 200
    assert "本场培训名额已满" in response.content.decode()
    assert SignUp.objects.count() == 2


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"phone": "12345"}, "手机号码应为以1开头的11位数字"),
        ({"name": ""}, "请填写您的姓名。"),
        ({"organisation": ""}, "请填写您所在的社工机构或社工站"),
    ],
)
def test_bad_input_gets_a_chinese_message_beside_the_field(client, session, changes, message):
    response = _sign_up(client, session, **changes)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html and message in html
    assert SignUp.objects.count() == 0


def test_a_past_or_unpublished_session_is_not_found(client, session):
    session.is_published = False
    session.save()
    assert client.get(reverse("careers:sign-up", args=[session.pk])).status_code == 404
    assert client.get(reverse("careers:sign-up", args=[99999])).status_code == 404


def test_it_refuses_other_methods(client, session):
    assert client.put(reverse("careers:sign-up", args=[session.pk])).status_code == 405
