from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "open_integriteit.onboarding"
    verbose_name = "Onboarding"
