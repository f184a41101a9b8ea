from django.urls import path

from . import views

app_name = "onboarding"

urlpatterns = [
    path("medewerkers/eed/", views.overdue, name="overdue"),
    path("medewerkers/eed/bijeenkomsten/", views.ceremony_list, name="ceremonies"),
    path("medewerkers/eed/bijeenkomsten/nieuw/", views.ceremony_create, name="ceremony_create"),
    path("medewerkers/eed/bijeenkomsten/<int:pk>/", views.ceremony_detail, name="ceremony"),
    path("medewerkers/eed/bijeenkomsten/<int:pk>/wijzigen/", views.ceremony_edit, name="ceremony_edit"),
    path("medewerkers/eed/bijeenkomsten/<int:pk>/deelnemers/", views.participants_add, name="participants_add"),
    path("medewerkers/eed/bijeenkomsten/<int:pk>/eed-of-belofte/", views.pledges, name="pledges"),
    path(
        "medewerkers/eed/bijeenkomsten/<int:pk>/deelnemers/<int:participant>/verwijderen/",
        views.participant_remove,
        name="participant_remove",
    ),
    path("medewerkers/eed/verklaringen/", views.records, name="records"),
    path("medewerkers/eed/personen/<int:pk>/", views.person_detail, name="person"),
    path("medewerkers/eed/personen/<int:pk>/integriteitsverklaring/", views.statement_add, name="statement_add"),
    path("medewerkers/eed/personen/<int:pk>/vog/", views.certificate_add, name="certificate_add"),
    path("medewerkers/eed/instellingen/", views.settings, name="settings"),
]
