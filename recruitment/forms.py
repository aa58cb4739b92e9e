"""The applicants' question forms (GET, no JavaScript) and the staff's score upload."""

import re
import unicodedata
from decimal import Decimal

from django import forms

from bijiang_social.forms import PublicForm, StaffForm, mark_required
from recruitment.models import RecruitmentRound
from recruitment.rules import Applicant, Education, SocialWorkLevel, fmt

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_MAX_INPUT_LENGTH = 12


def parse_number(
    raw: str | None, label: str, minimum: Decimal, maximum: Decimal, places: int = 2
) -> Decimal:
    """A number typed by a person, or a ValidationError in Chinese saying how to fix it.

    Full-width digits (７５．５) are accepted; nothing is clamped or rounded silently.
    """
    span = f"{fmt(minimum)}到{fmt(maximum)}之间的数字"
    text = unicodedata.normalize("NFKC", raw or "").strip().replace("。", ".")
    if not text:
        raise forms.ValidationError(f"请填写{label}（{span}）。", code="required")
    if len(text) > _MAX_INPUT_LENGTH:
        raise forms.ValidationError(f"{label}填写的内容太长了，请填写{span}。", code="too_long")
    if not _NUMBER.match(text):
        raise forms.ValidationError(
            f"{label}只能填写数字，例如 75 或 75.5，不要填写文字、空格或其他符号。",
            code="not_a_number",
        )
    value = Decimal(text)
    if not minimum <= value <= maximum:
        raise forms.ValidationError(
            f"{label}应在{span}，您填写的是 {text}，请核对后重新填写。", code="out_of_range"
        )
    if "." in text and len(text.split(".")[1]) > places:
        raise forms.ValidationError(
            f"{label}最多保留{places}位小数，例如 75.5，请核对后重新填写。", code="too_precise"
        )
    return value


YES_NO = [("yes", "是"), ("no", "否")]


class EligibilityForm(PublicForm):
    education = forms.TypedChoiceField(
        label="您的最高学历",
        choices=[("", "请选择")] + Education.choices,
        coerce=int,
        error_messages={"required": "请选择您的最高学历。"},
    )
    social_work_level = forms.ChoiceField(
        label="全国社会工作者职业水平证书",
        choices=SocialWorkLevel.choices,
        initial=SocialWorkLevel.NONE,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择您持有的社工证等级，没有请选“没有”。"},
    )
    eldercare_certificate = forms.ChoiceField(
        label="是否持有养老护理员证",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择是否持有养老护理员证。"},
    )
    local = forms.ChoiceField(
        label="户籍是否在碧江区",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择户籍是否在碧江区。"},
    )
    grassroots_years = forms.CharField(
        label="基层服务经验（年）",
        help_text="在社区、村或街道等基层岗位工作的年数，没有请填 0，半年填 0.5。",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    post = forms.ChoiceField(label="想报考的岗位", required=False)

    def __init__(self, *args, posts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["post"].choices = [("", "全部岗位")] + [(str(p.pk), p.name) for p in posts]
        self.fields["education"].widget.attrs["class"] = "form-select form-select-lg"
        self.fields["post"].widget.attrs["class"] = "form-select form-select-lg"
        self.fields["grassroots_years"].widget.attrs["class"] = "form-control form-control-lg"
        # Required, with a message naming the range (parse_number), not Django's own.
        mark_required(self.fields["grassroots_years"])

    def clean_grassroots_years(self) -> Decimal:
        return parse_number(
            self.cleaned_data.get("grassroots_years"),
            "基层服务经验年数",
            Decimal(0),
            Decimal(60),
            places=1,
        )

    def applicant(self) -> Applicant:
        data = self.cleaned_data
        return Applicant(
            education=data["education"],
            social_work_level=data["social_work_level"],
            has_eldercare_certificate=data["eldercare_certificate"] == "yes",
            is_local=data["local"] == "yes",
            grassroots_years=data["grassroots_years"],
        )


class ScoreForm(PublicForm):
    written = forms.CharField(
        label="笔试成绩（原始分，不含加分）",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    interview = forms.CharField(
        label="面试成绩",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    certified = forms.BooleanField(label="我持有全国社会工作者职业水平证书", required=False)

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        for name in ("written", "interview"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-lg"
            mark_required(self.fields[name])  # required; parse_number's message names the range
        self.fields["certified"].widget.attrs["class"] = "form-check-input"

    def clean_written(self) -> Decimal:
        return parse_number(
            self.cleaned_data.get("written"),
            "笔试成绩",
            Decimal(0),
            self.round.written_full_marks,
        )

    def clean_interview(self) -> Decimal:
        return parse_number(
            self.cleaned_data.get("interview"),
            "面试成绩",
            Decimal(0),
            self.round.interview_full_marks,
        )


# A score sheet is one worksheet of a few hundred rows: far below this.
SCORE_SHEET_MAX_BYTES = 5 * 1024 * 1024
# An .xlsx file is a ZIP archive: it starts with a ZIP local file header, whatever its name.
XLSX_MAGIC = b"PK\x03\x04"


class ScoreUploadForm(StaffForm):
    round = forms.ModelChoiceField(
        label="招聘年度",
        queryset=None,
        empty_label=None,
        error_messages={"required": "请选择招聘年度。"},
    )
    file = forms.FileField(
        label="成绩表（Excel .xlsx）",
        help_text="第一行为表头：姓名、身份证号、岗位、持社工证、笔试成绩、面试成绩。",
        error_messages={"required": "请选择要上传的 Excel 文件。", "empty": "上传的文件是空的。"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = RecruitmentRound.objects.all()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        head = upload.read(len(XLSX_MAGIC))
        upload.seek(0)
        if not upload.name.lower().endswith(".xlsx") or head != XLSX_MAGIC:
            raise forms.ValidationError(
                "请上传 .xlsx 格式的 Excel 文件（在 Excel 中“另存为”.xlsx）。"
            )
        return upload
