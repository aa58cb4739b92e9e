"""Lesson videos: the type by content (MP4 or WebM), the duration read from the file itself,
and serving a private file with HTTP Range requests.

Two small pure-Python readers, so production needs no ffmpeg:
- MP4 (ISO BMFF): the top-level boxes must start with `ftyp`; the duration is `moov/mvhd`'s
  duration divided by its timescale.
- WebM (Matroska): an EBML header whose DocType is "webm"; the duration is
  `Segment/Info/Duration` times `TimecodeScale` nanoseconds.
"""

import math
import re
import struct
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)

MP4, WEBM = "video/mp4", "video/webm"
CHUNK = 64 * 1024


class VideoError(ValueError):
    """The file is not a video the portal accepts; the message says how to fix it."""


@dataclass(frozen=True)
class VideoInfo:
    content_type: str
    duration_seconds: int


def inspect_video(file: BinaryIO) -> VideoInfo:
    """The type and duration of an uploaded video, from its bytes (never its name)."""
    file.seek(0)
    head = file.read(12)
    file.seek(0)
    if head[4:8] == b"ftyp":
        seconds = _mp4_duration(file)
        content_type = MP4
    elif head[:4] == b"\x1a\x45\xdf\xa3":
        seconds = _webm_duration(file)
        content_type = WEBM
    else:
        raise VideoError(
            "只接受 MP4 或 WebM 格式的视频，这个文件的内容不是这两种格式，请转换后再上传。"
        )
    file.seek(0)
    if seconds is None or not math.isfinite(seconds) or seconds <= 0:
        raise VideoError("读不出这个视频的时长，文件可能不完整，请重新导出视频后再上传。")
    return VideoInfo(content_type, max(1, round(seconds)))


# --- MP4 ------------------------------------------------------------------------------------


def _boxes(file: BinaryIO, start: int, end: int):
    """(type, payload start, payload end) of each box between start and end."""
    offset = start
    while offset + 8 <= end:
        file.seek(offset)
        header = file.read(8)
        if len(header) < 8:
            return
        size, kind = struct.unpack(">I4s", header)
        payload = offset + 8
        if size == 1:
            size = struct.unpack(">Q", file.read(8))[0]
            payload += 8
        elif size == 0:
            size = end - offset
        if size < payload - offset:
            return
        yield kind, payload, min(offset + size, end)
        offset += size


def _file_size(file: BinaryIO) -> int:
    file.seek(0, 2)
    return file.tell()


def _mp4_duration(file: BinaryIO) -> float | None:
    size = _file_size(file)
    for kind, start, end in _boxes(file, 0, size):
        if kind != b"moov":
            continue
        for inner, payload, _ in _boxes(file, start, end):
            if inner != b"mvhd":
                continue
            file.seek(payload)
            version = file.read(4)[:1]
            if version == b"\x01":
                file.read(16)
                timescale, duration = struct.unpack(">IQ", file.read(12))
            else:
                file.read(8)
                timescale, duration = struct.unpack(">II", file.read(8))
            return duration / timescale if timescale else None
    return None


# --- WebM -----------------------------------------------------------------------------------

EBML_HEADER, DOCTYPE = 0x1A45DFA3, 0x4282
SEGMENT, INFO, TIMECODE_SCALE, DURATION = 0x18538067, 0x1549A966, 0x2AD7B1, 0x4489


def _vint(file: BinaryIO, keep_marker: bool) -> tuple[int, int, bool]:
    """(value, length, unknown) of an EBML variable-length integer at the file's position."""
    first = file.read(1)
    if not first:
        raise VideoError("视频文件不完整，请重新导出后再上传。")
    byte = first[0]
    length = next((n for n in range(1, 9) if byte & (0x80 >> (n - 1))), 0)
    if not length:
        raise VideoError("视频文件已损坏，请重新导出后再上传。")
    value = byte if keep_marker else byte & (0xFF >> length)
    rest = file.read(length - 1)
    for b in rest:
        value = (value << 8) | b
    unknown = not keep_marker and value == (1 << (7 * length)) - 1
    return value, length, unknown


def _elements(file: BinaryIO, start: int, end: int):
    offset = start
    while offset < end:
        file.seek(offset)
        element_id, id_len, _ = _vint(file, keep_marker=True)
        size, size_len, unknown = _vint(file, keep_marker=False)
        payload = offset + id_len + size_len
        stop = end if unknown else min(payload + size, end)
        yield element_id, payload, stop
        offset = stop


def _webm_duration(file: BinaryIO) -> float | None:
    size = _file_size(file)
    scale, duration, is_webm = 1_000_000, None, False
    for element_id, start, end in _elements(file, 0, size):
        if element_id == EBML_HEADER:
            for inner, payload, stop in _elements(file, start, end):
                if inner == DOCTYPE:
                    file.seek(payload)
                    is_webm = file.read(stop - payload).rstrip(b"\0") == b"webm"
        elif element_id == SEGMENT:
            for inner, payload, stop in _elements(file, start, end):
                if inner != INFO:
                    continue
                for field, value_at, value_end in _elements(file, payload, stop):
                    file.seek(value_at)
                    raw = file.read(value_end - value_at)
                    if field == TIMECODE_SCALE:
                        scale = int.from_bytes(raw, "big")
                    elif field == DURATION and len(raw) in (4, 8):
                        duration = struct.unpack(">f" if len(raw) == 4 else ">d", raw)[0]
                break
            break
    if not is_webm:
        raise VideoError(
            "只接受 WebM（或 MP4）视频，这个文件是其他 Matroska 格式，请转换后再上传。"
        )
    return duration * scale / 1e9 if duration is not None else None


# --- Serving with Range ---------------------------------------------------------------------

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte for a single `bytes=` range, None when unusable (serve the whole
    file); raises ValueError when the range lies outside the file (416)."""
    match = _RANGE.match(header.strip())
    if not match or not any(match.groups()):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0:
            raise ValueError
        return max(size - length, 0), size - 1
    first = int(first)
    last = min(int(last), size - 1) if last else size - 1
    if first >= size or last < first:
        raise ValueError
    return first, last


def _read_range(file: BinaryIO, first: int, last: int):
    file.seek(first)
    remaining = last - first + 1
    try:
        while remaining > 0:
            chunk = file.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        file.close()


def serve_private_file(request: HttpRequest, field_file, content_type: str) -> HttpResponse:
    """Serve a private stored file to a user the caller has already checked.

    VIDEO_DELIVERY chooses how: "django" (default) streams it with Range support; "x-accel"
    hands it to nginx (internal location VIDEO_X_ACCEL_PREFIX, which also answers Range);
    "redirect" sends a short-lived signed object-store address (S3 storage only).
    """
    delivery = settings.VIDEO_DELIVERY
    if delivery == "x-accel":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.VIDEO_X_ACCEL_PREFIX + field_file.name
        return _private(response)
    if delivery == "redirect":
        return _private(HttpResponseRedirect(field_file.storage.url(field_file.name)))
    size = field_file.storage.size(field_file.name)
    try:
        wanted = parse_range(request.headers.get("Range", ""), size)
    except ValueError:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return _private(response)
    file = field_file.storage.open(field_file.name, "rb")
    if wanted is None:
        response = FileResponse(file, content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        first, last = wanted
        response = StreamingHttpResponse(_read_range(file, first, last), content_type=content_type)
        response.status_code = 206
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(last - first + 1)
    response["Accept-Ranges"] = "bytes"
    return _private(response)


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response
