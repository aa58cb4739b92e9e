"""Recorded courses: videos checked by content with their duration read from the file, served
privately with HTTP Range to logged-in workers only; progress credits the watched time."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careers.learning import Report, is_complete, merge, record_progress
from careers.models import Course, Lesson, LessonProgress
from careers.video import VideoError, inspect_video
from tests.careers.conftest import MP4_FILE, WEBM_FILE, WORKER_PASSWORD
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


def test_the_duration_is_read_from_mp4_and_webm_files():
    mp4 = inspect_video(io.BytesIO(MP4_FILE.read_bytes()))
    webm = inspect_video(io.BytesIO(WEBM_FILE.read_bytes()))
    assert (mp4.content_type, mp4.duration_seconds) == ("video/mp4", 12)
    assert (webm.content_type, webm.duration_seconds) == ("video/webm", 12)


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.7 not a video", b"\x00\x00\x00\x18ftypisom" + b"\x00" * 20, b""],
)
def test_files_that_are_not_videos_are_refused(content):
    with pytest.raises(VideoError):
        inspect_video(io.BytesIO(content))


def test_staff_upload_a_lesson_and_its_duration_comes_from_the_file(
    client, superuser, private_media
):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    data = {
        "title": "个案工作实务",
        "description": "",
        "is_published": "on",
        "lessons-TOTAL_FORMS": "1",
        "lessons-INITIAL_FORMS": "0",
        "lessons-0-title": "第一课",
        "lessons-0-order": "1",
        "lessons-0-video": SimpleUploadedFile("lesson.bin", WEBM_FILE.read_bytes()),
    }
    response = client.post(reverse("admin:careers_course_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    lesson = Lesson.objects.get()
    assert (lesson.video_type, lesson.duration_seconds) == ("video/webm", 12)
    assert lesson.video.name.startswith("courses/") and lesson.video.name.endswith(".webm")
    assert not str(private_media).startswith("/work/wt/workers-online/static")


def test_a_renamed_pdf_is_refused_as_a_lesson_video(client, superuser, private_media):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    data = {
        "title": "个案工作实务",
        "is_published": "on",
        "lessons-TOTAL_FORMS": "1",
        "lessons-INITIAL_FORMS": "0",
        "lessons-0-title": "第一课",
        "lessons-0-order": "1",
        "lessons-0-video": SimpleUploadedFile("lesson.mp4", b"%PDF-1.4 fake"),
    }
    response = client.post(reverse("admin:careers_course_add"), data)
    assert "只接受 MP4 或 WebM 格式的视频" in response.content.decode()
    assert not Course.objects.exists()


def _as_li(client):
    client.login(username="li-na", password=WORKER_PASSWORD)
    return client


def test_a_worker_gets_the_requested_bytes_with_206(client, li, lesson):
    url = reverse("careers:lesson-video", args=[lesson.pk])
    data = MP4_FILE.read_bytes()
    response = _as_li(client).get(url, headers={"Range": "bytes=100-199"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert response["Content-Length"] == "100"
    assert b"".join(response.streaming_content) == data[100:200]
    assert "private" in response["Cache-Control"]

    tail = client.get(url, headers={"Range": "bytes=-10"})
    assert b"".join(tail.streaming_content) == data[-10:]
    whole = client.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    assert b"".join(whole.streaming_content) == data
    outside = client.get(url, headers={"Range": f"bytes={len(data) + 5}-"})
    assert outside.status_code == 416


def test_videos_are_only_for_logged_in_workers_in_post(client, li, lesson, clerk_huanbei):
    url = reverse("careers:lesson-video", args=[lesson.pk])
    assert client.get(url).status_code == 302  # anonymous: to the log-in page
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    assert client.get(url).status_code == 404  # staff are not workers
    client.logout()
    li.is_active = False
    li.save()
    assert _as_li(client).get(url).status_code == 302


def test_with_x_accel_nginx_serves_the_file(client, li, lesson, settings):
    settings.VIDEO_DELIVERY = "x-accel"
    response = _as_li(client).get(reverse("careers:lesson-video", args=[lesson.pk]))
    assert response["X-Accel-Redirect"] == "/protected-media/" + lesson.video.name
    assert response.content == b""


def test_the_lesson_page_plays_the_video_and_resumes(
    client, li, lesson, django_assert_max_num_queries
):
    LessonProgress.objects.create(worker=li, lesson=lesson, position=7, watched=[[0, 7]])
    _as_li(client)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("careers:lesson", args=[lesson.pk]))
    html = response.content.decode()
    assert '<video id="lesson-video" controls' in html
    assert 'data-resume="7"' in html and "从上次看到的 7 秒处继续" in html
    with django_assert_max_num_queries(12):
        listing = client.get(reverse("careers:courses"))
    assert "第一课：接案" in listing.content.decode()


def _report(client, lesson, start, end, position=None):
    return client.post(
        reverse("careers:lesson-progress", args=[lesson.pk]),
        {"start": start, "end": end, "position": end if position is None else position},
    )


def test_progress_credits_watched_time_once_and_never_the_skipped_part(client, li, lesson):
    _as_li(client)
    assert _report(client, lesson, 0, 5).json() == {"credited_seconds": 5, "completed": False}
    # Watching 0–5 again adds nothing.
    assert _report(client, lesson, 0, 5).json()["credited_seconds"] == 5
    # Skipping to the end: only the last second played is credited.
    assert _report(client, lesson, 11, 12).json() == {"credited_seconds": 6, "completed": False}
    # Watching 5–10 brings it to 11 of 12 seconds: 91.7% ≥ 90%, done.
    assert _report(client, lesson, 5, 10).json() == {"credited_seconds": 11, "completed": True}
    progress = LessonProgress.objects.get()
    assert progress.watched == [[0, 10], [11, 12]] and progress.position == 10


def test_progress_is_capped_at_the_lesson_length(client, li, lesson):
    _as_li(client)
    assert _report(client, lesson, 0, 500).json()["credited_seconds"] == 12


def test_a_broken_report_is_refused(client, li, lesson):
    _as_li(client)
    assert _report(client, lesson, "x", 5).status_code == 400
    assert _report(client, lesson, 8, 3).status_code == 400


@pytest.mark.parametrize(
    ("start", "end", "position"),
    [
        ("inf", 5, 5),
        ("nan", 5, 5),
        (-1, 5, 5),
        ("1e400", 5, 5),
        ("1e300", 5, 5),
        (0, "inf", 5),
        (0, 5, "-inf"),
        (0, 5, "nan"),
    ],
)
def test_a_report_of_impossible_seconds_is_refused_and_nothing_is_credited(
    client, li, lesson, start, end, position
):
    _as_li(client)
    response = _report(client, lesson, start, end, position)
    assert response.status_code == 400 and "进度报告无效" in response.json()["error"]
    assert not LessonProgress.objects.exists()


def test_the_ninety_percent_rule():
    assert is_complete(540, 600) and not is_complete(539, 600)
    assert merge([[5, 20], [0, 10], [30, 40]]) == [[0, 20], [30, 40]]


def test_anothers_progress_is_never_touched(client, li, liu, lesson):
    record_progress(liu, lesson, Report(0, 12, 12))
    _as_li(client)
    assert _report(client, lesson, 0, 3).json()["credited_seconds"] == 3
    assert LessonProgress.objects.get(worker=liu).credited_seconds == 12
