import datetime as dt
import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Street
from careers.models import (
    Certificate,
    CertificateLevel,
    Course,
    Lesson,
    LiveLecture,
    ProjectMonth,
    SocialWorker,
    SupervisionRecord,
    TrainingTarget,
)
from careers.video import inspect_video

DEMO_VIDEO = Path(__file__).resolve().parents[2] / "demo" / "sample-lesson.webm"
MARK = "（示例数据）"
WORKERS = [
    # username, name, street slug, years in post, certificate code
    ("demo-worker-1", "李娜", "huanbei", 3, "intermediate"),
    ("demo-worker-2", "刘洋", "tongxing", 1, "assistant"),
]


class Command(BaseCommand):
    help = (
        "Create the social workers' demo (示例数据): two sample workers with accounts, one "
        "course with a short lesson video, a past live lecture and supervision entries. "
        "Idempotent; passwords are random and printed only when an account is created."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        streets = {s.slug: s for s in Street.objects.all()}
        if not streets:
            self.stdout.write("还没有街道数据，请先运行 manage.py load_guide。")
            return
        today = timezone.localdate()
        for role in ("frontline", "supervisor", "senior_supervisor"):
            TrainingTarget.objects.get_or_create(role=role, defaults={"yearly_hours": 40})
        levels = {level.code: level for level in CertificateLevel.objects.all()}
        fallback = next(iter(streets.values()))
        for username, name, slug, years, level in WORKERS:
            worker, created = SocialWorker.objects.get_or_create(
                name=name + MARK,
                defaults={
                    "street": streets.get(slug, fallback),
                    "organisation": "示例社工服务中心" + MARK,
                    "started_on": today.replace(year=today.year - years, day=1),
                },
            )
            if created:
                if level in levels:
                    Certificate.objects.create(
                        worker=worker,
                        level=levels[level],
                        obtained_on=dt.date(today.year - 2, 3, 1),
                    )
                for months_ago, project in ((14, "困境儿童关爱"), (3, "青少年心理健康")):
                    month = (today.replace(day=1) - dt.timedelta(days=30 * months_ago)).replace(
                        day=1
                    )
                    ProjectMonth.objects.get_or_create(
                        worker=worker, month=month, defaults={"project": project}
                    )
                self._supervision(worker, today)
            self._account(worker, username)
        self._course_and_lecture(today)

    def _supervision(self, worker, today):
        last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=5)
        SupervisionRecord.objects.create(
            worker=worker,
            source="association",
            supervisor_name="王督导" + MARK,
            held_on=last_month,
            minutes=60,
            topic="个案复盘：独居老人探访",
            follow_up="下月跟进用药提醒",
            confirmed_at=timezone.now(),
        )
        SupervisionRecord.objects.create(
            worker=worker,
            source="university",
            supervisor_name="周老师" + MARK,
            held_on=today.replace(day=1),
            minutes=90,
            topic="家庭访视中的沟通技巧",
        )

    def _account(self, worker, username):
        User = get_user_model()
        if worker.user_id:
            self.stdout.write(
                f"示例社工账号 {worker.user.username} 已存在（忘记密码可运行 "
                f".venv/bin/python manage.py changepassword {worker.user.username}）"
            )
            return
        password = secrets.token_urlsafe(12)
        worker.user = User.objects.create_user(username=username, password=password)
        worker.save(update_fields=["user"])
        self.stdout.write(self.style.SUCCESS(f"已创建示例社工账号（{worker.name}）："))
        self.stdout.write(f"  登录名：{username}")
        self.stdout.write(f"  密码：  {password}")
        self.stdout.write("  登录地址：http://127.0.0.1:8000/careers/login/")

    def _course_and_lecture(self, today):
        course, created = Course.objects.get_or_create(
            title="社工实务入门" + MARK,
            defaults={"description": "录播课示例：一节12秒的短视频，用来体验观看进度与学时。"},
        )
        if created:
            with DEMO_VIDEO.open("rb") as video:
                info = inspect_video(video)
                lesson = Lesson(course=course, title="第一课：接案与需求评估", order=1)
                lesson.video_type, lesson.duration_seconds = (
                    info.content_type,
                    info.duration_seconds,
                )
                lesson.video.save("demo.webm", File(video), save=False)
                lesson.save()
        LiveLecture.objects.get_or_create(
            title="社区治理中的社工角色" + MARK,
            defaults={
                "speaker": "铜仁学院社会工作系讲师" + MARK,
                "starts_at": timezone.now() - dt.timedelta(days=7),
                "duration_minutes": 90,
                "meeting_url": "https://meeting.example.invalid/demo",
                "checkin_code": "DEMO01",
                "recording": course,
            },
        )
        self.stdout.write("示例课程、讲座与督导记录已就绪。")
