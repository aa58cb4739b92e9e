"""The resident's rating form: the tracking pair (hidden, already proven on the tracking
page) plus the rating. Every message is Chinese and says how to fix the input."""

from django import forms

from services.applications.forms import TrackForm
from services.ratings.models import Aspect, Level

COMMENT_MAX = 500


class RatingForm(TrackForm):
    level = forms.TypedChoiceField(
        label="您对这次服务的评价",
        choices=Level.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "请选择一项评价：非常满意、满意、基本满意、不满意或非常不满意。",
            "invalid_choice": "请从五项评价中选择一项。",
        },
    )
    aspect = forms.ChoiceField(
        label="主要涉及哪方面（可不选）",
        choices=[("", "不选"), *Aspect.choices],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "请从响应速度、服务态度、服务效果中选择，或选“不选”。"},
    )
    comment = forms.CharField(
        label="意见和建议（可不填）",
        required=False,
        max_length=COMMENT_MAX,
        help_text=f"最多{COMMENT_MAX}字。不满意时请写明原因，社工站会据此整改并答复您。",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": f"意见最多{COMMENT_MAX}字（现在是%(show_value)d字），请删减后再提交。"
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].widget = forms.HiddenInput()
        self.fields["phone_last4"].widget = forms.HiddenInput()
