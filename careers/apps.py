from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "职业发展"

    def ready(self) -> None:
        from careers import identity, site

        site.register()
        identity.register()
