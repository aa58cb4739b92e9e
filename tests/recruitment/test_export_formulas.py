"""A candidate named like a formula reaches the ranked list's Excel as text (issue 18,
finding 1)."""

import pytest
from django.urls import reverse

from recruitment.models import Post, RecruitmentRound
from tests.conftest import STAFF_PASSWORD
from tests.recruitment.factories import candidate
from tests.spreadsheets import FORMULAS, assert_staff_layout, assert_written_as_text

pytestmark = pytest.mark.django_db


def test_the_ranked_list_exports_formulas_as_text(client, guide, superuser):
    post = Post.objects.get(name="社区社工岗")
    for serial, value in enumerate(FORMULAS, start=1):
        candidate(post, serial, 70, 80, name=value)
    round_ = RecruitmentRound.objects.get(year=2024)
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    response = client.get(reverse("admin:recruitment_recruitmentround_export", args=[round_.pk]))
    assert_written_as_text(response.content, FORMULAS)
    assert_staff_layout(response.content)
