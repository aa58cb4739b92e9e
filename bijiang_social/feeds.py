"""The notices as an Atom feed, linked from every page's <head>."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from bijiang_social.models import Notice

FEED_SIZE = 20


class NoticeFeed(Feed):
    feed_type = Atom1Feed
    title = "碧江区社会工作服务平台 · 公告"
    subtitle = "碧江区民政局发布的社工招聘、服务、培训公告"
    author_name = "碧江区民政局"

    def link(self):
        return reverse("notices")

    def items(self):
        return Notice.objects.published()[:FEED_SIZE]

    def item_title(self, notice: Notice) -> str:
        return f"【{notice.get_category_display()}】{notice.title}"

    def item_description(self, notice: Notice) -> str:
        return notice.lead

    def item_pubdate(self, notice: Notice) -> dt.datetime:
        # A notice is published on its date, at the start of that day in the site's time zone.
        return timezone.make_aware(dt.datetime.combine(notice.publish_on, dt.time.min))

    def item_updateddate(self, notice: Notice) -> dt.datetime:
        return max(notice.updated_at, self.item_pubdate(notice))

    def item_categories(self, notice: Notice) -> list[str]:
        return [notice.get_category_display()]
