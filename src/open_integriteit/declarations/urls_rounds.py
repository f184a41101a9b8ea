"""URLs of the rounds part of the declarations (see urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
