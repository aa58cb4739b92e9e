"""The site's own kinds of searchable content (notices and 社工问一问). Called from
SiteConfig.ready(); every app registers its own kinds in its AppConfig.ready() (see
bijiang_social/search.py), so this layer never imports an app."""

from bijiang_social import search


def register_site_providers() -> None:
    from bijiang_social.models import FaqQuestion, Notice

    search.register(
        search.Provider(
            key="notices",
            label="公告",
            queryset=Notice.objects.published,
            fields=("title", "summary", "body"),
            snippet_field="body",
            order=10,
        )
    )
    search.register(
        search.Provider(
            key="faq",
            label="社工问一问",
            queryset=FaqQuestion.objects.published,
            fields=("question", "answer"),
            snippet_field="answer",
            order=20,
        )
    )
