"""Excel export of the cases a member of staff may see, for the bureau's reports.

The ID number and the mobile number are masked; nothing else personal beyond the name.
"""

from django.http import HttpResponse
from django.utils import timezone

from bijiang_social.personal_data import mask_id_number, mask_mobile
from bijiang_social.spreadsheets import xlsx_response

COLUMNS = [
    "受理编号",
    "服务类别",
    "申请人",
    "身份证号码",
    "手机号码",
    "街道",
    "社区",
    "办理状态",
    "提交日期",
    "初审截止",
    "复核截止",
    "负责社工",
    "是否逾期",
]


def export_rows(queryset) -> list[list]:
    now = timezone.now()
    return [
        [
            case.reference,
            case.category.name,
            case.applicant_name,
            mask_id_number(case.id_number),
            mask_mobile(case.mobile),
            case.street.name,
            case.community.name if case.community else "",
            case.get_status_display(),
            timezone.localdate(case.submitted_at),
            case.first_review_due,
            case.final_review_due,
            case.social_worker,
            "是" if case.is_overdue(now) else "否",
        ]
        for case in queryset.select_related("category", "street", "community")
    ]


def export_response(queryset) -> HttpResponse:
    filename = f"service-applications-{timezone.localdate():%Y%m%d}.xlsx"
    return xlsx_response(filename, "服务申请", COLUMNS, export_rows(queryset))
