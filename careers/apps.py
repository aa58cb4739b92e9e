from django.apps import AppConfig

# The social workers' own records never show on a public page: saving them (a progress report
# every 15 seconds while a lesson plays) must not empty the public page cache.
PRIVATE_MODELS = {
    "careers.workerinvitation",
    "careers.lessonprogress",
    "careers.lectureattendance",
    "careers.sessionattendance",
    "careers.supervisionrecord",
    "careers.achievement",
    "careers.promotionapplication",
}


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "职业发展"

    def ready(self) -> None:
        from bijiang_social.page_cache import PAGE_CACHE_IGNORED_MODELS

        PAGE_CACHE_IGNORED_MODELS.update(PRIVATE_MODELS)
