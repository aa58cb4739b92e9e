"""The calculators' GET forms and the training sign-up form; every message says how to fix it."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm, UserCreationForm
from django.utils import timezone

from bijiang_social.encrypted_fields import index_of
from bijiang_social.forms import PublicForm, PublicFormMixin, PublicModelForm, StaffForm
from bijiang_social.personal_data import normalise_mobile, validate_mobile
from bijiang_social.uploads import SNIFFED_BYTES, has_html_marker
from careers.models import (
    Achievement,
    CertificateLevel,
    Lesson,
    ProjectMonth,
    PromotionStep,
    SignUp,
    SubsidyRoll,
    first_of_month,
)
from careers.rules import MONTHS_IN_YEAR
from careers.video import VideoError, inspect_video

MAX_YEARS = Decimal("60")
MAX_PROJECTS = 99

# Full-width digits and the Chinese full stop, as typed on many phone keyboards.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．。", "0123456789..")


def _number_text(value: str) -> str:
    return (value or "").strip().translate(_FULL_WIDTH)


def _whole_number(value: str, not_a_number: str) -> int:
    """int() of what was typed; `not_a_number` is the message, with {text} for the input."""
    text = _number_text(value)
    try:
        return int(text)
    except ValueError:
        raise forms.ValidationError(not_a_number.format(text=text)) from None


def _pick_one(label: str, what: str, choices: list[tuple[str, str]]) -> forms.ChoiceField:
    """A select whose missing or unknown value says which choices there are."""
    message = f"请选择{what}：{'、'.join(name for _, name in choices)}之一。"
    return forms.ChoiceField(
        label=label,
        choices=[("", "请选择"), *choices],
        error_messages={"required": message, "invalid_choice": message},
        widget=forms.Select(attrs={"class": "form-select form-select-lg"}),
    )


def _level_field(levels: list[CertificateLevel], label: str = "证书等级") -> forms.ChoiceField:
    return _pick_one(label, "证书等级", [(level.code, level.name) for level in levels])


def _text_input(inputmode: str) -> forms.TextInput:
    return forms.TextInput(
        attrs={"class": "form-control form-control-lg", "inputmode": inputmode, "size": 6}
    )


class SubsidyForm(PublicForm):
    """/careers/subsidies/?level=intermediate&project_months=12"""

    project_months = forms.CharField(
        label="今年参与重点民生项目的月数",
        help_text="0到12之间的整数；没有参与填0",
        error_messages={"required": "请填写今年参与重点民生项目的月数（0到12），没有参与填0。"},
        widget=_text_input("numeric"),
    )

    def __init__(self, *args, levels: list[CertificateLevel], **kwargs):
        super().__init__(*args, **kwargs)
        self.levels = {level.code: level for level in levels}
        self.fields = {"level": _level_field(levels), **self.fields}

    def clean_level(self) -> CertificateLevel:
        return self.levels[self.cleaned_data["level"]]

    def clean_project_months(self) -> int:
        months = _whole_number(
            self.cleaned_data["project_months"],
            "“{text}”不是整数，月数请填写0到12之间的整数，例如 6。",
        )
        if not 0 <= months <= MONTHS_IN_YEAR:
            raise forms.ValidationError(
                f"月数应在0到{MONTHS_IN_YEAR}之间（一年最多12个月），您填的是{months}。"
            )
        return months


class PromotionForm(PublicForm):
    """/careers/promotion/?role=frontline&years=2&key_projects=2&level=none"""

    years = forms.CharField(
        label="现任岗位的从业年限（年）",
        help_text="可以填小数，例如 1.5",
        error_messages={"required": "请填写您在现任岗位上的年限，例如 2 或 1.5。"},
        widget=_text_input("decimal"),
    )
    key_projects = forms.CharField(
        label="参与过的重点项目（个）",
        help_text="整数；没有参与填0",
        error_messages={"required": "请填写参与过的重点项目个数，没有参与填0。"},
        widget=_text_input("numeric"),
    )

    def __init__(self, *args, steps: list[PromotionStep], levels: list[CertificateLevel], **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = {step.from_role: step for step in steps}
        self.levels = {level.code: level for level in levels}
        roles = [(step.from_role, step.get_from_role_display()) for step in steps]
        self.fields = {
            "role": _pick_one("现任岗位", "现任岗位", roles),
            **self.fields,
            "level": _level_field(levels, label="持有的社工证书"),
        }

    def clean_role(self) -> PromotionStep:
        return self.steps[self.cleaned_data["role"]]

    def clean_level(self) -> CertificateLevel:
        return self.levels[self.cleaned_data["level"]]

    def clean_years(self) -> Decimal:
        text = _number_text(self.cleaned_data["years"])
        try:
            years = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(
                f"“{text}”不是数字，年限请填写数字，例如 2 或 1.5。"
            ) from None
        if not years.is_finite() or not 0 <= years <= MAX_YEARS:
            raise forms.ValidationError(f"年限应在0到{MAX_YEARS}年之间，请核对。")
        return years.quantize(Decimal("0.1"))

    def clean_key_projects(self) -> int:
        count = _whole_number(
            self.cleaned_data["key_projects"],
            "“{text}”不是整数，重点项目个数请填写整数，例如 2；没有参与填0。",
        )
        if not 0 <= count <= MAX_PROJECTS:
            raise forms.ValidationError(f"重点项目个数应在0到{MAX_PROJECTS}之间，请核对。")
        return count


class SignUpForm(PublicModelForm):
    class Meta:
        model = SignUp
        fields = ["name", "organisation", "phone"]
        help_texts = {"phone": "仅用于培训通知，不会公开"}
        error_messages = {
            "name": {"required": "请填写您的姓名。"},
            "organisation": {"required": "请填写您所在的社工机构或社工站，例如 环北街道社工站。"},
            "phone": {"required": "请填写11位手机号码，用于接收培训通知。"},
        }
        widgets = {
            "name": forms.TextInput(
                attrs={"class": "form-control form-control-lg", "autocomplete": "name"}
            ),
            "organisation": forms.TextInput(
                attrs={"class": "form-control form-control-lg", "autocomplete": "organization"}
            ),
            "phone": forms.TextInput(
                attrs={
                    "class": "form-control form-control-lg",
                    "inputmode": "tel",
                    "autocomplete": "tel",
                }
            ),
        }

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.session = session
        self.fields["phone"].max_length = 20
        self.fields["phone"].widget.attrs["maxlength"] = 20
        self.fields["phone"].validators = []

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()

    def clean_phone(self) -> str:
        phone = normalise_mobile(self.cleaned_data["phone"])
        validate_mobile(phone)
        index = index_of(SignUp, "phone_index", phone)
        if SignUp.objects.filter(session=self.instance.session, phone_index=index).exists():
            raise forms.ValidationError(
                "这个手机号码已经报名了这一场培训，无需重复报名。如需更改信息，请联系主办方。"
            )
        return phone

    def validate_unique(self):
        """Duplicates are refused politely in clean_phone; the constraint backs it up."""


# --- Staff forms (admin) --------------------------------------------------------------------


class ProjectMonthForm(forms.ModelForm):
    class Meta:
        model = ProjectMonth
        fields = ["month", "project"]

    def clean_month(self):
        return first_of_month(self.cleaned_data["month"])


class SubsidyRollForm(forms.ModelForm):
    class Meta:
        model = SubsidyRoll
        fields = ["street", "month"]

    def clean_month(self):
        month = first_of_month(self.cleaned_data["month"])
        if month > first_of_month(timezone.localdate()):
            raise forms.ValidationError("只能为本月或以前的月份准备补贴名单，请核对月份。")
        return month


class ReturnRollForm(StaffForm):
    reason = forms.CharField(
        label="退回原因",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text="写明社工站需要修改或补充什么，社工站会看到这段话",
        error_messages={"required": "退回名单必须写明原因，告诉社工站需要修改什么。"},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("退回名单必须写明原因，告诉社工站需要修改什么。")
        return reason


class PromotionReasonForm(StaffForm):
    """The reason a promotion step needs (退回, 不同意…): the worker reads it on her page."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        error_messages={"required": "请写明原因，社工会在自己的页面上看到。"},
    )

    def __init__(self, *args, step_name: str, step_label: str, **kwargs):
        # One form per step on the page: the control's id is reason-<step>, its name reason.
        super().__init__(*args, auto_id=f"%s-{step_name}", **kwargs)
        self.fields["reason"].label = f"{step_label}的原因（社工会看到）"


