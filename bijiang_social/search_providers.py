"""The kinds of content the site search looks in. Called once from SiteConfig.ready().

Add a kind here (or from another app's AppConfig.ready()) with `search.register(...)`; see the
docstring of bijiang_social/search.py.
"""

from django.urls import reverse

from bijiang_social import search


def register_default_providers() -> None:
    from bijiang_social.models import FaqQuestion, Notice
    from careers.models import TrainingChannel
    from recruitment.models import Post, RecruitmentRound
    from services.applications.models import ServiceCategory
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
            order=30,
        )
    )
    search.register(
        search.Provider(
            key="streets",
            label="街道",
            queryset=Street.objects.all,
            fields=("name", "short_name"),
            order=31,
        )
    )
    search.register(
        search.Provider(
            key="service-categories",
            label="可申请的服务",
            queryset=ServiceCategory.objects.active,
            fields=("name", "covers", "channel"),
            snippet_field="covers",
            url=lambda category: reverse("services:apply-form", args=[category.slug]),
            order=25,
        )
    )
    search.register(
        search.Provider(
            key="recruitment-rounds",
            label="招聘指南",
            queryset=RecruitmentRound.objects.public,
            fields=("title", "intro", "registration_channels"),
            snippet_field="intro",
            order=40,
        )
    )
    search.register(
        search.Provider(
            key="recruitment-posts",
            label="招聘岗位",
            queryset=lambda: Post.objects.filter(round__is_public=True).select_related("round"),
            fields=("name", "duties"),
            title=lambda post: f"{post.round.year}年 {post.name}",
            snippet_field="duties",
            url=lambda post: reverse("recruitment:eligibility", args=[post.round.year]),
            order=41,
        )
    )
    search.register(
        search.Provider(
            key="training-channels",
            label="培训与督导",
            queryset=TrainingChannel.objects.all,
            fields=("name", "provider", "description"),
            snippet_field="description",
            url=lambda channel: reverse("careers:training"),
            order=50,
        )
    )
