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
]
