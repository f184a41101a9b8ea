"""procurement: deviations from the procurement rules and Bibob checks (DOMAIN.md §4.5–4.7)."""

from django.urls import path

from open_integriteit.lists.views import manage_list

from . import views
from .reasons import REASONS

app_name = "procurement"

urlpatterns = [
    path("medewerkers/inkoop/afwijkingen/", views.deviations, name="deviations"),
    path("medewerkers/inkoop/afwijkingen/nieuw/", views.deviation_new, name="deviation_new"),
    path("medewerkers/inkoop/afwijkingen/<int:pk>/", views.deviation_edit, name="deviation_edit"),
    path("medewerkers/inkoop/afwijkingen/redenen/", manage_list, {"kind": REASONS.code}, name="reasons"),
    path("medewerkers/inkoop/bibob/", views.bibob, name="bibob"),
    path("medewerkers/inkoop/bibob/<int:pk>/verwijderen/", views.bibob_delete, name="bibob_delete"),
]
