"""整改 in the admin: the station reads the comment and answers, only the district hub closes,
another street's clerk never sees the task; ratings are read-only."""

import pytest
from django.urls import reverse

from services.applications.rules import apply_transition
from services.ratings.models import Rating, RatingPolicy, Rectification
from services.ratings.rules import rate
from tests.services.conftest import bring_into_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(huanbei_case, clerk_huanbei):
    bring_into_service(huanbei_case, clerk_huanbei)
    apply_transition(huanbei_case, "close", clerk_huanbei)
    rating = rate(huanbei_case, "closing", level=2, aspect="attitude", comment="态度不好")
    return rating.rectification


def _change_url(task):
    return reverse("admin:services_rectification_change", args=[task.pk])


def test_the_clerk_sees_the_comment_and_answers(
    client, task, clerk_huanbei, django_assert_max_num_queries
):
    client.force_login(clerk_huanbei)
    with django_assert_max_num_queries(25):
        listing = client.get(reverse("admin:services_rectification_changelist"))
    assert task.rating.application.reference in listing.content.decode()
    page = client.get(_change_url(task)).content.decode()
    assert "态度不好" in page and "服务态度" in page
    response = client.post(_change_url(task), {"station_answer": "已约谈社工并上门致歉。"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == Rectification.Status.ANSWERED and task.answered_by == clerk_huanbei


def test_only_the_hub_may_close(client, task, clerk_huanbei, hub_officer):
    client.force_login(clerk_huanbei)
    client.post(_change_url(task), {"station_answer": "已整改。"})
    data = {"action": "close_selected", "_selected_action": [task.pk]}
    listing = reverse("admin:services_rectification_changelist")
    assert "close_selected" not in client.get(listing).content.decode()
    client.post(listing, data)
    task.refresh_from_db()
    assert task.status == Rectification.Status.ANSWERED
    client.force_login(hub_officer)
    assert "close_selected" in client.get(listing).content.decode()
    client.post(listing, data)
    task.refresh_from_db()
    assert task.status == Rectification.Status.CLOSED and task.closed_by == hub_officer


def test_the_hub_cannot_close_a_task_the_station_has_not_answered(client, task, hub_officer):
    client.force_login(hub_officer)
    listing = reverse("admin:services_rectification_changelist")
    response = client.post(
        listing, {"action": "close_selected", "_selected_action": [task.pk]}, follow=True
    )
    assert "社工站还没有答复" in response.content.decode()
    task.refresh_from_db()
    assert task.status == Rectification.Status.OPEN


def test_another_streets_clerk_never_sees_the_task(client, task, clerk_tongxing):
    client.force_login(clerk_tongxing)
    listing = client.get(reverse("admin:services_rectification_changelist")).content.decode()
    assert task.rating.application.reference not in listing
    assert client.get(_change_url(task)).status_code in (302, 404)


def test_ratings_are_read_only_and_the_deadline_is_edited_by_the_hub(
    client, task, clerk_huanbei, hub_officer
):
    client.force_login(clerk_huanbei)
    rating = Rating.objects.get()
    url = reverse("admin:services_rating_change", args=[rating.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"level": "5"})
    assert Rating.objects.get().level == 2
    assert client.get(reverse("admin:services_ratingpolicy_add")).status_code == 403
    client.force_login(hub_officer)
    response = client.post(
        reverse("admin:services_ratingpolicy_add"),
        {"rectification_working_days": "10", "change_days": "7"},
    )
    assert response.status_code == 302 and RatingPolicy.current().rectification_working_days == 10
