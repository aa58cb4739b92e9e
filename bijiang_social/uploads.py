"""Checks for every file a visitor or a clerk uploads: by size while it arrives, then by content.

Use it for any upload field (today the application documents; tomorrow candidate photos,
scans, workers' videos), so that every upload gets the same checks and the same Chinese
messages:

1. Stop reading early. Decorate the view that receives the upload with
   ``@limit_upload_size(lambda request, *args, **kwargs: max_bytes)``. Before the request body
   is read, a `SizeLimitHandler` is put in front of Django's upload handlers; as soon as one file
   passes ``max_bytes`` it stops reading the request (the rest of the body is never received,
   nothing of it is stored). The fields sent before that file are kept, so the form can be
   shown again with them; what came after the file (later files, tick boxes below it) is lost.
   ``upload_cut_off(request)`` then returns an `UploadCutOff` (the field and the limit), whose
   ``message`` says the limit in Chinese; the form must show it on that field and refuse to
   save anything. The decorator keeps the CSRF check (``csrf_protect`` runs after the handler
   is in place), so the view is protected exactly as before.

2. Check the content. In the form, ``check_upload(upload, max_bytes, accepted)`` returns the
   content type found from the file's own bytes, or raises a `ValidationError` with a Chinese
   message that says how to fix the file (codes: ``empty``, ``too_large``, ``file_type``,
   ``pdf_unreadable``, ``pdf_encrypted``, ``image_too_large``, ``broken_image``). ``accepted``
   maps content types to the names shown to the user (default: PDF, JPG, PNG). A PDF must parse
   with pypdf and have at least one page, and must carry no HTML in its first kilobyte (what
   browsers sniff; every marker is looked for in the same bytes), so a PDF/HTML polyglot is
   refused; an image must have at most ``MAX_IMAGE_PIXELS`` pixels (read from its header,
   before anything is decoded) and open and verify with Pillow. An image that passes is
   re-encoded in place without its metadata (EXIF with GPS position and device, XMP, comments),
   so what is stored and what staff download carry none of it. The name the visitor gave the
   file plays no part.

3. Serve it safely: a stored upload is only ever sent as an attachment with its checked
   content type and ``X-Content-Type-Options: nosniff`` (see the document download views).
"""

import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

DOCUMENT_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}
_MAGIC = [
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
]
# What makes a browser treat a file as a web page when it sniffs the first bytes.
_HTML_MARKERS = (b"<html", b"<script", b"<body", b"<!doctype", b"<iframe", b"<svg", b"<head")
SNIFFED_BYTES = 1024
# An image is decoded whole to strip its metadata (and the photo to resize it): at most this
# many pixels, so a decode takes at most ~100 MB (4 bytes a pixel) whatever the file's size.
# A 12-megapixel phone photo and an A4 page scanned at 300 dpi (8.7 megapixels) pass.
MAX_IMAGE_PIXELS = 24_000_000
# Every Image.open in the portal: Pillow warns past this and refuses past twice this.
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
_ORIENTATION = 0x0112  # the EXIF tag that says how the camera was held
# What survives of an image's metadata: how to show its colours, its print size, which
# palette colour is transparent. Nothing about the person, place, time or device.
_KEPT_INFO = ("icc_profile", "dpi", "transparency")
_CUT_OFF = "upload_cut_off"


def megabytes(max_bytes: int) -> int:
    return max_bytes // (1024 * 1024)


def too_large_message(max_bytes: int) -> str:
    return (
        f"文件太大：每个文件不能超过 {megabytes(max_bytes)}MB。"
        "请压缩后，或拍照时选择较低的清晰度后重新选择。"
    )


# --- 1. Stop reading past the limit ------------------------------------------------------------


@dataclass(frozen=True)
class UploadCutOff:
    """The request was cut off while `field_name` passed `max_bytes`."""

    field_name: str
    max_bytes: int

    @property
    def message(self) -> str:
        return too_large_message(self.max_bytes)


class SizeLimitHandler(FileUploadHandler):
    """Passes each file's chunks on until the file passes `max_bytes`, then stops the upload
    without reading the rest of the request (Django keeps the fields already read)."""

    def __init__(self, request: HttpRequest, max_bytes: int):
        super().__init__(request)
        self.max_bytes = max_bytes

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.max_bytes:
            setattr(self.request, _CUT_OFF, UploadCutOff(self.field_name, self.max_bytes))
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler builds the file


def upload_cut_off(request: HttpRequest) -> UploadCutOff | None:
    """The file at which the request was cut off, if it was (the body is read here if need be)."""
    if request.method == "POST":
        _ = request.POST  # parsing the body is what may cut it off
    return getattr(request, _CUT_OFF, None)


