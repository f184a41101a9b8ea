from django.urls import path

from . import views

app_name = "operations"

urlpatterns = [
    path("gezondheid/live", views.live, name="live"),
    path("gezondheid/klaar", views.ready, name="ready"),
    path("metrics", views.metrics, name="metrics"),
]
