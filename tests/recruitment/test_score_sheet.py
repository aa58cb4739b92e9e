"""The score sheet: a template to download, the documented header, and rows matched to the
candidates who registered online (by exam number)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from recruitment import workflow
from recruitment.models import Candidate, Registration
from tests.conftest import STAFF_PASSWORD
from tests.recruitment.conftest import registration
from tests.recruitment.factories import resident_id, xlsx

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:recruitment_candidate_import")
CONFIRM = reverse("admin:recruitment_candidate_import_confirm")
HEADER = ("姓名", "身份证号", "岗位", "持社工证（是/否）", "笔试成绩", "面试成绩", "准考证号")


@pytest.fixture
def officer(client, recruitment_officer):
    client.login(username=recruitment_officer.username, password=STAFF_PASSWORD)
    return client


def test_the_template_has_the_header_the_import_accepts(officer, round_2024):
    response = officer.get(reverse("admin:recruitment_candidate_import_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    header = next(workbook.active.iter_rows(values_only=True))
    assert header == ("姓名", "身份证号", "岗位", "持社工证", "笔试成绩", "面试成绩", "准考证号")
    assert "填写说明" in workbook.sheetnames
    page = officer.get(IMPORT).content.decode()
    assert reverse("admin:recruitment_candidate_import_template") in page


def test_the_header_written_as_the_readme_documents_it_is_accepted(officer, round_2024):
    rows = [("张三", resident_id(1), "社区社工岗", "是", 75, 80)]
    header = HEADER[:6]
    response = officer.post(IMPORT, {"round": round_2024.pk, "file": xlsx(rows, header=header)})
    assert "全部 1 行检查通过" in response.content.decode()


@pytest.fixture
def registered(round_2024, wang_fang, li_na):
    made = [
        registration(wang_fang, round_2024, "approved"),
        registration(li_na, round_2024, "approved"),
    ]
    workflow.assign_exam_numbers(round_2024)
    for item in made:
        item.refresh_from_db()
    return made


def test_rows_are_matched_to_registered_candidates_by_exam_number(officer, round_2024, registered):
    wang, li = registered
    rows = [
        ("王芳", wang.id_number, "社区社工岗", "是", 75, 80, wang.exam_number),
        ("李娜", li.id_number, "社区社工岗", "否", 70, 72, li.exam_number),
    ]
    response = officer.post(IMPORT, {"round": round_2024.pk, "file": xlsx(rows, header=HEADER)})
    assert "全部 2 行检查通过" in response.content.decode()
    officer.post(CONFIRM)
    wang.refresh_from_db()
    assert wang.scores.written_score == 75
    assert Candidate.objects.count() == 2


def test_a_row_that_matches_nobody_refuses_the_whole_sheet(officer, round_2024, registered):
    wang, li = registered
    rows = [
        ("王芳", wang.id_number, "社区社工岗", "是", 75, 80, wang.exam_number),
        ("外人", resident_id(90), "社区社工岗", "否", 70, 72, "2024019999"),
        ("李娜", li.id_number, "社区社工岗", "否", 70, 72, wang.exam_number + "x"),
        ("李娜", li.id_number, "社区社工岗", "否", 70, 72, ""),
    ]
    response = officer.post(IMPORT, {"round": round_2024.pk, "file": xlsx(rows, header=HEADER)})
    html = response.content.decode()
    assert "准考证号“2024019999”没有对应的报名考生" in html
    assert "本年度考生在网上报名，请填写准考证号" in html
    assert "一行也没有保存" in html
    assert Candidate.objects.count() == 0
    assert not Registration.objects.filter(scores__isnull=False).exists()
