"""The candidate's forms: the account (register, log in) and the registration form (报名表).
Every message is Chinese and says how to fix the input; documents are checked by content."""

import io
import unicodedata
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    SetPasswordForm,
)
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from accounts import audiences
from accounts.resets import AudiencePasswordResetForm
from bijiang_social.encrypted_fields import index_of
from bijiang_social.forms import (
    PublicForm,
    PublicFormMixin,
    PublicModelForm,
    StaffForm,
    mark_required,
)
from bijiang_social.personal_data import (
    normalise_mobile,
    normalise_resident_id,
    validate_mobile,
    validate_resident_id,
)
from bijiang_social.uploads import check_upload
from recruitment.forms import parse_number
from recruitment.models import CandidateAccount, Post, Registration, candidate_username
from recruitment.rules import Education, SocialWorkLevel, post_misses

PHOTO_MIN = (200, 250)  # pixels: a readable 1-inch photo
PHOTO_DISPLAY = (390, 567)  # stored at most this size (a 2-inch photo at 300 dpi)


def _max_bytes() -> int:
    return settings.RECRUITMENT_UPLOAD_MAX_MB * 1024 * 1024


class CandidateSignUpForm(PublicForm):
    name = forms.CharField(
        label="姓名",
        max_length=30,
        help_text="与身份证上的姓名一致",
        error_messages={"required": "请填写姓名，与身份证上的一致。"},
    )
    id_number = forms.CharField(
        label="身份证号码",
        max_length=22,
        help_text="18位，最后一位可能是字母X；登录时用它作为账号",
        error_messages={"required": "请填写18位身份证号码，登录时要用。"},
    )
    mobile = forms.CharField(
        label="手机号码",
        max_length=20,
        help_text="11位手机号，审查有问题时工作人员会打这个电话",
        error_messages={"required": "请填写11位手机号码。"},
    )
    email = forms.EmailField(
        label="电子邮箱（可不填）",
        required=False,
        help_text="填写后忘记密码可以通过邮件重设；不填则需打电话给民政局社工科",
        error_messages={"invalid": "电子邮箱格式不对，例如 name@example.com；没有可以不填。"},
    )
    password1 = forms.CharField(
        label="设置密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="至少8位，不能全是数字，不要和身份证号、姓名相近",
        error_messages={"required": "请设置密码。"},
    )
    password2 = forms.CharField(
        label="再输入一次密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "请再输入一次密码，确认没有输错。"},
    )

    def clean_name(self) -> str:
        name = unicodedata.normalize("NFKC", self.cleaned_data["name"]).strip()
        if len(name) < 2:
            raise ValidationError("姓名至少2个字，请与身份证上的姓名一致。")
        return name

    def clean_id_number(self) -> str:
        number = normalise_resident_id(self.cleaned_data["id_number"])
        validate_resident_id(number)
        index = index_of(CandidateAccount, "id_number_index", number)
        if CandidateAccount.objects.filter(id_number_index=index).exists() or (
            get_user_model().objects.filter(username=candidate_username(number)).exists()
        ):
            raise ValidationError(
                "这个身份证号码已经注册过账号，请直接登录；忘记密码可以在登录页重设。"
            )
        return number

    def clean_mobile(self) -> str:
        mobile = normalise_mobile(self.cleaned_data["mobile"])
        validate_mobile(mobile)
        return mobile

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "两次输入的密码不一样，请重新输入。")
        elif first:
            user = get_user_model()(
                username=data.get("id_number", ""), first_name=data.get("name", "")
            )
            try:
                password_validation.validate_password(first, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return data

    @transaction.atomic
    def save(self) -> CandidateAccount:
        data = self.cleaned_data
        user = get_user_model().objects.create_user(
            username=candidate_username(data["id_number"]),
            email=data["email"],
            password=data["password1"],
            first_name=data["name"],
        )
        return CandidateAccount.objects.create(
            user=user, name=data["name"], id_number=data["id_number"], mobile=data["mobile"]
        )


class CandidateLoginForm(PublicFormMixin, AuthenticationForm):
    """Django's log-in (so django-axes counts the failures) with the candidate's words."""

    error_messages = {
        "invalid_login": "身份证号码或密码不正确，请核对后重试（连续输错多次会被暂时锁定）。",
        "inactive": "这个账号已停用，请联系民政局社工科。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "身份证号码"
        self.fields["username"].error_messages = {"required": "请填写注册时的身份证号码。"}
        self.fields["password"].label = "密码"
        self.fields["password"].error_messages = {"required": "请填写密码。"}

    def clean_username(self) -> str:
        """The ID number finds the account through its blind index; the user name is derived
        from the index at sign-up (never the number in clear) and kept after a key rotation."""
        number = normalise_resident_id(self.cleaned_data["username"])
        index = index_of(CandidateAccount, "id_number_index", number)
        account = CandidateAccount.objects.filter(id_number_index=index).select_related("user")
        found = account.first()
        return found.user.get_username() if found else candidate_username(number)


YES_NO = [("yes", "是"), ("no", "否")]


class YesNoField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=YES_NO,
            coerce=lambda value: value == "yes",
            widget=forms.RadioSelect,
            empty_value=False,
            **kwargs,
        )

    def prepare_value(self, value):
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value


class RegistrationForm(PublicModelForm):
    """The 报名表. Every field may be left empty in a draft; `submission_problems` says what
    a submission still lacks, field by field, and whether the chosen post's rules are met."""

    has_eldercare_certificate = YesNoField(label="是否持有养老护理员证")
    is_local = YesNoField(label="户籍是否在碧江区")
    grassroots_years = forms.CharField(
        label="基层服务经验（年）",
        required=False,
        help_text="在社区、村或街道等基层岗位工作的年数，没有请填 0，半年填 0.5。",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    class Meta:
        model = Registration
        fields = [
            "post",
            "mobile",
            "education",
            "school",
            "major",
            "graduated_on",
            "social_work_level",
            "certificate_number",
            "certificate_date",
            "has_eldercare_certificate",
            "is_local",
            "grassroots_years",
            "work_history",
            "photo",
            "diploma",
            "certificates",
        ]
        widgets = {
            "graduated_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "certificate_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "work_history": forms.Textarea(attrs={"rows": 4}),
            "social_work_level": forms.RadioSelect,
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg"}),
            "diploma": forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
            "certificates": forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        }
        help_texts = {
            "post": "只能报考一个岗位",
            "work_history": "按时间写：起止年月、单位、岗位；没有可不填",
            "photo": "近期正面免冠证件照，JPG格式，至少200×250像素",
            "diploma": "最高学历的毕业证书，PDF、JPG或PNG",
            "certificates": "社工证、养老护理员证等；多页请合成一个PDF",
            "certificate_number": "没有社工证可不填",
        }
        error_messages = {
            "graduated_on": {"invalid": "毕业时间请按 2020-07-01 的格式填写。"},
            "certificate_date": {"invalid": "社工证取得时间请按 2022-06-18 的格式填写。"},
            "post": {"invalid_choice": "请从列表中选择本年度的岗位。"},
        }

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        for field in self.fields.values():
            field.required = False
        self.fields["post"].queryset = Post.objects.filter(round=round_)
        self.fields["post"].empty_label = "请选择岗位"
        self.fields["post"].label_from_instance = lambda post: post.name
        self.fields["education"].choices = [("", "请选择")] + Education.choices
        self.fields["mobile"].help_text = "审查有问题时工作人员会打这个电话"
        for name in REQUIRED_ON_SUBMIT:
            mark_required(self.fields[name])  # needed to submit, not to save a draft
        if self.instance.pk:
            self.initial["grassroots_years"] = str(self.instance.grassroots_years.normalize())

    def clean_mobile(self) -> str:
        mobile = normalise_mobile(self.cleaned_data.get("mobile") or "")
        if mobile:
            validate_mobile(mobile)
        return mobile or self.instance.mobile

    def clean_grassroots_years(self) -> Decimal:
        raw = self.cleaned_data.get("grassroots_years") or "0"
        return parse_number(raw, "基层服务经验年数", Decimal(0), Decimal(60), places=1)

    def clean_social_work_level(self) -> str:
        return self.cleaned_data.get("social_work_level") or SocialWorkLevel.NONE

    def _document(self, name: str):
        upload = self.cleaned_data.get(name)
        if not upload or not hasattr(upload, "content_type"):
            return upload  # unchanged (the stored file), cleared (False) or none
        check_upload(upload, _max_bytes())
        return upload

    def clean_diploma(self):
        return self._document("diploma")

    def clean_certificates(self):
        return self._document("certificates")

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload or not hasattr(upload, "content_type"):
            return upload
        if check_upload(upload, _max_bytes()) != "image/jpeg":
            raise ValidationError("证件照请上传JPG格式的照片（PDF和PNG不行），可用手机拍照。")
        with Image.open(upload) as image:
            if image.width < PHOTO_MIN[0] or image.height < PHOTO_MIN[1]:
                raise ValidationError(
                    f"照片太小（{image.width}×{image.height}像素），至少需要"
                    f"{PHOTO_MIN[0]}×{PHOTO_MIN[1]}像素，请用更高的清晰度重新拍照。"
                )
            image.draft("RGB", PHOTO_DISPLAY)  # decode a JPEG at the smallest scale that will do
            picture = image.convert("RGB")
        picture.thumbnail(PHOTO_DISPLAY)  # also drops the camera's EXIF data (location)
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=88)
        return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


REQUIRED_ON_SUBMIT = {
    "post": "请选择报考岗位。",
    "mobile": "请填写11位手机号码。",
    "education": "请选择最高学历。",
    "school": "请填写毕业院校。",
    "major": "请填写所学专业。",
    "graduated_on": "请填写毕业时间，例如 2020-07-01。",
    "photo": "请上传证件照（JPG）。",
    "diploma": "请上传学历证书扫描件（PDF、JPG或PNG）。",
}


def submission_problems(registration: Registration) -> dict[str, list[str]]:
    """What a saved registration still lacks before it may be submitted, by field.

    The chosen post's rules are the same functions as the public eligibility checker."""
    problems: dict[str, list[str]] = {}
    for name, message in REQUIRED_ON_SUBMIT.items():
        value = getattr(registration, f"{name}_id" if name == "post" else name)
        if value in (None, "") or (hasattr(value, "name") and not value):
            problems[name] = [message]
    if registration.social_work_level != SocialWorkLevel.NONE:
        if not registration.certificate_number:
            problems["certificate_number"] = ["持社工证请填写证书编号；没有证请选“没有”。"]
        if not registration.certificates:
            problems["certificates"] = ["持证请上传证书扫描件（PDF、JPG或PNG）。"]
    if registration.has_eldercare_certificate and not registration.certificates:
        problems.setdefault("certificates", ["请上传养老护理员证的扫描件。"])
    if registration.post_id and registration.education:
        misses = post_misses(registration.post, registration.applicant())
        if misses:
            problems["post"] = [
                f"不符合“{registration.post.name}”的报名条件：{miss.rule}。{miss.fix}"
                for miss in misses
            ]
    return problems


class ScoreLookupForm(PublicForm):
    exam_number = forms.CharField(
        label="准考证号",
        max_length=20,
        error_messages={"required": "请填写准考证上的准考证号。"},
    )
    id_number = forms.CharField(
        label="身份证号码",
        max_length=22,
        error_messages={"required": "请填写报名时的18位身份证号码。"},
    )

    def clean_exam_number(self) -> str:
        return unicodedata.normalize("NFKC", self.cleaned_data["exam_number"]).strip()

    def clean_id_number(self) -> str:
        number = normalise_resident_id(self.cleaned_data["id_number"])
        validate_resident_id(number)
        return number


class CandidatePasswordChangeForm(PublicFormMixin, PasswordChangeForm):
    pass


class CandidatePasswordResetForm(PublicFormMixin, AudiencePasswordResetForm):
    """Mails a link to candidates' accounts only (never staff, never a social worker)."""

    audience = audiences.CANDIDATE


class CandidateSetPasswordForm(PublicFormMixin, SetPasswordForm):
    pass


class ReviewForm(StaffForm):
    """The staff's decision on one registration (in the admin's 资格审查 page)."""

    action = forms.ChoiceField(label="操作", error_messages={"required": "请选择一个操作。"})
    reason = forms.CharField(
        label="原因（退回、不通过时必填，考生会看到）",
        required=False,
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(key, t.label) for key, t in actions]
