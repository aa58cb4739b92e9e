from django.urls import path

from careers import views

app_name = "careers"

urlpatterns = [
    path("", views.index, name="index"),
    path("subsidies/", views.subsidies, name="subsidies"),
    path("promotion/", views.promotion, name="promotion"),
    path("training/", views.training, name="training"),
    path("training/<int:pk>/sign-up/", views.sign_up, name="sign-up"),
]
