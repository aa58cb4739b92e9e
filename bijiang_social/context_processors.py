from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from bijiang_social import decisions, elder_mode, workdays
from bijiang_social.models import GuideSection, GuideSource, KeyFigure

# The State Council usually publishes next year's arrangement in November.
ARRANGEMENT_REMINDER_MONTH = 11


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


# The admin pages that show the banner: the landing page every log-in reaches, and the two
# calendar lists (one small query each, from November only; the case lists keep their budget).
_BANNER_PAGES = (
    "admin:index",
    "admin:bijiang_social_calendarday_changelist",
    "admin:bijiang_social_holidayarrangement_changelist",
)


def holiday_arrangement(request):
    """From November on, the admin names next year if its holiday arrangement is missing."""
    if request.path not in {reverse(name) for name in _BANNER_PAGES}:
        return {}
    user = getattr(request, "user", None)
    today = timezone.localdate()
    if (
        not decisions.allows(decisions.IS_STAFF_MEMBER, user)
        or today.month < ARRANGEMENT_REMINDER_MONTH
    ):
        return {}
    year = today.year + 1
    return {"missing_arrangement_year": year if workdays.year_needs_arrangement(year) else None}
