"""Every model field of ours that can hold text or bytes is encrypted, has choices, or is on
the reviewed allow-list below with a reason. A new model with a plain text field fails.

The raw-database tests (``test_at_rest.py``, the retention tests) show that encrypted
fields really are unreadable at rest; this test makes sure no field is forgotten.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps

from open_integriteit.encryption.fields import EncryptedTextField

CONTENT_TYPES = (models.CharField, models.TextField, models.JSONField, models.BinaryField)

# "<app label>.<Model>.<field>": why it may be stored in plain text. Review every addition.
ALLOWED = {
    "organisations.Organisation.name": "public: shown on the reporting page",
    "organisations.Organisation.slug": "public: part of the reporting page's address",
    "organisations.Organisation.primary_colour": "branding: a colour code",
    "organisations.Organisation.logo": "public: the organisation's logo on the reporting page",
    "organisations.Organisation.logo_content_type": "a MIME type",
    "organisations.Organisation.confidential_adviser_contact": "public: shown on the reporting page",
    "accounts.User.password": "an argon2 hash",
    "accounts.User.username": "log-in name, needed to log in (ADR 0003, table: user accounts)",
    "accounts.User.first_name": "staff account, needed for assignment lists and mails (ADR 0003)",
    "accounts.User.last_name": "staff account, needed for assignment lists and mails (ADR 0003)",
    "accounts.User.email": "staff account, needed to send notifications (ADR 0003)",
    "accounts.User.job_title": "staff account: a function title",
    "accounts.OidcConfiguration.issuer": "configuration: the address of the organisation's identity provider",
    "accounts.OidcConfiguration.client_id": "configuration: a public client identifier (the secret is encrypted)",
    "accounts.OidcConfiguration.scopes": "configuration: OpenID Connect scope names",
    "accounts.OidcConfiguration.claim": "configuration: the name of a claim, not its value",
    "accounts.OidcConfiguration.authorization_endpoint": "configuration: a public address of the provider",
    "accounts.OidcConfiguration.token_endpoint": "configuration: a public address of the provider",
    "accounts.OidcConfiguration.userinfo_endpoint": "configuration: a public address of the provider",
    "accounts.OidcConfiguration.jwks_endpoint": "configuration: a public address of the provider",
    "audit.AuditEvent.actor_label": "the actor's user name, kept when the account goes (ADR 0005)",
    "audit.AuditEvent.action": "an action code",
    "audit.AuditEvent.object_type": "a model label",
    "audit.AuditEvent.object_id": "a primary key",
    "audit.AuditEvent.details": "codes and ids only; audit_log refuses long strings (ADR 0005)",
    "audit.AuditEvent.prev_hash": "a hash",
    "audit.AuditEvent.hash": "a hash",
    "audit.ChainHead.last_hash": "a hash",
    "lists.ListEntry.kind": "a list-kind code",
    "lists.ListEntry.group": "a group code (typology)",
    "lists.ListEntry.code": "a slug",
    "lists.ListEntry.name_nl": "configuration: the name of a category or topic, shown on staff forms",
    "lists.ListEntry.name_en": "configuration: the name of a category or topic, shown on staff forms",
    "reports.Report.reference": "a random reference (M-…)",
    "reports.Report.receipt_hash": "a peppered argon2id hash (ADR 0004)",
    "reports.Attachment.stored_name": "a random file name in the encrypted storage",
    "reports.Attachment.key_id": "an encryption key id",
    "reports.Attachment.content_type": "a MIME type (ADR 0003: not encrypted)",
    "reports.DeadlineReminder.threshold": "a threshold code",
    "consultations.Adviser.display_name": "a role or an external bureau's name; contacts name nobody (ADR 0009)",
    "cases.Case.reference": "a random reference (Z-…)",
    "cases.Case.external_bureau": "the name of an investigation bureau, an organisation; statistics",
    "cases.Case.summary_principal": "a function title in the council summary, which is published",
    "cases.Case.summary_bureau": "the name of an investigation bureau in the council summary, which is published",
    "cases.CaseDocument.stored_name": "a random file name in the encrypted storage",
    "cases.CaseDocument.key_id": "an encryption key id",
    "cases.CaseDocument.content_type": "a MIME type",
    "retention.FileTombstone.stored_name": "a random file name awaiting deletion",
    "retention.RetentionPeriod.key": "the code of a registered retention period",
    "core.RateCounter.bucket": "an HMAC of scope, window and client under a key outside the database (ADR 0004)",
    "accounts.LoginThrottle.username_digest": "an HMAC of the user name tried (ADR 0012)",
    "accounts.LoginThrottle.client_digest": "an HMAC of the client address (ADR 0012)",
    "audit.AuditEvent.key_id": "the id of the audit key the event's HMAC was made with",
    "audit.ChainHead.key_id": "the id of the audit key the head's signature was made with",
    "audit.ChainHead.mac": "an HMAC signature of the chain head (ADR 0005)",
    "encryption.StoredBlob.name": "a random stored file name (ADR 0013)",
    "people.Unit.code": "an organisation unit's code from HR: organisational, not personal (ADR 0018)",
    "people.Unit.name": "an organisation unit's name: organisational, not personal (ADR 0018)",
    "people.Post.title": "a post's title: organisational, published for designated posts (ADR 0018)",
    "people.Post.salary_scale": "a post's salary scale: organisational (ADR 0018)",
    "people.Person.external_id": "the personnel number from HR, the import's key; a number, no name (ADR 0018)",
    "people.Person.sort_key": "two folded letters of the surname, to page in name order (ADR 0018)",
    "encryption.StoredBlob.data": "AES-GCM ciphertext of a file, encrypted before it reaches the database (ADR 0013)",
    "search.SearchToken.digest": "an HMAC of a search term, keyed per organisation outside the database (ADR 0016)",
    "declarations.DeclarationEvent.transition": "the name of a transition of declarations/workflow.py",
    "declarations.RoundDefaults.officials_months": "month numbers in which a kind of update round opens (ADR 0023)",
    "declarations.RoundDefaults.gifts_months": "month numbers in which a kind of update round opens (ADR 0023)",
    "declarations.RoundDefaults.everyone_months": "month numbers in which a kind of update round opens (ADR 0023)",
    "declarations.UpdateRound.asks": "codes of the declaration kinds a round asks about (ADR 0023)",
    "declarations.UpdateRound.unit_figures": "counts per unit (unit id and name: organisational) kept at closing",
    "complaints.Complaint.committee": "the name of an external complaints committee, an organisation; statistics",
    "search.SearchToken.key_id": "the id of the encryption key the search key was derived from (ADR 0016)",
    # --- onboarding ---
    "onboarding.Ceremony.place": "a building, a room or a video-call service: names no one",
    "onboarding.Ceremony.partner_name": "the name of a partner organisation; statistics",
    "onboarding.IntegrityStatement.version": "the version code of the statement text, e.g. 2024-1",
    "onboarding.CertificateOfConduct.screening_profile": "a screening profile code (at most 40 characters)",
    "people.VulnerabilityQuestion.text": "configuration: a question of the checklist of vulnerable posts, about posts",
    "people.VulnerablePostList.decision_reference": "the reference of the executive's decision: organisational",
    # --- regulations ---
    "regulations.Regulation.stored_name": "a random file name in the encrypted storage",
    "regulations.Regulation.key_id": "an encryption key id",
    "regulations.Regulation.content_type": "a MIME type",
    # --- indicators, figures ---
    "indicators.Indicator.name": "configuration: the name of a survey indicator, measured over all staff",
    "indicators.Indicator.question": "configuration: a survey question as the staff read it; names nobody",
    "indicators.Measurement.source": "the name of a survey (MTO 2022), organisational",
    "figures.EnteredTotal.key": "the key of a figure of the statistics surface (figures.registry.Spec.key)",
    "figures.EnteredTotal.breakdown": "numbers per row code (a choice value or list-entry code), no names",
    "figures.EnteredTotal.source": "where an aggregate number comes from (an earlier annual report); names nobody",
    "annual_reports.TemplateChapter.key": "a chapter's code (a default chapter's key or own-<slug>)",
    "annual_reports.TemplateChapter.title": "a chapter heading of the report template, no content",
    "annual_reports.AnnualReport.title": "public: the title of the annual report",
    "annual_reports.AnnualReport.adopted_by": "public: the body that adopted the report (council, executive)",
    "annual_reports.AnnualReport.decision_reference": "public: the reference of the adoption decision",
    "annual_reports.Section.key": "a chapter's code",
    "annual_reports.ReportFile.format": "html, pdf, docx or xlsx (the file itself is encrypted)",
    "annual_reports.ReportFile.stored_name": "a random file name in the encrypted storage",
    "annual_reports.ReportFile.key_id": "an encryption key id",
    "annual_reports.FlagAcceptance.code": "where a privacy flag is: figure or section key and a hash",
    "annual_reports.Section.title": "a chapter heading of the report (its text is encrypted)",
}


def our_models() -> list[type[models.Model]]:
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("open_integriteit.")
        for model in config.get_models()
    ]


def field_key(field: models.Field) -> str:
    return f"{field.model._meta.label}.{field.name}"


def plaintext_fields(model_classes: list[type[models.Model]]) -> list[str]:
    """Fields that can hold content but are neither encrypted, nor a choice, nor allowed."""
    return [
        field_key(field)
        for model in model_classes
        for field in model._meta.concrete_fields
        if isinstance(field, CONTENT_TYPES)
        and not isinstance(field, EncryptedTextField)
        and not field.choices  # a code from a fixed list holds no content
        and field_key(field) not in ALLOWED
    ]


def test_every_content_field_is_encrypted_or_reviewed():
    assert plaintext_fields(our_models()) == [], "encrypt these fields, or add them to ALLOWED with a reason"


def test_the_allow_list_names_only_existing_plain_fields():
    existing = {field_key(field): field for model in our_models() for field in model._meta.concrete_fields}
    stale = [key for key in ALLOWED if key not in existing or isinstance(existing[key], EncryptedTextField)]
    assert stale == [], "remove these entries from ALLOWED"
    assert all(reason.strip() for reason in ALLOWED.values())


@isolate_apps("open_integriteit.reports")
def test_a_new_model_with_a_plain_text_field_fails_the_check():
    class Witness(models.Model):
        statement = models.TextField()
        nickname = models.CharField(max_length=50)
        notes = models.JSONField(default=dict)
        photo = models.BinaryField()
        kind = models.CharField(max_length=10, choices=[("a", "A")])
        secret = EncryptedTextField()

        class Meta:
            app_label = "reports"

    assert plaintext_fields([Witness]) == [
        "reports.Witness.statement",
        "reports.Witness.nickname",
        "reports.Witness.notes",
        "reports.Witness.photo",
    ]
