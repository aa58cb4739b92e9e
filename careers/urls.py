from django.urls import path

from bijiang_social.models import Page
from bijiang_social.views import section_preview

app_name = "careers"

urlpatterns = [
    path(
        "",
        section_preview,
        {
            "page": Page.CAREERS,
            "title": "社工职业发展",
            "offers": [
                "岗位补贴、职称补贴、项目专项奖励的标准和补贴计算器",
                "培训与督导渠道及近期培训报名",
                "晋升条件自测和每年6月的申请窗口",
            ],
        },
        name="index",
    ),
]
