"""The resident's forms (apply, track) and the staff's small forms in admin (a step, a
follow-up). Every message is Chinese and says how to fix the input."""

import datetime as dt
import re
import unicodedata

from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.models import Street
from bijiang_social.forms import PublicForm, StaffForm, mark_required
from bijiang_social.personal_data import (
    normalise_mobile,
    normalise_resident_id,
    validate_mobile,
    validate_resident_id,
)
from bijiang_social.uploads import UploadCutOff, check_upload
from careers.models import SocialWorker
from services.applications.models import (
    REFERENCE_ALPHABET,
    Channel,
    FollowUp,
    RequiredDocument,
    ReviewPolicy,
    ServiceApplication,
    ServiceCategory,
)
from services.models import ServicePoint

_NAME_PATTERN = re.compile(r"^[\u4e00-\u9fa5A-Za-z·•. ]{2,30}$")
_REFERENCE_PATTERN = re.compile(rf"^BJ-[0-9]{{4}}-[{REFERENCE_ALPHABET}]{{6}}$")


def _required(message: str) -> dict[str, str]:
    return {"required": message}


class CommunityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ServicePoint) -> str:
        return f"{obj.street.name} · {obj.name}"


class ApplicationForm(PublicForm):
    """The application for one category; asks for exactly that category's documents."""

    applicant_name = forms.CharField(
        label="申请人姓名",
        max_length=30,
        help_text="与身份证上的姓名一致",
        error_messages=_required("请填写申请人的姓名，与身份证上的一致。"),
    )
    id_number = forms.CharField(
        label="身份证号码",
        max_length=22,
        help_text="18位，最后一位可能是字母X",
        error_messages=_required("请填写18位身份证号码。"),
    )
    mobile = forms.CharField(
        label="手机号码",
        max_length=20,
        help_text="11位手机号，社工会打这个电话联系您；查询进度时要用后四位",
        error_messages=_required("请填写11位手机号码，方便社工联系您。"),
    )
    street = forms.ModelChoiceField(
        label="所在街道",
        queryset=Street.objects.all(),
        empty_label="请选择街道",
        error_messages={
            "required": "请选择您居住的街道，申请会交给这个街道的社工站办理。",
            "invalid_choice": "所选街道不存在，请从列表中重新选择。",
        },
    )
    community = CommunityChoiceField(
        label="所在社区",
        queryset=ServicePoint.objects.filter(level=ServicePoint.Level.COMMUNITY).select_related(
            "street"
        ),
        required=False,
        empty_label="请选择社区",
        help_text="所在街道设有社区服务点时必须选择",
        error_messages={"invalid_choice": "所选社区不存在，请从列表中重新选择。"},
    )
    help_needed = forms.CharField(
        label="需要什么帮助",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=1000,
        help_text="用几句话说明家里的情况和需要的帮助，不超过1000字",
        error_messages={
            "required": "请简单写一下需要什么帮助，至少5个字。",
            "max_length": "说明太长了，请控制在1000字以内。",
        },
    )

    def __init__(
        self,
        *args,
        category: ServiceCategory,
        policy: ReviewPolicy,
        cut_off: UploadCutOff | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.category = category
        self.policy = policy
        self.cut_off = cut_off
        self.documents: list[RequiredDocument] = list(category.documents.all())
        self.document_types: dict[str, str] = {}
        limit = f"PDF、JPG 或 PNG，每个文件不超过 {policy.max_upload_mb}MB"
        for document in self.documents:
            hint = f"{document.hint}。" if document.hint else ""
            if document.declarable:
                hint += "无法提供时，可以勾选下方的声明。"
            self.fields[document.field_name] = forms.FileField(
                label=f"上传{document.name}",
                required=False,
                help_text=f"{hint}{limit}",
                widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
            )
            # Checked in clean(): a declarable document can be replaced by the declaration.
            mark_required(self.fields[document.field_name])
        if any(document.declarable for document in self.documents):
            self.fields["declaration"] = forms.BooleanField(
                label=f"我确认以下声明：{category.declaration_text}",
                required=False,
                help_text="仅在无法提供上面可用声明代替的材料时勾选",
            )
        self.fields["consent"] = forms.BooleanField(
            label="我同意民政部门和社工站为办理本申请使用我填写的个人信息和上传的材料",
            error_messages=_required("请阅读并勾选同意使用个人信息，否则无法办理申请。"),
        )

    def layout(self) -> Layout:
        uploads = []
        if self.documents:
            uploads = [
                Fieldset(
                    "上传材料",
                    HTML(
                        format_html(
                            "<p>可以用手机拍照上传。只接受 PDF、JPG 或 PNG 格式，"
                            "每个文件不超过 {}MB。</p>",
                            self.policy.max_upload_mb,
                        )
                    ),
                    *(document.field_name for document in self.documents),
                    *(["declaration"] if "declaration" in self.fields else []),
                )
            ]
        return Layout(
            Fieldset("申请人", "applicant_name", "id_number", "mobile"),
            Fieldset("所在地", "street", "community"),
            Fieldset("需要的帮助", "help_needed"),
            *uploads,
            Fieldset(
                "同意使用个人信息",
                HTML(
                    format_html(
                        "<p>您填写的身份证号码、手机号码和上传的材料只用于办理本申请，只有负责的"
                        "街道社工站和区社工总站工作人员可以查看；结案后按规定期限删除上传的材料。"
                        '详见<a href="{}">个人信息保护说明</a>。</p>',
                        reverse("services:privacy"),
                    )
                ),
                "consent",
            ),
        )

    def clean_applicant_name(self) -> str:
        name = re.sub(r"\s+", " ", self.cleaned_data["applicant_name"]).strip()
        if not _NAME_PATTERN.match(name):
            raise ValidationError("姓名应为2到30个汉字或字母，请不要填写数字或符号。")
        return name

    def clean_id_number(self) -> str:
        number = normalise_resident_id(self.cleaned_data["id_number"])
        validate_resident_id(number)
        return number

    def clean_mobile(self) -> str:
        number = normalise_mobile(self.cleaned_data["mobile"])
        validate_mobile(number)
        return number

    def clean_help_needed(self) -> str:
        text = self.cleaned_data["help_needed"].strip()
        if len(text) < 5:
            raise ValidationError("请再多写几句需要什么帮助，至少5个字。")
        return text

    def clean(self):
        cleaned = super().clean()
        street, community = cleaned.get("street"), cleaned.get("community")
        if street and community and community.street_id != street.pk:
            self.add_error("community", f"所选社区不属于{street.name}，请重新选择街道或社区。")
        elif street and not community and street.points.filter(level="community").exists():
            self.add_error("community", f"请选择您在{street.name}所住的社区。")
        declared = cleaned.get("declaration", False)
        if self.cut_off:
            self.add_error(
                None,
                "上传的文件太大，提交在这个文件处停止了：它后面的材料和勾选没有收到，"
                "请换一个较小的文件，重新选择其余材料并勾选后再提交。",
            )
        for document in self.documents:
            upload = cleaned.get(document.field_name)
            if self.cut_off and document.field_name == self.cut_off.field_name:
                self.add_error(document.field_name, self.cut_off.message)
            elif upload:
                try:
                    self.document_types[document.field_name] = check_upload(
                        upload, self.policy.max_upload_bytes
                    )
                except ValidationError as error:
                    self.add_error(document.field_name, error)
            elif document.field_name not in self.errors:
                if document.declarable and declared:
                    continue
                message = f"请上传{document.name}（PDF、JPG 或 PNG）。"
                if document.declarable:
                    message = f"请上传{document.name}，或者勾选下方的声明。"
                self.add_error(document.field_name, message)
        return cleaned

    def uploads(self) -> list[tuple[RequiredDocument, UploadedFile, str]]:
        """(document, file, content type) for every document the resident uploaded."""
        return [
            (document, self.cleaned_data[document.field_name], self.document_types[name])
            for document in self.documents
            if (name := document.field_name) in self.document_types
        ]

    def files_to_choose_again(self) -> list[str]:
        """After an error the browser forgets chosen files: name the ones to choose again."""
        if not self.is_bound:
            return []
        return [d.name for d in self.documents if self.files.get(d.field_name)]


class TrackForm(PublicForm):
    reference = forms.CharField(
        label="受理编号",
        max_length=30,
        help_text="回执上的编号，例如 BJ-2026-K7M3Q9",
        error_messages=_required("请填写回执上的受理编号。"),
    )
    phone_last4 = forms.CharField(
        label="手机号后四位",
        max_length=4,
        min_length=4,
        help_text="申请时填写的手机号码的最后四位数字",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": "请填写申请时所留手机号码的后四位。",
            "min_length": "请填写4位数字。",
            "max_length": "请只填写手机号码的最后4位数字。",
        },
    )

    def clean_reference(self) -> str:
        reference = re.sub(
            r"\s+", "", unicodedata.normalize("NFKC", self.cleaned_data["reference"])
        ).upper()
        if not _REFERENCE_PATTERN.match(reference):
            raise ValidationError(
                "受理编号的格式是 BJ-年份-6位字母数字，例如 BJ-2026-K7M3Q9，请对照回执核对。"
            )
        return reference

    def clean_phone_last4(self) -> str:
        digits = normalise_mobile(self.cleaned_data["phone_last4"])
        if not re.fullmatch(r"[0-9]{4}", digits):
            raise ValidationError("请填写4位数字：手机号码的最后4位。")
        return digits


