from django.urls import path

from bijiang_social.models import Page
from bijiang_social.views import section_preview

urlpatterns = [
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
    path(
        "track/",
        section_preview,
        {
            "page": Page.APPLICATIONS,
            "title": "查询申请进度",
            "offers": ["凭受理编号和手机号后四位查询申请的办理进度和每一步的日期"],
        },
        name="track",
    ),
]
