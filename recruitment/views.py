"""The public pages of a recruitment round: the guide, the eligibility checker, the score
calculator and the published admission list. Thin: load, validate, call the rule, render."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from recruitment.forms import EligibilityForm, ScoreForm
from recruitment.models import RecruitmentRound
from recruitment.rules import (
    TIE_BREAK_STEPS,
    assess,
    bonus_rule_sentences,
    meets_relaxed_education_only,
    post_misses,
)


def _round(year: int) -> RecruitmentRound:
    return get_object_or_404(RecruitmentRound.objects.public(), year=year)


def _crumbs(round_: RecruitmentRound, page: str | None = None) -> list:
    if page is None:
        return [(round_.title, None)]
    return [(round_.title, round_.get_absolute_url()), (page, None)]


def _guide(request: HttpRequest, round_: RecruitmentRound, canonical: bool) -> HttpResponse:
    today = timezone.localdate()
    posts = list(round_.posts.all())
    return render(
        request,
        "recruitment/round.html",
        {
            "round": round_,
            "crumbs": _crumbs(round_),
            "canonical": canonical,
            "steps": [(step, step.state(today)) for step in round_.steps.all()],
            "posts": posts,
            "sample_places": any(post.places_is_sample for post in posts),
            "bonus_rules": bonus_rule_sentences(round_.rules),
            "tie_break": TIE_BREAK_STEPS,
            "today": today,
        },
    )


def index(request: HttpRequest) -> HttpResponse:
    """The current round's guide (the latest public year), so the navigation has one address."""
    round_ = RecruitmentRound.objects.current()
    if round_ is None:
        return render(request, "recruitment/no_round.html", {"crumbs": [("社工招聘", None)]})
    return _guide(request, round_, canonical=True)


def round_detail(request: HttpRequest, year: int) -> HttpResponse:
    return _guide(request, _round(year), canonical=False)


def eligibility(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    posts = list(round_.posts.all())
    form = EligibilityForm(request.GET or None, posts=posts)
    verdicts = None
    if form.is_valid():
        applicant = form.applicant()
        chosen = form.cleaned_data["post"]
        verdicts = [
            {
                "post": post,
                "misses": post_misses(post, applicant),
                "by_exception": meets_relaxed_education_only(post, applicant),
                "chosen": str(post.pk) == chosen,
            }
            for post in posts
        ]
        verdicts.sort(key=lambda verdict: not verdict["chosen"])
    return render(
        request,
        "recruitment/eligibility.html",
        {
            "round": round_,
            "crumbs": _crumbs(round_, "报名资格自测"),
            "form": form,
            "verdicts": verdicts,
            "eligible": [v for v in verdicts or [] if not v["misses"]],
            "applicant": form.applicant() if verdicts is not None else None,
        },
    )


def score(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    form = ScoreForm(request.GET or None, round_=round_)
    result = None
    if form.is_valid():
        data = form.cleaned_data
        result = assess(data["written"], data["interview"], data["certified"], round_.rules)
    return render(
        request,
        "recruitment/score.html",
        {
            "round": round_,
            "crumbs": _crumbs(round_, "综合成绩计算器"),
            "form": form,
            "result": result,
            "bonus_rules": bonus_rule_sentences(round_.rules),
        },
    )


def results(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    context = {
        "round": round_,
        "crumbs": _crumbs(round_, "录用名单公示"),
        "tie_break": TIE_BREAK_STEPS,
        "guide_url": reverse("recruitment:round", args=[year]),
    }
    if round_.is_published:
        context["posts"] = [
            (post, [entry for entry in ranked if entry.admitted])
            for post, ranked in round_.ranked_posts()
        ]
        context["notice"] = round_.notice_period()
    return render(request, "recruitment/results.html", context)
