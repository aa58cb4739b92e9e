"""Regression (found by the fuzz tests): an image claiming a gigantic size is refused with a
message, not a server error. Pillow raises DecompressionBombError above twice its pixel limit
and only warns between the limit and twice it; both are refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from services.applications.models import ServiceApplication
from tests.fuzz.strategies import png_claiming
from tests.services.test_apply_form import _data, _url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("side", [20_000, 10_000], ids=["over-twice-the-limit", "over-the-limit"])
def test_an_image_claiming_too_many_pixels_is_refused_with_a_message(
    client, minsheng, huanbei, side
):
    id_card = minsheng.documents.get(name="身份证")
    bomb = SimpleUploadedFile("photo.png", png_claiming(side, side), "image/png")
    response = client.post(_url(minsheng), _data(minsheng, huanbei, **{id_card.field_name: bomb}))
    assert response.status_code == 400
    assert "图片的像素太多" in response.content.decode()
    assert not ServiceApplication.objects.exists()
