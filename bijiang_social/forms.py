"""One way to render a form: django-crispy-forms with the site's own templates.

Every form, public (in both modes, standard and 长辈模式) and on the staff pages in the admin
alike, is rendered by `{% crispy form %}` inside the page's own `<form>` tag, through the
templates in `templates/bootstrap5/` that override crispy-bootstrap5's:

- `errors.html`: the error summary at the top, one link per error to the field's id;
- `field.html`: label with the required marker, hint (`<id>_helptext`) and error (`<id>_error`)
  before the control, which Django points at with `aria-describedby` and `aria-invalid`;
  radio groups are a `<fieldset>` with a `<legend>`.

A form author subclasses `PublicForm` (or `PublicModelForm`; `StaffForm` on a staff page),
writes the Chinese messages in `error_messages` and `clean_<field>`, and in the template writes

    {% load crispy_forms_tags %}
    <form method="post" novalidate>{% csrf_token %}{% crispy form %}<button …>提交</button></form>

The page keeps the `<form>` tag, the CSRF token and the buttons (so a cached page can swap its
CSRF placeholder, see `page_cache.cached_form_page`); the helper only renders the fields.
Fieldsets and explanatory text go in `layout()` (crispy's `Layout`, `Fieldset`, `HTML`).
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.core.validators import validate_email

from bijiang_social.personal_data import normalise_mobile, validate_mobile


def mark_required(field: forms.Field) -> None:
    """Show the required marker on a field the form checks itself in `clean()`.

    For a field that Django must not reject on its own (an upload that a declaration can
    replace, a number whose message names its range): the marker and `aria-required` tell
    the resident it is needed all the same.
    """
    field.marked_required = True
    field.widget.attrs["aria-required"] = "true"


class PublicFormMixin:
    """Gives a form the site's crispy helper: fields only, the page owns `<form>` and CSRF."""

    def layout(self) -> Layout | None:
        """Fieldsets and text between the fields; None renders every field in order."""
        return None

    @property
    def error_count(self) -> int:
        """How many messages the error summary lists (a field may have several)."""
        return sum(len(messages) for messages in self.errors.values())

    @property
    def helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        layout = self.layout()
        if layout is not None:
            helper.layout = layout
        return helper


class PublicForm(PublicFormMixin, forms.Form):
    pass


class PublicModelForm(PublicFormMixin, forms.ModelForm):
    pass


class StaffForm(PublicFormMixin, forms.Form):
    """A form on a staff page in the admin: the same helper and templates as the public forms
    (`templates/admin/base_site.html` loads the few styles they need there)."""


class SiteSearchForm(PublicForm):
    """The search page's box. A long query is cut to what the search reads, never refused."""

    q = forms.CharField(
        label="要找什么？",
        required=False,
        help_text="输入几个字就行，例如“低保”“补贴”“环北”",
        widget=forms.SearchInput(attrs={"class": "form-control-lg"}),
    )

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_length = max_length
        self.fields["q"].widget.attrs["maxlength"] = max_length

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip()[: self.max_length]


class ErrorReportForm(PublicForm):
    """我为政府网站找错: the page (filled in from the link), what is wrong, a contact if wanted."""

    page = forms.CharField(
        label="出错的页面地址",
        max_length=300,
        help_text="已自动填好您刚才所在的页面；也可以改成别的本站页面，例如 /notices/",
        error_messages={
            "required": "请填写出错的页面地址，例如 /notices/。",
            "max_length": "页面地址太长了，请只填写本站的地址，例如 /notices/。",
        },
    )
    description = forms.CharField(
        label="哪里有错？",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="例如哪句话写错了、哪个电话打不通、哪个链接打不开（500字以内）",
        error_messages={
            "required": "请写下您发现的问题，例如哪句话写错了、哪个链接打不开。",
            "max_length": "请把问题写在500字以内（现在 %(show_value)d 字）。",
        },
    )
    contact = forms.CharField(
        label="联系方式（选填）",
        required=False,
        max_length=60,
        help_text="手机号码或电子邮箱，需要我们回复时填写",
        error_messages={"max_length": "联系方式太长了，请填写11位手机号码或电子邮箱。"},
    )

    def clean_page(self) -> str:
        page = self.cleaned_data["page"].strip()
        if not page.startswith("/") or page.startswith("//") or any(c.isspace() for c in page):
            raise forms.ValidationError(
                "页面地址应是本站的地址，以“/”开头，例如 /notices/；"
                "可从浏览器地址栏复制域名后面的部分。"
            )
        return page

    def clean_description(self) -> str:
        description = self.cleaned_data["description"].strip()
        if len(description) < 5:
            raise forms.ValidationError("请多写几个字（至少5个字），说明哪里有错。")
        return description

    def clean_contact(self) -> str:
        contact = normalise_mobile(self.cleaned_data["contact"])
        if not contact:
            return ""
        try:
            validate_mobile(contact)
            return contact
        except forms.ValidationError:
            pass
        try:
            validate_email(contact)
        except forms.ValidationError:
            raise forms.ValidationError(
                "联系方式请填写11位手机号码（例如 13800000000）或电子邮箱，或者留空。"
            ) from None
        return contact
