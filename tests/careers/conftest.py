"""Careers fixtures: the seeded policy, social workers of 环北 and 铜兴 with the certificates and
project months the roll tests use, their March rolls, a training session."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import (
    Certificate,
    CertificateLevel,
    ProjectMonth,
    SocialWorker,
    SubsidyPolicy,
    SubsidyRoll,
    TrainingChannel,
    TrainingSession,
)


@pytest.fixture
def levels(guide) -> dict[str, CertificateLevel]:
    return {level.code: level for level in CertificateLevel.objects.all()}


@pytest.fixture
def policy(guide) -> SubsidyPolicy:
    return SubsidyPolicy.objects.in_force_on(dt.date(2026, 1, 1))


def make_worker(street, name, *certificates, title=None, **extra) -> SocialWorker:
    worker = SocialWorker.objects.create(street=street, name=name, title_level=title, **extra)
    for level, obtained_on in certificates:
        Certificate.objects.create(worker=worker, level=level, obtained_on=obtained_on)
    return worker


@pytest.fixture
def session(guide) -> TrainingSession:
    return TrainingSession.objects.create(
        channel=TrainingChannel.objects.get(name="民政部门线下培训"),
        topic="个案工作实务",
        starts_at=timezone.now() + dt.timedelta(days=20),
        place="碧江区民政局三楼会议室",
        capacity=2,
    )


MARCH = dt.date(2026, 3, 1)
APRIL = dt.date(2026, 4, 1)
DECEMBER = dt.date(2026, 12, 1)


@pytest.fixture
def workers(levels, huanbei, tongxing):
    li = make_worker(
        huanbei,
        "李娜",
        (levels["intermediate"], dt.date(2024, 1, 10)),
        title=levels["intermediate"],
        organisation="碧江区阳光社工服务中心",
    )
    ProjectMonth.objects.create(worker=li, month=dt.date(2026, 3, 9), project="青少年心理健康")
    zhang = make_worker(
        huanbei,
        "张伟",
        (levels["assistant"], dt.date(2023, 6, 1)),
        (levels["intermediate"], dt.date(2026, 3, 15)),
    )
    chen = make_worker(huanbei, "陈静")
    liu = make_worker(
        tongxing, "刘洋", (levels["senior"], dt.date(2022, 5, 5)), title=levels["senior"]
    )
    return {"li": li, "zhang": zhang, "chen": chen, "liu": liu}


@pytest.fixture
def huanbei_march(workers, huanbei):
    return SubsidyRoll.objects.create(street=huanbei, month=MARCH)


@pytest.fixture
def tongxing_march(workers, tongxing):
    return SubsidyRoll.objects.create(street=tongxing, month=MARCH)


def amounts(roll) -> dict[str, tuple[str, int, int, int, int]]:
    return {
        line.worker.name: (
            line.level_name,
            line.post_subsidy,
            line.title_subsidy,
            line.project_award,
            line.total,
        )
        for line in roll.lines.select_related("worker")
    }


# --- Social workers online ------------------------------------------------------------------

WORKER_PASSWORD = "Worker-test-2026!"
VIDEO_DIR = Path(__file__).resolve().parents[2] / "careers" / "demo"
MP4_FILE, WEBM_FILE = VIDEO_DIR / "sample-lesson.mp4", VIDEO_DIR / "sample-lesson.webm"


def give_account(worker: SocialWorker, username: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username=username, password=WORKER_PASSWORD)
    worker.user = user
    worker.save(update_fields=["user"])
    return user


def press_link_button(client, staff, admin_url_name: str, worker):
    """A member of staff presses 生成激活链接 / 生成重设密码链接 on the worker's admin page."""
    from tests.conftest import STAFF_PASSWORD

    client.login(username=staff.username, password=STAFF_PASSWORD)
    return client.post(reverse(admin_url_name, args=[worker.pk]))


def link_shown(response, url_name: str) -> str:
    """The one-time link of this page (`careers:activate` …) shown to the clerk."""
    start = "http://testserver" + reverse(url_name, args=["-"]).removesuffix("-/")
    return re.search(rf'value="({re.escape(start)}[^"]+)"', response.content.decode())[1]


@pytest.fixture
def li(workers):
    """李娜 of 环北, with an account, 2.5 years in post and two key projects."""
    worker = workers["li"]
    worker.started_on = dt.date(2023, 6, 1)
    worker.save()
    ProjectMonth.objects.create(worker=worker, month=dt.date(2025, 5, 1), project="困境儿童关爱")
    give_account(worker, "li-na")
    return worker


@pytest.fixture
def liu(workers):
    """刘洋 of 铜兴, with an account."""
    give_account(workers["liu"], "liu-yang")
    return workers["liu"]


@pytest.fixture
def private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    return tmp_path / "private"


@pytest.fixture
def lesson(private_media):
    from django.core.files.base import ContentFile

    from careers.models import Course, Lesson

    course = Course.objects.create(title="个案工作实务", description="从接案到结案")
    item = Lesson(course=course, title="第一课：接案", order=1)
    item.video_type, item.duration_seconds = "video/mp4", 12
    item.video.save("x.mp4", ContentFile(MP4_FILE.read_bytes()), save=False)
    item.save()
    return item


from tests.services.conftest import categories, minsheng  # noqa: E402,F401  (service categories)
