from django.urls import path

from open_integriteit.lists.views import manage_list

from . import views
from .topics import ADVICE_TOPICS

app_name = "advice"

urlpatterns = [
    path("medewerkers/adviesvragen/", views.advice_list, name="list"),
    path("medewerkers/adviesvragen/registreren/", views.advice_register, name="register"),
    path("medewerkers/adviesvragen/<int:pk>/", views.advice_detail, name="detail"),
    path("medewerkers/adviesvragen/<int:pk>/wijzigen/", views.advice_edit, name="edit"),
    path("medewerkers/adviesvragen/onderwerpen/", manage_list, {"kind": ADVICE_TOPICS.code}, name="topics"),
]
