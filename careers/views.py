"""Public careers pages: the support overview, the two calculators, training with sign-up."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from careers.forms import PromotionForm, SignUpForm, SubsidyForm
from careers.models import (
    AssessmentCriterion,
    CertificateLevel,
    PromotionStep,
    PromotionWindow,
    SignUp,
    SubsidyPolicy,
    TrainingChannel,
    TrainingSession,
)
from careers.rules import check_promotion, next_window, yearly_subsidy

INDEX_TITLE = "社工职业发展"


def _crumbs(title: str | None = None) -> list[tuple[str, str | None]]:
    if title is None:
        return [(INDEX_TITLE, None)]
    return [(INDEX_TITLE, reverse("careers:index")), (title, None)]


def _bound_if_asked(request: HttpRequest, form_class, names: tuple[str, ...], **kwargs):
    """A GET form is bound (and validated) only when one of its fields is in the address."""
    data = request.GET if any(name in request.GET for name in names) else None
    return form_class(data, **kwargs)


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "careers/index.html",
        {
            "levels": list(CertificateLevel.objects.filter(monthly_post_subsidy__gt=0)),
            "policy": SubsidyPolicy.objects.in_force_on(timezone.localdate()),
            "crumbs": _crumbs(),
        },
    )


def subsidies(request: HttpRequest) -> HttpResponse:
    levels = list(CertificateLevel.objects.all())
    policy = SubsidyPolicy.objects.in_force_on(timezone.localdate())
    form = _bound_if_asked(request, SubsidyForm, ("level", "project_months"), levels=levels)
    estimate = None
    if policy and form.is_bound and form.is_valid():
        data = form.cleaned_data
        estimate = yearly_subsidy(data["level"], data["project_months"], policy)
    return render(
        request,
        "careers/subsidies.html",
        {"form": form, "estimate": estimate, "policy": policy, "crumbs": _crumbs("补贴计算器")},
    )


def promotion(request: HttpRequest) -> HttpResponse:
    steps = list(PromotionStep.objects.select_related("min_level"))
    levels = list(CertificateLevel.objects.all())
    form = _bound_if_asked(
        request,
        PromotionForm,
        ("role", "years", "key_projects", "level"),
        steps=steps,
        levels=levels,
    )
    result = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        result = check_promotion(
            data["role"],
            years=data["years"],
            key_projects=data["key_projects"],
            level=data["level"],
        )
    window = PromotionWindow.objects.first()
    today = timezone.localdate()
    return render(
        request,
        "careers/promotion.html",
        {
            "form": form,
            "result": result,
            "steps": steps,
            "criteria": list(AssessmentCriterion.objects.all()),
            "window": window,
            "dates": next_window(window, today) if window else None,
            "crumbs": _crumbs("晋升条件自测"),
        },
    )


def training(request: HttpRequest) -> HttpResponse:
    sessions = list(
        TrainingSession.objects.upcoming().with_signup_count().select_related("channel")
    )
    return render(
        request,
        "careers/training.html",
        {
            "channels": list(TrainingChannel.objects.all()),
            "sessions": sessions,
            "crumbs": _crumbs("培训与督导"),
        },
    )


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(
        TrainingSession.objects.upcoming().with_signup_count().select_related("channel"), pk=pk
    )
    # An empty POST is still a submission: it must show what is missing.
    form = SignUpForm(request.POST if request.method == "POST" else None, session=session)
    if request.method == "POST" and form.is_valid():
        outcome = _save_if_places_left(form, session)
        if outcome == "saved":
            messages.success(
                request,
                f"报名成功：{session.topic}。请按时参加，培训通知会发到您留的手机号码。",
            )
            return redirect("careers:training")
        if outcome == "full":
            session.places_left = 0
    return render(
        request,
        "careers/sign_up.html",
        {
            "session": session,
            "form": form,
            "crumbs": [
                (INDEX_TITLE, reverse("careers:index")),
                ("培训与督导", reverse("careers:training")),
                ("培训报名", None),
            ],
        },
    )


def _save_if_places_left(form: SignUpForm, session: TrainingSession) -> str:
    """Save the sign-up unless the session filled up meanwhile ("saved", "full", "duplicate").
    The session row is locked so two people cannot take the last place together."""
    try:
        with transaction.atomic():
            locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
            if SignUp.objects.filter(session=locked).count() >= locked.capacity:
                return "full"
            form.save()
    except IntegrityError:
        form.add_error("phone", "这个手机号码已经报名了这一场培训，无需重复报名。")
        return "duplicate"
    return "saved"
