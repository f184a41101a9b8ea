from django.urls import path

from . import views

app_name = "advice"

urlpatterns = [
    path("medewerkers/adviesvragen/", views.advice_list, name="list"),
    path("medewerkers/adviesvragen/registreren/", views.advice_register, name="register"),
    path("medewerkers/adviesvragen/<int:pk>/", views.advice_detail, name="detail"),
    path("medewerkers/adviesvragen/<int:pk>/wijzigen/", views.advice_edit, name="edit"),
]
