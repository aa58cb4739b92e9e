"""The notices as an Atom feed, linked from every page's <head>."""

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from bijiang_social.models import Notice

FEED_SIZE = 20
# The year in the feed's tag: URIs (RFC 4151): fixed, so that ids never change.
TAG_YEAR = 2026


def _tag(specific: str) -> str:
    """A permanent Atom id on the site's own domain (SITE_DOMAIN), whatever Host was typed."""
    return f"tag:{settings.SITE_DOMAIN},{TAG_YEAR}:{specific}"


class NoticeFeed(Feed):
    feed_type = Atom1Feed
    title = "碧江区社会工作服务平台 · 公告"
    subtitle = "碧江区民政局发布的社工招聘、服务、培训公告"
    author_name = "碧江区民政局"

    def link(self):
        return reverse("notices")

    def feed_guid(self) -> str:
        return _tag("notices")

    def items(self):
        last_edit = (
            Notice.history.filter(id=OuterRef("pk"), history_type="~")
            .order_by("-history_date")
            .values("history_date")[:1]
        )
        return Notice.objects.published().annotate(last_edit=Subquery(last_edit))[:FEED_SIZE]

    def item_guid(self, notice: Notice) -> str:
        return _tag(f"notice-{notice.pk}")

    item_guid_is_permalink = False

    def item_title(self, notice: Notice) -> str:
        return f"【{notice.get_category_display()}】{notice.title}"

    def item_description(self, notice: Notice) -> str:
        return notice.lead

    def item_pubdate(self, notice: Notice) -> dt.datetime:
        # A notice is published on its date, at the start of that day in the site's time zone.
        return timezone.make_aware(dt.datetime.combine(notice.publish_on, dt.time.min))

    def item_updateddate(self, notice: Notice) -> dt.datetime:
        """Its last edit by staff (the audit trail's latest change), else its publication:
        loading the guide is not an edit."""
        published = self.item_pubdate(notice)
        return max(notice.last_edit, published) if notice.last_edit else published

    def item_categories(self, notice: Notice) -> list[str]:
        return [notice.get_category_display()]
