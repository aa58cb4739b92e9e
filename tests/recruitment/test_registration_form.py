import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from recruitment.models import Post, Registration
from tests.recruitment.conftest import PDF, jpeg, png, registration

pytestmark = pytest.mark.django_db


def _form(round_, **changes):
    post = Post.objects.get(round=round_, name="社区社工岗")
    data = {
        "post": post.pk,
        "mobile": "13800000011",
        "education": "50",
        "school": "铜仁学院",
        "major": "社会工作",
        "graduated_on": "2019-07-01",
        "social_work_level": "none",
        "certificate_number": "",
        "certificate_date": "",
        "has_eldercare_certificate": "no",
        "is_local": "yes",
        "grassroots_years": "1.5",
        "work_history": "2019.07-2023.12 碧江区某社区 网格员",
        "photo": SimpleUploadedFile("me.jpg", jpeg(), content_type="image/jpeg"),
        "diploma": SimpleUploadedFile("diploma.pdf", PDF, content_type="application/pdf"),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _apply(round_):
    return reverse("recruitment:apply", args=[round_.year])


def test_before_the_window_the_form_says_when_registration_opens(
    client, future_round, wang_fang, as_candidate
):
    as_candidate(wang_fang)
    html = client.get(_apply(future_round)).content.decode()
    assert "网上报名还没有开始" in html
    assert 'name="submit"' not in html


def test_a_draft_is_saved_with_its_files_and_can_be_finished_later(
    client, open_round, wang_fang, as_candidate
):
    as_candidate(wang_fang)
    response = client.post(_apply(open_round), _form(open_round, school="", save="1"))
    assert response.status_code == 302
    draft = Registration.objects.get(account=wang_fang)
    assert draft.status == Registration.Status.DRAFT
    assert draft.photo and draft.diploma
    assert draft.name == "王芳" and draft.grassroots_years == 1.5
    html = client.get(_apply(open_round)).content.decode()
    assert "已上传" in html and 'value="社会工作"' in html


def test_a_replaced_scan_leaves_no_old_file_behind(
    client, open_round, wang_fang, as_candidate, django_capture_on_commit_callbacks
):
    as_candidate(wang_fang)
    client.post(_apply(open_round), _form(open_round, save="1"))
    first = Registration.objects.get(account=wang_fang)
    old_diploma, photo = first.diploma.name, first.photo.name
    new_scan = SimpleUploadedFile("new.pdf", PDF + b"%new", content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_apply(open_round), _form(open_round, save="1", photo=None, diploma=new_scan))
    second = Registration.objects.get(account=wang_fang)
    assert second.diploma.name != old_diploma
    assert second.diploma.storage.exists(second.diploma.name)
    assert not first.diploma.storage.exists(old_diploma)
    assert second.photo.name == photo and second.photo.storage.exists(photo)  # kept


def test_submitting_an_incomplete_form_marks_each_missing_field_and_keeps_the_draft(
    client, open_round, wang_fang, as_candidate
):
    as_candidate(wang_fang)
    response = client.post(
        _apply(open_round), _form(open_round, school="", diploma=None, submit="1")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "请填写毕业院校" in html
    assert "请上传学历证书扫描件" in html
    assert 'value="社会工作"' in html  # what she typed is still there
    saved = Registration.objects.get(account=wang_fang)
    assert saved.status == Registration.Status.DRAFT and saved.major == "社会工作"


def test_a_post_she_does_not_qualify_for_is_refused_with_the_rule_missed(
    client, open_round, wang_fang, as_candidate
):
    as_candidate(wang_fang)
    village = Post.objects.get(round=open_round, name="乡村社工岗")
    response = client.post(
        _apply(open_round),
        _form(open_round, post=village.pk, is_local="no", grassroots_years="0.5", submit="1"),
    )
    html = response.content.decode()
    assert "不符合“乡村社工岗”的报名条件" in html
    assert "再积累0.5年基层服务经验" in html
    assert Registration.objects.get(account=wang_fang).status == Registration.Status.DRAFT


def test_a_complete_form_is_submitted_and_the_status_history_starts(
    client, open_round, wang_fang, as_candidate, django_assert_max_num_queries
):
    as_candidate(wang_fang)
    response = client.post(_apply(open_round), _form(open_round, submit="1"))
    assert response.status_code == 302
    submitted = Registration.objects.get(account=wang_fang)
    assert submitted.status == Registration.Status.SUBMITTED
    assert submitted.submitted_at is not None
    with django_assert_max_num_queries(14):
        html = client.get(reverse("recruitment:mine")).content.decode()
    assert "已提交，待资格审查" in html
    assert "提交报名表" in html
    assert "下一步：资格审核" in html
    with django_assert_max_num_queries(14):
        html = client.get(_apply(open_round)).content.decode()
    assert 'name="submit"' not in html  # readable, not editable while waiting for review


def test_a_returned_form_is_editable_again_and_resubmitted(
    client, open_round, wang_fang, as_candidate
):
    returned = registration(wang_fang, open_round, "returned", reason="照片不清晰")
    as_candidate(wang_fang)
    html = client.get(_apply(open_round)).content.decode()
    assert "照片不清晰" in html and 'name="submit"' in html
    response = client.post(_apply(open_round), _form(open_round, submit="1"))
    assert response.status_code == 302
    returned.refresh_from_db()
    assert returned.status == Registration.Status.SUBMITTED and returned.reason == ""


def test_after_the_window_the_form_is_readable_and_nothing_can_change(
    client, closed_round, wang_fang, as_candidate
):
    submitted = registration(wang_fang, closed_round, "returned", reason="补充材料")
    as_candidate(wang_fang)
    html = client.get(_apply(closed_round)).content.decode()
    assert "网上报名已经结束" in html and "铜仁学院" in html
    response = client.post(_apply(closed_round), _form(closed_round, school="别的学校", submit="1"))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.school == "铜仁学院" and submitted.status == "returned"


def test_a_photo_must_be_a_jpeg_by_content_and_large_enough(
    client, open_round, wang_fang, as_candidate
):
    as_candidate(wang_fang)
    renamed = SimpleUploadedFile("me.jpg", png(), content_type="image/jpeg")
    html = client.post(_apply(open_round), _form(open_round, photo=renamed, save="1"))
    assert "证件照请上传JPG格式的照片" in html.content.decode()
    tiny = SimpleUploadedFile("me.jpg", jpeg((100, 120)), content_type="image/jpeg")
    html = client.post(_apply(open_round), _form(open_round, photo=tiny, save="1"))
    assert "照片太小（100×120像素）" in html.content.decode()
    fake = SimpleUploadedFile(
        "diploma.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    html = client.post(_apply(open_round), _form(open_round, diploma=fake, save="1"))
    assert "只接受 PDF、JPG 或 PNG 格式的文件" in html.content.decode()
    assert not Registration.objects.exists()  # nothing half-saved


def test_a_file_past_the_limit_stops_the_upload_and_saves_nothing(
    client, open_round, wang_fang, as_candidate, settings
):
    settings.RECRUITMENT_UPLOAD_MAX_MB = 1
    as_candidate(wang_fang)
    huge = SimpleUploadedFile("d.pdf", PDF + b"%" * (1024 * 1024 + 10), "application/pdf")
    response = client.post(_apply(open_round), _form(open_round, diploma=huge, save="1"))
    assert "文件太大：每个文件不能超过 1MB" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_large_photo_is_stored_resized_for_display(client, open_round, wang_fang, as_candidate):
    as_candidate(wang_fang)
    big = SimpleUploadedFile("me.jpg", jpeg((1200, 1600)), content_type="image/jpeg")
    client.post(_apply(open_round), _form(open_round, photo=big, save="1"))
    stored = Registration.objects.get(account=wang_fang)
    with stored.photo.open("rb") as photo, Image.open(photo) as image:
        assert image.size[0] <= 390 and image.size[1] <= 567


def test_a_non_candidate_user_cannot_fill_a_form(client, open_round, outsider):
    client.force_login(outsider)
    assert client.get(_apply(open_round)).status_code == 404
    assert "不是考生账号" in client.get(reverse("recruitment:mine")).content.decode()


def _meanwhile(monkeypatch, action):
    """Run `action` once while this request checks its photo: what another request of the same
    candidate (a double click on a slow page, a second tab) does during the rush."""
    from recruitment.candidate_forms import RegistrationForm

    check = RegistrationForm.clean_photo

    def clean_photo(form):
        monkeypatch.setattr(RegistrationForm, "clean_photo", check)
        action()
        return check(form)

    monkeypatch.setattr(RegistrationForm, "clean_photo", clean_photo)


def test_a_double_click_on_save_draft_stores_one_registration_and_no_stray_files(
    client, open_round, wang_fang, as_candidate, monkeypatch, private_media
):
    as_candidate(wang_fang)
    _meanwhile(monkeypatch, lambda: registration(wang_fang, open_round, "draft", school="甲"))
    response = client.post(_apply(open_round), _form(open_round, school="乙", save="1"))
    assert response.status_code == 302
    saved = Registration.objects.get(account=wang_fang)
    assert saved.status == "draft" and saved.school == "乙"
    assert [e.title for e in saved.events.all()] == ["提交报名表"]  # the helper's, none twice
    stored = {p.relative_to(private_media).as_posix() for p in private_media.rglob("*.*")}
    # The first click's two files (replaced, as any re-upload) and this click's two: none
    # left behind by the attempt that found the first click's registration in its way.
    assert len(stored) == 4 and {saved.photo.name, saved.diploma.name} <= stored


def test_a_late_save_click_never_turns_a_submitted_registration_back_into_a_draft(
    client, open_round, wang_fang, as_candidate, monkeypatch
):
    from recruitment import workflow

    draft = registration(wang_fang, open_round, "draft")
    as_candidate(wang_fang)
    _meanwhile(monkeypatch, lambda: workflow.move(draft, "submit", wang_fang.user))
    response = client.post(_apply(open_round), _form(open_round, school="别的学校", save="1"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Registration.Status.SUBMITTED and draft.school == "铜仁学院"
    html = client.get(reverse("recruitment:mine")).content.decode()
    assert "现在不能修改报名表" in html and "已提交，待资格审查" in html
