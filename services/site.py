"""What the service network and the applications add to the site: their kinds of searchable
content, their pages in the sitemap, the 长辈模式 call button, and the models no public page
shows. Registered from ServicesConfig.ready()."""

from django.urls import reverse

from bijiang_social import elder_mode, page_cache, search, sitemaps


def _hub_call_number() -> elder_mode.CallNumber | None:
    """The district hub's phone for the 打电话 button (one query), flagged if sample data."""
    from services.models import ServicePoint

    hub = (
        ServicePoint.objects.filter(level=ServicePoint.Level.HUB)
        .exclude(phone="")
        .order_by("order", "id")
        .values("phone", "is_verified")
        .first()
    )
    if hub is None:
        return None
    return elder_mode.CallNumber(phone=hub["phone"], is_sample=not hub["is_verified"])


def register() -> None:
    from accounts.models import Street
    from services.applications.models import ServiceCategory
    from services.models import ServicePoint

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
    sitemaps.register_pages(
        "services:index",
        "services:find",
        "services:apply",
        "services:track",
        "services:rural-visits",
        "services:privacy",
        "data",
    )
    elder_mode.register_call_number(_hub_call_number)
    # Residents' applications and their case work never show on a public page; a rush of
    # applications must not keep emptying the page cache.
    page_cache.ignore_models(
        "services.serviceapplication",
        "services.applicationdocument",
        "services.caseevent",
        "services.followup",
    )
