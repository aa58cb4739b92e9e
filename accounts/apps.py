from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "机构、人员与权限"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts import access, superuser_log
        from bijiang_social import decisions

        # After Django has created every model's permissions (its own post_migrate handler
        # runs for each app first), give the role groups theirs.
        post_migrate.connect(access.sync_roles, dispatch_uid="accounts.sync_roles")
        # The site layer imports no app: it asks these decisions through its registry.
        decisions.register(decisions.READ_HISTORY, access.may_read_history)
        decisions.register(decisions.IMPORT_HOLIDAYS, access.may_import_holidays)
        decisions.register(decisions.IS_STAFF_MEMBER, access.is_staff_member)
        user_logged_in.connect(superuser_log.record_login, dispatch_uid="accounts.superuser_login")
