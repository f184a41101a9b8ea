"""URLs of the declarant part of the declarations (see urls.py): "Mijn opgaven"."""

from django.urls import URLPattern, path

from .views import declarant as views

urlpatterns: list[URLPattern] = [
    path("mijn-opgaven/", views.my_overview, name="my_overview"),
    path("mijn-opgaven/nieuw/<str:kind>/", views.my_new, name="my_new"),
    path("mijn-opgaven/niets-te-melden/<str:kind>/", views.my_nil_return, name="my_nil_return"),
    path("mijn-opgaven/<int:pk>/", views.declaration_detail, name="detail"),
    path("mijn-opgaven/<int:pk>/wijzigen/", views.my_edit, name="my_edit"),
    path("mijn-opgaven/<int:pk>/weggooien/", views.my_discard, name="my_discard"),
    path("mijn-opgaven/<int:pk>/intrekken/", views.declaration_withdraw, name="withdraw"),
    path("mijn-opgaven/<int:pk>/beeindigen/", views.declaration_end, name="end"),
]
