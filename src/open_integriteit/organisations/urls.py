from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("organisaties/<slug:slug>/logo/", views.logo, name="logo"),
    path("beheer/organisatie/", views.branding, name="branding"),
    path("medewerkers/registers/", views.registers, name="registers"),
]
