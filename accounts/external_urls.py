from django.urls import path

from accounts import external_views as views

app_name = "external"

# Log-in through an outside identity provider (accounts/providers.py), under /accounts/.
urlpatterns = [
    path("external/<slug:provider>/callback/", views.external_callback, name="callback"),
    path("external/<slug:provider>/<slug:audience>/", views.external_start, name="start"),
]
