from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("medewerkers/personen/", views.person_list, name="list"),
    path("medewerkers/personen/<int:pk>/", views.person_detail, name="person"),
    path("medewerkers/personen/eenheden/", views.unit_tree, name="units"),
    path("medewerkers/personen/functies/", views.post_list, name="posts"),
    path("medewerkers/personen/import/", views.person_import, name="import"),
    path("medewerkers/personen/import/sjabloon.<str:fmt>", views.import_template, name="template"),
    path("medewerkers/personen/functies/<int:pk>/", views.post_detail, name="post"),
    path("medewerkers/personen/<int:pk>/ambt/", views.person_official, name="official"),
    path("medewerkers/personen/<int:pk>/leidinggevende/", views.manager_add, name="manager_add"),
    path(
        "medewerkers/personen/<int:pk>/leidinggevende/<int:unit>/verwijderen/",
        views.manager_remove,
        name="manager_remove",
    ),
]
