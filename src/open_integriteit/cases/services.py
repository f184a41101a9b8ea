"""Writes on cases. Keep it small: typed, keyword-only, atomic, audited; the workflow moves
only along the transition table in ``workflow.py``."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from open_integriteit.access import cases as access
from open_integriteit.access import reports as report_access
from open_integriteit.access import roles
from open_integriteit.audit.services import audit_log
from open_integriteit.core.anonymity import AnonymityCheck
from open_integriteit.encryption import storage
from open_integriteit.reports import services as report_services
from open_integriteit.reports.models import Report, Status
from open_integriteit.reports.services import REFERENCE_ALPHABET
from open_integriteit.reports.typology import CATEGORIES
from open_integriteit.reports.uploads import CheckedFile
from open_integriteit.search import services as search

from . import workflow
from .models import (
    DISCIPLINARY_MEASURES,
    Allegation,
    Assessment,
    Case,
    CaseAssignment,
    CaseDocument,
    CaseImplication,
    CaseImplicationWithdrawal,
    CaseReport,
    Decision,
    Finding,
    FindingOutcome,
    Hearing,
    Measure,
    Note,
    Origin,
    Outcome,
    Party,
    PartyRole,
    ProtectiveMeasure,
    RetaliationRisk,
)
from .workflow import State

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.accounts.models import User
    from open_integriteit.lists.models import ListEntry
    from open_integriteit.organisations.models import Organisation

DECISIONS = {
    "decide_preliminary": Decision.INVESTIGATE,
    "decide_investigate": Decision.INVESTIGATE,
    "decide_informal": Decision.INFORMAL,
    "decide_refer": Decision.REFER,
    "decide_no_action": Decision.NO_ACTION,
}


def _new_reference() -> str:
    return "Z-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def _require(case: Case, user: User, work: str) -> None:
    """Need-to-know on the case, and the role for ``work`` (a key of ``access.cases.WORK``)."""
    if not access.can_work_on_case(user, case, work):
        raise PermissionDenied


def _require_coordinator(case: Case, user: User) -> None:
    if not access.can_coordinate_case(user, case):
        raise PermissionDenied


def write_refusal(*, case: Case, record: str) -> str | None:
    """Why the closed-case guard refuses this record in the case's state, or None (ADR 0008).

    ``record`` is a key of ``workflow.RECORDS`` (the actions of the case page)."""
    if workflow.writable(state=case.state, record=record):
        return None
    if case.state == State.DESTROYED:
        return _("This case has been destroyed after its retention period; nothing can be added to it.")
    if case.state == State.CLOSED:
        return _(
            "This case is closed: only the protection of the reporter can still be followed up. "
            "Reopen the case to change anything else."
        )
    return _("%(what)s cannot be recorded while the case is in the state “%(state)s”.") % {
        "what": workflow.RECORDS[record].label,
        "state": case.get_state_display(),
    }


def _require_writable(case: Case, record: str) -> None:
    """The guard, on the state as committed: call it inside the write's transaction. The row
    lock makes a write and a concurrent close (or destruction) wait for each other."""
    case.state = Case.objects.select_for_update().filter(pk=case.pk).values_list("state", flat=True).get()
    refusal = write_refusal(case=case, record=record)
    if refusal is not None:
        raise ValidationError(refusal)


def _log(action: str, *, case: Case, by: User | None, request: HttpRequest | None = None, **details: Any) -> None:
    audit_log(
        action=action, actor=by, target=case, request=request, details=details, channel="staff" if by else "system"
    )


# --- Creating cases -----------------------------------------------------------------------


def _link_report(case: Case, report: Report, by: User, request: HttpRequest | None) -> None:
    """From now on the report follows the case: its team is the case's team (ADR 0015)."""
    if report.organisation_id != case.organisation_id or not report_access.can_view_report(by, report):
        raise PermissionDenied
    # The row lock orders this with the retention of a report outside a case.
    status = Report.objects.select_for_update().values_list("status", flat=True).get(pk=report.pk)
    if CaseReport.objects.filter(report=report).exists():
        raise ValidationError(_("Report %(ref)s already belongs to a case.") % {"ref": report.reference})
    if status == Status.CLOSED:
        raise ValidationError(_("Report %(ref)s is closed and cannot join a case.") % {"ref": report.reference})
    report_services.report_assignments_end(report=report, by=by, request=request)
    CaseReport.objects.create(case=case, report=report)
    Party.objects.create(case=case, role=PartyRole.REPORTER, report=report)


