from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "open_integriteit.search"

    def ready(self) -> None:
        from open_integriteit.retention.erase import register_derived

        from .services import forget

        register_derived(forget)  # retention destroys the tokens with the content (ADR 0016)
