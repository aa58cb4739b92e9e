from django.urls import path

from accounts import views

app_name = "accounts"

# Included under the admin's path (ADMIN_URL), before the admin itself. The outside identity
# providers' pages are in accounts/external_urls.py, under /accounts/.
urlpatterns = [
    path("second-factor/", views.second_factor_entry, name="second-factor"),
    path("second-factor/set-up/", views.second_factor_setup, name="second-factor-setup"),
    path("second-factor/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("second-factor/verify/", views.second_factor_verify, name="second-factor-verify"),
    path("second-factor/log-out/", views.second_factor_logout, name="second-factor-logout"),
]
