from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "open_integriteit.cases"

    def ready(self) -> None:
        from open_integriteit.core.anonymity import register_name_source

        from .anonymity import party_names

        register_name_source("cases.parties", party_names)
        from .retention import register_policy

        register_policy()
