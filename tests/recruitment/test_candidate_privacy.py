"""A candidate sees only her own registration, photo, scans and ticket (王芳 vs 李娜)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from recruitment import workflow
from tests.recruitment.conftest import registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def li_nas(li_na, open_round):
    made = registration(li_na, open_round, "approved")
    workflow.assign_exam_numbers(open_round)
    open_round.tickets_released_at = timezone.now()
    open_round.save()
    made.refresh_from_db()
    return made


def test_another_candidates_photo_scans_and_ticket_are_404(client, wang_fang, li_nas, as_candidate):
    as_candidate(wang_fang)
    for url in [
        reverse("recruitment:document", args=[li_nas.pk, "photo"]),
        reverse("recruitment:document", args=[li_nas.pk, "diploma"]),
        reverse("recruitment:ticket", args=[li_nas.pk]),
        reverse("recruitment:ticket-pdf", args=[li_nas.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert "李娜" not in client.get(reverse("recruitment:mine")).content.decode()


def test_her_own_documents_are_served_privately_and_never_cached(client, li_na, li_nas):
    client.login(username=li_na.user.username, password="Tongren-candidate-77")
    response = client.get(reverse("recruitment:document", args=[li_nas.pk, "photo"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "no-store" in client.get(reverse("recruitment:mine"))["Cache-Control"]


def test_unknown_document_names_are_404(client, li_na, li_nas):
    client.login(username=li_na.user.username, password="Tongren-candidate-77")
    url = reverse("recruitment:document", args=[li_nas.pk, "id_number"])
    assert client.get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_the_candidate_log_in(client, li_nas):
    response = client.get(reverse("recruitment:document", args=[li_nas.pk, "photo"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("recruitment:login"))


@pytest.mark.page_cache
def test_the_page_cache_neither_serves_nor_stores_candidate_pages(client, li_na, li_nas):
    client.login(username=li_na.user.username, password="Tongren-candidate-77")
    first = client.get(reverse("recruitment:mine")).content.decode()
    assert "李娜" in first
    client.logout()
    again = client.get(reverse("recruitment:mine"))
    assert again.status_code == 302  # not a cached copy of her page
