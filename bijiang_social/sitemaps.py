"""/sitemap.xml: every public page. Add a section by adding an entry to SITEMAPS (a Sitemap
class or instance); add a page without a model by adding its URL name to StaticPages.names."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from bijiang_social.models import FaqQuestion, Notice


class StaticPages(Sitemap):
    """Pages without a model behind them, by URL name."""

    changefreq = "weekly"
    names = [
        "overview",
        "services:index",
        "services:find",
        "services:apply",
        "services:track",
        "recruitment:index",
        "careers:index",
        "notices",
        "faq",
    ]

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)


class Notices(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Notice.objects.published().only("id", "updated_at")

    def lastmod(self, notice):
        return notice.updated_at


class Faq(Sitemap):
    changefreq = "monthly"

    def items(self):
        return FaqQuestion.objects.filter(is_published=True).only("id", "updated_at")

    def lastmod(self, question):
        return question.updated_at


SITEMAPS = {"pages": StaticPages, "notices": Notices, "faq": Faq}
