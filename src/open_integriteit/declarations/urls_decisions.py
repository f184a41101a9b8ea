"""URLs of the decisions part of the declarations (see urls.py): the deciders' queue and
decision page, the register clerk's gifts to hand in, and the register settings."""

from django.urls import URLPattern, path

from .views import decisions as views

urlpatterns: list[URLPattern] = [
    path("medewerkers/opgaven/", views.queue, name="queue"),
    path("medewerkers/opgaven/<int:pk>/", views.decide, name="decide"),
    path("medewerkers/opgaven/geschenken/", views.gifts, name="gifts"),
    path("medewerkers/opgaven/<int:pk>/geschenk/", views.gift_destination, name="gift_destination"),
    path("medewerkers/opgaven/instellingen/", views.register_settings, name="settings"),
]
