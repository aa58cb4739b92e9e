from django.urls import path

from services import views
from services.applications.urls import urlpatterns as application_urlpatterns
from services.ratings.views import rate_case

app_name = "services"

urlpatterns = [
    path("", views.index, name="index"),
    path("find/", views.find, name="find"),
    path("streets/<slug:slug>/", views.street, name="street"),
    path("stations/<slug:slug>/", views.station, name="station"),
    path("rural-visits/", views.rural_visits, name="rural-visits"),
    path("rural-visits.ics", views.rural_visits_ics, name="rural-visits-ics"),
    *application_urlpatterns,
    path("track/rate/", rate_case, name="rate"),
]
