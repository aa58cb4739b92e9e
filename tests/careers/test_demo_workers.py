"""`manage.py create_demo_workers`: sample workers (示例数据) with accounts, printed passwords,
a course with a real short video, a past lecture and supervision; idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command

from careers.models import Lesson, LiveLecture, SocialWorker, SupervisionRecord

pytestmark = pytest.mark.django_db


def test_the_demo_is_created_once_with_printed_passwords(guide, private_media):
    out = StringIO()
    call_command("create_demo_workers", stdout=out)
    assert out.getvalue().count("密码：") == 2
    workers = SocialWorker.objects.filter(name__endswith="（示例数据）")
    assert workers.count() == 2 and all(w.user_id for w in workers)
    lesson = Lesson.objects.get()
    assert lesson.duration_seconds == 12 and lesson.video_type == "video/webm"
    assert LiveLecture.objects.get().recording == lesson.course
    assert SupervisionRecord.objects.count() == 4

    again = StringIO()
    call_command("create_demo_workers", stdout=again)
    assert "密码：" not in again.getvalue() and "已存在" in again.getvalue()
    assert SocialWorker.objects.count() == 2 and Lesson.objects.count() == 1
