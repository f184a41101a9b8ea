"""A real OpenID Connect provider for the tests (ADR 0019): a small Django project with
django-oauth-toolkit's OIDC provider, started once per test session in its own process on
127.0.0.1 (``fixture.py``). Nothing of the product imports it."""
