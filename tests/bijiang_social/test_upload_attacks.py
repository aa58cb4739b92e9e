"""Files made to turn an upload against the portal or its staff, through the checks every upload
field shares (bijiang_social/uploads.py): HTML a browser would run, a decompression bomb, a
photo that tells where it was taken."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import Image

from bijiang_social.uploads import MAX_IMAGE_PIXELS, check_upload
from tests.services.conftest import PDF

MB = 1024 * 1024
GPS_IFD, MAKE, MODEL, ORIENTATION = 0x8825, 0x010F, 0x0110, 0x0112


def _with_html_after_the_header(marker: bytes) -> bytes:
    """A real one-page PDF with a web page right behind its first line."""
    first_line, rest = PDF.split(b"\n", 1)
    return first_line + b"\n%" + marker + b"alert(document.cookie)</script>\n" + rest


@pytest.mark.parametrize("marker", [b"<script>", b"<svg onload=alert(1)>", b"<iframe src=x>"])
def test_a_pdf_with_html_in_its_first_kilobyte_is_refused_whichever_marker(marker):
    polyglot = _with_html_after_the_header(marker)
    assert polyglot.index(marker) < 20
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("scan.pdf", polyglot), 5 * MB)
    assert refused.value.code == "pdf_unreadable"


def _photo_taken_with_gps(size=(640, 480), orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[MAKE], exif[MODEL], exif[ORIENTATION] = "HUAWEI", "ELS-AN00", orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (27.0, 43.0, 5.0), 3: "E", 4: (109.0, 11.0, 30.0)})
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "JPEG", exif=exif, comment=b"home")
    return buffer.getvalue()


def _metadata(content: bytes) -> dict:
    with Image.open(io.BytesIO(content)) as image:
        return {"exif": dict(image.getexif()), "info": set(image.info), "size": image.size}


def test_a_photo_with_gps_and_device_is_stored_without_any_of_it():
    original = _photo_taken_with_gps()
    assert _metadata(original)["exif"][MODEL] == "ELS-AN00"
    upload = SimpleUploadedFile("证明.jpg", original)
    assert check_upload(upload, 5 * MB) == "image/jpeg"
    stored = upload.read()
    assert _metadata(stored) == {
        "exif": {},
        "info": {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi"},
        "size": (640, 480),
    }
    assert b"ELS-AN00" not in stored and b"HUAWEI" not in stored and upload.size == len(stored)


def test_a_photo_held_sideways_is_turned_before_its_exif_goes():
    upload = SimpleUploadedFile("证明.jpg", _photo_taken_with_gps((640, 480), orientation=6))
    check_upload(upload, 5 * MB)
    assert _metadata(upload.read()) == {
        "exif": {},
        "info": {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi"},
        "size": (480, 640),
    }


def test_a_large_upload_kept_in_a_temporary_file_is_cleaned_in_that_file():
    upload = TemporaryUploadedFile("证明.jpg", "image/jpeg", 0, None)
    upload.write(_photo_taken_with_gps())
    upload.size = upload.tell()
    check_upload(upload, 5 * MB)
    with open(upload.temporary_file_path(), "rb") as stored:  # what storage moves into place
        assert b"ELS-AN00" not in stored.read()
    upload.close()


def test_a_png_with_text_and_exif_chunks_is_stored_without_them():
    from PIL.PngImagePlugin import PngInfo

    text = PngInfo()
    text.add_text("Author", "王测试 13700135555")
    exif = Image.Exif()
    exif[MODEL] = "ELS-AN00"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG", pnginfo=text, exif=exif)
    upload = SimpleUploadedFile("scan.png", buffer.getvalue())
    assert check_upload(upload, 5 * MB) == "image/png"
    stored = upload.read()
    assert b"13700135555".decode() not in stored.decode("latin-1")
    assert b"ELS-AN00" not in stored and _metadata(stored)["exif"] == {}


@pytest.mark.parametrize(("size", "said"), [((9400, 9400), ""), ((6000, 4100), "（6000×4100）")])
def test_a_small_png_of_too_many_pixels_is_refused_before_it_is_decoded(size, said):
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, "PNG", optimize=True)
    assert len(buffer.getvalue()) < 20 * 1024
    assert size[0] * size[1] > MAX_IMAGE_PIXELS
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("bomb.png", buffer.getvalue()), 5 * MB)
    assert refused.value.code == "image_too_large"
    assert f"图片的像素太多{said}，最多 2400 万像素" in refused.value.messages[0]


def test_a_truncated_photo_that_passes_verify_is_refused_as_broken_not_a_500():
    photo = _photo_taken_with_gps((640, 480))
    truncated = photo[: len(photo) // 2]
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("证明.jpg", truncated), 5 * MB)
    assert refused.value.code == "broken_image"
