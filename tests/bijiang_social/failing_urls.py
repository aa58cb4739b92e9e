from django.db import IntegrityError
from django.urls import path


def boom(request):
    raise RuntimeError("a deliberate failure for the 500 page test")


def duplicate(request):
    raise IntegrityError("UNIQUE constraint failed: a deliberate one")


urlpatterns = [path("boom/", boom), path("duplicate/", duplicate)]