def case_create(
    *,
    organisation: Organisation,
    by: User,
    title: str,
    ground: str,
    reports: list[Report] | None = None,
    signal: str = "",
    category: ListEntry | None = None,
    origin: str | None = None,
    retaliation_of: Case | None = None,
    request: HttpRequest | None = None,
) -> Case:
    """A case from one or more reports, or from a signal without a report."""
    if not access.can_create_case(by) or by.organisation_id != organisation.pk:
        raise PermissionDenied
    reports = reports or []
    if not reports and not signal.strip():
        raise ValidationError({"signal": _("Describe the signal, or start the case from a report.")})
    if category is not None and not category.belongs_to(kind=CATEGORIES.code, organisation_id=organisation.pk):
        raise ValidationError({"category": _("Choose a category of your own organisation.")})
    with transaction.atomic():
        case = Case(
            organisation=organisation,
            reference=_new_reference(),
            origin=origin or (Origin.REPORT if reports else Origin.SIGNAL),
            title=title,
            signal=signal,
            ground=ground,
            category=category,
            retaliation_of=retaliation_of,
        )
        case.full_clean()
        case.save()
        search.index_case(case=case, new=True)
        for report in reports:
            _link_report(case, report, by, request)
        _log("case.created", case=case, by=by, request=request, origin=case.origin, reports=len(reports))
    return case


def case_add_report(*, case: Case, by: User, report: Report, request: HttpRequest | None = None) -> None:
    """Group another report into the case (e.g. a second report about the same manager)."""
    _require_coordinator(case, by)
    with transaction.atomic():
        _require_writable(case, "add_report")
        _link_report(case, report, by, request)
        _log("case.report_added", case=case, by=by, request=request, report_id=report.pk)


def retaliation_complaint_create(
    *, original: Case, by: User, title: str, description: str, request: HttpRequest | None = None
) -> Case:
    """A reporter's complaint of retaliation: its own case, linked to the first."""
    _require_coordinator(original, by)
    refusal = write_refusal(case=original, record="retaliation")
    if refusal is not None:
        raise ValidationError(refusal)
    return case_create(
        organisation=original.organisation,
        by=by,
        title=title,
        ground=original.ground,
        signal=description,
        origin=Origin.RETALIATION,
        retaliation_of=original,
        request=request,
    )


# --- The workflow -------------------------------------------------------------------------


def _outcome(case: Case) -> str:
    """The outcome class that chooses the retention period (ADR 0008). The measures decide
    first: a disciplinary or legal measure keeps the case for the disciplinary period,
    whichever way the case was handled (a reprimand after informal handling, too)."""
    if case.measures.filter(kind__in=DISCIPLINARY_MEASURES).exists():
        return Outcome.DISCIPLINARY
    if case.decision == Decision.NO_ACTION:
        return Outcome.NO_ACTION
    if case.decision == Decision.INFORMAL:
        return Outcome.INFORMAL
    if case.decision == Decision.REFER:
        return Outcome.REFERRED
    founded = Finding.objects.filter(
        allegation__case=case, outcome__in=[FindingOutcome.FOUNDED, FindingOutcome.PARTLY_FOUNDED]
    )
    return Outcome.FOUNDED if founded.exists() else Outcome.UNFOUNDED


def summary_needed(case: Case) -> bool:
    """The council's table lists the investigations (DOMAIN.md §4.2): an investigated case
    (preliminary or full) closes only with a final summary."""
    return case.decision == Decision.INVESTIGATE


