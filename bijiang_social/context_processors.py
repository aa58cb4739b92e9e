from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from bijiang_social import decisions, elder_mode, workdays
from bijiang_social.models import Column, GuideSection, GuideSource, KeyFigure, SiteIdentity

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
            SiteIdentity.objects.order_by().values_list("updated_at"),
        )
    )
    dates = [updated for (updated,) in rows if updated]
    return max(dates) if dates else None


class SiteContent:
    """The site's identity (with the footer's source) and its columns by URL name, read in one
    query when a template first uses them: every column row carries its site and source.

    `load_guide` creates the identity with its columns, and the admin deletes neither; a
    database without them (not loaded yet) shows the plain footer."""

    def __init__(self):
        columns = list(Column.objects.select_related("site__source"))
        self.identity = columns[0].site if columns else None
        self.columns: dict[str, Column] = {}
        for column in columns:
            self.columns[column.view_name] = column
            if column.article_view_name:
                self.columns.setdefault(column.article_view_name, column)

    @property
    def source(self) -> GuideSource | None:
        return self.identity.source if self.identity else None

    def column_for(self, request) -> Column | None:
        match = getattr(request, "resolver_match", None)
        return self.columns.get(match.view_name) if match else None


def site(request):
    """The footer's identity, source and last-update date and the page's column (its meta
    tags), fetched only when a template uses them."""
    content = SimpleLazyObject(SiteContent)
    return {
        "site_identity": SimpleLazyObject(lambda: content.identity),
        "guide_source": SimpleLazyObject(lambda: content.source),
        "column": SimpleLazyObject(lambda: content.column_for(request)),
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
