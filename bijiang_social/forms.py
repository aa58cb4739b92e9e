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
