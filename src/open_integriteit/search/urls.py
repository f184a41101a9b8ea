from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("medewerkers/zoeken/", views.results, name="results"),
]