class StepForm(StaffForm):
    """A staff step that needs only a note (初审通过, 复核通过, 开始服务, 结案)."""

    note = forms.CharField(
        label="内部备注",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="仅工作人员可见，不会告知申请人",
    )

    def __init__(self, *args, case: ServiceApplication, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case


class RejectForm(StepForm):
    """初审/复核不通过: the resident is told why and where else to turn."""

    reason = forms.CharField(
        label="未通过原因（申请人可见）",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("请填写未通过的原因，申请人会看到这段说明。"),
    )
    alternatives = forms.CharField(
        label="其他可行帮扶途径（申请人可见，每行一条）",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="例如 其他服务类别、其他部门、咨询热线",
        error_messages=_required(
            "请至少填写一条其他可行的帮扶途径（例如其他服务类别、其他部门或咨询热线），每行一条。"
        ),
    )
    field_order = ["reason", "alternatives", "note"]

    def clean_reason(self) -> str:
        return self.cleaned_data["reason"].strip()

    def clean_alternatives(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["alternatives"].splitlines()]
        return [line for line in lines if line]


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, worker: SocialWorker) -> str:
        phone = worker.phone or "档案中没有电话"
        return f"{worker.name}（{worker.get_role_display()}，{phone}）"


class AssignForm(StepForm):
    """分派社工: one of the registered social workers of the case's street station."""

    worker = WorkerChoiceField(
        label="负责社工（申请人可见）",
        queryset=SocialWorker.objects.none(),
        help_text="本街道社工站登记在职的社工；没有时请先在“社工”中登记",
        error_messages={
            "required": "请选择负责这个个案的社工。",
            "invalid_choice": "所选社工不在本街道社工站的在职名单中，请重新选择。",
        },
    )
    phone = forms.CharField(
        label="社工联系电话（申请人可见）",
        required=False,
        max_length=20,
        help_text="留空时使用社工档案中的工作手机",
    )
    field_order = ["worker", "phone", "note"]

    def __init__(self, *args, case: ServiceApplication, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["worker"].queryset = (
            SocialWorker.objects.active().filter(street_id=case.street_id).order_by("name")
        )

    def clean_phone(self) -> str:
        number = normalise_mobile(self.cleaned_data["phone"])
        if number:
            validate_mobile(number)
        return number

    def clean(self):
        cleaned = super().clean()
        worker = cleaned.get("worker")
        if worker and not cleaned.get("phone") and "phone" not in self.errors:
            if not worker.phone:
                self.add_error(
                    "phone",
                    f"{worker.name}的档案中没有工作手机：请在这里填写她的手机号码，"
                    "或先在“社工”中补上。",
                )
            else:
                cleaned["phone"] = worker.phone
        return cleaned


class ContactForm(StepForm):
    """记录已联系申请人: when the call really happened (the promise is within so many hours)."""

    contacted_at = forms.DateTimeField(
        label="实际联系时间",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text="社工实际打通电话或见面的时间",
        error_messages={
            "required": "请填写社工实际联系申请人的时间。",
            "invalid": "时间格式应为 2026-03-01 09:30。",
        },
    )
    field_order = ["contacted_at", "note"]

    def clean_contacted_at(self) -> dt.datetime:
        moment = self.cleaned_data["contacted_at"]
        if moment > timezone.now():
            raise ValidationError("联系时间不能晚于现在，请填写实际已经联系的时间。")
        approved = self.case.contact_due
        if approved is not None:
            policy = ReviewPolicy.current()
            if moment < approved - dt.timedelta(hours=policy.contact_hours):
                raise ValidationError("联系时间早于复核通过的时间，请核对后填写。")
        return moment


STEP_FORMS: dict[str, type[StepForm]] = {
    "note": StepForm,
    "reject": RejectForm,
    "assign": AssignForm,
    "contact": ContactForm,
}


class NoteForm(StaffForm):
    text = forms.CharField(
        label="内部备注",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="仅工作人员可见，显示在办理记录中，不会告知申请人",
        error_messages=_required("请填写备注内容。"),
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError("请填写备注内容。")
        return text


class _FollowUpRecord(StaffForm):
    """What a 回访 or 评估 records: the day, what was found, the next step, and why early."""

    done_on = forms.DateField(
        label="完成日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写完成日期。", "invalid": "日期格式应为 2026-03-01。"},
    )
    outcome = forms.CharField(
        label="情况与结果",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("请填写本次回访（评估）的情况与结果。"),
    )
    next_step = forms.CharField(
        label="下一步安排", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    early_reason = forms.CharField(
        label="提前记录的原因",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="在应完成日期之前记录时必填，例如 申请人下月外出",
    )

    def clean_done_on(self) -> dt.date:
        day = self.cleaned_data["done_on"]
        if day > timezone.localdate():
            raise ValidationError("完成日期不能晚于今天。")
        return day

    def clean_outcome(self) -> str:
        text = self.cleaned_data["outcome"].strip()
        if not text:
            raise ValidationError("请填写本次回访（评估）的情况与结果。")
        return text


class FollowUpForm(_FollowUpRecord):
    def __init__(self, *args, followup: FollowUp, **kwargs):
        super().__init__(*args, **kwargs)
        self.followup = followup

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("done_on")
        if day and day < self.followup.due_on and not cleaned.get("early_reason", "").strip():
            self.add_error(
                "early_reason",
                f"这次{self.followup.get_kind_display()}应在 {self.followup.due_on:%Y-%m-%d} "
                "完成，提前记录请写明原因。",
            )
        return cleaned


class WalkInForm(ApplicationForm):
    """A paper form handed in at the station or 居委会, or an application by phone, entered by
    a clerk: the same checks as online, the street limited to hers, plus the scanned form."""

    channel = forms.ChoiceField(
        label="受理渠道",
        choices=[(Channel.WALK_IN, Channel.WALK_IN.label), (Channel.PHONE, Channel.PHONE.label)],
        initial=Channel.WALK_IN,
        error_messages={"required": "请选择申请是窗口递交还是电话申请。"},
    )
    scanned_form = forms.FileField(
        label="申请表扫描件",
        required=False,
        help_text="窗口递交时必须上传纸质申请表（含申请人签名）的扫描件或照片；电话申请可不传",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["street"].queryset = Street.objects.for_staff(user)
        self.fields["community"].queryset = self.fields["community"].queryset.filter(
            street__in=Street.objects.for_staff(user)
        )
        self.fields[
            "consent"
        ].label = "申请人已在纸质申请表上签字同意（或电话中口头同意）使用其个人信息"
        self.fields["consent"].error_messages["required"] = (
            "请确认申请人已同意使用个人信息（纸质表签字或电话中口头同意），否则不能录入。"
        )
        self.scan_type = ""

    def layout(self) -> Layout:
        """How the application came in first (it decides whether the scan is needed), then the
        resident's application as she would fill it in online."""
        return Layout(Fieldset("受理渠道", "channel", "scanned_form"), *super().layout().fields)

    def clean_scanned_form(self):
        upload = self.cleaned_data.get("scanned_form")
        if upload:
            self.scan_type = check_upload(upload, self.policy.max_upload_bytes)
        return upload

    def clean(self):
        cleaned = super().clean()
        walk_in = cleaned.get("channel") == Channel.WALK_IN
        if walk_in and not cleaned.get("scanned_form") and "scanned_form" not in self.errors:
            self.add_error(
                "scanned_form", "窗口递交的申请请上传纸质申请表的扫描件或照片（PDF、JPG 或 PNG）。"
            )
        return cleaned

    def scans(self) -> list[tuple[str, UploadedFile, str]]:
        upload = self.cleaned_data.get("scanned_form")
        return [("纸质申请表扫描件", upload, self.scan_type)] if upload else []


class BulkAssignForm(StaffForm):
    worker = WorkerChoiceField(
        label="负责社工",
        queryset=SocialWorker.objects.none(),
        help_text="只分派给与个案同一街道的社工；她的工作手机会告知申请人",
        error_messages={"required": "请选择要分派的社工。"},
    )

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers

    def clean_worker(self) -> SocialWorker:
        worker = self.cleaned_data["worker"]
        if not worker.phone:
            raise ValidationError(
                f"{worker.name}的档案中没有工作手机，申请人无法联系她：请先在“社工”中补上。"
            )
        return worker


class BulkFollowUpForm(_FollowUpRecord):
    kind = forms.ChoiceField(
        label="类型",
        choices=FollowUp.Kind.choices,
        error_messages={"required": "请选择是月度回访还是季度评估。"},
    )
    field_order = ["kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_step"].widget.attrs["rows"] = 2
        self.fields["early_reason"].help_text = "所选个案中还没有到期的，只有填写原因才会记录"

    @property
    def kind_label(self) -> str:
        return FollowUp.Kind(self.cleaned_data["kind"]).label

    def clean_early_reason(self) -> str:
        return self.cleaned_data["early_reason"].strip()
