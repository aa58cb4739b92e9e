"""Staff accounts are deactivated, never deleted: every entry of the audit record and of the
change history keeps its author (等保 2.0; the history's `history_user` would be blanked)."""

from django.db.models import ProtectedError

from accounts import access

STAFF_DELETION_REFUSED = (
    "工作人员账号不能删除，只能停用：取消勾选“有效”（is_active）并保存。"
    "这样审计记录和修改历史里的每一条都保留操作人。"
)


def refuse_deleting_staff(sender, instance, **kwargs) -> None:
    """pre_delete of a user: a member of staff (or a former one) is never deleted."""
    if not access.may_delete_account(instance):
        raise ProtectedError(STAFF_DELETION_REFUSED, {instance})
