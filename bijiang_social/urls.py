from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from bijiang_social import views
from bijiang_social.feeds import NoticeFeed
from bijiang_social.sitemaps import sitemap

admin.site.site_header = "碧江区社会工作服务平台管理后台"
admin.site.site_title = "碧江区社工平台后台"
admin.site.index_title = "内容与业务管理"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("services/", include("services.urls")),
    path("recruitment/", include("recruitment.urls")),
    path("careers/", include("careers.urls")),
    path("accounts/", include("accounts.external_urls")),
    path("notices/", views.notice_list, name="notices"),
    path("notices/<int:pk>/", views.notice_detail, name="notice-detail"),
    path("notices/feed/", NoticeFeed(), name="notices-feed"),
    path("data/", include("services.ratings.urls")),
    path("faq/", views.faq, name="faq"),
    path("faq/<int:pk>/", views.faq_detail, name="faq-detail"),
    path("sitemap/", views.site_map, name="site-map"),
    path("feedback/", views.error_report, name="error-report"),
    path("feedback/figures/", views.error_report_figures, name="error-report-figures"),
    path("about/<slug:key>/", views.statement, name="statement"),
    path("search/", views.site_search, name="search"),
    path("elder-mode/", views.elder_mode_switch, {"on": True}, name="elder-mode-on"),
    path("elder-mode/off/", views.elder_mode_switch, {"on": False}, name="elder-mode-off"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path(settings.ADMIN_URL, include("accounts.urls")),  # the staff second factor, first
    path(settings.ADMIN_URL, admin.site.urls),
]

handler500 = "bijiang_social.views.server_error"

if settings.BENCH_FLOOR:
    urlpatterns.append(path("__bench__/floor", views.bench_floor))