def close_problems(case: Case) -> list[str]:
    """What keeps the case from closing; empty when it may close (ADR 0008)."""
    problems = [
        _("Report %(ref)s has had no feedback yet: give the reporter feedback on the report page first.")
        % {"ref": reference}
        for reference in Report.objects.filter(case_link__case=case, feedback_at__isnull=True)
        .order_by("received_at")
        .values_list("reference", flat=True)
    ]
    if summary_needed(case):
        if case.summary_final_at is None:
            problems.append(_("An investigated case needs a final summary for the council: mark the summary final."))
        elif summary_check(case):
            problems.append(_("The final summary no longer passes the check: change it and mark it final again."))
    return problems


def case_transition(
    *, case: Case, by: User | None, transition: str, reason: str = "", request: HttpRequest | None = None
) -> Case:
    """Move the case along the table. ``by=None`` is the system (retention worker)."""
    spec = workflow.BY_NAME.get(transition)
    if spec is None:
        raise ValidationError(_("Unknown step."))
    if by is not None and not access.can_view_case(by, case):
        raise PermissionDenied
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if not workflow.allowed(state=locked.state, transition=transition, roles=access.roles_for_workflow(by)):
            raise PermissionDenied(
                _("The step “%(step)s” is not possible for you in the state “%(state)s”.")
                % {"step": spec.label, "state": locked.get_state_display()}
            )
        if spec.needs_reason and not reason.strip():
            raise ValidationError({"reason": _("Give a reason for this step.")})
        if transition == "close":
            problems = close_problems(locked)
            if problems:
                raise ValidationError(problems)
        source = locked.state
        locked.state = spec.target
        now = timezone.now()
        if transition in DECISIONS:
            locked.decision = DECISIONS[transition]
            locked.decision_at = now
            if reason:
                locked.decision_reason = reason
        if transition == "no_measures" and reason:
            locked.decision_reason = (locked.decision_reason + "\n" + reason).strip()
        reports = Report.objects.filter(case_link__case=locked)
        if transition == "close":
            locked.closed_at = now
            locked.outcome = _outcome(locked)
            reports.update(status=Status.CLOSED, closed_at=now)
        if transition == "reopen":
            locked.closed_at = None
            locked.outcome = ""
            locked.reopened_count += 1
            reopened = reports.filter(status=Status.CLOSED)
            reopened.filter(feedback_at__isnull=False).update(status=Status.FEEDBACK_GIVEN, closed_at=None)
            reopened.update(status=Status.ACKNOWLEDGED, closed_at=None)
        locked.save()
        if transition == "reopen":
            # The reason is content: kept encrypted as a note, the audit event holds the step only.
            Note.objects.create(case=locked, text=_("Reopened: %(reason)s") % {"reason": reason}, author=by)  # type: ignore[misc]
        _log("case.transition", case=locked, by=by, request=request, step=transition, source=source, target=spec.target)
    case.refresh_from_db()
    return case


# --- People -------------------------------------------------------------------------------


def case_assign(*, case: Case, by: User, user: User, request: HttpRequest | None = None) -> CaseAssignment:
    """Give a colleague the case, and so its reports. Implicated people and administrators are refused."""
    _require_coordinator(case, by)
    if user.organisation_id != case.organisation_id or not user.is_active:
        raise ValidationError(_("Only active colleagues of this organisation can be assigned."))
    if not roles.is_content_staff(user):
        raise ValidationError(_("This person has no role that may handle reports."))
    if access.implicated_in_case(case.pk).filter(pk=user.pk).exists():
        raise ValidationError(_("This person is implicated in the case and can never be assigned to it."))
    with transaction.atomic():
        _require_writable(case, "assign")
        try:
            with transaction.atomic():
                assignment = CaseAssignment.objects.create(case=case, user=user, assigned_by=by)
        except IntegrityError as exc:
            raise ValidationError(_("This person is already assigned.")) from exc
        _log("case.assigned", case=case, by=by, request=request, user_id=user.pk)
    return assignment


def case_unassign(*, case: Case, by: User, user: User, request: HttpRequest | None = None) -> None:
    _require_coordinator(case, by)
    with transaction.atomic():
        _require_writable(case, "unassign")
        deleted, _unused = CaseAssignment.objects.filter(case=case, user=user).delete()
        report_services.identity_grants_end(reports=list(_reports(case)), user=user, by=by, request=request)
        if deleted:
            _log("case.unassigned", case=case, by=by, request=request, user_id=user.pk)


