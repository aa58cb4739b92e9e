from django.utils.functional import SimpleLazyObject

from bijiang_social import elder_mode
from bijiang_social.models import GuideSection, GuideSource, KeyFigure


def _last_updated():
    """The latest edit of the guide's content, in one query."""
    rows = (
        GuideSource.objects.order_by()
        .values_list("updated_at")
        .union(
            KeyFigure.objects.order_by().values_list("updated_at"),
            GuideSection.objects.order_by().values_list("updated_at"),
        )
    )
    dates = [updated for (updated,) in rows if updated]
    return max(dates) if dates else None


def site(request):
    """The footer's source and last-update date, fetched only when a template uses them."""
    return {
        "guide_source": SimpleLazyObject(lambda: GuideSource.objects.first()),
        "content_last_updated": SimpleLazyObject(_last_updated),
    }


def age_friendly(request):
    """Whether the page is drawn in the age-friendly mode, and the number for its 打电话 button.

    The number is looked up only when the mode is on and a template uses it (one query).
    """
    on = elder_mode.is_on(request)
    return {
        "elder_mode": on,
        "elder_call": SimpleLazyObject(elder_mode.call_number) if on else None,
    }
