from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "open_integriteit.figures"
    verbose_name = "Figures"

    def ready(self) -> None:
        from . import registry, selectors

        registry.register_overlay(selectors.apply_entered_totals)
