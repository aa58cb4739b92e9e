"""The admission ticket (page and PDF), the public score look-up and the live counts."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from recruitment import workflow
from recruitment.models import Candidate
from tests.recruitment.conftest import registration
from tests.recruitment.factories import resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def wangs(wang_fang, open_round):
    made = registration(wang_fang, open_round, "approved")
    workflow.assign_exam_numbers(open_round)
    made.refresh_from_db()
    return made


def test_no_ticket_before_the_bureau_releases_them(client, wang_fang, wangs, as_candidate):
    as_candidate(wang_fang)
    assert client.get(reverse("recruitment:ticket", args=[wangs.pk])).status_code == 404
    assert "打印准考证" not in client.get(reverse("recruitment:mine")).content.decode()


def test_the_ticket_page_and_pdf(
    client, wang_fang, wangs, open_round, as_candidate, django_assert_max_num_queries
):
    workflow.release_tickets(open_round, None)
    as_candidate(wang_fang)
    with django_assert_max_num_queries(10):
        html = client.get(reverse("recruitment:ticket", args=[wangs.pk])).content.decode()
    assert wangs.exam_number in html, html
    assert "王芳" in html and wangs.masked_id in html
    assert "第01考场" in html and "recruitment/ticket." in html
    assert wangs.id_number not in html
    pdf = client.get(reverse("recruitment:ticket-pdf", args=[wangs.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and b"STSong-Light" in pdf.content
    assert "no-store" in pdf["Cache-Control"]


def _scored(registration_, written, interview, certified=False):
    registration_.scores = Candidate.objects.create(
        round=registration_.round,
        post=registration_.post,
        name=registration_.name,
        id_number=registration_.id_number,
        certified=certified,
        written_score=written,
        interview_score=interview,
    )
    registration_.save()


def test_scores_are_found_by_exam_number_and_id_once_published(
    client, wangs, open_round, django_assert_max_num_queries
):
    _scored(wangs, 80, 75)
    url = reverse("recruitment:score-lookup", args=[2024])
    query = {"exam_number": wangs.exam_number, "id_number": wangs.id_number}
    assert "成绩还没有公布" in client.post(url, query).content.decode()
    workflow.publish_scores(open_round, None)
    with django_assert_max_num_queries(12):
        html = client.post(url, query).content.decode()
    assert "77" in html and "第1名" in html
    assert "no-store" in client.post(url, query)["Cache-Control"]


def test_the_score_look_up_is_a_post_with_a_csrf_token_never_an_address(client, wangs, open_round):
    _scored(wangs, 80, 75)
    workflow.publish_scores(open_round, None)
    url = reverse("recruitment:score-lookup", args=[2024])
    query = {"exam_number": wangs.exam_number, "id_number": wangs.id_number}
    page = client.get(url, query).content.decode()
    assert "第1名" not in page  # an ID number in the address is not looked up
    assert f'<form method="post" action="{url}"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    forged = Client(enforce_csrf_checks=True).post(url, query)
    assert forged.status_code == 403 and "第1名" not in forged.content.decode()


def test_wrong_pairs_are_rate_limited(client, wangs, open_round, settings):
    settings.SCORE_LOOKUP_MISS_RATE = "2/10m"
    _scored(wangs, 80, 75)
    workflow.publish_scores(open_round, None)
    url = reverse("recruitment:score-lookup", args=[2024])
    wrong = {"exam_number": wangs.exam_number, "id_number": resident_id(99)}
    for _ in range(2):
        assert "没有查到成绩" in client.post(url, wrong).content.decode()
    right = {"exam_number": wangs.exam_number, "id_number": wangs.id_number}
    assert client.post(url, right).status_code == 429


def test_live_counts_per_post(client, open_round, wang_fang, li_na, django_assert_max_num_queries):
    registration(wang_fang, open_round, "approved")
    registration(li_na, open_round, "draft")
    url = reverse("recruitment:counts", args=[2024])
    with django_assert_max_num_queries(6):
        response = client.get(url)
    html = response.content.decode()
    assert '<th scope="row">社区社工岗</th><td>1</td><td>1</td>' in html
    guide = client.get(reverse("recruitment:round", args=[2024])).content.decode()
    assert url in guide


@pytest.mark.page_cache
def test_the_counts_page_is_kept_half_a_minute_then_shows_new_registrations(
    client, open_round, wang_fang, li_na
):
    url = reverse("recruitment:counts", args=[2024])
    row = '<th scope="row">社区社工岗</th><td>{}</td>'
    with time_machine.travel(dt.datetime(2024, 6, 3, 10, 0, tzinfo=dt.UTC), tick=False) as clock:
        registration(wang_fang, open_round, "approved")
        assert row.format(1) in client.get(url).content.decode()
        registration(li_na, open_round, "submitted")  # a candidate's save empties no cache
        kept = client.get(url)
        assert kept["X-Page-Cache"] == "hit" and row.format(1) in kept.content.decode()
        assert kept["Cache-Control"] == "max-age=5"  # what nginx or a browser may keep
        clock.shift(31)
        fresh = client.get(url)
        assert fresh["X-Page-Cache"] == "miss" and row.format(2) in fresh.content.decode()
