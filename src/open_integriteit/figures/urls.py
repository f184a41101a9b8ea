from django.urls import path

from . import views

app_name = "figures"

urlpatterns = [
    path("medewerkers/cijfers/", views.overview, name="overview"),
    path("medewerkers/cijfers/eerdere-jaren/", views.entered_list, name="entered"),
    path("medewerkers/cijfers/eerdere-jaren/invoeren/", views.entered_set, name="entered_set"),
    path("medewerkers/cijfers/eerdere-jaren/<int:pk>/verwijderen/", views.entered_remove, name="entered_remove"),
]
