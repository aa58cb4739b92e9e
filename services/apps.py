from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = "社工服务网络与服务申请"

    def ready(self) -> None:
        from services import site

        site.register()
