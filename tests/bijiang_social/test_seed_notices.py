from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from bijiang_social.models import FaqQuestion, Notice
from bijiang_social.seeding import rows

NOTICES_FILE = Path(settings.BASE_DIR, "bijiang_social/seed/notices.yaml")
NOTICES = rows(NOTICES_FILE, "bijiang_social.notice")
QUESTIONS = rows(NOTICES_FILE, "bijiang_social.faqquestion")

pytestmark = pytest.mark.django_db


def test_load_guide_seeds_the_notices_and_questions_once(guide):
    assert Notice.objects.count() == len(NOTICES)
    assert FaqQuestion.objects.count() == len(QUESTIONS)
    out = StringIO()
    call_command("load_guide", stdout=out)
    assert Notice.objects.count() == len(NOTICES)
    assert "公告：新增 0 条" in out.getvalue()


def test_load_guide_keeps_staff_edits(guide):
    Notice.objects.filter(key="training-quarterly").update(title="培训通知（已修改）")
    FaqQuestion.objects.filter(key="apply-materials").update(answer="以窗口说明为准。")
    call_command("load_guide", stdout=StringIO())
    assert Notice.objects.get(key="training-quarterly").title == "培训通知（已修改）"
    assert FaqQuestion.objects.get(key="apply-materials").answer == "以窗口说明为准。"


def test_the_questions_the_issue_names_are_answered(guide):
    questions = " ".join(FaqQuestion.objects.values_list("question", flat=True))
    for words in ["低保核查", "带什么材料", "审核要多久", "报名2024年", "补贴怎么领"]:
        assert words in questions, words
