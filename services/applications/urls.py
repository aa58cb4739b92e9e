from django.urls import path

from services.applications import views

urlpatterns = [
    path("apply/", views.apply_start, name="apply"),
    path("apply/received/", views.apply_receipt, name="apply-receipt"),
    path("apply/<slug:category>/", views.apply_form, name="apply-form"),
    path("track/", views.track, name="track"),
    path("privacy/", views.privacy, name="privacy"),
]
