from django.urls import path

from bijiang_social.models import Page
from bijiang_social.views import section_preview

app_name = "recruitment"

urlpatterns = [
    path(
        "",
        section_preview,
        {
            "page": Page.RECRUITMENT,
            "title": "2024年社工招聘指南",
            "offers": [
                "报名条件、报名与资格审核时间、笔试面试规则",
                "报名资格自测和综合成绩计算器",
                "录用名单公示",
            ],
        },
        name="index",
    ),
]
