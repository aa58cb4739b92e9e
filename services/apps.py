from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = "社工服务网络与服务申请"

    def ready(self) -> None:
        from services import site
        from services.access import sync_roles

        # After Django has created every model's permissions (its own post_migrate handler
        # runs for each app first), give the role groups theirs.
        post_migrate.connect(sync_roles, dispatch_uid="services.sync_roles")
        # Search kinds, sitemap pages, the call button, audit readers (bijiang_social registries).
        site.register()
