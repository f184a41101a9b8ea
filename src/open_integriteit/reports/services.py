"""Writes on reports. Keep it small: every write is here, typed, keyword-only, atomic and audited.

Mail never carries report content: reporters get "there is news", staff get a link.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access import reports as access
from open_integriteit.access import roles
from open_integriteit.audit.models import Channel as AuditChannel
from open_integriteit.audit.services import audit_log
from open_integriteit.encryption import storage
from open_integriteit.figures.services import refuse_when_entered
from open_integriteit.search import services as search

from . import receipts
from .models import (
    ORAL_CHANNELS,
    Anonymity,
    ApprovalVia,
    Assignment,
    Attachment,
    Channel,
    ClosureReason,
    IdentityDisclosure,
    IdentityGrant,
    Implication,
    ImplicationWithdrawal,
    Message,
    MessageKind,
    Minutes,
    MinutesStatus,
    Report,
    ReporterIdentity,
    Status,
)
from .typology import CATEGORIES
from .uploads import CheckedFile

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.accounts.models import User
    from open_integriteit.lists.models import ListEntry
    from open_integriteit.organisations.models import Organisation

REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U

REPORT_FIELDS = (
    "ground",
    "reporter_type",
    "anonymity",
    "what_happened",
    "when_where",
    "involved",
    "how_known",
    "reported_elsewhere",
    "reported_elsewhere_detail",
)
IDENTITY_FIELDS = ("name", "email", "phone", "notes")


def _new_reference() -> str:
    return "M-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def _attach(
    *, report: Report, files: list[CheckedFile], written: list[str], message: Message | None, from_reporter: bool
) -> None:
    for checked in files:
        name, key_id = storage.save_encrypted(checked.data)
        written.append(name)
        attachment = Attachment(
            report=report,
            message=message,
            filename=checked.filename,
            content_type=checked.content_type,
            size=len(checked.data),
            stored_name=name,
            key_id=key_id,
            from_reporter=from_reporter,
        )
        attachment.full_clean()
        attachment.save()


def new_receipt() -> tuple[str, str]:
    """A receipt code and its argon2id hash. Call it before the transaction: the hash takes
    ~10 ms of CPU and must not be computed while holding the (SQLite) write lock."""
    code = receipts.generate_code()
    return code, receipts.hash_code(code)


def report_receipt_rehash(*, report: Report, code: str) -> None:
    """Store the receipt hash of ``report`` under the current argon2id parameters, when
    ``code`` (which has just opened its mailbox) is stored under an older version (ADR 0026).

    The hash is computed before the one-statement write; a concurrent log-in that did the
    same first leaves nothing to do. No audit event: the code and the report do not change."""
    if report.receipt_hash is None or receipts.is_current(report.receipt_hash):
        return
    normalised = receipts.normalise_code(code)
    if normalised is None:
        return
    current = receipts.hash_code(normalised)
    Report.objects.filter(pk=report.pk, receipt_hash=report.receipt_hash).update(receipt_hash=current)
    report.receipt_hash = current


def _create_report(
    *,
    organisation: Organisation,
    data: dict[str, Any],
    identity: dict[str, str] | None,
    channel: str,
    registered_by: User | None,
    received_at: dt.datetime | None,
    receipt: tuple[str, str] | None,
) -> tuple[Report, str | None]:
    code, receipt_hash = receipt or (None, None)
    report = Report(
        organisation=organisation,
        reference=_new_reference(),
        receipt_hash=receipt_hash,
        channel=channel,
        registered_by=registered_by,
        received_at=received_at or timezone.now(),
        **{field: data.get(field, "") or "" for field in REPORT_FIELDS},
    )
    if not report.reported_elsewhere:
        report.reported_elsewhere = "no"
    report.full_clean(exclude=["receipt_hash"])
    report.save()
    if report.anonymity != Anonymity.ANONYMOUS and identity and any(identity.get(f) for f in IDENTITY_FIELDS):
        record = ReporterIdentity(report=report, **{f: identity.get(f, "") or "" for f in IDENTITY_FIELDS})
        record.full_clean()
        record.save()
    return report, code


def report_submit(
    *,
    organisation: Organisation,
    data: dict[str, Any],
    identity: dict[str, str] | None = None,
    files: list[CheckedFile] | None = None,
    receipt: tuple[str, str] | None = None,
) -> tuple[Report, str]:
    """A report from the public web form. Returns the report and its receipt code (shown once).

    ``receipt`` is a ``new_receipt()`` made before the caller's transaction opened (the web
    form counts the submission in the same transaction: ``throttle.submission_counted``)."""
    receipt = receipt or new_receipt()
    # No savepoint inside the caller's transaction: a failure here fails all of it.
    with storage.removed_on_failure() as written, transaction.atomic(savepoint=False):
        report, code = _create_report(
            organisation=organisation,
            data=data,
            identity=identity,
            channel=Channel.WEB,
            registered_by=None,
            received_at=None,
            receipt=receipt,
        )
        _attach(report=report, files=files or [], written=written, message=None, from_reporter=True)
        search.index_report(report=report, new=True)
        audit_log(
            action="report.submitted",
            channel=AuditChannel.REPORTER,
            target=report,
            details={"channel": report.channel, "anonymity": report.anonymity, "attachments": len(files or [])},
        )
        _notify_reporting_point_on_commit(report)
    assert code is not None
    return report, code


def report_register(
    *,
    organisation: Organisation,
    by: User,
    channel: str,
    data: dict[str, Any],
    identity: dict[str, str] | None = None,
    minutes_text: str = "",
    received_at: dt.datetime | None = None,
    files: list[CheckedFile] | None = None,
    request: HttpRequest | None = None,
) -> tuple[Report, str]:
    """A report received by phone, in person, by letter or through an adviser or manager.

    The staff member gets a receipt code to hand to the reporter; minutes of an oral
    report are offered to the reporter for approval.
    """
    if not access.can_register_report(by) or by.organisation_id != organisation.pk:
        raise PermissionDenied
    if channel == Channel.WEB:
        raise ValidationError({"channel": _("Choose how the report was received.")})
    if channel in ORAL_CHANNELS and not minutes_text.strip():
        raise ValidationError({"minutes_text": _("An oral report needs minutes that the reporter can check.")})
    receipt = new_receipt()
    with storage.removed_on_failure() as written, transaction.atomic():
        # A year with an entered total of reports has no records (figures, ADR 0025).
        refuse_when_entered(
            organisation=organisation,
            keys=["reports.reports"],
            on=timezone.localdate(received_at or timezone.now()),
            field="received_at",
        )
        report, code = _create_report(
            organisation=organisation,
            data=data,
            identity=identity,
            channel=channel,
            registered_by=by,
            received_at=received_at,
            receipt=receipt,
        )
        if minutes_text.strip():
            minutes = Minutes(report=report, text=minutes_text, offered_at=timezone.now())
            minutes.full_clean()
            minutes.save()
        _attach(report=report, files=files or [], written=written, message=None, from_reporter=False)
        search.index_report(report=report, new=True)
        if not access.can_view_report(by, report):
            # The adviser or manager who took the report keeps access to it.
            Assignment.objects.create(report=report, user=by, assigned_by=by)
        audit_log(
            action="report.registered",
            actor=by,
            target=report,
            request=request,
            details={"channel": channel, "anonymity": report.anonymity, "minutes": bool(minutes_text.strip())},
        )
        _notify_reporting_point_on_commit(report)
    assert code is not None
    return report, code


def _notify_reporting_point_on_commit(report: Report) -> None:
    """Once the report is stored, the worker tells the coordinators that a new report has
    arrived (``tasks.notify_new_report``): no content, no reference, each of them once."""
    report_id = report.pk

    def enqueue() -> None:
        from django_q.tasks import async_task

        async_task("open_integriteit.reports.tasks.notify_new_report", report_id)

    transaction.on_commit(enqueue)


def _notify_reporter_on_commit(report: Report) -> None:
    if report.anonymity == Anonymity.ANONYMOUS:
        return
    report_id = report.pk

    def enqueue() -> None:
        from django_q.tasks import async_task

        async_task("open_integriteit.reports.tasks.notify_reporter", report_id)

    transaction.on_commit(enqueue)


def _require_handler(report: Report, user: User) -> None:
    if not access.can_view_report(user, report):
        raise PermissionDenied


def _require_not_closed(report: Report) -> None:
    if report.status == Status.CLOSED:
        raise ValidationError(_("This report is closed."))


def report_acknowledge(*, report: Report, by: User, body: str, request: HttpRequest | None = None) -> Message:
    """Send the acknowledgement of receipt; it starts the 3-month feedback period."""
    _require_handler(report, by)
    _require_not_closed(report)
    if report.acknowledged_at is not None:
        raise ValidationError(_("This report has already been acknowledged."))
    with transaction.atomic():
        message = Message(report=report, kind=MessageKind.ACKNOWLEDGEMENT, body=body, author=by)
        message.full_clean()
        message.save()
        report.acknowledged_at = message.created_at
        if report.status == Status.NEW:
            report.status = Status.ACKNOWLEDGED
        report.save(update_fields=["acknowledged_at", "status"])
        audit_log(action="report.acknowledged", actor=by, target=report, request=request)
        _notify_reporter_on_commit(report)
    return message


def report_send_message(
    *, report: Report, by: User, kind: str, body: str, request: HttpRequest | None = None
) -> Message:
    """A question, feedback or other message to the reporter."""
    _require_handler(report, by)
    if kind not in {MessageKind.QUESTION, MessageKind.FEEDBACK, MessageKind.MESSAGE}:
        raise ValidationError(_("Unknown kind of message."))
    _require_not_closed(report)
    with transaction.atomic():
        message = Message(report=report, kind=kind, body=body, author=by)
        message.full_clean()
        message.save()
        if kind == MessageKind.FEEDBACK and report.feedback_at is None:
            report.feedback_at = message.created_at
            report.status = Status.FEEDBACK_GIVEN
            if report.acknowledged_at is None:
                report.acknowledged_at = message.created_at
            report.save(update_fields=["feedback_at", "status", "acknowledged_at"])
        audit_log(action="report.message_sent", actor=by, target=report, request=request, details={"kind": kind})
        _notify_reporter_on_commit(report)
    return message


def report_reply_from_reporter(*, report: Report, body: str, files: list[CheckedFile] | None = None) -> Message:
    """The reporter answers from the mailbox, optionally with files."""
    if report.status == Status.CLOSED:
        raise ValidationError(_("This report is closed; you can no longer send messages."))
    if not body.strip() and not files:
        raise ValidationError({"body": _("Write a message or add a file.")})
    with storage.removed_on_failure() as written, transaction.atomic():
        message = Message(report=report, kind=MessageKind.REPORTER_REPLY, body=body or "", author=None)
        message.full_clean(exclude=["body"])
        message.save()
        _attach(report=report, files=files or [], written=written, message=message, from_reporter=True)
        audit_log(
            action="report.reply_received",
            channel=AuditChannel.REPORTER,
            target=report,
            details={"attachments": len(files or [])},
        )
        _notify_handlers_on_commit(report)
    return message


def _notify_handlers_on_commit(report: Report) -> None:
    report_id = report.pk

    def enqueue() -> None:
        from django_q.tasks import async_task

        async_task("open_integriteit.reports.tasks.notify_handlers", report_id)

    transaction.on_commit(enqueue)


def report_classify(
    *, report: Report, by: User, ground: str, category: ListEntry | None, request: HttpRequest | None = None
) -> Report:
    if not access.can_coordinate_report(by, report):
        raise PermissionDenied
    if category is not None and not category.belongs_to(kind=CATEGORIES.code, organisation_id=report.organisation_id):
        raise ValidationError({"category": _("Choose a category of your own organisation.")})
    with transaction.atomic():
        report.ground = ground
        report.category = category
        report.full_clean(exclude=["receipt_hash"])
        report.save(update_fields=["ground", "category"])
        audit_log(
            action="report.classified",
            actor=by,
            target=report,
            request=request,
            details={"ground": ground, "category": category.code if category else None},
        )
    return report


def _require_assigner(report: Report, by: User) -> None:
    if not access.can_coordinate_report(by, report):
        raise PermissionDenied
    case_id = access.case_id_of(report)
    if case_id is not None:
        raise ValidationError(
            _("This report is part of a case: assign colleagues to the case, and they handle its reports.")
        )


def report_assign(*, report: Report, by: User, user: User, request: HttpRequest | None = None) -> Assignment:
    """Give a colleague a report that is not part of a case. Implicated people and
    administrators are refused."""
    _require_assigner(report, by)
    if user.organisation_id != report.organisation_id or not user.is_active:
        raise ValidationError(_("Only active colleagues of this organisation can be assigned."))
    if not roles.is_content_staff(user):
        raise ValidationError(_("This person has no role that may handle reports."))
    if report.implications.filter(user=user).exists():
        raise ValidationError(_("This person is implicated in the report and can never be assigned to it."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                assignment = Assignment.objects.create(report=report, user=user, assigned_by=by)
        except IntegrityError as exc:
            raise ValidationError(_("This person is already assigned.")) from exc
        audit_log(action="report.assigned", actor=by, target=report, request=request, details={"user_id": user.pk})
    return assignment


def report_unassign(*, report: Report, by: User, user: User, request: HttpRequest | None = None) -> None:
    _require_assigner(report, by)
    with transaction.atomic():
        deleted, _unused = Assignment.objects.filter(report=report, user=user).delete()
        if deleted:
            audit_log(
                action="report.unassigned", actor=by, target=report, request=request, details={"user_id": user.pk}
            )
        identity_grants_end(reports=[report], user=user, by=by, request=request)


def report_assignments_end(*, report: Report, by: User, request: HttpRequest | None = None) -> None:
    """A report joins a case: its own assignments end, from now on the case's team handles it
    (``access.reports``). The coordinator is told on the page; each end is audited."""
    with transaction.atomic():
        for assignment in Assignment.objects.filter(report=report).select_related("user"):
            assignment.delete()
            audit_log(
                action="report.unassigned",
                actor=by,
                target=report,
                request=request,
                details={"user_id": assignment.user_id, "reason": "case"},
            )


def _check_implication(*, report_or_case: Any, by: User, user: User, may: bool) -> None:
    """The common refusals for marking someone implicated, clearest message first."""
    if user.organisation_id != report_or_case.organisation_id:
        raise ValidationError(_("Only people of this organisation can be marked."))
    if user.pk == by.pk:
        raise ValidationError(_("Ask another coordinator to mark you as implicated."))
    if not may:
        raise PermissionDenied


def report_mark_implicated(*, report: Report, by: User, user: User, request: HttpRequest | None = None) -> Implication:
    """Mark a person as implicated: any assignment ends and they can never see the report
    (nor its case). Decided by the reporting point (``access.implications``)."""
    _check_implication(report_or_case=report, by=by, user=user, may=access.can_decide_implication(by, report, user))
    with transaction.atomic():
        implication, created = Implication.objects.get_or_create(report=report, user=user, defaults={"marked_by": by})
        Assignment.objects.filter(report=report, user=user).delete()
        identity_grants_end(reports=[report], user=user, by=by, request=request)
        if created:
            audit_log(
                action="report.implicated_marked",
                actor=by,
                target=report,
                request=request,
                details={"user_id": user.pk},
            )
    return implication


NO_FEEDBACK_REASONS = frozenset(ClosureReason.values) - {ClosureReason.FEEDBACK}


def report_close(
    *, report: Report, by: User, reason: str = "", explanation: str = "", request: HttpRequest | None = None
) -> Report:
    """The coordinator closes a report that never joined a case (ADR 0008): after its
    feedback, or without feedback for a recorded reason. The reporter can still read the
    mailbox, no longer write; the retention period starts (``reports.retention``)."""
    if not access.can_coordinate_report(by, report):
        raise PermissionDenied
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if Report.objects.filter(pk=report.pk, case_link__isnull=False).exists():
            raise ValidationError(_("This report is part of a case: it closes with the case."))
        _require_not_closed(report)
        if report.feedback_at is not None:
            reason = ClosureReason.FEEDBACK
        else:
            errors = {}
            if reason not in NO_FEEDBACK_REASONS:
                errors["reason"] = _("The reporter has had no feedback: choose why the report is closed without it.")
            if not explanation.strip():
                errors["explanation"] = _("Explain why the report is closed without feedback.")
            if errors:
                raise ValidationError(errors)
        report.status = Status.CLOSED
        report.closed_at = timezone.now()
        report.closure_reason = reason
        report.closure_explanation = explanation.strip()
        report.full_clean(exclude=["receipt_hash"])
        report.save(update_fields=["status", "closed_at", "closure_reason", "closure_explanation"])
        audit_log(action="report.closed", actor=by, target=report, request=request, details={"reason": reason})
    return report


def report_implication_withdraw(
    *, report: Report, by: User, user: User, reason: str, request: HttpRequest | None = None
) -> ImplicationWithdrawal:
    """Take back a mistaken implication, with a reason (kept encrypted). The person may be
    assigned again; whoever may mark them decides (``access.implications``)."""
    implication = Implication.objects.filter(report=report, user=user).first()
    if implication is None or not access.can_decide_implication(by, report, user):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Explain why the implication was a mistake.")})
    with transaction.atomic():
        withdrawal = ImplicationWithdrawal(
            report=report,
            user=user,
            marked_by_id=implication.marked_by_id,
            marked_at=implication.created_at,
            withdrawn_by=by,
            reason=reason,
        )
        withdrawal.full_clean()
        withdrawal.save()
        implication.delete()
        audit_log(
            action="report.implication_withdrawn",
            actor=by,
            target=report,
            request=request,
            details={"user_id": user.pk, "withdrawal_id": withdrawal.pk},
        )
    return withdrawal


def identity_disclose(
    *, report: Report, by: User, reason: str, request: HttpRequest | None = None
) -> ReporterIdentity | None:
    """Show the reporter's identity to a coordinator, or to a colleague a coordinator granted
    it to: a reason is required and it is logged."""
    if not access.can_disclose_identity(by, report):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason why you need to see the reporter's identity.")})
    with transaction.atomic():
        disclosure = IdentityDisclosure(report=report, user=by, reason=reason)
        disclosure.full_clean()
        disclosure.save()
        audit_log(
            action="reporter_identity.disclosed",
            actor=by,
            target=report,
            request=request,
            details={"disclosure_id": disclosure.pk},
        )
    return ReporterIdentity.objects.filter(report=report).first()


def identity_grant(
    *, report: Report, by: User, user: User, reason: str, request: HttpRequest | None = None
) -> IdentityGrant:
    """A coordinator lets a colleague of the report's team see the reporter's identity."""
    if not access.can_grant_identity(by, report):
        raise PermissionDenied
    if not access.identity_grantable_to(report).filter(pk=user.pk).exists():
        raise ValidationError({"user": _("Choose a colleague who handles this report and is not a coordinator.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason why this colleague needs the reporter's identity.")})
    if access.has_identity_grant(user, report):
        raise ValidationError({"user": _("This colleague may already see the identity.")})
    with transaction.atomic():
        grant = IdentityGrant(report=report, user=user, granted_by=by, reason=reason)
        grant.full_clean()
        grant.save()
        audit_log(
            action="reporter_identity.access_granted",
            actor=by,
            target=report,
            request=request,
            details={"grant_id": grant.pk, "user_id": user.pk},
        )
    return grant


def identity_grant_revoke(*, grant: IdentityGrant, by: User, request: HttpRequest | None = None) -> IdentityGrant:
    if not access.can_grant_identity(by, grant.report):
        raise PermissionDenied
    with transaction.atomic():
        _revoke(grant, by=by, request=request)
    return grant


def identity_grants_end(*, reports: list[Report], user: User, by: User, request: HttpRequest | None = None) -> None:
    """Whoever leaves a report's team (or is implicated) loses a grant too: it does not come
    back if they are assigned again later."""
    for grant in IdentityGrant.objects.filter(report__in=reports, user=user, revoked_at__isnull=True):
        _revoke(grant, by=by, request=request)


def _revoke(grant: IdentityGrant, *, by: User, request: HttpRequest | None) -> None:
    grant.revoked_at = timezone.now()
    grant.revoked_by = by
    grant.save(update_fields=["revoked_at", "revoked_by"])
    audit_log(
        action="reporter_identity.access_revoked",
        actor=by,
        target=grant.report,
        request=request,
        details={"grant_id": grant.pk, "user_id": grant.user_id},
    )


def minutes_answer_by_reporter(*, report: Report, approve: bool, comment: str = "") -> Minutes:
    _require_not_closed(report)
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Describe what should be corrected.")})
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().filter(report=report).first()
        if minutes is None:
            raise ValidationError(_("There are no minutes to answer on for this report."))
        if minutes.status == MinutesStatus.APPROVED:
            raise ValidationError(_("You have already approved these minutes."))
        if approve:
            minutes.status = MinutesStatus.APPROVED
            minutes.approved_at = timezone.now()
            minutes.approved_via = ApprovalVia.MAILBOX
        else:
            minutes.status = MinutesStatus.CORRECTION_REQUESTED
        minutes.reporter_comment = comment
        minutes.save()
        audit_log(
            action="minutes.approved" if approve else "minutes.correction_requested",
            channel=AuditChannel.REPORTER,
            target=report,
            details={"version": minutes.version},
        )
        _notify_handlers_on_commit(report)
    return minutes


def minutes_revise(*, report: Report, by: User, text: str, request: HttpRequest | None = None) -> Minutes:
    """A corrected version of the minutes, offered again for approval."""
    _require_handler(report, by)
    _require_not_closed(report)
    if not text.strip():
        raise ValidationError({"text": _("The minutes cannot be empty.")})
    with transaction.atomic():
        minutes, created = Minutes.objects.get_or_create(
            report=report, defaults={"text": text, "offered_at": timezone.now()}
        )
        if not created:
            minutes.text = text
            minutes.version += 1
            minutes.status = MinutesStatus.OFFERED
            minutes.offered_at = timezone.now()
            minutes.approved_at = None
            minutes.approved_via = ""
            minutes.save()
        search.index_report(report=report)
        audit_log(
            action="minutes.offered", actor=by, target=report, request=request, details={"version": minutes.version}
        )
        _notify_reporter_on_commit(report)
    return minutes


def minutes_record_approval(*, report: Report, by: User, via: str, request: HttpRequest | None = None) -> Minutes:
    """Record an approval given outside the mailbox (signed, in person, by e-mail)."""
    _require_handler(report, by)
    _require_not_closed(report)
    if via not in ApprovalVia.values or via == ApprovalVia.MAILBOX:
        raise ValidationError({"via": _("Choose how the reporter approved the minutes.")})
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().filter(report=report).first()
        if minutes is None:
            raise ValidationError(
                _("This report has no minutes yet. Write the minutes first, then record the approval.")
            )
        minutes.status = MinutesStatus.APPROVED
        minutes.approved_at = timezone.now()
        minutes.approved_via = via
        minutes.save()
        audit_log(
            action="minutes.approved",
            actor=by,
            target=report,
            request=request,
            details={"via": via, "version": minutes.version},
        )
    return minutes


def attachment_read(*, attachment: Attachment, user: User | None, request: HttpRequest | None = None) -> bytes:
    """Decrypt an attachment for download; the read is an audit event."""
    data = storage.read_decrypted(attachment.stored_name)
    audit_log(
        action="attachment.downloaded",
        channel=AuditChannel.STAFF if user is not None else AuditChannel.REPORTER,
        actor=user,
        organisation_id=attachment.report.organisation_id,
        target=attachment,
        request=request,
        details={"report_id": attachment.report_id},
    )
    return data
