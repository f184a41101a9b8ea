from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("medewerkers/bewaartermijnen/", views.overview, name="overview"),
    path("medewerkers/bewaartermijnen/wijzigen/", views.periods, name="periods"),
]
