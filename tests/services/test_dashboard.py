"""The staff dashboard on the admin index: a clerk sees her street's work, the hub every street
side by side with charts; each within one query budget."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from services.applications.models import FollowUp
from services.applications.rules import apply_transition
from services.ratings.dashboard import dashboard
from services.ratings.rules import rate
from tests.services.conftest import bring_into_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(huanbei_case, tongxing_case, clerk_huanbei, clerk_tongxing):
    bring_into_service(huanbei_case, clerk_huanbei)
    late = huanbei_case.followups.get(kind=FollowUp.Kind.VISIT)
    late.due_on = timezone.localdate() - dt.timedelta(days=3)
    late.save()
    apply_transition(tongxing_case, "first_pass", clerk_tongxing)
    return late


def _board(client, user, budget, django_assert_max_num_queries) -> str:
    client.force_login(user)
    with django_assert_max_num_queries(budget):
        response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('class="staff-dashboard"')
    return html[start : html.index("</section>", start)]


def test_a_clerk_sees_her_streets_late_follow_up_and_no_other_street(
    client, work, clerk_huanbei, django_assert_max_num_queries
):
    board = _board(client, clerk_huanbei, 30, django_assert_max_num_queries)
    assert "本街道办理情况" in board
    assert "环北街道" in board and "铜兴街道" not in board
    assert "回访评估已逾期" in board and work.application.reference in board
    assert "<svg" not in board


def test_the_hub_sees_every_street_side_by_side_with_charts(
    client, work, hub_officer, clerk_huanbei, django_assert_max_num_queries
):
    case = work.application
    apply_transition(case, "close", clerk_huanbei)
    rate(case, "closing", level=1, comment="没人来")
    board = _board(client, hub_officer, 30, django_assert_max_num_queries)
    assert "各街道办理情况" in board
    assert board.index("环北街道") < board.index("铜兴街道")
    assert board.count("<svg") == 3
    assert '?status__exact=open">1</a>' in board  # the poor rating's open rectification


def test_someone_without_a_street_sees_no_dashboard(client, recruitment_officer):
    client.force_login(recruitment_officer)
    html = client.get(reverse("admin:index")).content.decode()
    assert "staff-dashboard" not in html


@pytest.mark.parametrize("person", ["clerk_huanbei", "hub_officer"])
def test_each_dashboard_is_built_in_eleven_queries_however_many_streets(request, work, person):
    user = request.getfixturevalue(person)
    assert user.staff_profile  # loaded with the user in a request, not by the dashboard
    with CaptureQueriesContext(connection) as queries:
        board = dashboard(user)
    assert board is not None and len(queries) <= 11
