"""The people of online recruitment: two named candidates (王芳 and 李娜), a round whose
registration step is open today, and files that are what they claim (or not)."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from recruitment.models import (
    CandidateAccount,
    Post,
    RecruitmentRound,
    Registration,
    RegistrationEvent,
    TimelineStep,
    candidate_username,
)
from tests.recruitment.factories import resident_id

CANDIDATE_PASSWORD = "Tongren-candidate-77"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Documents go to a temporary private folder, never a public URL."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    return tmp_path / "private"


def jpeg(size=(300, 400), color=(200, 180, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return buffer.getvalue()


def png(size=(300, 400)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 10, 10)).save(buffer, "PNG")
    return buffer.getvalue()


def _one_page_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "diploma")
    page.showPage()
    page.save()
    return buffer.getvalue()


PDF = _one_page_pdf()


def _window(round_: RecruitmentRound, starts_on: dt.date, ends_on: dt.date) -> None:
    TimelineStep.objects.filter(round=round_, kind=TimelineStep.Kind.REGISTRATION).update(
        starts_on=starts_on, ends_on=ends_on
    )


@pytest.fixture
def round_2024(guide) -> RecruitmentRound:
    return RecruitmentRound.objects.get(year=2024)


@pytest.fixture
def open_round(round_2024) -> RecruitmentRound:
    """The 2024 round with its registration step moved around today."""
    today = timezone.localdate()
    _window(round_2024, today - dt.timedelta(days=2), today + dt.timedelta(days=5))
    return round_2024


@pytest.fixture
def closed_round(round_2024) -> RecruitmentRound:
    today = timezone.localdate()
    _window(round_2024, today - dt.timedelta(days=10), today - dt.timedelta(days=1))
    return round_2024


@pytest.fixture
def future_round(round_2024) -> RecruitmentRound:
    today = timezone.localdate()
    _window(round_2024, today + dt.timedelta(days=3), today + dt.timedelta(days=10))
    return round_2024


def make_candidate(name: str, serial: int, mobile: str = "13800000001") -> CandidateAccount:
    id_number = resident_id(serial, "19960315")
    user = get_user_model().objects.create_user(
        username=candidate_username(id_number), password=CANDIDATE_PASSWORD, first_name=name
    )
    return CandidateAccount.objects.create(user=user, name=name, id_number=id_number, mobile=mobile)


@pytest.fixture
def wang_fang(db) -> CandidateAccount:
    return make_candidate("王芳", 11, "13800000011")


@pytest.fixture
def li_na(db) -> CandidateAccount:
    return make_candidate("李娜", 12, "13800000012")


def registration(account, round_, status=Registration.Status.SUBMITTED, **extra):
    """A complete registration for 社区社工岗 with a photo and a diploma scan."""
    fields = {
        "round": round_,
        "account": account,
        "post": Post.objects.get(round=round_, name="社区社工岗"),
        "status": status,
        "name": account.name,
        "id_number": account.id_number,
        "mobile": account.mobile,
        "education": 50,
        "school": "铜仁学院",
        "major": "社会工作",
        "graduated_on": dt.date(2019, 7, 1),
        "submitted_at": None if status == "draft" else timezone.now(),
        **extra,
    }
    made = Registration(**fields)
    made.photo.save("photo.jpg", ContentFile(jpeg()), save=False)
    made.diploma.save("diploma.pdf", ContentFile(PDF), save=False)
    made.save()
    RegistrationEvent.objects.create(registration=made, status=status, title="提交报名表")
    return made


@pytest.fixture
def as_candidate(client):
    def log_in(account):
        assert client.login(username=account.user.username, password=CANDIDATE_PASSWORD)
        return client

    return log_in
