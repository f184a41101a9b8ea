"""trainings (DOMAIN.md §4.6, issue 9)."""

from django.urls import URLPattern, path

from open_integriteit.lists.views import manage_list

from . import views
from .kinds import KINDS

app_name = "trainings"

urlpatterns: list[URLPattern] = [
    path("medewerkers/trainingen/", views.compliance, name="compliance"),
    path("medewerkers/trainingen/sessies/", views.sessions, name="sessions"),
    path("medewerkers/trainingen/sessies/nieuw/", views.session_new, name="session_new"),
    path("medewerkers/trainingen/sessies/<int:pk>/", views.session_edit, name="session_edit"),
    path("medewerkers/trainingen/sessies/<int:pk>/verwijderen/", views.session_delete, name="session_delete"),
    path("medewerkers/trainingen/verplicht/nieuw/", views.requirement_new, name="requirement_new"),
    path("medewerkers/trainingen/verplicht/<int:pk>/", views.requirement_edit, name="requirement_edit"),
    path("medewerkers/trainingen/verplicht/<int:pk>/verwijderen/", views.requirement_delete, name="requirement_delete"),
    path("medewerkers/trainingen/soorten/", manage_list, {"kind": KINDS.code}, name="kinds"),
]
