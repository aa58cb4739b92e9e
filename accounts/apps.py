from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "机构、人员与权限"

    def ready(self) -> None:
        from django.contrib import admin

        from accounts.access import sync_roles

        # The admin's log-in sends a member of staff here after her password.
        admin.site.second_factor_url = "accounts:second-factor"

        # After Django has created every model's permissions (its own post_migrate handler
        # runs for each app first), give the role groups theirs.
        post_migrate.connect(sync_roles, dispatch_uid="accounts.sync_roles")
