"""Every form, public or on a staff page, renders through the one crispy template set
(templates/bootstrap5/): no hand partial, no `as_p`/`as_div`, no hand-written fields, no
hand-written error notes (least of all one counting `form.errors|length`: fields, not messages)."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The template set itself is where field markup and the error summary are written.
OWN = TEMPLATES / "bootstrap5"

OTHER_WAYS = {
    "a hand field partial": re.compile(r"_field\.html"),
    "Django's as_p/as_div/as_table/as_ul": re.compile(r"\.as_(p|div|table|ul)\b"),
    "a count of fields, not messages": re.compile(r"errors\|length"),
    "a hand-written error note": re.compile(
        r"non_field_errors|errorlist|\.errors\|join|\.errors %\}\{% for|for error in"
        r"|请修改下面标出的"
    ),
    "a hand-written field": re.compile(
        r"label_tag|\{\{ *(field|form\.\w+) *\}\}|"
        r"<(select|textarea)\b|<input\b(?![^>]*type=\"(hidden|submit|button)\")(?![^>]*readonly)"
    ),
}


def other_ways(text: str) -> list[str]:
    """The names of the other ways of rendering a form that `text` uses."""
    return [name for name, pattern in OTHER_WAYS.items() if pattern.search(text)]


def _staff_or_form_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        if OWN in path.parents:
            continue
        yield path


def test_no_template_renders_a_form_another_way():
    found = {}
    for path in _staff_or_form_templates():
        text = path.read_text(encoding="utf-8")
        if "admin" not in path.parts:
            # Public pages have plain-markup one-box shortcuts and the candidate's pages their
            # own buttons; only the ways that print fields or errors count there.
            text = re.sub(r"<(input|select|textarea)\b[^>]*>", "", text)
        if ways := other_ways(text):
            found[str(path.relative_to(TEMPLATES))] = ways
    assert found == {}


def test_the_check_finds_each_of_the_five_ways():
    """The staff pages' old markup, one line of each: the check must refuse every one."""
    old = {
        '{% include "services/applications/admin/_field.html" %}': "a hand field partial",
        "{{ form.as_p }}": "Django's as_p/as_div/as_table/as_ul",
        "{{ form.as_div }}": "Django's as_p/as_div/as_table/as_ul",
        '<label for="{{ form.reason.id_for_label }}">原因</label> {{ form.reason }}': (
            "a hand-written field"
        ),
        '<textarea id="reason-x" name="reason" required></textarea>': "a hand-written field",
        '<input type="text" name="year">': "a hand-written field",
        "请修改下面标出的 {{ form.errors|length }} 处后再提交。": "a count of fields, not messages",
        '<p class="errornote">{{ form.reason.errors|join:" " }}</p>': "a hand-written error note",
        "{% for error in form.non_field_errors %}{{ error }}{% endfor %}": (
            "a hand-written error note"
        ),
    }
    for line, way in old.items():
        assert way in other_ways(line), line


def test_the_one_way_and_plain_buttons_pass_the_check():
    page = (
        '{% load crispy_forms_tags %}<form method="post" novalidate>{% csrf_token %}'
        '{% crispy form %}<input type="hidden" name="apply" value="1">'
        '<input type="submit" class="default" value="确认">'
        '<input type="text" readonly value="{{ link }}" aria-label="链接"></form>'
    )
    assert other_ways(page) == []
