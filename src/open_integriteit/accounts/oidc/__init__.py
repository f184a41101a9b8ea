"""Log-in with the organisation's own identity provider through OpenID Connect (ADR 0019).

mozilla-django-oidc does the protocol (authorisation code flow with PKCE, state and nonce,
token exchange, signature check of the ID token). It reads its settings globally; here its
views and backend take them from the organisation's ``OidcConfiguration`` instead
(``backend.ConfigurationSettings``). Who may log in, and to which account, is decided by
``services.oidc_account_for`` from the people register.
"""
