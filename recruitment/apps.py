from django.apps import AppConfig

# Candidates' accounts and registrations never show on a cached public page (the live
# counts page is not page-cached); a rush of drafts on the last day must not keep emptying
# the page cache.
PRIVATE_MODELS = {
    "recruitment.candidateaccount",
    "recruitment.registration",
    "recruitment.registrationevent",
}


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = "社工招聘"

    def ready(self) -> None:
        from bijiang_social import page_cache
        from recruitment import identity, site

        site.register()
        identity.register()
        page_cache.ignore_models(*PRIVATE_MODELS)
