"""Fixtures for the service applications: the seeded categories, stations, documents and a
ready-made case."""

import datetime as dt
import io
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter

from services.applications.models import ServiceCategory
from services.applications.rules import apply_transition, submit_application
from services.models import ServicePoint

# Valid GB 11643 numbers (checksums computed, not real people).
VALID_ID = "522201199001011230"
OTHER_VALID_ID = "11010519491231002X"
MOBILE = "13812345678"


def shanghai(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


def _one_page_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = _one_page_pdf()  # a real PDF: the portal parses every PDF it is sent


def pdf_file(name: str = "证明.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


def png_file(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploaded documents go to a throwaway folder, never the real private media."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    return tmp_path / "private"


@pytest.fixture
def categories(db):
    from bijiang_social import seeding

    seeding.load_file(Path(settings.BASE_DIR, "services/seed/applications.yaml"), StringIO())
    return {c.slug: c for c in ServiceCategory.objects.all()}


@pytest.fixture
def minsheng(categories) -> ServiceCategory:
    return categories["minsheng-doudi"]


@pytest.fixture
def huanbei_station(huanbei) -> ServicePoint:
    return ServicePoint.objects.create(
        level="street",
        name="环北街道社工站",
        slug="huanbei-station",
        street=huanbei,
        address="环北街道",
        opening_hours="工作日 9:00-17:00",
        phone="0856-0000000",
    )


@pytest.fixture
def huanbei_community(huanbei) -> ServicePoint:
    return ServicePoint.objects.create(
        level="community",
        name="金滩社区社工服务点",
        slug="jintan-community",
        street=huanbei,
        address="金滩社区",
        opening_hours="工作日 9:00-17:00",
        phone="0856-0000001",
    )


def make_case(category, street, *, now=None, name="张三", mobile=MOBILE, uploads=None):
    document = category.documents.first()
    if uploads is None:
        uploads = [(document, pdf_file(), "application/pdf")] if document else []
    return submit_application(
        category=category,
        details={
            "applicant_name": name,
            "id_number": VALID_ID,
            "mobile": mobile,
            "street": street,
            "help_needed": "家中老人独居，需要定期探访。",
            "declaration": False,
        },
        uploads=uploads,
        now=now,
    )


def walk_in_data(street) -> dict:
    """A paper application typed in by a clerk at the window, every file still missing."""
    return {
        "channel": "walk_in",
        "applicant_name": "刘七",
        "id_number": "522201199001011230",
        "mobile": "13812349999",
        "street": street.pk,
        "help_needed": "老人独居，行动不便需要探访。",
        "consent": "on",
    }


def registered_worker(street, name="王社工", phone="13700001111"):
    from careers.models import SocialWorker

    worker, _ = SocialWorker.objects.get_or_create(
        name=name, street=street, defaults={"phone": phone}
    )
    return worker


def bring_into_service(case, clerk, now=None) -> None:
    """Take a submitted case through review, assignment and contact to 服务中."""
    worker = registered_worker(case.street)
    for action in ["first_pass", "final_pass", "assign", "contact", "start_service"]:
        apply_transition(case, action, clerk, worker=worker, now=now)


@pytest.fixture
def huanbei_case(minsheng, huanbei):
    return make_case(minsheng, huanbei, name="张三")


@pytest.fixture
def tongxing_case(minsheng, tongxing):
    return make_case(minsheng, tongxing, name="李四", mobile="13900001111")


@pytest.fixture
def load_guide_output(db):
    out = StringIO()
    call_command("load_guide", stdout=out)
    return out.getvalue()