def limit_upload_size(max_bytes: Callable[..., int]):
    """View decorator: stop reading a POST as soon as one file passes
    ``max_bytes(request, *args, **kwargs)`` bytes (see the module docstring)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        protected = csrf_protect(view)

        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                limit = max_bytes(request, *args, **kwargs)
                request.upload_handlers.insert(0, SizeLimitHandler(request, limit))
            return protected(request, *args, **kwargs)

        # The whole body may be as large as REQUEST_UPLOAD_MAX_MB (bijiang_social.body_limit).
        wrapper.accepts_uploads = True
        # The CSRF middleware would read the body before the handler is in place; the check
        # runs in `protected` instead, once it is.
        return csrf_exempt(wrapper)

    return decorator


# --- 2. Check the content ----------------------------------------------------------------------


def sniff_content_type(head: bytes) -> str | None:
    """The type by the file's first bytes, not by its name: PDF, JPEG or PNG, else None."""
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


def has_html_marker(head: bytes) -> bool:
    """Whether a browser sniffing these first bytes could take the file for a web page
    (every marker is looked for in the same bytes, read once)."""
    head = head.lower()
    return any(marker in head for marker in _HTML_MARKERS)


def _check_pdf(upload: UploadedFile) -> None:
    unreadable = ValidationError(
        "这个 PDF 文件已损坏或不是真正的 PDF，打不开。"
        "请用手机重新拍照（JPG），或重新扫描、导出成 PDF 后再选择。",
        code="pdf_unreadable",
    )
    if has_html_marker(upload.read(SNIFFED_BYTES)):
        raise unreadable
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                "这个 PDF 设有密码，工作人员无法打开。请去掉密码后重新导出，或改传照片（JPG）。",
                code="pdf_encrypted",
            )
        if len(reader.pages) == 0:
            raise unreadable
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise unreadable from error


def _broken_image() -> ValidationError:
    return ValidationError(
        "图片文件已损坏或不完整，打不开。请重新拍照或另选文件。", code="broken_image"
    )


def _too_many_pixels(size: tuple[int, int] | None = None) -> ValidationError:
    found = f"（{size[0]}×{size[1]}）" if size else ""
    return ValidationError(
        f"图片的像素太多{found}，最多 {MAX_IMAGE_PIXELS // 10_000} 万像素"
        "（例如 6000×4000）。请用手机重新拍照（选择较低的清晰度），"
        "或扫描成 PDF 后重新选择。",
        code="image_too_large",
    )


def _check_image(upload: UploadedFile) -> None:
    try:
        # Pillow warns between its pixel limit and twice that (refused here, with the size),
        # and refuses past twice that while reading the header.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                # The size is in the header: refuse before a single pixel is decoded.
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise _too_many_pixels(image.size)
                image.verify()
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None  # Pillow refused it while reading the header
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _broken_image() from None


def _without_metadata(upload: UploadedFile, content_type: str) -> bytes:
    """The image again with nothing but its pixels, colour profile and resolution: no EXIF
    (GPS position, device, time), XMP, IPTC, comments or text chunks. A photo the camera
    stored sideways is turned first, as its EXIF said. A JPEG keeps its own quantisation, so
    it loses no visible quality."""
    upload.seek(0)
    with Image.open(upload) as image:
        turned = image.getexif().get(_ORIENTATION, 1) not in (0, 1)
        picture = ImageOps.exif_transpose(image) if turned else image
        picture.load()
        kept = {key: image.info[key] for key in _KEPT_INFO if key in image.info}
        picture.info = dict(kept)
        buffer = io.BytesIO()
        if content_type == "image/jpeg":
            quality = {"quality": 90} if turned else {"quality": "keep", "subsampling": "keep"}
            kept.pop("transparency", None)
            picture.save(buffer, "JPEG", exif=b"", **quality, **kept)
        else:
            picture.save(buffer, "PNG", **kept)
    return buffer.getvalue()


def _replace_content(upload: UploadedFile, data: bytes) -> None:
    """Write `data` over the upload's own file (in memory or a temporary file, which storage
    may move into place as it is), so the original bytes are stored nowhere."""
    upload.file.seek(0)
    upload.file.truncate()
    upload.file.write(data)
    upload.file.flush()
    upload.size = len(data)


def check_upload(
    upload: UploadedFile, max_bytes: int, accepted: dict[str, str] = DOCUMENT_TYPES
) -> str:
    """Validate an upload by size and content; returns its content type (see the module
    docstring for the messages). An image is rewritten in place without its metadata (its
    ``size`` updated). The file is left at its start."""
    if upload.size == 0:
        raise ValidationError("这个文件是空的，请重新选择。", code="empty")
    if upload.size > max_bytes:
        raise ValidationError(too_large_message(max_bytes), code="too_large")
    upload.seek(0)
    content_type = sniff_content_type(upload.read(8))
    upload.seek(0)
    if content_type not in accepted:
        *first, last = accepted.values()
        names = f"{'、'.join(first)} 或 {last}" if first else last
        raise ValidationError(
            f"只接受 {names} 格式的文件，这个文件的内容不是这几种格式"
            "（只改文件名不行）。请拍照或扫描后重新选择。",
            code="file_type",
        )
    try:
        if content_type == "application/pdf":
            _check_pdf(upload)
        else:
            _check_image(upload)
            try:
                cleaned = _without_metadata(upload, content_type)
            except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
                # verify() reads a JPEG's structure only; decoding finds a truncated one.
                raise _broken_image() from None
            _replace_content(upload, cleaned)
    finally:
        upload.seek(0)
    return content_type