def _reports(case: Case) -> Any:
    return Report.objects.filter(case_link__case=case)


def _check_implication(case: Case, by: User, user: User) -> None:
    """The refusals for marking someone implicated, clearest message first."""
    if user.organisation_id != case.organisation_id:
        raise ValidationError(_("Only people of this organisation can be marked."))
    if user.pk == by.pk:
        raise ValidationError(_("Ask another coordinator to mark you as implicated."))
    if not access.can_decide_implication(by, case, user):
        raise PermissionDenied


def case_mark_implicated(*, case: Case, by: User, user: User, request: HttpRequest | None = None) -> None:
    """The person loses the case and its reports, for good. Decided by the reporting point,
    or by the case principal where the case concerns a coordinator (``access.implications``)."""
    _check_implication(case, by, user)
    with transaction.atomic():
        _require_writable(case, "implicate")
        _exclude(case=case, by=by, user=user, request=request)


def _exclude(*, case: Case, by: User, user: User, request: HttpRequest | None) -> None:
    with transaction.atomic():
        _obj, created = CaseImplication.objects.get_or_create(case=case, user=user, defaults={"marked_by": by})
        CaseAssignment.objects.filter(case=case, user=user).delete()
        report_services.identity_grants_end(reports=list(_reports(case)), user=user, by=by, request=request)
        if created:
            _log("case.implicated_marked", case=case, by=by, request=request, user_id=user.pk)


def case_implication_withdraw(
    *, case: Case, by: User, user: User, reason: str, request: HttpRequest | None = None
) -> CaseImplicationWithdrawal:
    """Take back a mistaken implication in the case, with a reason (kept encrypted). The
    person may be assigned again; they are not given the case back by this alone."""
    implication = CaseImplication.objects.filter(case=case, user=user).first()
    if implication is None or not access.can_decide_implication(by, case, user):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Explain why the implication was a mistake.")})
    with transaction.atomic():
        _require_writable(case, "implicate")
        withdrawal = CaseImplicationWithdrawal(
            case=case,
            user=user,
            marked_by_id=implication.marked_by_id,
            marked_at=implication.created_at,
            withdrawn_by=by,
            reason=reason,
        )
        withdrawal.full_clean()
        withdrawal.save()
        implication.delete()
        _log(
            "case.implication_withdrawn",
            case=case,
            by=by,
            request=request,
            user_id=user.pk,
            withdrawal_id=withdrawal.pk,
        )
    return withdrawal


def cases_hand_over(
    *, organisation: Organisation, by: User, from_user: User, to_user: User, request: HttpRequest | None = None
) -> int:
    """A handler leaves: all their open cases (and reports) go to a colleague in one step."""
    if not access.can_hand_over(by) or by.organisation_id != organisation.pk:
        raise PermissionDenied
    if from_user.organisation_id != organisation.pk or to_user.organisation_id != organisation.pk:
        raise ValidationError(_("Both people must belong to this organisation."))
    if from_user.pk == to_user.pk:
        raise ValidationError(_("Choose two different people."))
    moved = 0
    with transaction.atomic():
        cases = Case.objects.filter(
            organisation=organisation, assignments__user=from_user, state__in=workflow.OPEN_STATES
        ).distinct()
        for case in cases:
            if not CaseAssignment.objects.filter(case=case, user=to_user).exists():
                case_assign(case=case, by=by, user=to_user, request=request)
            case_unassign(case=case, by=by, user=from_user, request=request)
            moved += 1
        reports = Report.objects.filter(
            organisation=organisation, assignments__user=from_user, case_link__isnull=True
        ).exclude(status=Status.CLOSED)
        for report in reports:
            if not report.assignments.filter(user=to_user).exists():
                report_services.report_assign(report=report, by=by, user=to_user, request=request)
            report_services.report_unassign(report=report, by=by, user=from_user, request=request)
            moved += 1
        audit_log(
            action="case.handed_over",
            actor=by,
            organisation_id=organisation.pk,
            request=request,
            details={"from_user_id": from_user.pk, "to_user_id": to_user.pk, "items": moved},
        )
    return moved


