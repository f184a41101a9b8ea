"""complaints: complaints and integrity incidents (DOMAIN.md §4.5–4.7)."""

from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("medewerkers/klachten/", views.overview, name="overview"),
    path("medewerkers/klachten/nieuw/", views.complaint_new, name="complaint_new"),
    path("medewerkers/klachten/<int:pk>/", views.complaint_edit, name="complaint_edit"),
    path("medewerkers/incidenten/nieuw/", views.incident_new, name="incident_new"),
    path("medewerkers/incidenten/<int:pk>/", views.incident_edit, name="incident_edit"),
]
