"""Audit actions written by the accounts app (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="account",
    label=_("Accounts and log-ins"),
    actions={
        "account.created": _("Account created"),
        "account.role_granted": _("Role granted"),
        "account.role_revoked": _("Role revoked"),
        "account.role_proposed": _("Role given, waiting for approval"),
        "account.role_approved": _("Role approved"),
        "account.role_refused": _("Role refused"),
        "account.deactivated": _("Account deactivated"),
        "account.reactivated": _("Account reactivated"),
        "account.two_factor_reset": _("Second factor reset by an administrator"),
        "account.password_reset_requested": _("Password link asked for"),
        "account.password_reset_throttled": _("Password link refused: too many requests"),
        "account.password_reset_sent": _("Password link sent by an administrator"),
        "account.password_reset_done": _("Password set through a link"),
        "account.login": _("Logged in with password"),
        "account.login_failed": _("Log-in failed"),
        "account.locked_out": _("Log-in locked after failed attempts"),
        "account.login_refused": _("Log-in refused while locked"),
        "account.login_unlocked": _("Log-in lock lifted by an administrator"),
        "account.logout": _("Logged out"),
        "account.two_factor_enabled": _("Authenticator app linked"),
        "account.two_factor_verified": _("Second step passed"),
        "account.two_factor_failed": _("Second step failed"),
        "account.backup_codes_created": _("New backup codes made"),
        "account.reauthenticated": _("Password confirmed again"),
        "account.reauth_failed": _("Password confirmation failed"),
        "account.password_changed": _("Password changed"),
        "account.login_oidc": _("Logged in with the organisation's account"),
        "account.oidc_refused": _("Log-in with the organisation's account refused"),
        "account.oidc_configured": _("Log-in with the organisation's account configured"),
        "account.oidc_mfa_statement": _("Statement on the provider's multi-factor authentication"),
    },
)
