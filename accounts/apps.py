from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "机构、人员与权限"

    def ready(self) -> None:
        from django.conf import settings
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import post_save

        from accounts import access, doors, passwords, providers, superuser_log
        from bijiang_social import decisions

        user_login_failed.connect(doors.count_failure, dispatch_uid="accounts.door_failures")
        post_save.connect(
            passwords.start_password_age,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="accounts.start_password_age",
        )
        user_logged_in.connect(providers.bind_pending, dispatch_uid="accounts.bind_pending")

        # The admin's log-in sends a member of staff here after her password.
        admin.site.second_factor_url = "accounts:second-factor"

        # After Django has created every model's permissions (its own post_migrate handler
        # runs for each app first), give the role groups theirs.
        post_migrate.connect(access.sync_roles, dispatch_uid="accounts.sync_roles")
        # The site layer imports no app: it asks these decisions through its registry.
        decisions.register(decisions.READ_HISTORY, access.may_read_history)
        decisions.register(decisions.IMPORT_HOLIDAYS, access.may_import_holidays)
        decisions.register(decisions.IS_STAFF_MEMBER, access.is_staff_member)
        user_logged_in.connect(superuser_log.record_login, dispatch_uid="accounts.superuser_login")
        self._connect_audit_record()

    def _connect_audit_record(self) -> None:
        """The security events Django announces go to the audit record (accounts/audit.py)."""
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save

        from accounts import audit, staff_accounts

        User = get_user_model()
        user_logged_in.connect(audit.on_logged_in, dispatch_uid="accounts.audit_login")
        user_login_failed.connect(audit.on_login_failed, dispatch_uid="accounts.audit_failed")
        for through in (
            User.groups.through,
            User.user_permissions.through,
            Group.permissions.through,
        ):
            m2m_changed.connect(
                audit.on_roles_changed, sender=through, dispatch_uid=f"accounts.audit_{through}"
            )
        pre_save.connect(
            audit.remember_previous_state,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="accounts.audit_before",
        )
        post_save.connect(
            audit.on_user_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts.audit_user"
        )
        pre_delete.connect(
            staff_accounts.refuse_deleting_staff,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="accounts.keep_staff",
        )
