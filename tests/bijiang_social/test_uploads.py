"""The upload checks every upload field shares (bijiang_social/uploads.py), on a view and a
form of their own, as a future field (a candidate's photo, a scan) would use them."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory

from bijiang_social.uploads import check_upload, limit_upload_size, upload_cut_off
from tests.services.conftest import PDF, png_file

KB = 1024


@limit_upload_size(lambda request: 4 * KB)
def _photo_view(request):
    cut_off = upload_cut_off(request)
    received = sorted([*request.POST, *request.FILES])
    return HttpResponse(f"{cut_off.field_name if cut_off else '-'} {' '.join(received)}")


def _post(files: dict):
    request = RequestFactory().post("/photo/", {"name": "李娜", **files, "consent": "on"})
    request._dont_enforce_csrf_checks = True
    return _photo_view(request).content.decode()


def test_a_file_within_the_limit_arrives_with_every_field():
    assert _post({"photo": SimpleUploadedFile("a.png", b"x" * KB)}) == "- consent name photo"


def test_a_file_past_the_limit_is_cut_off_and_the_fields_before_it_are_kept():
    assert _post({"photo": SimpleUploadedFile("a.png", b"x" * 40 * KB)}) == "photo name"


def test_only_the_accepted_types_pass_and_the_message_names_them():
    with pytest.raises(ValidationError, match="只接受 JPG 或 PNG 格式") as refused:
        check_upload(
            SimpleUploadedFile("scan.pdf", PDF),
            1024 * KB,
            {
                "image/jpeg": "JPG",
                "image/png": "PNG",
            },
        )
    assert refused.value.code == "file_type"
    photo = png_file()
    assert check_upload(photo, 1024 * KB, {"image/png": "PNG"}) == "image/png"
    assert photo.tell() == 0  # left at its start, ready to be stored


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"%PDF-" + b"0" * 2 * 1024 * KB, "too_large"),
        (b"GIF89a", "file_type"),
        (b"%PDF-1.7\n<!DOCTYPE html><p>hi", "pdf_unreadable"),
        (b"\x89PNG\r\n\x1a\n broken", "broken_image"),
    ],
)
def test_each_refusal_has_its_code(content, code):
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("f", content), 1024 * KB)
    assert refused.value.code == code
