from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class SiteConfig(AppConfig):
    # The module holds two configs (django-axes' is below), so Django needs to be told which
    # one "bijiang_social" in INSTALLED_APPS means; without it, ready() would never run.
    default = True
    name = "bijiang_social"
    verbose_name = "站点内容与概览"

    def ready(self) -> None:
        from bijiang_social import sitemaps
        from bijiang_social.search_providers import register_site_providers

        register_site_providers()
        sitemaps.register_pages(
            "overview", "notices", "faq", "site-map", "error-report", "error-report-figures"
        )
        sitemaps.register_section("statements", sitemaps.StatementPages())


class AxesConfig(AxesAppConfig):
    """django-axes with a Chinese name in the admin (its own name is "Axes")."""

    default = False
    verbose_name = "登录安全"


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site's `PortalAdminSite` (the second factor) as `admin.site`."""

    default = False
    default_site = "bijiang_social.admin_site.PortalAdminSite"
