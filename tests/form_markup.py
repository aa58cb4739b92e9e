"""What a person sees of a form rendered through the one template set (templates/bootstrap5/),
read back from the page: the error summary at the top and each field's own error."""

import re
from html import unescape

_TAG = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    return unescape(_TAG.sub("", fragment)).strip()


def error_summary(html: str) -> tuple[int, list[str]]:
    """The number the summary's heading announces and the messages it lists, in order."""
    assert html.count('id="error-summary"') == 1, "the page has no (or more than one) summary"
    start = html.index('id="error-summary"')
    block = html[start : html.index("</ul>", start)]
    heading = re.search(r"请修改以下(\d+)处后再提交", block)
    assert heading, "the summary has no heading with the count"
    items = re.findall(r"<li>(.*?)</li>", block, re.S)
    return int(heading.group(1)), [_text(item) for item in items]


def field_errors(html: str, field_id: str) -> list[str]:
    """The messages printed at the field itself (`<id>_error`), which its control points at."""
    match = re.search(rf'<div id="{field_id}_error" class="field-error">(.*?)</div>', html, re.S)
    assert match, f"no error printed at {field_id}"
    control = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{field_id}"[^>]*>', html)
    assert control, f"no control {field_id}"
    assert 'aria-invalid="true"' in control.group(0), field_id
    assert f"{field_id}_error" in control.group(0), f"{field_id} is not described by its error"
    return [
        _text(message).removeprefix("错误：")
        for message in re.findall(r"<p[^>]*>(.*?)</p>", match.group(1), re.S)
    ]


def field_ids(html: str) -> set[str]:
    """The ids of the form fields rendered by the field template (`div_<id>`)."""
    return set(re.findall(r'id="div_(id_\w+)"', html))
