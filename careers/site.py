"""What careers adds to the site: training channels in the search, its pages in the sitemap,
and the workers' own records the page cache ignores. Registered from CareersConfig.ready()."""

from django.urls import reverse

from bijiang_social import page_cache, search, sitemaps

# The social workers' own records never show on a public page: saving them (a progress report
# every 15 seconds while a lesson plays) must not empty the public page cache.
PRIVATE_MODELS = (
    "careers.workerinvitation",
    "careers.lessonprogress",
    "careers.lectureattendance",
    "careers.sessionattendance",
    "careers.supervisionrecord",
    "careers.achievement",
    "careers.promotionapplication",
)


def register() -> None:
    from careers.models import TrainingChannel

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
    sitemaps.register_pages(
        "careers:index",
        "careers:subsidies",
        "careers:training",
        "careers:promotion",
        "careers:login",
    )
    page_cache.ignore_models(*PRIVATE_MODELS)
