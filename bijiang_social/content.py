"""Content rules shared by the admin and the public pages: key figures embedded in prose by
key (so a fact lives in one place), and where each content page is on the public site."""

import re

from django.core.exceptions import ValidationError
from django.urls import reverse

FIGURE_PATTERN = re.compile(r"\{figure:([A-Za-z0-9_-]+)\}")

PAGE_URL_NAMES = {
    "overview": "overview",
    "services": "services:index",
    "applications": "services:apply",
    "recruitment": "recruitment:index",
    "careers": "careers:index",
}


def page_url(page: str) -> str:
    return reverse(PAGE_URL_NAMES[page])


def figure_keys(text: str) -> set[str]:
    return set(FIGURE_PATTERN.findall(text))


def embed_figures(text: str) -> str:
    """`{figure:stations}` becomes that key figure's value and unit ("12家").

    Prose that repeats a figure embeds it by key, so editing the figure edits the prose.
    One query, and only for text that embeds a figure.
    """
    keys = figure_keys(text)
    if not keys:
        return text
    from bijiang_social.models import KeyFigure

    figures = {f.key: f"{f.value}{f.unit}" for f in KeyFigure.objects.filter(key__in=keys)}
    return FIGURE_PATTERN.sub(lambda match: figures.get(match[1], match[0]), text)


def validate_figure_keys(text: str) -> None:
    from bijiang_social.models import KeyFigure

    keys = figure_keys(text)
    known = set(KeyFigure.objects.filter(key__in=keys).values_list("key", flat=True))
    missing = sorted(keys - known)
    if missing:
        raise ValidationError(
            f"没有标识为 {'、'.join(missing)} 的关键数据。请在“关键数据”中核对标识，"
            "写法如 {figure:标识}。"
        )
