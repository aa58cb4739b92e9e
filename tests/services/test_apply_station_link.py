"""Regression (found by the fuzz tests on PostgreSQL): a station link with a NUL byte or other
non-slug characters is ignored, not a server error (PostgreSQL refuses NUL in a query)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("station", ["\x00", "huanbei-station\x00", "环北", "a b", "../x"])
def test_a_malformed_station_in_the_link_is_ignored(client, minsheng, huanbei_station, station):
    for url in [reverse("services:apply"), reverse("services:apply-form", args=[minsheng.slug])]:
        response = client.get(url, {"station": station})
        assert response.status_code == 200
        assert "环北街道社工站" not in response.content.decode()


def test_a_well_formed_station_link_still_preselects_the_street(
    client, minsheng, huanbei, huanbei_station
):
    url = reverse("services:apply-form", args=[minsheng.slug])
    html = client.get(url, {"station": huanbei_station.slug}).content.decode()
    assert f'<option value="{huanbei.pk}" selected>' in html
