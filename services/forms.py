import math

from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from bijiang_social.forms import PublicForm
from services.geo import Coordinates

QUERY_MAX_LENGTH = 50


class FindForm(PublicForm):
    """The find page's search: a place name, a location from the browser, or both."""

    q = forms.CharField(
        label="社区、街道或道路名称",
        required=False,
        max_length=QUERY_MAX_LENGTH,
        help_text="例如：环北、铜兴、中南门、清水大道。输入名称的一部分也可以。",
        widget=forms.SearchInput(attrs={"class": "form-control-lg"}),
        error_messages={
            "max_length": f"搜索词太长了（最多{QUERY_MAX_LENGTH}个字）。"
            "请只输入社区、街道或道路的名称，例如“环北”。"
        },
    )
    lat = forms.CharField(required=False, widget=forms.HiddenInput)
    lng = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        readable = ProhibitNullCharactersValidator(
            message="输入里有无法识别的字符。请重新输入社区、街道或道路的名称，例如“环北”。"
        )
        for field in self.fields.values():
            field.validators = [
                v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
            ] + [readable]

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())

    @staticmethod
    def _number(value: str, name: str, example: str, limit: int) -> float | None:
        if not value.strip():
            return None
        try:
            number = float(value)
        except ValueError:
            raise forms.ValidationError(
                f"位置信息中的{name}应是数字（例如 {example}），收到的不是。"
                "请重新点“使用我的位置”，或直接输入社区、街道名称查找。"
            ) from None
        if not math.isfinite(number) or abs(number) > limit:
            raise forms.ValidationError(
                f"位置信息中的{name}应在 -{limit} 到 {limit} 之间。"
                "请重新点“使用我的位置”，或直接输入社区、街道名称查找。"
            )
        return number

    def clean_lat(self) -> float | None:
        return self._number(self.cleaned_data["lat"], "纬度", "27.72", 90)

    def clean_lng(self) -> float | None:
        return self._number(self.cleaned_data["lng"], "经度", "109.19", 180)

    def clean(self):
        data = super().clean()
        lat, lng = data.get("lat"), data.get("lng")
        if "lat" in data and "lng" in data and (lat is None) != (lng is None):
            raise forms.ValidationError(
                "位置信息不完整（需要纬度和经度两项）。"
                "请重新点“使用我的位置”，或直接输入社区、街道名称查找。"
            )
        data["origin"] = Coordinates.of(lat, lng)
        return data

    def has_search(self) -> bool:
        return bool(self.cleaned_data.get("q") or self.cleaned_data.get("origin"))
