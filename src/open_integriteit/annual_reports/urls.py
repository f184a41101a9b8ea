from django.urls import path

from . import shared_views, template_views, views

app_name = "annual_reports"

urlpatterns = [
    path("medewerkers/jaarrapportages/", views.report_list, name="list"),
    path("medewerkers/jaarrapportages/sjabloon/", template_views.template_edit, name="template"),
    path(
        "medewerkers/jaarrapportages/sjabloon/<int:pk>/",
        template_views.template_chapter_update,
        name="template_chapter",
    ),
    path(
        "medewerkers/jaarrapportages/sjabloon/<int:pk>/verplaatsen/",
        template_views.template_chapter_move,
        name="template_chapter_move",
    ),
    path(
        "medewerkers/jaarrapportages/sjabloon/<int:pk>/verwijderen/",
        template_views.template_chapter_remove,
        name="template_chapter_remove",
    ),
    path("medewerkers/gedeelde-dienst/cijfers/", shared_views.overview, name="shared_overview"),
    path("medewerkers/jaarrapportages/<int:pk>/", views.report_detail, name="detail"),
    path("medewerkers/jaarrapportages/<int:pk>/voorbeeld/", views.report_preview, name="preview"),
    path("medewerkers/jaarrapportages/<int:pk>/hoofdstuk/<slug:key>/", views.section_edit, name="section"),
    path("medewerkers/jaarrapportages/<int:pk>/accepteren/", views.flag_accept, name="flag_accept"),
    path(
        "medewerkers/jaarrapportages/<int:pk>/accepteren-per-onderdeel/",
        views.flag_group_accept,
        name="flag_group_accept",
    ),
    path("medewerkers/jaarrapportages/<int:pk>/vaststellen/", views.report_adopt, name="adopt"),
    path("medewerkers/jaarrapportages/<int:pk>/publiceren/", views.report_publish, name="publish"),
    path("medewerkers/jaarrapportages/<int:pk>/opnieuw-maken/", views.report_render_again, name="render_again"),
    path("medewerkers/jaarrapportages/<int:pk>/corrigeren/", views.report_correct, name="correct"),
    path("medewerkers/jaarrapportages/<int:pk>/bestand.<str:fmt>", views.report_download, name="download"),
    path("openbaar/<slug:slug>/jaarrapportages/", views.public_list, name="public_list"),
    path("openbaar/<slug:slug>/jaarrapportages/<int:pk>.<str:fmt>", views.public_file, name="public_file"),
]
