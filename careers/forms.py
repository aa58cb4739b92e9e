"""The calculators' GET forms and the training sign-up form; every message says how to fix it."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone

from bijiang_social.forms import PublicForm, PublicModelForm
from bijiang_social.personal_data import normalise_mobile, validate_mobile
from careers.models import (
    CertificateLevel,
    ProjectMonth,
    PromotionStep,
    SignUp,
    SubsidyRoll,
    first_of_month,
)
from careers.rules import MONTHS_IN_YEAR

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
        if SignUp.objects.filter(session=self.instance.session, phone=phone).exists():
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


class ReturnRollForm(forms.Form):
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
