"""One limit on every request body, refused on its Content-Length before the body is read:
a 413 page in Chinese that says the limit, nothing stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careers.models import SignUp
from services.models import ServiceCategory

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


def _attached(size: int) -> dict:
    return {
        "name": "王测试",
        "mobile": "13700135555",
        "file": SimpleUploadedFile("a.bin", b"0" * size),
    }


@pytest.mark.parametrize(
    "name", ["careers:login", "recruitment:sign-up", "recruitment:login", "services:track"]
)
def test_a_body_past_the_limit_is_refused_unread_on_pages_without_files(client, guide, name):
    response = client.post(reverse(name), _attached(2 * MB))
    assert response.status_code == 413
    html = response.content.decode()
    assert "提交的内容太大，没有收到" in html and "一次最多能收 1MB" in html
    assert "这一页不需要上传文件" in html and response["Connection"] == "close"


def test_a_training_sign_up_past_the_limit_is_refused_and_nothing_is_stored(client, guide):
    response = client.post(reverse("careers:sign-up", args=[1]), _attached(2 * MB))
    assert response.status_code == 413
    assert not SignUp.objects.exists()


def test_an_urlencoded_body_past_the_limit_is_refused_too(client, guide, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100 * 1024
    response = client.post(reverse("careers:login"), {"username": "x" * 200 * 1024})
    assert response.status_code == 413 and "一次最多能收 100KB" in response.content.decode()


def test_a_page_that_takes_files_accepts_the_larger_upload_limit_and_no_more(
    client, guide, settings
):
    settings.REQUEST_UPLOAD_MAX_MB = 3
    page = reverse("services:apply-form", args=[ServiceCategory.objects.first().slug])
    assert client.post(page, _attached(2 * MB)).status_code != 413  # the form answers
    refused = client.post(page, _attached(4 * MB))
    assert refused.status_code == 413
    html = refused.content.decode()
    assert "一次最多能收 3MB" in html and "请把照片压缩后" in html


def test_a_small_body_passes(client, guide):
    assert client.post(reverse("careers:login"), {"username": "x"}).status_code == 200
