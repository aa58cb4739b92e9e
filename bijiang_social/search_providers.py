"""The kinds of content the site search looks in. Called once from SiteConfig.ready().

Add a kind here (or from another app's AppConfig.ready()) with `search.register(...)`; see the
docstring of bijiang_social/search.py.
"""

from django.urls import reverse

from bijiang_social import search


def register_default_providers() -> None:
    from bijiang_social.models import FaqQuestion, Notice
    from services.models import ServicePoint, Street

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
    search.register(
        search.Provider(
            key="service-points",
            label="服务站点",
            queryset=lambda: ServicePoint.objects.select_related("street"),
            fields=("name", "address", "services_offered", "street__name"),
            snippet_field="address",
            fallback_url=lambda: reverse("services:index"),
            order=30,
        )
    )
    search.register(
        search.Provider(
            key="streets",
            label="街道",
            queryset=Street.objects.all,
            fields=("name", "short_name"),
            fallback_url=lambda: reverse("services:index"),
            order=31,
        )
    )
