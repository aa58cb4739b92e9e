"""One site search (/search/?q=…) over every kind of public content, grouped by kind.

How it matches: the query is cut into words at spaces and punctuation (Chinese is typed without
spaces, so "低保核查" stays one word); a row matches when every word occurs in at least one of
the provider's fields (`icontains`: a plain substring match, so partial Chinese words such as
"低保" find "低保核查"). That is the same SQL on SQLite and PostgreSQL; no full-text index, which
suits a site of a few hundred rows.

Registering another kind of content (for example in an app's `AppConfig.ready()`, or in
`bijiang_social/search_providers.py`)::

    from bijiang_social import search

    search.register(
        search.Provider(
            key="recruitment-posts",          # unique, stable
            label="招聘岗位",                   # the heading of its group of results
            queryset=lambda: Post.objects.for_public_display().select_related("round"),
            fields=("title", "requirements"),  # the fields searched, in this order
            title=lambda post: post.title,     # the result's link text (default: str(obj))
            snippet_field="requirements",      # the text quoted around the match (optional)
            url=lambda post: post.get_absolute_url(),  # default: get_absolute_url()
            order=40,                          # groups are shown in ascending order
        )
    )

`queryset` is a callable so that date-dependent filters (scheduled notices) are evaluated per
request. Each provider costs one query per search. Highlighting escapes the text first and then
wraps the matched words in <mark>, so staff-entered text can never inject markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 50
MAX_WORDS = 5
RESULTS_PER_KIND = 20
SNIPPET_RADIUS = 40

# Anything that is not a letter, digit or CJK character separates words (spaces, ASCII and
# full-width punctuation, symbols).
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)


def _default_url(obj: Any) -> str:
    return obj.get_absolute_url()


@dataclass(frozen=True)
class Provider:
    key: str
    label: str
    queryset: Callable[[], QuerySet]
    fields: Sequence[str]
    title: Callable[[Any], str] = str
    snippet_field: str | None = None
    url: Callable[[Any], str] = _default_url
    fallback_url: Callable[[], str] | None = None
    order: int = 100

    def link(self, obj: Any) -> str:
        """The result's address; the fallback while a detail page is not built yet."""
        try:
            return self.url(obj)
        except NoReverseMatch:
            if self.fallback_url is None:
                raise
            return self.fallback_url()


_registry: dict[str, Provider] = {}


def register(provider: Provider) -> Provider:
    """Add (or replace, by key) a kind of searchable content."""
    _registry[provider.key] = provider
    return provider


def providers() -> list[Provider]:
    return sorted(_registry.values(), key=lambda p: (p.order, p.label))


def words_of(query: str) -> list[str]:
    """The words to look for: at most MAX_WORDS distinct, without punctuation, longest first."""
    words = [w for w in _SEPARATORS.split(query[:MAX_QUERY_LENGTH].casefold()) if w]
    distinct = list(dict.fromkeys(words))[:MAX_WORDS]
    return sorted(distinct, key=len, reverse=True)


def highlight(text: str, words: Sequence[str]) -> SafeString:
    """`text` escaped, with every occurrence of the words wrapped in <mark>."""
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 — every piece was escaped above


def snippet(text: str, words: Sequence[str]) -> SafeString:
    """A window of the text around the first matched word, highlighted."""
    text = " ".join(text.split())
    folded = text.casefold()
    positions = [folded.find(w) for w in words if w in folded]
    start = max(0, min(positions) - SNIPPET_RADIUS) if positions else 0
    end = min(len(text), start + 2 * SNIPPET_RADIUS + 20)
    window = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + highlight(window, words) + suffix)  # noqa: S308 — escaped


@dataclass
class Hit:
    title: SafeString
    url: str
    snippet: SafeString | str = ""


@dataclass
class Group:
    provider: Provider
    hits: list[Hit] = field(default_factory=list)
    has_more: bool = False


@dataclass
class Results:
    query: str
    words: list[str]
    groups: list[Group]

    @property
    def count(self) -> int:
        return sum(len(g.hits) for g in self.groups)


def _matching(provider: Provider, words: Sequence[str]) -> QuerySet:
    per_word = [
        reduce(or_, (Q(**{f"{name}__icontains": word}) for name in provider.fields))
        for word in words
    ]
    return provider.queryset().filter(reduce(and_, per_word))


def run(query: str) -> Results:
    """Search every registered provider; groups with no hit are left out."""
    words = words_of(query)
    groups: list[Group] = []
    if words:
        for provider in providers():
            rows = list(_matching(provider, words)[: RESULTS_PER_KIND + 1])
            if not rows:
                continue
            group = Group(provider, has_more=len(rows) > RESULTS_PER_KIND)
            for obj in rows[:RESULTS_PER_KIND]:
                text = getattr(obj, provider.snippet_field) if provider.snippet_field else ""
                group.hits.append(
                    Hit(
                        title=highlight(provider.title(obj), words),
                        url=provider.link(obj),
                        snippet=snippet(text, words) if text else "",
                    )
                )
            groups.append(group)
    return Results(query=query, words=words, groups=groups)
