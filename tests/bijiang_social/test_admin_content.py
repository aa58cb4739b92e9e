"""Content admin (issue 19): 在站点上查看, a guide-section preview before saving, a notice's
publication date and time, a repeated-title warning, key figures embedded in prose by key."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from bijiang_social.models import GuideSection, KeyFigure, Notice
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, superuser):
    assert client.login(username=superuser.username, password=STAFF_PASSWORD)
    return client


def _figure(key="stations", value="12", unit="家"):
    return KeyFigure.objects.create(key=key, label="社工站", value=value, unit=unit, meaning="x")


def _section(**extra):
    data = {"page": "overview", "key": "growth", "title": "发展", "body": "站点已达12家。"}
    return GuideSection.objects.create(**{**data, **extra})


def test_prose_embeds_a_key_figure_so_an_edit_changes_both(db):
    figure = _figure()
    section = _section(body="社工站从3家增长至{figure:stations}。")
    assert section.paragraphs == ["社工站从3家增长至12家。"]
    figure.value = "13"
    figure.save()
    assert GuideSection.objects.get(pk=section.pk).paragraphs == ["社工站从3家增长至13家。"]


def test_an_unknown_figure_key_is_refused_in_chinese(editor):
    response = editor.post(
        reverse("admin:bijiang_social_guidesection_add"),
        {"page": "overview", "key": "x", "title": "发展", "body": "{figure:nope}", "order": 0},
    )
    assert "没有标识为 nope 的关键数据" in response.content.decode()


def test_a_guide_section_is_previewed_before_saving(editor):
    _figure()
    page = editor.get(reverse("admin:bijiang_social_guidesection_add")).content.decode()
    preview_url = reverse("admin:bijiang_social_guidesection_preview")
    assert f'formaction="{preview_url}"' in page
    html = editor.post(
        preview_url, {"page": "overview", "title": "发展", "body": "已有{figure:stations}。"}
    ).content.decode()
    assert "预览（尚未保存）：发展" in html and "已有12家。" in html
    assert not GuideSection.objects.exists()


def test_content_with_a_public_page_offers_view_on_site(editor):
    section = _section()
    html = editor.get(
        reverse("admin:bijiang_social_guidesection_change", args=[section.pk])
    ).content.decode()
    assert "在站点上查看" in html
    figure = _figure()
    html = editor.get(
        reverse("admin:bijiang_social_keyfigure_change", args=[figure.pk])
    ).content.decode()
    assert "在站点上查看" in html


def test_a_notice_appears_at_its_publication_time(db):
    today = timezone.localdate()
    notice = Notice.objects.create(
        title="下午发布", body="x", publish_on=today, publish_time=dt.time(15, 0)
    )
    morning = timezone.make_aware(dt.datetime.combine(today, dt.time(9, 0)))
    afternoon = timezone.make_aware(dt.datetime.combine(today, dt.time(15, 30)))
    assert notice not in Notice.objects.published(morning)
    assert notice in Notice.objects.published(afternoon)
    assert not notice.is_visible(morning) and notice.is_visible(afternoon)


def test_a_repeated_title_is_saved_with_a_warning(editor):
    Notice.objects.create(title="培训报名", body="x")
    response = editor.post(
        reverse("admin:bijiang_social_notice_add"),
        {
            "title": "培训报名",
            "category": "training",
            "publish_on": timezone.localdate().isoformat(),
            "publish_time": "08:00",
            "is_published": "on",
            "body": "第二次",
        },
        follow=True,
    )
    assert "已有 1 条标题同为“培训报名”的公告" in response.content.decode()
    assert Notice.objects.filter(title="培训报名").count() == 2
