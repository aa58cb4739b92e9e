from django.urls import path

from bijiang_social.models import Page
from bijiang_social.views import section_preview
from services.applications.urls import urlpatterns as application_urlpatterns

app_name = "services"

urlpatterns = [
    path(
        "",
        section_preview,
        {
            "page": Page.SERVICES,
            "title": "社工服务网络",
            "offers": [
                "区社工总站、8个街道社工站、37个社区社工服务点的地址、开放时间和电话",
                "按社区、街道或道路名称查找离您最近的站点（15分钟社工服务圈）",
                "流动社工岗每月进村走访的日程",
            ],
        },
        name="index",
    ),
    path(
        "find/",
        section_preview,
        {
            "page": Page.SERVICES,
            "title": "查找就近站点",
            "offers": ["按社区、街道或道路名称，或按您所在的位置，查找步行15分钟内的社工站点"],
        },
        name="find",
    ),
    *application_urlpatterns,
]
