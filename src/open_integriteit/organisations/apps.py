from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "open_integriteit.organisations"
