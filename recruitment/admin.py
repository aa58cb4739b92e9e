from django.contrib import admin

from recruitment.models import Candidate, Post, PublicationLog, RecruitmentRound, TimelineStep


class TimelineStepInline(admin.TabularInline):
    model = TimelineStep
    extra = 0
    fields = ["order", "title", "starts_on", "ends_on", "place", "details", "is_sample"]


class PostInline(admin.TabularInline):
    model = Post
    extra = 0
    fields = [
        "order",
        "name",
        "places",
        "places_is_sample",
        "min_education",
        "relaxed_min_education",
        "relaxed_needs_eldercare_certificate",
        "requires_local_ties",
        "min_grassroots_years",
    ]


@admin.register(RecruitmentRound)
class RecruitmentRoundAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "is_public", "results_published_at", "results_published_by"]
    list_filter = ["is_public"]
    search_fields = ["title", "year"]
    list_select_related = ["results_published_by"]
    readonly_fields = ["results_published_at", "results_published_by", "updated_at"]
    inlines = [TimelineStepInline, PostInline]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["name", "round", "places", "places_is_sample", "min_education"]
    list_filter = ["round", "requires_local_ties", "places_is_sample"]
    search_fields = ["name", "duties"]
    list_select_related = ["round"]


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = [
        "masked_name",
        "masked_id",
        "post",
        "certified",
        "written_score",
        "interview_score",
    ]
    list_filter = ["round", "post", "certified"]
    search_fields = ["name", "id_number"]
    list_select_related = ["post__round"]


@admin.register(PublicationLog)
class PublicationLogAdmin(admin.ModelAdmin):
    list_display = ["round", "action", "user", "at", "note"]
    list_filter = ["round", "action"]
    search_fields = ["note", "user__username"]
    list_select_related = ["round", "user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
