from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = "社工招聘"

    def ready(self) -> None:
        from recruitment import site

        site.register()
