"""URLs of the public part of the declarations (see urls.py): the organisation's public
registers, their open data and their history (no log-in, ADR 0022), and the declarant's
page of what is published about them."""

from django.urls import URLPattern, path, register_converter

from . import publication
from .views import public


class RegisterConverter:
    """Only the slugs of the public registers: other pages beside the registers
    (``/openbaar/<slug>/jaarrapportages/``, ``/regelgeving/``) are not mistaken for one."""

    regex = "|".join(sorted(publication.BY_SLUG, key=len, reverse=True))

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RegisterConverter, "register")

urlpatterns: list[URLPattern] = [
    path("openbaar/<slug:slug>/", public.index, name="public_index"),
    path("openbaar/<slug:slug>/geschiedenis/", public.history, name="public_history"),
    path("openbaar/<slug:slug>/<register:register>/", public.register, name="public_register"),
    path("openbaar/<slug:slug>/<register:register>.<str:fmt>", public.register_data, name="public_register_data"),
    path("mijn-opgaven/gepubliceerd/", public.about_me, name="my_published"),
]
