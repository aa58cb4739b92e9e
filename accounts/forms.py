"""The second factor's two forms: confirm the phone app at set-up, give a code at log-in."""

import re

from django import forms

from bijiang_social.forms import StaffForm

_SPACES = re.compile(r"[\s\-]+")


def _normalised(value: str) -> str:
    """Spaces and dashes out, full-width digits to ASCII, letters lower-case."""
    return (
        _SPACES.sub("", value)
        .translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        .lower()
    )


class PhoneCodeForm(StaffForm):
    """Set-up: the first six-digit code from the phone app confirms it is set up right."""

    wrong_code_message = (
        "验证码不正确或已经用过。请确认扫的是本页的二维码，等身份验证器显示新的6位数字后再输入；"
        "若总是不对，请把手机时间设为自动获取。"
    )

    code = forms.CharField(
        label="手机上显示的6位验证码",
        max_length=20,
        help_text="扫码或输入密钥后，身份验证器每30秒显示一组新的6位数字",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": "请输入手机身份验证器上显示的6位数字。"},
    )

    def clean_code(self) -> str:
        code = _normalised(self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("验证码应为6位数字，请打开手机上的身份验证器应用查看。")
        return code


class SecondFactorForm(StaffForm):
    """Log-in: a six-digit code from the phone app, or one of her 8-character recovery codes."""

    wrong_code_message = (
        "验证码不正确或已经用过（每个验证码、恢复码只能用一次）。请等身份验证器显示新的6位数字后"
        "再输入；若总是不对，请把手机时间设为自动获取，或改用一个未用过的恢复码。"
    )

    code = forms.CharField(
        label="验证码或恢复码",
        max_length=20,
        help_text="打开手机上的身份验证器，输入碧江区社工平台的6位数字；"
        "手机不在身边时，可输入一个8位恢复码（每个恢复码只能用一次）",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
        error_messages={"required": "请输入手机身份验证器上显示的6位数字，或一个8位恢复码。"},
    )

    def clean_code(self) -> str:
        code = _normalised(self.cleaned_data["code"])
        if code.isdigit() and len(code) != 6:
            raise forms.ValidationError("验证码应为6位数字，请打开手机上的身份验证器应用查看。")
        if not code.isdigit() and not re.fullmatch(r"[a-z2-7]{8}", code):
            raise forms.ValidationError(
                "恢复码应为8位字母和数字（设置时保存的那一组），验证码应为6位数字，请核对后重新输入。"
            )
        return code
