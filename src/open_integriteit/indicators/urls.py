from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("medewerkers/cijfers/indicatoren/", views.indicator_list, name="list"),
    path("medewerkers/cijfers/indicatoren/nieuw/", views.indicator_create, name="create"),
    path("medewerkers/cijfers/indicatoren/<int:pk>/", views.indicator_detail, name="detail"),
    path("medewerkers/cijfers/indicatoren/<int:pk>/wijzigen/", views.indicator_edit, name="edit"),
    path(
        "medewerkers/cijfers/indicatoren/metingen/<int:pk>/verwijderen/",
        views.measurement_remove,
        name="measurement_remove",
    ),
]
