from django.urls import path

from . import views

app_name = "programme"

urlpatterns = [
    path("jaarprogramma/", views.current_year, name="current"),
    path("jaarprogramma/<int:year>/", views.year_view, name="year"),
    path("jaarprogramma/<int:year>/nieuw/", views.action_new, name="new"),
    path("jaarprogramma/actie/<int:pk>/", views.action_edit, name="edit"),
    path("jaarprogramma/actie/<int:pk>/doorschuiven/", views.action_carry, name="carry"),
]
