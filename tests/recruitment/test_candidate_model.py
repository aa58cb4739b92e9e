import pytest
from django.core.exceptions import ValidationError

from recruitment.models import Candidate, RecruitmentRound
from tests.recruitment.factories import resident_id

pytestmark = pytest.mark.django_db


def test_a_candidate_cannot_sit_a_post_of_another_year(guide):
    round_2024 = RecruitmentRound.objects.get(year=2024)
    round_2025 = RecruitmentRound.objects.create(
        year=2025, title="2025年社工招聘指南", bureau_phone="0856-0000000"
    )
    person = Candidate(
        round=round_2025,
        post=round_2024.posts.first(),
        name="张三",
        id_number=resident_id(1),
        written_score=80,
        interview_score=80,
    )
    with pytest.raises(ValidationError, match="所选岗位不属于该招聘年度"):
        person.clean()