def party_add(
    *,
    case: Case,
    by: User,
    role: str,
    name: str = "",
    function: str = "",
    email: str = "",
    phone: str = "",
    user: User | None = None,
    request: HttpRequest | None = None,
) -> Party:
    """A person in the case. A subject with an account loses the case at once when the one
    who adds them may decide implications; otherwise those who may are asked to decide."""
    _require(case, by, "party")
    if role == PartyRole.REPORTER:
        raise ValidationError({"role": _("Reporters are linked through their report.")})
    if user is not None and user.organisation_id != case.organisation_id:
        raise ValidationError({"user": _("Only people of this organisation can be linked.")})
    with transaction.atomic():
        _require_writable(case, "party")
        party = Party(case=case, role=role, name=name, function=function, email=email, phone=phone, user=user)
        party.full_clean()
        party.save()
        _log("case.party_added", case=case, by=by, request=request, party_id=party.pk, role=role)
        if user is not None and role == PartyRole.SUBJECT:
            if access.can_decide_implication(by, case, user):
                _exclude(case=case, by=by, user=user, request=request)
            elif not access.implicated_in_case(case.pk).filter(pk=user.pk).exists():
                _log("case.implication_proposed", case=case, by=by, request=request, party_id=party.pk)
                _ask_deciders_on_commit(case, user)
    return party


def _ask_deciders_on_commit(case: Case, person: User) -> None:
    case_id, person_id = case.pk, person.pk

    def enqueue() -> None:
        from django_q.tasks import async_task

        async_task("open_integriteit.cases.tasks.ask_to_decide_implication", case_id, person_id)

    transaction.on_commit(enqueue)


# --- Records ------------------------------------------------------------------------------


def risk_assess(
    *, case: Case, by: User, level: str, notes: str = "", request: HttpRequest | None = None
) -> RetaliationRisk:
    _require(case, by, "risk")
    with transaction.atomic():
        _require_writable(case, "risk")
        risk = RetaliationRisk(case=case, level=level, notes=notes, assessed_by=by)
        risk.full_clean()
        risk.save()
        _log("case.retaliation_risk_assessed", case=case, by=by, request=request, level=level)
    return risk


def assessment_record(
    *, case: Case, by: User, investigable: bool, reasoning: str, request: HttpRequest | None = None
) -> Assessment:
    _require(case, by, "assessment")
    with transaction.atomic():
        _require_writable(case, "assessment")
        assessment = Assessment(case=case, investigable=investigable, reasoning=reasoning, assessed_by=by)
        assessment.full_clean()
        assessment.save()
        _log("case.assessment_recorded", case=case, by=by, request=request, investigable=investigable)
    return assessment


def allegation_add(*, case: Case, by: User, description: str, request: HttpRequest | None = None) -> Allegation:
    _require(case, by, "allegation")
    with transaction.atomic():
        _require_writable(case, "allegation")
        allegation = Allegation(case=case, description=description)
        allegation.full_clean()
        allegation.save()
        _log("case.allegation_added", case=case, by=by, request=request, allegation_id=allegation.pk)
    return allegation


def finding_record(
    *, allegation: Allegation, by: User, outcome: str, explanation: str = "", request: HttpRequest | None = None
) -> Finding:
    case = allegation.case
    _require(case, by, "finding")
    with transaction.atomic():
        _require_writable(case, "finding")
        finding, _created = Finding.objects.update_or_create(
            allegation=allegation, defaults={"outcome": outcome, "explanation": explanation, "established_by": by}
        )
        finding.full_clean()
        _log("case.finding_recorded", case=case, by=by, request=request, allegation_id=allegation.pk, outcome=outcome)
    return finding


