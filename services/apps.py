from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = "社工服务网络与服务申请"

    def ready(self) -> None:
        from careers.workers import register_satisfaction_source
        from services import site
        from services.ratings.statistics import worker_satisfaction_percent

        # Careers shows a worker's satisfaction; the ratings live here (careers never imports
        # services: services sits above careers).
        register_satisfaction_source(worker_satisfaction_percent)
        # Search kinds, sitemap pages, the call button, audit readers (bijiang_social registries).
        site.register()
