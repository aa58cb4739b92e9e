import pytest
import tablib
from django.urls import reverse

from accounts.models import Street
from services.models import RuralVisit, ServicePoint
from services.resources import ServicePointResource
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db

HEADERS = [
    "网址标识",
    "层级",
    "名称",
    "所属街道",
    "地址",
    "开放时间",
    "联系电话",
    "纬度",
    "经度",
    "服务领域",
    "提供的服务",
    "步行说明",
    "排序",
    "信息已核实",
]


def _login(client, user):
    client.login(username=user.username, password=STAFF_PASSWORD)


@pytest.mark.parametrize(
    "model",
    [
        "accounts_street",
        "services_servicedomain",
        "services_servicepoint",
        "services_featureproject",
        "services_ruralvisit",
    ],
)
def test_a_clerk_finds_every_network_list_in_admin_within_a_query_budget(
    client, guide, superuser, model, django_assert_max_num_queries
):
    _login(client, superuser)
    url = reverse(f"admin:{model}_changelist")
    with django_assert_max_num_queries(18):  # one records the superuser's use, one reads her device
        response = client.get(url)
    assert response.status_code == 200


def test_the_point_list_filters_by_street_and_level_and_searches_by_name(client, guide, superuser):
    _login(client, superuser)
    url = reverse("admin:services_servicepoint_changelist")
    html = client.get(
        url,
        {"street__id__exact": Street.objects.get(slug="huanbei").pk, "level__exact": "community"},
    ).content.decode()
    assert "环北第一社区社工服务点" in html and "铜兴第一社区社工服务点" not in html
    html = client.get(url, {"q": "中南门"}).content.decode()
    assert "中南门社区社工服务点" in html and "东门社区社工服务点" not in html


def test_a_clerk_verifies_a_point_and_the_sample_label_goes(client, guide, superuser):
    _login(client, superuser)
    point = ServicePoint.objects.get(slug="huanbei-station")
    point.is_verified = True
    point.save()
    html = client.get(point.get_absolute_url()).content.decode()
    assert "尚未经民政部门核实，前往前请先致电确认" not in html


def test_the_bureaus_spreadsheet_creates_and_updates_points_by_slug(guide):
    data = tablib.Dataset(headers=HEADERS)
    data.append(
        [
            "huanbei-station",
            "街道社工站",
            "环北街道社工站",
            "huanbei",
            "环北路88号",
            "周一至周六 9:00—17:00",
            "0856-5220001",
            "27.733",
            "109.193",
            "民生兜底服务、社区治理服务",
            "",
            "",
            "1",
            "1",
        ]
    )
    data.append(
        [
            "huanbei-jintan",
            "社区社工服务点",
            "金滩社区社工服务点",
            "环北街道",
            "金滩路1号",
            "周一至周五",
            "0856-5220002",
            "27.74",
            "109.19",
            "特殊群体关爱",
            "",
            "",
            "7",
            "0",
        ]
    )
    result = ServicePointResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    station = ServicePoint.objects.get(slug="huanbei-station")
    assert (station.address, station.is_verified) == ("环北路88号", True)
    assert [d.name for d in station.domains.all()] == ["民生兜底服务", "社区治理服务"]
    assert ServicePoint.objects.get(slug="huanbei-jintan").street.slug == "huanbei"
    assert ServicePoint.objects.count() == 47


@pytest.mark.parametrize(
    "level, street, message",
    [
        (
            "村卫生室",
            "huanbei",
            "层级“村卫生室”无法识别，请填写：区社工总站、街道社工站、社区社工服务点。",
        ),
        (
            "社区社工服务点",
            "nowhere",
            "找不到街道“nowhere”，请填写街道的网址标识（如 huanbei）或全称。",
        ),
    ],
)
def test_a_bad_row_is_reported_in_chinese_and_nothing_is_saved(guide, level, street, message):
    data = tablib.Dataset(headers=HEADERS)
    data.append(
        ["x-point", level, "某点", street, "地址", "时间", "电话", "", "", "", "", "", "0", "0"]
    )
    result = ServicePointResource().import_data(data, dry_run=False)
    assert result.has_validation_errors()
    assert message in str(result.invalid_rows[0].error)
    assert not ServicePoint.objects.filter(slug="x-point").exists()


def test_the_export_has_chinese_headers_and_round_trips(guide):
    exported = ServicePointResource().export()
    assert exported.headers == HEADERS
    assert len(exported) == 46
    hub = next(row for row in exported.dict if row["网址标识"] == "district-hub")
    assert hub["层级"] == "区社工总站" and hub["所属街道"] == ""
    result = ServicePointResource().import_data(exported, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()


def test_the_admin_offers_import_and_export_pages(client, guide, superuser):
    _login(client, superuser)
    assert client.get(reverse("admin:services_servicepoint_import")).status_code == 200
    assert client.get(reverse("admin:services_servicepoint_export")).status_code == 200


def test_a_resident_cannot_reach_the_network_admin(client, outsider):
    _login(client, outsider)
    response = client.get(reverse("admin:services_servicepoint_import"))
    assert response.status_code == 302
    assert RuralVisit.objects.count() == 0


def _with_permissions(user, *models):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="services", content_type__model__in=models
        )
    )
    return user


def test_a_street_clerk_sees_and_edits_only_the_points_of_their_street(
    client, guide, clerk_huanbei
):
    _login(client, _with_permissions(clerk_huanbei, "servicepoint", "ruralvisit"))
    html = client.get(reverse("admin:services_servicepoint_changelist")).content.decode()
    assert "环北第一社区社工服务点" in html
    assert "铜兴第一社区社工服务点" not in html and "碧江区社工总站" not in html
    tongxing = ServicePoint.objects.get(slug="tongxing-station")
    response = client.get(reverse("admin:services_servicepoint_change", args=[tongxing.pk]))
    assert response.status_code == 302  # "不存在" message and back to the list
    own = ServicePoint.objects.get(slug="huanbei-station")
    form_html = client.get(
        reverse("admin:services_servicepoint_change", args=[own.pk])
    ).content.decode()
    assert ">环北街道</option>" in form_html and ">铜兴街道</option>" not in form_html


def test_only_the_district_hub_loads_the_bureaus_spreadsheet(
    client, guide, clerk_huanbei, hub_officer
):
    _login(client, _with_permissions(clerk_huanbei, "servicepoint"))
    assert client.get(reverse("admin:services_servicepoint_import")).status_code == 403
    _login(client, _with_permissions(hub_officer, "servicepoint"))
    assert client.get(reverse("admin:services_servicepoint_import")).status_code == 200
    html = client.get(reverse("admin:services_servicepoint_changelist")).content.decode()
    assert "铜兴第一社区社工服务点" in html and "碧江区社工总站" in html


def test_a_street_clerk_sees_only_the_rural_visits_leaving_from_their_street(
    client, guide, clerk_tongxing
):
    _login(client, _with_permissions(clerk_tongxing, "ruralvisit"))
    html = client.get(reverse("admin:services_ruralvisit_changelist")).content.decode()
    assert "岩门村" in html  # leaves from 铜兴街道社工站
    assert "高坪村" not in html  # leaves from 川硐
