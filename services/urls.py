from django.urls import path

from bijiang_social.models import Page
from bijiang_social.views import section_preview

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
        "apply/",
        section_preview,
        {
            "page": Page.APPLICATIONS,
            "title": "在线申请社工服务",
            "offers": [
                "在手机上在线申请民生兜底、社区治理、特殊群体帮扶三类服务并上传材料",
                "提交后获得受理编号，随时查询办理进度",
            ],
        },
        name="apply",
    ),
]
