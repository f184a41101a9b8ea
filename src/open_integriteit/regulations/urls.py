"""The register of rules and codes; its public listing sits beside the public registers
(and is included before the declarations' ``openbaar/<slug>/<register>/``)."""

from django.urls import path

from . import views

app_name = "regulations"

urlpatterns = [
    path("regelgeving/", views.regulation_list, name="list"),
    path("regelgeving/nieuw/", views.regulation_new, name="new"),
    path("regelgeving/instellingen/", views.regulation_settings, name="settings"),
    path("regelgeving/<int:pk>/", views.regulation_detail, name="detail"),
    path("regelgeving/<int:pk>/document/", views.regulation_document, name="document"),
    path("openbaar/<slug:slug>/regelgeving/", views.public_list, name="public_list"),
    path("openbaar/<slug:slug>/regelgeving/<int:pk>/document/", views.public_document, name="public_document"),
]
