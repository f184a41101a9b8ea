from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "open_integriteit.people"

    def ready(self) -> None:
        from open_integriteit.core.anonymity import register_name_source

        from .anonymity import person_names
        from .retention import register_policy

        register_name_source("people.register", person_names)
        register_policy()
