from django.urls import path

from . import views, views_vulnerable

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
    # Vulnerable posts (issue 9)
    path("medewerkers/kwetsbare-functies/", views_vulnerable.overview, name="vulnerable"),
    path("medewerkers/kwetsbare-functies/functies/<int:pk>/", views_vulnerable.assess, name="vulnerable_post"),
    path("medewerkers/kwetsbare-functies/vragen/", views_vulnerable.questions, name="vulnerable_questions"),
    path("medewerkers/kwetsbare-functies/vragen/instellingen/", views_vulnerable.settings, name="vulnerable_settings"),
    path(
        "medewerkers/kwetsbare-functies/vragen/<int:pk>/verplaatsen/",
        views_vulnerable.question_move,
        name="vulnerable_question_move",
    ),
    path(
        "medewerkers/kwetsbare-functies/vragen/<int:pk>/intrekken/",
        views_vulnerable.question_retire,
        name="vulnerable_question_retire",
    ),
    path("medewerkers/kwetsbare-functies/vaststellen/", views_vulnerable.adopt, name="vulnerable_adopt"),
    path("medewerkers/kwetsbare-functies/lijsten/", views_vulnerable.lists, name="vulnerable_lists"),
    path("medewerkers/kwetsbare-functies/lijsten/<int:pk>/", views_vulnerable.list_detail, name="vulnerable_list"),
]
