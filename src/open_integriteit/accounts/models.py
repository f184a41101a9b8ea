"""Staff accounts and their roles (DOMAIN.md §2).

Reporters have no account: they use a receipt code (see ``reports.receipts``).
"""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from open_integriteit.encryption.fields import EncryptedTextField


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Integrity coordinator")
    CONFIDENTIAL_ADVISER = "confidential_adviser", _("Confidential adviser")
    CASE_PRINCIPAL = "case_principal", _("Case principal")
    INVESTIGATOR = "investigator", _("Investigator")
    MANAGER = "manager", _("Manager")
    EMPLOYEE = "employee", _("Employee")
    ADMINISTRATOR = "administrator", _("Administrator")
    AUDITOR = "auditor", _("Auditor")
    REGISTER_CLERK = "register_clerk", _("Register clerk")


# Roles whose holders may be given report content (need-to-know still applies per report).
CONTENT_ROLES = frozenset(
    {
        Role.COORDINATOR,
        Role.CONFIDENTIAL_ADVISER,
        Role.CASE_PRINCIPAL,
        Role.INVESTIGATOR,
        Role.MANAGER,
    }
)
# Roles whose holders may be given the personal data of the people register (people, posts,
# later their declarations). Like content, an administrator never receives it (ADR 0003, 0018).
PERSONAL_DATA_ROLES = frozenset({Role.REGISTER_CLERK})
# Roles that must use two-factor authentication: every role but the plain employee.
TWO_FACTOR_ROLES = frozenset(set(Role) - {Role.EMPLOYEE})


class User(AbstractUser):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("organisation"),
        null=True,
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    # A start password set by an administrator must be replaced at the first log-in.
    must_change_password = models.BooleanField(_("must change password"), default=False, db_default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def role_set(self) -> frozenset[str]:
        """The approved roles of an active member (a content role given by an administrator
        waits for a second person, ``accounts.services.role_approve``). What they allow is
        decided in ``access.roles`` (an administrator's content roles, for one, never count)."""
        if not self.is_active or self.organisation_id is None:
            return frozenset()
        return frozenset(self.role_assignments.filter(approved_at__isnull=False).values_list("role", flat=True))

    @property
    def needs_two_factor(self) -> bool:
        return bool(self.role_set & TWO_FACTOR_ROLES)


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    # Who gave the role (None: the system, e.g. set-up or demo data) and, for a content role
    # given by an administrator, who approved it: it counts only once approved (four eyes).
    granted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("granted by")
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("approved by")
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_user_role")]
        verbose_name = _("role assignment")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    @property
    def is_pending(self) -> bool:
        return self.approved_at is None


class LoginThrottle(models.Model):
    """A counter of failed log-ins (accounts/throttle.py, ADR 0012).

    One row per attempted user name and client address, and one per user name alone
    (``client_digest`` empty). Both are keyed HMACs: no typed user name and no address is
    stored. Rows are forgotten once their last failure is older than the cool-off time.
    """

    username_digest = models.CharField(max_length=64)
    client_digest = models.CharField(max_length=64, blank=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["username_digest", "client_digest"], name="unique_login_throttle")
        ]
        indexes = [models.Index(fields=["last_failure_at"], name="login_throttle_age")]

    def __str__(self) -> str:
        return f"{self.username_digest[:8]}/{self.client_digest[:8] or '*'}: {self.failures}"


class OidcLinkField(models.TextChoices):
    """Which field of the people register the provider's claim is compared with."""

    EXTERNAL_ID = "external_id", _("Personnel number")
    EMAIL = "email", _("E-mail address")


class OidcConfiguration(models.Model):
    """Log-in with the organisation's own identity provider through OpenID Connect (ADR 0019).

    One per organisation, kept by its administrator. The endpoints are read from the
    provider's discovery document when the configuration is saved enabled; the client
    secret is encrypted at rest and never shown again.
    """

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="oidc_configuration"
    )
    enabled = models.BooleanField(_("enabled"), default=False)
    issuer = models.URLField(_("issuer"), max_length=500)
    client_id = models.CharField(_("client ID"), max_length=255)
    client_secret = EncryptedTextField(_("client secret"))
    scopes = models.CharField(_("scopes"), max_length=255, default="openid email profile")
    claim = models.CharField(_("claim that identifies the person"), max_length=100, default="employee_number")
    link_field = models.CharField(
        _("compared with"), max_length=20, choices=OidcLinkField.choices, default=OidcLinkField.EXTERNAL_ID
    )
    provider_enforces_mfa = models.BooleanField(_("the provider enforces multi-factor authentication"), default=False)
    authorization_endpoint = models.URLField(_("authorization endpoint"), max_length=500, blank=True)
    token_endpoint = models.URLField(_("token endpoint"), max_length=500, blank=True)
    userinfo_endpoint = models.URLField(_("userinfo endpoint"), max_length=500, blank=True)
    jwks_endpoint = models.URLField(_("JWKS endpoint"), max_length=500, blank=True)
    discovered_at = models.DateTimeField(_("endpoints read at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("OpenID Connect configuration")

    def __str__(self) -> str:
        return f"OIDC {self.organisation_id}"
