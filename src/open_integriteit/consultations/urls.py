from django.urls import path

from open_integriteit.lists.views import manage_list

from . import views
from .topics import TOPICS

app_name = "consultations"

urlpatterns = [
    path("medewerkers/vertrouwenspersoon/contacten/", views.contact_list, name="contact_list"),
    path("medewerkers/vertrouwenspersoon/contacten/<int:pk>/", views.contact_edit, name="contact_edit"),
    path("medewerkers/vertrouwenspersoon/contacten/<int:pk>/verwijderen/", views.contact_delete, name="contact_delete"),
    path("medewerkers/vertrouwenspersoon/jaartotalen/", views.year_totals, name="year_totals"),
    path("medewerkers/vertrouwenspersonen/overzicht/", views.overview, name="overview"),
    path("medewerkers/vertrouwenspersonen/onderwerpen/", manage_list, {"kind": TOPICS.code}, name="topics"),
    path("medewerkers/vertrouwenspersonen/adviseurs/", views.advisers, name="advisers"),
    path("medewerkers/vertrouwenspersonen/adviseurs/<int:pk>/", views.adviser_edit, name="adviser_edit"),
]
