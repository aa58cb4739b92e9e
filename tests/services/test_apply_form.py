"""The resident's application form: /services/apply/ and /services/apply/<category>/."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from services.applications.models import ApplicationDocument, ReviewPolicy, ServiceApplication
from tests.services.conftest import MOBILE, VALID_ID, pdf_file, png_file

pytestmark = pytest.mark.django_db


def _url(category, station=None):
    url = reverse("services:apply-form", args=[category.slug])
    return f"{url}?station={station.slug}" if station else url


def _data(category, the_street, **overrides):
    documents = list(category.documents.all())
    data = {
        "applicant_name": "张三",
        "id_number": VALID_ID,
        "mobile": MOBILE,
        "street": the_street.pk,
        "community": "",
        "help_needed": "家里老人独居，希望有人定期上门探访。",
        "consent": "on",
    }
    for document in documents:
        data[document.field_name] = pdf_file(f"{document.name}.pdf")
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_start_page_lists_the_three_categories_with_their_documents(
    client, categories, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("services:apply"))
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "在线申请社工服务" in html
    for name in ["民生兜底", "社区治理", "特殊群体帮扶"]:
        assert f"申请{name}服务" in html
    assert "家庭收入证明" in html and "资质证明" in html


def test_the_form_asks_for_exactly_the_categorys_documents_and_states_the_size_limit(
    client, categories, huanbei, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = client.get(_url(categories["teshu-qunti"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "上传身份证" in html and "上传资质证明" in html
    assert "家庭收入证明" not in html
    assert "不超过 5MB" in html
    assert 'enctype="multipart/form-data"' in html
    assert "我确认以下声明" not in html  # no declaration for this category


def test_a_station_link_preselects_the_street_and_the_community(
    client, minsheng, huanbei, huanbei_community
):
    html = client.get(_url(minsheng, huanbei_community)).content.decode()
    assert f'<option value="{huanbei.pk}" selected>' in html
    assert f'<option value="{huanbei_community.pk}" selected>' in html


def test_a_street_station_link_preselects_only_the_street(
    client, minsheng, huanbei, huanbei_station
):
    html = client.get(_url(minsheng, huanbei_station)).content.decode()
    assert f'<option value="{huanbei.pk}" selected>' in html
    start = client.get(reverse("services:apply") + "?station=huanbei-station").content.decode()
    assert f"{_url(minsheng)}?station=huanbei-station" in start


def test_an_unknown_station_or_category_is_harmless(client, minsheng):
    assert client.get(_url(minsheng) + "?station=nowhere").status_code == 200
    assert client.get(reverse("services:apply-form", args=["nothing"])).status_code == 404


def test_a_resident_applies_and_lands_on_the_receipt(client, minsheng, huanbei, private_media):
    response = client.post(_url(minsheng), _data(minsheng, huanbei))
    assert response.status_code == 302
    assert response["Location"] == reverse("services:apply-receipt")
    case = ServiceApplication.objects.get()
    assert (case.applicant_name, case.id_number, case.mobile) == ("张三", VALID_ID, MOBILE)
    assert case.street == huanbei
    documents = list(case.documents.all())
    assert [d.name for d in documents] == ["身份证", "家庭收入证明"]
    assert all(d.content_type == "application/pdf" for d in documents)
    # Stored under private media with a random name, not the resident's file name.
    assert documents[0].file.path.startswith(str(private_media))
    assert "身份证" not in documents[0].file.name


def test_typed_input_is_normalised(client, minsheng, huanbei):
    data = _data(minsheng, huanbei, id_number=" 5222 0119 9001 0112 30 ", mobile="138-1234-5678")
    assert client.post(_url(minsheng), data).status_code == 302
    case = ServiceApplication.objects.get()
    assert (case.id_number, case.mobile) == (VALID_ID, MOBILE)


def test_the_declaration_replaces_the_income_certificate(client, minsheng, huanbei):
    income = minsheng.documents.get(name="家庭收入证明")
    data = _data(minsheng, huanbei, declaration="on")
    del data[income.field_name]
    assert client.post(_url(minsheng), data).status_code == 302
    case = ServiceApplication.objects.get()
    assert case.declaration_confirmed
    assert [d.name for d in case.documents.all()] == ["身份证"]


def test_the_declaration_cannot_replace_the_id_card(client, minsheng, huanbei):
    id_card = minsheng.documents.get(name="身份证")
    data = _data(minsheng, huanbei, declaration="on")
    del data[id_card.field_name]
    html = client.post(_url(minsheng), data).content.decode()
    assert "请上传身份证（PDF、JPG 或 PNG）。" in html
    assert not ServiceApplication.objects.exists()


def test_a_category_without_documents_needs_no_upload(client, categories, huanbei):
    category = categories["shequ-zhili"]
    assert client.post(_url(category), _data(category, huanbei)).status_code == 302


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("applicant_name", "", "请填写申请人的姓名"),
        ("applicant_name", "张3", "姓名应为2到30个汉字或字母"),
        ("id_number", "", "请填写18位身份证号码"),
        ("id_number", "52220119900101", "身份证号码应为18位"),
        ("id_number", "522201199013011234", "出生日期"),
        ("id_number", "522201199001011231", "校验位不正确"),
        ("mobile", "", "请填写11位手机号码"),
        ("mobile", "1381234567", "手机号码应为以1开头的11位数字"),
        ("mobile", "23812345678", "手机号码应为以1开头的11位数字"),
        ("street", "", "请选择您居住的街道"),
        ("street", "99999", "所选街道不存在"),
        ("community", "99999", "所选社区不存在"),
        ("help_needed", "", "请简单写一下需要什么帮助"),
        ("help_needed", "帮忙", "至少5个字"),
        ("help_needed", "帮" * 1001, "请控制在1000字以内"),
        ("consent", None, "请阅读并勾选同意使用个人信息"),
    ],
)
def test_each_bad_field_gets_a_chinese_message_and_the_typed_data_stays(
    client, minsheng, huanbei, field, value, message, django_assert_max_num_queries
):
    data = _data(minsheng, huanbei, **{field: value})
    # The form, and 1–2 for the per-client submission counter in the database.
    with django_assert_max_num_queries(17):
        response = client.post(_url(minsheng), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'role="alert"' in html
    assert "请修改以下" in html
    if field != "applicant_name":
        assert 'value="张三"' in html
    if field != "help_needed":
        assert "家里老人独居，希望有人定期上门探访。" in html
    assert not ServiceApplication.objects.exists()


def test_a_missing_document_is_named_and_the_declaration_is_offered(client, minsheng, huanbei):
    income = minsheng.documents.get(name="家庭收入证明")
    data = _data(minsheng, huanbei)
    del data[income.field_name]
    html = client.post(_url(minsheng), data).content.decode()
    assert "请上传家庭收入证明，或者勾选下方的声明。" in html


def test_a_file_is_checked_by_its_content_not_its_name(client, minsheng, huanbei):
    id_card = minsheng.documents.get(name="身份证")
    fake = SimpleUploadedFile("身份证.pdf", b"MZ\x90\x00 this is a program", "application/pdf")
    html = client.post(_url(minsheng), _data(minsheng, huanbei, **{id_card.field_name: fake}))
    assert "只接受 PDF、JPG 或 PNG 格式的文件" in html.content.decode()
    assert not ServiceApplication.objects.exists()


def test_a_broken_image_is_refused(client, minsheng, huanbei):
    id_card = minsheng.documents.get(name="身份证")
    broken = SimpleUploadedFile("id.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image/png")
    html = client.post(_url(minsheng), _data(minsheng, huanbei, **{id_card.field_name: broken}))
    assert "图片文件已损坏或不完整" in html.content.decode()


def test_a_real_photo_is_accepted(client, minsheng, huanbei):
    id_card = minsheng.documents.get(name="身份证")
    data = _data(minsheng, huanbei, **{id_card.field_name: png_file()})
    assert client.post(_url(minsheng), data).status_code == 302
    assert ApplicationDocument.objects.filter(content_type="image/png").count() == 1


def test_a_file_over_the_size_limit_is_refused_with_the_limit_named(client, minsheng, huanbei):
    ReviewPolicy.objects.update(max_upload_mb=1)
    id_card = minsheng.documents.get(name="身份证")
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1))
    html = client.post(_url(minsheng), _data(minsheng, huanbei, **{id_card.field_name: big}))
    assert "每个文件不能超过 1MB" in html.content.decode()


def test_after_an_error_the_form_says_which_files_must_be_chosen_again(client, minsheng, huanbei):
    html = client.post(_url(minsheng), _data(minsheng, huanbei, mobile="123")).content.decode()
    assert "刚才选择的文件没有保存，请重新选择：身份证、家庭收入证明" in html


def test_a_community_must_belong_to_the_chosen_street(
    client, minsheng, huanbei, tongxing, huanbei_community
):
    data = _data(minsheng, tongxing, community=huanbei_community.pk)
    html = client.post(_url(minsheng), data).content.decode()
    assert "所选社区不属于铜兴街道" in html


def test_a_street_with_communities_asks_for_one(client, minsheng, huanbei, huanbei_community):
    html = client.post(_url(minsheng), _data(minsheng, huanbei)).content.decode()
    assert "请选择您在环北街道所住的社区" in html


def test_nothing_is_half_saved_when_a_document_cannot_be_stored(
    client, minsheng, huanbei, private_media, monkeypatch
):
    from django.core.files.storage import FileSystemStorage

    original_save = FileSystemStorage.save
    calls = []

    def failing_save(self, name, content, max_length=None):
        calls.append(name)
        if len(calls) == 2:
            raise OSError("disk full")
        return original_save(self, name, content, max_length=max_length)

    monkeypatch.setattr(FileSystemStorage, "save", failing_save)
    response = client.post(_url(minsheng), _data(minsheng, huanbei))
    assert response.status_code == 400
    assert "这次申请没有提交成功" in response.content.decode()
    assert not ServiceApplication.objects.exists()
    assert not ApplicationDocument.objects.exists()
    stored = [p for p in private_media.rglob("*") if p.is_file()] if private_media.exists() else []
    assert stored == []


def test_the_form_is_plain_html_that_works_without_javascript(client, minsheng, huanbei):
    html = client.get(_url(minsheng)).content.decode()
    assert "<script" not in html
    assert "style=" not in html
    assert 'class="btn btn-primary btn-lg"' in html


def test_nothing_personal_goes_to_the_log(client, minsheng, huanbei, caplog):
    caplog.set_level("DEBUG")
    client.post(_url(minsheng), _data(minsheng, huanbei, mobile="123"))
    client.post(_url(minsheng), _data(minsheng, huanbei))
    case = ServiceApplication.objects.get()
    client.post(reverse("services:track"), {"reference": case.reference, "phone_last4": "5678"})
    assert VALID_ID not in caplog.text
    assert MOBILE not in caplog.text
    assert "张三" not in caplog.text


@pytest.mark.page_cache
def test_the_empty_form_is_cached_and_each_visitor_gets_their_own_token(
    categories, django_assert_max_num_queries
):
    from django.test import Client

    from bijiang_social.page_cache import CSRF_PLACEHOLDER

    url = reverse("services:apply-form", args=["minsheng-doudi"])
    first = Client().get(url).content.decode()
    # Served from the cache with this visitor's token: no query at all.
    with django_assert_max_num_queries(0):
        second = Client().get(url).content.decode()
    token = 'name="csrfmiddlewaretoken" value="'
    assert first.split(token)[1][:64] != second.split(token)[1][:64]
    assert 'name="id_number"' in second and "上传身份证" in second
    assert CSRF_PLACEHOLDER not in second
