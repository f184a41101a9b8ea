from django.urls import path

from . import views

app_name = "annual_reports"

urlpatterns = [
    path("medewerkers/jaarrapportages/", views.report_list, name="list"),
    path("medewerkers/jaarrapportages/<int:pk>/", views.report_detail, name="detail"),
    path("medewerkers/jaarrapportages/<int:pk>/hoofdstuk/<slug:key>/", views.section_edit, name="section"),
]
