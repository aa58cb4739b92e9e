"""What recruitment adds to the site: its kinds of searchable content and its pages in the
sitemap. Registered from RecruitmentConfig.ready()."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from bijiang_social import search, sitemaps


class RoundPages(Sitemap):
    """Each public round's public pages (guide, eligibility, score, results, live
    registration counts, score look-up); one query."""

    changefreq = "weekly"
    names = [
        "recruitment:round",
        "recruitment:eligibility",
        "recruitment:score",
        "recruitment:results",
        "recruitment:counts",
        "recruitment:score-lookup",
    ]

    def items(self):
        from recruitment.models import RecruitmentRound

        years = RecruitmentRound.objects.public().values_list("year", flat=True)
        return [(name, year) for year in years for name in self.names]

    def location(self, item):
        name, year = item
        return reverse(name, args=[year])


def register() -> None:
    from recruitment.models import Post, RecruitmentRound

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
    sitemaps.register_pages("recruitment:index")
    for name in ("recruitment:sign-up", "recruitment:login", "recruitment:password-reset"):
        sitemaps.register_pages(name)
    sitemaps.register_section("recruitment", RoundPages())
