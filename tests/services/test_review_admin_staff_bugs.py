"""Staff bugs found on the way (issue 19): the clerk's journeys on 服务站点 with the roles,
and admin text in Chinese everywhere."""

import pytest
from django.urls import reverse

from services.models import ServicePoint
from tests.conftest import STAFF_PASSWORD
from tests.services.conftest import make_case

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert client.login(username=user.username, password=STAFF_PASSWORD)


def test_a_street_clerk_lists_opens_and_edits_her_streets_points(
    client, clerk_huanbei, huanbei_station, tongxing, django_assert_max_num_queries
):
    other = ServicePoint.objects.create(
        level="street", name="铜兴街道社工站", slug="tongxing-station", street=tongxing,
        address="铜兴", opening_hours="工作日", phone="0856-1",
    )  # fmt: skip
    _login(client, clerk_huanbei)
    with django_assert_max_num_queries(20):
        listing = client.get(reverse("admin:services_servicepoint_changelist"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "环北街道社工站" in html and "铜兴街道社工站" not in html
    url = reverse("admin:services_servicepoint_change", args=[huanbei_station.pk])
    assert client.get(url).status_code == 200
    page = client.get(url).context["adminform"].form
    data = {k: v for k, v in page.initial.items() if v is not None and k != "domains"}
    data.update(street=huanbei_station.street_id, opening_hours="工作日 8:30-17:30")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    huanbei_station.refresh_from_db()
    assert huanbei_station.opening_hours == "工作日 8:30-17:30"
    other_url = reverse("admin:services_servicepoint_change", args=[other.pk])
    assert client.get(other_url).status_code == 302  # "does not exist" for her


def test_the_admin_home_names_every_app_and_header_in_chinese(client, superuser):
    _login(client, superuser)
    html = client.get(reverse("admin:index")).content.decode()
    assert "登录安全" in html and "登录尝试" in html and "登录日志" in html
    for english in ["Access attempts", "Access logs", "Access failures", "Model name", "Axes"]:
        assert english not in html


def test_the_clerk_sees_no_link_she_may_not_follow_on_a_case(
    client, clerk_huanbei, minsheng, huanbei
):
    case = make_case(minsheng, huanbei)
    _login(client, clerk_huanbei)
    html = client.get(
        reverse("admin:services_serviceapplication_change", args=[case.pk])
    ).content.decode()
    assert reverse("admin:services_servicecategory_change", args=[minsheng.pk]) not in html
    assert reverse("admin:accounts_street_change", args=[huanbei.pk]) not in html
    assert f"/admin/auth/user/{clerk_huanbei.pk}/" not in html
