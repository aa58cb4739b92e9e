from django.urls import path

from recruitment import views

app_name = "recruitment"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.round_detail, name="round"),
    path("<int:year>/eligibility/", views.eligibility, name="eligibility"),
    path("<int:year>/score/", views.score, name="score"),
    path("<int:year>/results/", views.results, name="results"),
]
