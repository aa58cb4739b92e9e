import pytest
from django.urls import reverse

from careers.models import SocialWorker
from tests.careers.conftest import make_worker
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.login(username=user.username, password=STAFF_PASSWORD)


def test_a_clerk_lists_only_her_stations_social_workers(
    client, workers, levels, huanbei, clerk_huanbei, django_assert_max_num_queries
):
    for n in range(20):
        make_worker(
            huanbei, f"社工{n}", (levels["assistant"], workers["li"].certificates.get().obtained_on)
        )
    _login(client, clerk_huanbei)
    # Her password's age is read on the first staff page of a session.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("admin:careers_socialworker_changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "李娜" in html and "社工19" in html
    assert "刘洋" not in html and "铜兴街道" not in html


def test_the_tongxing_clerk_cannot_open_a_huanbei_worker(client, workers, clerk_tongxing):
    _login(client, clerk_tongxing)
    url = reverse("admin:careers_socialworker_change", args=[workers["li"].pk])
    assert client.get(url).status_code == 302
    assert "李娜" not in client.get(url, follow=True).content.decode()


def test_a_clerk_adds_a_worker_with_a_certificate_and_project_month(
    client, levels, huanbei, tongxing, clerk_huanbei
):
    _login(client, clerk_huanbei)
    add = reverse("admin:careers_socialworker_add")
    form = client.get(add).content.decode()
    assert "铜兴街道" not in form
    data = {
        "name": "周敏",
        "street": huanbei.pk,
        "organisation": "环北社工站",
        "role": "frontline",
        "title_level": "",
        "is_active": "on",
        "certificates-TOTAL_FORMS": "1",
        "certificates-INITIAL_FORMS": "0",
        "certificates-0-level": levels["assistant"].pk,
        "certificates-0-obtained_on": "2025-09-20",
        "project_months-TOTAL_FORMS": "1",
        "project_months-INITIAL_FORMS": "0",
        "project_months-0-month": "2026-02-17",
        "project_months-0-project": "青少年心理健康",
    }
    assert client.post(add, {**data, "street": tongxing.pk}).status_code == 200
    response = client.post(add, data)
    assert response.status_code == 302
    worker = SocialWorker.objects.get(name="周敏")
    assert worker.certificates.get().level == levels["assistant"]
    assert str(worker.project_months.get().month) == "2026-02-01"


def test_an_outsider_cannot_open_the_careers_admin(client, outsider, workers):
    _login(client, outsider)
    response = client.get(reverse("admin:careers_socialworker_changelist"))
    assert response.status_code == 302
