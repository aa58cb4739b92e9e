"""我为政府网站找错 (/feedback/): the footer's link fills in the page, the form stores a report
with a 3-working-day deadline for staff, bad input gets Chinese messages that say how to fix it,
a client is rate-limited, and the counts are published."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from bijiang_social.models import CalendarDay, ErrorReport
from bijiang_social.workdays import add_working_days

pytestmark = pytest.mark.django_db


def _form_url(page: str) -> str:
    return f"{reverse('error-report')}?page={page}"


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "age-friendly"])
def test_the_footer_link_opens_the_form_with_the_page_filled_in(client, guide, elder):
    if elder:
        client.cookies["bj_elder"] = "1"
    html = client.get(reverse("notices")).content.decode()
    link = f'href="{reverse("error-report")}?page=/notices/"'
    assert link in html
    form = client.get(_form_url("/notices/")).content.decode()
    assert 'name="page"' in form and 'value="/notices/"' in form
    assert 'name="csrfmiddlewaretoken"' in form


def test_a_report_is_stored_with_a_three_working_day_deadline(client, guide):
    response = client.post(
        reverse("error-report"),
        {
            "page": "/notices/",
            "description": "第二条公告的电话少了一位数字",
            "contact": "13800000000",
        },
        follow=True,
    )
    report = ErrorReport.objects.get()
    assert report.page == "/notices/" and report.contact == "13800000000"
    assert report.due_on == add_working_days(timezone.localdate(), 3)
    assert report.status == ErrorReport.Status.OPEN
    html = response.content.decode()
    assert f"找错编号 {report.reference}" in html
    assert "<h1>找错受理情况</h1>" in html


def test_the_deadline_skips_holidays(guide):
    today = timezone.localdate()
    for offset in range(1, 8):
        CalendarDay.objects.create(
            date=today + dt.timedelta(days=offset), kind=CalendarDay.Kind.HOLIDAY
        )
    report = ErrorReport.receive(page="/", description="首页有一个错别字")
    assert report.due_on > today + dt.timedelta(days=7)


def test_bad_input_gets_chinese_messages_that_say_how_to_fix_it(client, guide):
    response = client.post(
        reverse("error-report"),
        {"page": "https://example.com/", "description": "错", "contact": "不知道"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "页面地址应是本站的地址，以“/”开头" in html
    assert "请多写几个字（至少5个字）" in html
    assert "联系方式请填写11位手机号码" in html
    assert not ErrorReport.objects.exists()
    empty = client.post(reverse("error-report"), {}).content.decode()
    assert "请写下您发现的问题" in empty and "请填写出错的页面地址" in empty


def test_an_address_of_another_site_is_not_filled_in(client, guide):
    html = client.get(_form_url("//evil.example/")).content.decode()
    field = html[html.index('name="page"') - 200 : html.index('name="page"') + 200]
    assert "evil.example" not in field


def test_the_eleventh_report_in_an_hour_answers_429(client, guide):
    data = {"page": "/faq/", "description": "回答里的地址写错了"}
    for _ in range(10):
        assert client.post(reverse("error-report"), data).status_code == 302
    response = client.post(reverse("error-report"), data)
    assert response.status_code == 429
    assert "操作太频繁" in response.content.decode()
    assert ErrorReport.objects.count() == 10


def test_the_counts_are_published(client, guide):
    on_time = ErrorReport.receive(page="/", description="首页的数字和公告不一致")
    on_time.status = ErrorReport.Status.HANDLED
    on_time.save()
    late = ErrorReport.receive(page="/faq/", description="一个回答的链接打不开")
    ErrorReport.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(1))
    late.refresh_from_db()
    late.status = ErrorReport.Status.HANDLED
    late.save()
    ErrorReport.receive(page="/notices/", description="公告的日期好像不对")
    html = client.get(reverse("error-report-figures")).content.decode()
    assert '<th scope="row">收到问题</th><td>3 条</td>' in html
    assert '<th scope="row">已处理</th><td>2 条</td>' in html
    assert '<th scope="row">其中按期处理</th><td>1 条</td>' in html
    assert '<th scope="row">正在处理</th><td>1 条</td>' in html


def test_staff_see_overdue_reports_and_mark_them_handled(client, superuser, guide):
    client.force_login(superuser)
    report = ErrorReport.receive(page="/faq/", description="一个回答的电话打不通")
    ErrorReport.objects.filter(pk=report.pk).update(due_on=timezone.localdate() - dt.timedelta(1))
    changelist = reverse("admin:bijiang_social_errorreport_changelist")
    html = client.get(changelist, {"deadline": "overdue"}).content.decode()
    assert "一个回答的电话打不通" in html and "已超期" in html
    change = reverse("admin:bijiang_social_errorreport_change", args=[report.pk])
    response = client.post(change, {"status": "handled", "reply": "已更正电话"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.handled_on == timezone.localdate() and report.reply == "已更正电话"
    assert (
        "一个回答的电话打不通"
        not in client.get(changelist, {"deadline": "overdue"}).content.decode()
    )


def test_the_form_page_stays_within_its_query_budget(client, guide, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get(_form_url("/")).status_code == 200