def hearing_record(
    *,
    case: Case,
    by: User,
    party: Party,
    held_on: dt.date,
    heard_by: str,
    summary: str,
    reaction: str = "",
    documents: list[CaseDocument] | None = None,
    request: HttpRequest | None = None,
) -> Hearing:
    _require(case, by, "hearing")
    if party.case_id != case.pk:
        raise ValidationError({"party": _("Choose a party of this case.")})
    with transaction.atomic():
        _require_writable(case, "hearing")
        hearing = Hearing(
            case=case,
            party=party,
            held_on=held_on,
            heard_by=heard_by,
            summary=summary,
            reaction=reaction,
            recorded_by=by,
        )
        hearing.full_clean()
        hearing.save()
        if documents:
            hearing.documents.set([d for d in documents if d.case_id == case.pk])
        _log("case.hearing_recorded", case=case, by=by, request=request, hearing_id=hearing.pk, party_id=party.pk)
    return hearing


def measure_add(
    *,
    case: Case,
    by: User,
    kind: str,
    decided_on: dt.date,
    description: str = "",
    party: Party | None = None,
    request: HttpRequest | None = None,
) -> Measure:
    _require(case, by, "measure")
    with transaction.atomic():
        _require_writable(case, "measure")
        measure = Measure(
            case=case, kind=kind, decided_on=decided_on, description=description, party=party, decided_by=by
        )
        measure.full_clean()
        measure.save()
        _log("case.measure_added", case=case, by=by, request=request, measure_id=measure.pk, kind=kind)
    return measure


def protective_measure_add(
    *,
    case: Case,
    by: User,
    description: str,
    started_on: dt.date,
    follow_up_on: dt.date | None,
    request: HttpRequest | None = None,
) -> ProtectiveMeasure:
    """Protection of the reporter; may be added and followed up also after closure."""
    _require(case, by, "protection")
    with transaction.atomic():
        _require_writable(case, "protection")
        measure = ProtectiveMeasure(
            case=case, description=description, started_on=started_on, follow_up_on=follow_up_on, created_by=by
        )
        measure.full_clean()
        measure.save()
        _log("case.protection_added", case=case, by=by, request=request, measure_id=measure.pk)
    return measure


def protective_measure_update(
    *,
    measure: ProtectiveMeasure,
    by: User,
    follow_up_on: dt.date | None,
    ended_on: dt.date | None,
    request: HttpRequest | None = None,
) -> ProtectiveMeasure:
    _require(measure.case, by, "protection")
    with transaction.atomic():
        _require_writable(measure.case, "protection_update")
        measure.follow_up_on = follow_up_on
        measure.ended_on = ended_on
        measure.full_clean()
        measure.save(update_fields=["follow_up_on", "ended_on"])
        _log(
            "case.protection_updated",
            case=measure.case,
            by=by,
            request=request,
            measure_id=measure.pk,
            ended=bool(ended_on),
        )
    return measure


EXTERNAL_FIELDS = (
    "investigated_by",
    "external_bureau",
    "bureau_assigned_on",
    "external_costs",
    "external_body",
    "external_body_on",
    "fraud_involved",
    "accountant_informed_on",
)


def external_update(*, case: Case, by: User, request: HttpRequest | None = None, **fields: Any) -> Case:
    """External investigation, referral, fraud and accountant: who, when, costs."""
    _require(case, by, "external")
    if set(fields) - set(EXTERNAL_FIELDS):
        raise ValidationError(_("Unknown field."))
    with transaction.atomic():
        _require_writable(case, "external")
        for name, value in fields.items():
            char_field = name in {"investigated_by", "external_bureau", "external_body"}
            setattr(case, name, (value or "") if char_field else value)
        if case.fraud_involved is False:
            case.accountant_informed_on = None
        if isinstance(case.external_costs, Decimal) and case.external_costs < 0:
            raise ValidationError({"external_costs": _("Costs cannot be negative.")})
        case.full_clean()
        case.save()
        _log(
            "case.external_updated",
            case=case,
            by=by,
            request=request,
            investigated_by=case.investigated_by,
            fraud=case.fraud_involved,
        )
    return case


