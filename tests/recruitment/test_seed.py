from io import StringIO

import pytest
from django.core.management import call_command

from recruitment.models import Post, RecruitmentRound, TimelineStep
from recruitment.rules import Education

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = StringIO()
    call_command("load_guide", stdout=out)
    return out.getvalue()


def test_it_loads_the_2024_round_with_the_guides_numbers():
    _load()
    round_ = RecruitmentRound.objects.get(year=2024)
    assert round_.written_pass_mark == 60
    assert round_.interview_pass_mark == 70
    assert round_.certificate_bonus == 5
    assert (round_.written_weight_percent, round_.interview_weight_percent) == (40, 60)
    assert round_.notice_working_days == 3
    registration = TimelineStep.objects.get(round=round_, title="网上报名")
    assert (registration.starts_on.isoformat(), registration.ends_on.isoformat()) == (
        "2024-03-10",
        "2024-03-17",
    )
    review = TimelineStep.objects.get(round=round_, title="资格审核")
    assert review.place == "碧江区民政局社工科"
    assert TimelineStep.objects.get(round=round_, title="笔试").starts_on is None


def test_it_loads_the_posts_with_their_exceptions_and_sample_places():
    _load()
    eldercare = Post.objects.get(name="社区养老服务岗")
    assert eldercare.relaxed_min_education == Education.VOCATIONAL
    assert eldercare.relaxed_needs_eldercare_certificate
    assert Post.objects.get(name="乡村社工岗").requires_local_ties
    assert all(post.places_is_sample for post in Post.objects.all())


def test_running_it_again_creates_nothing_and_keeps_staff_edits():
    _load()
    Post.objects.filter(name="社区社工岗").update(places=9)
    counts = (Post.objects.count(), TimelineStep.objects.count())
    output = _load()
    assert (Post.objects.count(), TimelineStep.objects.count()) == counts
    assert Post.objects.get(name="社区社工岗").places == 9
    assert "招聘岗位：新增 0 条" in output


def test_sample_candidates_come_in_several_states_and_are_not_counted(guide, private_media):
    out = StringIO()
    call_command("load_recruitment_samples", stdout=out)
    assert "密码：" in out.getvalue()
    from recruitment.models import Registration

    states = set(Registration.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "returned", "approved", "rejected", "proposed"} <= states
    assert all(r.name.startswith("示例考生") for r in Registration.objects.all())
    assert Registration.objects.exclude(exam_number="").count() == 2
    round_ = RecruitmentRound.objects.get(year=2024)
    assert sum(row["registered"] for row in round_.registration_counts()) == 0
    again = StringIO()
    call_command("load_recruitment_samples", stdout=again)
    assert "已存在" in again.getvalue()
    assert Registration.objects.count() == 6
