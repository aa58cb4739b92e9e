"""What careers adds to the site: training channels in the search and its pages in the
sitemap. Registered from CareersConfig.ready()."""

from django.urls import reverse

from bijiang_social import search, sitemaps


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
        "careers:index", "careers:subsidies", "careers:training", "careers:promotion"
    )
