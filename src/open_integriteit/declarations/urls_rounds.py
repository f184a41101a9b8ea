"""URLs of the rounds part of the declarations (see urls.py)."""

from django.urls import URLPattern, path

from .views import rounds

urlpatterns: list[URLPattern] = [
    path("medewerkers/opgaverondes/", rounds.round_list, name="rounds"),
    path("medewerkers/opgaverondes/starten/", rounds.round_start, name="round_start"),
    path("medewerkers/opgaverondes/standaarden/", rounds.round_defaults, name="round_defaults"),
    path("medewerkers/opgaverondes/<int:pk>/", rounds.round_detail, name="round_detail"),
    path(
        "medewerkers/opgaverondes/<int:pk>/laatste-herinnering/",
        rounds.round_last_reminder,
        name="round_last_reminder",
    ),
    path("medewerkers/opgaverondes/<int:pk>/afsluiten/", rounds.round_close, name="round_close"),
]
