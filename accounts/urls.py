from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("external/<slug:provider>/callback/", views.external_callback, name="external-callback"),
    path("external/<slug:provider>/<slug:audience>/", views.external_start, name="external-start"),
]
