"""数据公开 (/data/): included at the site's root by bijiang_social/urls.py, names unchanged."""

from django.urls import path

from services.ratings import views

urlpatterns = [
    path("", views.data_page, name="data"),
    path("data.csv", views.data_csv, name="data-csv"),
]
