from django.contrib.auth import views as auth_views
from django.urls import path

from recruitment import candidate_views as candidate
from recruitment import views

app_name = "recruitment"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.round_detail, name="round"),
    path("<int:year>/eligibility/", views.eligibility, name="eligibility"),
    path("<int:year>/score/", views.score, name="score"),
    path("<int:year>/results/", views.results, name="results"),
    path("<int:year>/counts/", candidate.counts, name="counts"),
    path("<int:year>/scores/", candidate.score_lookup, name="score-lookup"),
    path("<int:year>/apply/", candidate.registration_form, name="apply"),
    # The candidate's account (Django's auth views, the candidate's own templates)
    path("account/register/", candidate.sign_up, name="sign-up"),
    path("account/login/", candidate.CandidateLoginView.as_view(), name="login"),
    path(
        "account/logout/",
        auth_views.LogoutView.as_view(next_page="recruitment:index"),
        name="logout",
    ),
    path("account/password/", candidate.PasswordChange.as_view(), name="password-change"),
    path("account/password/reset/", candidate.ResetView.as_view(), name="password-reset"),
    path(
        "account/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="recruitment/account/password_reset_done.html"
        ),
        name="password-reset-done",
    ),
    path(
        "account/password/reset/<uidb64>/<token>/",
        candidate.ResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "account/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="recruitment/account/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
    # 我的报名: the candidate's own registrations only
    path("me/", candidate.mine, name="mine"),
    path("me/<int:pk>/document/<str:key>/", candidate.document, name="document"),
    path("me/<int:pk>/ticket/", candidate.ticket, name="ticket"),
    path("me/<int:pk>/ticket.pdf", candidate.ticket_download, name="ticket-pdf"),
]
