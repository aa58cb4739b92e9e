import pytest
from django.urls import reverse

from bijiang_social.encrypted_fields import index_of
from recruitment.models import Candidate, RecruitmentRound
from tests.conftest import STAFF_PASSWORD
from tests.recruitment.factories import resident_id, xlsx

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:recruitment_candidate_import")
CONFIRM = reverse("admin:recruitment_candidate_import_confirm")


@pytest.fixture
def staff(client, guide, superuser):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    return client


def _upload(client, rows, **kwargs):
    round_ = RecruitmentRound.objects.get(year=2024)
    response = client.post(IMPORT, {"round": round_.pk, "file": xlsx(rows, **kwargs)})
    assert response.status_code == 200
    return response.content.decode()


GOOD = [
    ("张三", resident_id(1), "社区社工岗", "是", 75, 80),
    ("李四", resident_id(2), "社区养老服务岗", "否", 82.5, 71),
    ("王五", resident_id(3), "乡村社工岗", "", 58, None),
]


def test_a_sheet_with_good_and_bad_rows_lists_every_problem_by_row_and_saves_nothing(staff):
    bad_checksum = resident_id(4)[:17] + ("0" if resident_id(4)[17] != "0" else "1")
    html = _upload(
        staff,
        GOOD
        + [
            ("赵六", resident_id(5), "社区保安岗", "否", 70, 80),
            ("钱七", resident_id(1), "社区社工岗", "否", 70, 80),
            ("孙八", resident_id(6), "社区社工岗", "否", 120, 80),
            ("周九", bad_checksum, "社区社工岗", "否", 70, 80),
            ("吴十", resident_id(7), "社区社工岗", "也许", 70, "优秀"),
            ("郑一", 522201199501010071, "社区社工岗", "否", 70, 80),
        ],
    )
    assert "一行也没有保存" in html
    assert "第5行（赵六）：岗位“社区保安岗”不在2024年的岗位中" in html
    assert "第6行（钱七）：身份证号与第2行重复。" in html
    assert "第7行（孙八）：笔试成绩应在0到100之间的数字，您填写的是 120" in html
    assert "第8行（周九）：身份证号码校验位不正确" in html
    assert (
        "第9行（吴十）：“持社工证”一栏应填“是”或“否”，这里填的是“也许”。 面试成绩只能填写数字"
        in html
    )
    assert "第10行（郑一）：身份证号被 Excel 存成了数字" in html
    assert "确认导入" not in html
    assert Candidate.objects.count() == 0

    # Even a forged confirmation stores nothing: the rows are checked again.
    response = staff.post(CONFIRM)
    assert response.status_code == 200
    assert "一行也没有保存" in response.content.decode()
    assert Candidate.objects.count() == 0


def test_a_clean_sheet_is_previewed_then_stored_in_full_on_confirmation(staff):
    html = _upload(staff, GOOD)
    assert "全部 3 行检查通过" in html
    assert Candidate.objects.count() == 0
    response = staff.post(CONFIRM)
    round_ = RecruitmentRound.objects.get(year=2024)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:recruitment_recruitmentround_ranking", args=[round_.pk]
    )
    assert Candidate.objects.count() == 3
    zhang = Candidate.objects.get(
        id_number_index=index_of(Candidate, "id_number_index", resident_id(1))
    )
    assert (zhang.certified, zhang.written_score, zhang.interview_score) == (True, 75, 80)
    third = index_of(Candidate, "id_number_index", resident_id(3))
    assert Candidate.objects.get(id_number_index=third).interview_score is None
    # The confirmation is used up: a second click stores nothing more.
    staff.post(CONFIRM)
    assert Candidate.objects.count() == 3


def test_importing_the_same_candidates_again_is_refused(staff):
    _upload(staff, GOOD)
    staff.post(CONFIRM)
    html = _upload(staff, GOOD[:1])
    assert "第2行（张三）：2024年已导入过这名考生" in html


def test_a_file_that_is_not_an_xlsx_or_lacks_a_column_is_explained(staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    round_ = RecruitmentRound.objects.get(year=2024)
    response = staff.post(
        IMPORT, {"round": round_.pk, "file": SimpleUploadedFile("scores.csv", b"a,b")}
    )
    assert "请上传 .xlsx 格式的 Excel 文件" in response.content.decode()
    response = staff.post(
        IMPORT, {"round": round_.pk, "file": SimpleUploadedFile("scores.xlsx", b"not a zip")}
    )
    assert "请上传 .xlsx 格式的 Excel 文件" in response.content.decode()  # checked by content
    broken_zip = SimpleUploadedFile("scores.xlsx", b"PK\x03\x04" + b"\0" * 200)
    response = staff.post(IMPORT, {"round": round_.pk, "file": broken_zip})
    assert "无法读取这个文件" in response.content.decode()
    html = _upload(staff, GOOD, header=("姓名", "身份证号", "岗位", "笔试成绩", "面试成绩"))
    assert "第1行表头缺少：持社工证" in html
    assert "表格里没有考生数据" in _upload(staff, [])


def test_scores_cannot_be_imported_into_a_published_round(staff, superuser):
    RecruitmentRound.objects.get(year=2024).publish_results(superuser)
    html = _upload(staff, GOOD)
    assert "录用名单已发布，不能再导入成绩" in html
    assert "确认导入" not in html


def test_a_street_clerk_without_the_permission_cannot_import(client, guide, clerk_huanbei):
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    assert client.get(IMPORT).status_code == 403
    assert client.post(CONFIRM).status_code == 403


def test_the_changelist_links_to_the_import(staff):
    html = staff.get(reverse("admin:recruitment_candidate_changelist")).content.decode()
    assert IMPORT in html


def test_a_sheet_past_five_megabytes_is_cut_off_while_it_arrives(staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from recruitment.forms import SCORE_SHEET_MAX_BYTES

    round_ = RecruitmentRound.objects.get(year=2024)
    huge = SimpleUploadedFile("scores.xlsx", b"PK\x03\x04" + b"0" * SCORE_SHEET_MAX_BYTES)
    response = staff.post(IMPORT, {"round": round_.pk, "file": huge})
    html = response.content.decode()
    assert response.status_code == 200
    assert "文件太大：每个文件不能超过 5MB" in html
    assert f'<option value="{round_.pk}" selected>' in html
    assert not Candidate.objects.exists()


def test_a_cut_off_sheet_counts_both_messages_of_the_file_field(staff):
    """One field, two messages: the summary counts messages, not fields."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from recruitment.forms import SCORE_SHEET_MAX_BYTES
    from tests.form_markup import error_summary, field_errors

    round_ = RecruitmentRound.objects.get(year=2024)
    huge = SimpleUploadedFile("scores.xlsx", b"PK\x03\x04" + b"0" * SCORE_SHEET_MAX_BYTES)
    html = staff.post(IMPORT, {"round": round_.pk, "file": huge}).content.decode()
    count, messages = error_summary(html)
    assert count == 2 == len(messages)
    assert all(message.startswith("成绩表（Excel .xlsx）：") for message in messages)
    assert len(field_errors(html, "id_file")) == 2
    assert "文件太大：每个文件不能超过 5MB" in field_errors(html, "id_file")[1]


def test_the_upload_form_renders_through_the_site_template_set(staff):
    html = staff.get(IMPORT).content.decode()
    assert 'id="div_id_round"' in html and 'id="div_id_file"' in html
    assert 'aria-describedby="id_file_helptext"' in html
    assert "<p><label" not in html  # not Django's as_p
