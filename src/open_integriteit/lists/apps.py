from django.apps import AppConfig


class ListsConfig(AppConfig):
    name = "open_integriteit.lists"
