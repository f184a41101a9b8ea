from django.urls import path

from . import export, views

app_name = "cases"

urlpatterns = [
    path("medewerkers/zaken/", views.case_list, name="list"),
    path("medewerkers/zaken/export.csv", views.case_list_csv, name="list_csv"),
    path("medewerkers/zaken/nieuw/", views.case_create, name="create"),
    path("medewerkers/zaken/overdracht/", views.hand_over, name="hand_over"),
    path("medewerkers/zaken/documenten/<int:pk>/", views.document_download, name="document"),
    path("medewerkers/zaken/<str:reference>/", views.case_detail, name="detail"),
    path("medewerkers/zaken/<str:reference>/pdf/", export.case_pdf, name="pdf"),
    path("medewerkers/zaken/<str:reference>/<slug:action>/", views.case_action, name="action"),
]
