from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("organisaties/<slug:slug>/logo/", views.logo, name="logo"),
    path("beheer/organisatie/", views.branding, name="branding"),
    path("beheer/organisatie/gedeelde-diensten/", views.shared_services, name="shared_services"),
    path(
        "beheer/organisatie/gedeelde-diensten/<int:pk>/verwijderen/",
        views.shared_service_remove,
        name="shared_service_remove",
    ),
    path("medewerkers/registers/", views.registers, name="registers"),
]
