"""The registration's step table (recruitment.workflow, run by accounts.steps): the candidate
submits her own form; the recruitment officer takes every later step; refusals in Chinese; each
step writes the candidate's RegistrationEvent and its StepLog entry together."""

import pytest
from django.urls import reverse

from accounts.models import StepLog
from accounts.steps import StepRefused, history
from recruitment import workflow
from recruitment.models import Registration
from tests.conftest import STAFF_PASSWORD
from tests.recruitment.conftest import registration

pytestmark = pytest.mark.django_db
S = Registration.Status

# Every step of the table: from, the reason it is given, to.
EVERY_STEP = [
    ("return", S.SUBMITTED, "照片不清晰", S.RETURNED),
    ("approve", S.SUBMITTED, "", S.APPROVED),
    ("reject", S.SUBMITTED, "专业不符", S.REJECTED),
    ("to_medical", S.APPROVED, "", S.MEDICAL),
    ("medical_pass", S.MEDICAL, "", S.POLITICAL),
    ("medical_fail", S.MEDICAL, "血压不合格", S.NOT_HIRED),
    ("political_pass", S.POLITICAL, "", S.PROPOSED),
    ("political_fail", S.POLITICAL, "有不良记录", S.NOT_HIRED),
    ("hire", S.PROPOSED, "", S.HIRED),
    ("not_hire", S.APPROVED, "放弃", S.NOT_HIRED),
]


def test_the_table_covers_every_step():
    names = [s.name for s in workflow.REGISTRATION_STEPS.steps]
    assert names == ["submit", *(step for step, *_ in EVERY_STEP)]


@pytest.mark.parametrize("step, start, reason, end", EVERY_STEP)
def test_each_staff_step_by_the_officer_moves_it_and_is_logged(
    wang_fang, open_round, recruitment_officer, step, start, reason, end
):
    form = registration(wang_fang, open_round, start)
    workflow.move(form, step, recruitment_officer, reason)
    form.refresh_from_db()
    assert form.status == end
    event = form.events.last()
    assert (event.title, event.note, event.by) == (
        workflow.TRANSITIONS[step].label,
        reason,
        recruitment_officer,
    )
    (log,) = history(form)
    assert (log.step, log.from_state, log.to_state, log.user) == (
        step,
        start,
        end,
        recruitment_officer,
    )


def test_the_candidate_submits_her_own_form(wang_fang, open_round):
    form = registration(wang_fang, open_round, S.DRAFT)
    workflow.move(form, "submit", wang_fang.user)
    form.refresh_from_db()
    assert form.status == S.SUBMITTED and form.submitted_at is not None
    assert [log.step for log in history(form)] == ["submit"]


def test_nobody_else_submits_her_form(wang_fang, li_na, open_round, recruitment_officer):
    form = registration(wang_fang, open_round, S.DRAFT)
    for user in (li_na.user, recruitment_officer):
        with pytest.raises(StepRefused, match="只有考生本人可以提交"):
            workflow.move(form, "submit", user)
    assert Registration.objects.get(pk=form.pk).status == S.DRAFT


@pytest.mark.parametrize("person", ["clerk_huanbei", "hub_officer", "read_only_viewer"])
def test_staff_without_the_review_permission_are_refused(request, wang_fang, open_round, person):
    form = registration(wang_fang, open_round)
    with pytest.raises(StepRefused, match="您没有资格审查的权限"):
        workflow.move(form, "approve", request.getfixturevalue(person))
    assert Registration.objects.get(pk=form.pk).status == S.SUBMITTED
    assert not StepLog.objects.exists()


def test_the_candidate_cannot_review_her_own_form(wang_fang, open_round):
    form = registration(wang_fang, open_round)
    with pytest.raises(StepRefused, match="您没有资格审查的权限"):
        workflow.move(form, "approve", wang_fang.user)


def test_a_step_from_the_wrong_state_is_refused(wang_fang, open_round, recruitment_officer):
    form = registration(wang_fang, open_round, S.APPROVED)
    with pytest.raises(StepRefused, match="现在是“审查通过”，不能“资格审查不通过”。请刷新页面"):
        workflow.move(form, "reject", recruitment_officer, "专业不符")


@pytest.mark.parametrize("step, start, reason, end", [s for s in EVERY_STEP if s[2]])
def test_the_steps_with_a_reason_refuse_without_one(
    wang_fang, open_round, recruitment_officer, step, start, reason, end
):
    form = registration(wang_fang, open_round, start)
    with pytest.raises(StepRefused, match="需要填写原因，考生会看到这段说明"):
        workflow.move(form, step, recruitment_officer, "  ")
    form.refresh_from_db()
    assert form.status == start and [e.title for e in form.events.all()] == ["提交报名表"]


def test_the_review_page_is_forbidden_to_a_post_without_the_permission(
    client, wang_fang, open_round, read_only_viewer
):
    form = registration(wang_fang, open_round)
    client.login(username=read_only_viewer.username, password=STAFF_PASSWORD)
    url = reverse("admin:recruitment_registration_review", args=[form.pk])
    assert client.post(url, {"action": "approve", "reason": ""}).status_code == 403
    assert Registration.objects.get(pk=form.pk).status == S.SUBMITTED
