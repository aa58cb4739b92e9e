from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from bijiang_social import views

admin.site.site_header = "碧江区社会工作服务平台管理后台"
admin.site.site_title = "碧江区社工平台后台"
admin.site.index_title = "内容与业务管理"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("services/", include("services.urls")),
    path("recruitment/", include("recruitment.urls")),
    path("careers/", include("careers.urls")),
    path("healthz", views.healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler500 = "bijiang_social.views.server_error"

if settings.BENCH_FLOOR:
    urlpatterns.append(path("__bench__/floor", views.bench_floor))