def document_add(
    *,
    case: Case,
    by: User,
    title: str,
    file: CheckedFile,
    series: int | None = None,
    request: HttpRequest | None = None,
) -> CaseDocument:
    """Add a document, or a new version of one (same ``series``). Encrypted like attachments."""
    _require(case, by, "document")
    with storage.removed_on_failure() as written, transaction.atomic():
        _require_writable(case, "document")
        if series is None:
            series = (CaseDocument.objects.filter(case=case).aggregate(m=Max("series"))["m"] or 0) + 1
            version = 1
        else:
            previous = CaseDocument.objects.filter(case=case, series=series).aggregate(m=Max("version"))["m"]
            if previous is None:
                raise ValidationError(_("Unknown document."))
            version = previous + 1
        name, key_id = storage.save_encrypted(file.data)
        written.append(name)
        document = CaseDocument(
            case=case,
            series=series,
            version=version,
            title=title,
            filename=file.filename,
            content_type=file.content_type,
            size=len(file.data),
            stored_name=name,
            key_id=key_id,
            added_by=by,
        )
        document.full_clean()
        document.save()
        _log("case.document_added", case=case, by=by, request=request, document_id=document.pk, version=version)
    return document


def document_read(*, document: CaseDocument, by: User, request: HttpRequest | None = None) -> bytes:
    data = storage.read_decrypted(document.stored_name)
    _log("case.document_downloaded", case=document.case, by=by, request=request, document_id=document.pk)
    return data


def note_add(*, case: Case, by: User, text: str, request: HttpRequest | None = None) -> Note:
    _require(case, by, "note")
    if not text.strip():
        raise ValidationError({"text": _("The note is empty.")})
    with transaction.atomic():
        _require_writable(case, "note")
        note = Note(case=case, text=text, author=by)
        note.full_clean()
        note.save()
        search.index_case(case=case)
        _log("case.note_added", case=case, by=by, request=request, note_id=note.pk)
    return note


def lessons_update(*, case: Case, by: User, lessons_learned: str, request: HttpRequest | None = None) -> Case:
    _require(case, by, "lessons")
    with transaction.atomic():
        _require_writable(case, "lessons")
        case.lessons_learned = lessons_learned
        case.save(update_fields=["lessons_learned"])
        _log("case.lessons_updated", case=case, by=by, request=request)
    return case


SUMMARY_FIELDS = (
    "summary_year",
    "summary_principal",
    "summary_description",
    "summary_object",
    "summary_findings",
    "summary_consequence",
    "summary_bureau",
)


def summary_update(*, case: Case, by: User, request: HttpRequest | None = None, **fields: Any) -> Case:
    _require(case, by, "summary")
    if set(fields) - set(SUMMARY_FIELDS):
        raise ValidationError(_("Unknown field."))
    with transaction.atomic():
        _require_writable(case, "summary")
        for name, value in fields.items():
            setattr(case, name, value if name == "summary_year" else (value or ""))
        case.summary_final_at = None
        case.full_clean()
        case.save()
        _log("case.summary_updated", case=case, by=by, request=request)
    return case


def summary_check(case: Case) -> list[str]:
    """Problems that prevent the summary from being final. Names of anyone the organisation
    knows, contact details and BSNs are refused (``core.anonymity``); a problem names the
    field, never what was found in it."""
    check = AnonymityCheck.for_organisation(case.organisation_id)
    problems: list[str] = []
    for name in SUMMARY_FIELDS:
        for problem in check.problems(str(getattr(case, name) or "")):
            label = capfirst(Case._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
            problems.append(_("%(field)s: %(problem)s") % {"field": label, "problem": problem.message})
    if not (case.summary_year and case.summary_description and case.summary_findings and case.summary_consequence):
        problems.append(_("Fill in at least the year, description, findings and consequence."))
    return problems


def summary_finalise(*, case: Case, by: User, request: HttpRequest | None = None) -> Case:
    """Mark the council summary final, after checking it leads back to nobody."""
    _require(case, by, "summary")
    with transaction.atomic():
        _require_writable(case, "summary_final")
        problems = summary_check(case)
        if problems:
            raise ValidationError(problems)
        case.summary_final_at = timezone.now()
        case.save(update_fields=["summary_final_at"])
        _log("case.summary_finalised", case=case, by=by, request=request)
    return case