# --- Social workers online ------------------------------------------------------------------


class WorkerLoginForm(PublicFormMixin, AuthenticationForm):
    """Django's log-in form, rendered like every public form."""


PASSWORD_MISMATCH = "两次输入的密码不一致，请在两个密码框中输入同一个密码。"


class ActivationForm(PublicFormMixin, UserCreationForm):
    """The worker chooses her log-in name and password (Django's password rules apply)."""

    error_messages = {"password_mismatch": PASSWORD_MISMATCH}

    class Meta(UserCreationForm.Meta):
        fields = ["username"]
        labels = {"username": "登录名"}
        help_texts = {
            "username": "自己记得住的名字，例如拼音加数字 lina2026；只能用字母、数字和 @ . + - _"
        }


class NewPasswordForm(PublicFormMixin, SetPasswordForm):
    """The worker sets a new password twice (Django's password rules apply); her log-in name is
    shown, for her and her browser's password manager, and cannot be changed here."""

    error_messages = {"password_mismatch": PASSWORD_MISMATCH}
    username = forms.CharField(
        label="登录名",
        required=False,
        disabled=True,
        help_text="登录名不变，以后照旧用它登录",
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    field_order = ["username", "new_password1", "new_password2"]

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["username"].initial = user.username


class CheckInForm(PublicForm):
    code = forms.CharField(
        label="签到码",
        max_length=12,
        error_messages={"required": "请输入讲座中公布的签到码。"},
        help_text="讲座进行中由主持人公布",
    )

    def __init__(self, *args, lecture=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lecture = lecture

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        if self.lecture is not None and code != self.lecture.checkin_code.strip().upper():
            raise forms.ValidationError("签到码不正确，请核对讲座中公布的签到码后重新输入。")
        return code


PDF_MAX_MB = 10


class AchievementForm(PublicModelForm):
    class Meta:
        model = Achievement
        fields = ["title", "kind", "achieved_on", "file"]
        widgets = {"achieved_on": forms.DateInput(attrs={"type": "date"})}
        error_messages = {
            "title": {"required": "请填写成果名称，例如“青少年心理健康项目结项报告”。"},
            "kind": {"required": "请选择成果类别。"},
            "achieved_on": {
                "required": "请填写成果日期，例如 2026-03-15。",
                "invalid": "日期格式应为 年-月-日，例如 2026-03-15。",
            },
            "file": {"required": "请上传证明材料（PDF）。"},
        }

    def clean_achieved_on(self):
        day = self.cleaned_data["achieved_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("成果日期不能晚于今天，请核对。")
        return day

    def clean_file(self):
        return check_pdf(self.cleaned_data["file"])


class ApplicationForm(PublicForm):
    achievements = forms.ModelMultipleChoiceField(
        label="随申请提交的专业成果",
        queryset=Achievement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="在下方“登记专业成果”中先登记，再勾选",
    )
    statement = forms.CharField(
        label="个人陈述",
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=20,
        max_length=2000,
        error_messages={
            "required": "请写个人陈述：近年的主要工作、专业成长和晋升后的打算。",
            "min_length": "个人陈述至少写20个字，请补充近年的主要工作和专业成长。",
        },
    )

    def __init__(self, *args, worker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["achievements"].queryset = Achievement.objects.filter(worker=worker)


def check_pdf(upload, max_mb: int = PDF_MAX_MB):
    if upload.size > max_mb * 1024 * 1024:
        raise forms.ValidationError(f"文件超过{max_mb}MB，请压缩后再上传。")
    head = upload.read(SNIFFED_BYTES)
    upload.seek(0)
    if not head.startswith(b"%PDF-"):
        raise forms.ValidationError(
            "只接受 PDF 文件，这个文件的内容不是 PDF，请另存为 PDF 后上传。"
        )
    if has_html_marker(head):
        raise forms.ValidationError(
            "这个 PDF 的开头含有网页代码，浏览器可能把它当作网页打开。"
            "请用 WPS、Word 或扫描软件重新导出成 PDF 后再上传。"
        )
    return upload


class LessonForm(forms.ModelForm):
    """A lesson in the admin: the video is checked by content and its duration read from it."""

    class Meta:
        model = Lesson
        fields = ["title", "order", "video", "handout"]

    def clean_video(self):
        upload = self.cleaned_data["video"]
        if not hasattr(upload, "content_type"):  # unchanged: the stored file
            return upload
        limit = settings.LESSON_VIDEO_MAX_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(f"视频超过{limit}MB，请压缩或分成几节课后再上传。")
        try:
            info = inspect_video(upload)
        except VideoError as error:
            raise forms.ValidationError(str(error)) from None
        self.instance.video_type = info.content_type
        self.instance.duration_seconds = info.duration_seconds
        return upload

    def clean_handout(self):
        upload = self.cleaned_data.get("handout")
        if upload and hasattr(upload, "content_type"):
            return check_pdf(upload)
        return upload
