"""URLs of the public part of the declarations (see urls.py): the organisation's public
registers, their open data and their history (no log-in, ADR 0022), and the declarant's
page of what is published about them."""

from django.urls import URLPattern, path

from .views import public

urlpatterns: list[URLPattern] = [
    path("openbaar/<slug:slug>/", public.index, name="public_index"),
    # Before the register: "geschiedenis" is not a register.
    path("openbaar/<slug:slug>/geschiedenis/", public.history, name="public_history"),
    path("openbaar/<slug:slug>/<slug:register>/", public.register, name="public_register"),
    path("openbaar/<slug:slug>/<slug:register>.<str:fmt>", public.register_data, name="public_register_data"),
    path("mijn-opgaven/gepubliceerd/", public.about_me, name="my_published"),
]
