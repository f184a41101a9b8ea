from django.urls import URLPattern, URLResolver

app_name = "procurement"

urlpatterns: list[URLPattern | URLResolver] = []
