"""Staff pages for cases. Fetch through selectors (need-to-know, audited reads), change
through services (the transition table, roles, audit)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from open_integriteit.accounts.decorators import staff_required
from open_integriteit.accounts.models import ASSIGNABLE_ROLES, Role, User
from open_integriteit.core.forms import add_service_error
from open_integriteit.core.views import download_response, run_form_action
from open_integriteit.reports import selectors as report_selectors
from open_integriteit.reports.models import Report

from . import retention, selectors, services, workflow
from .forms import (
    AddReportForm,
    AllegationForm,
    AssessmentForm,
    CaseCreateForm,
    CaseFilterForm,
    DocumentForm,
    ExternalForm,
    FindingForm,
    HandOverForm,
    HearingForm,
    LessonsForm,
    MeasureForm,
    NoteForm,
    PartyForm,
    PersonForm,
    ProtectionForm,
    ProtectionUpdateForm,
    RetaliationForm,
    RetentionForm,
    RiskForm,
    SummaryForm,
    TransitionForm,
)
from .models import Allegation, Case, Outcome, ProtectiveMeasure, RetentionPolicy
from .timeline import label_events


def _user(request: HttpRequest) -> User:
    user: Any = request.user
    if not user.can_receive_content:
        raise Http404
    return user


def _coordinator(request: HttpRequest) -> User:
    user = _user(request)
    if not user.has_role(Role.COORDINATOR):
        raise Http404
    return user


def _free_reports(user: User) -> Any:
    return report_selectors.report_queryset_for_user(user=user).filter(case_link__isnull=True).order_by("-received_at")


@staff_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = CaseFilterForm(request.GET or None, organisation=user.organisation)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = selectors.case_list_for_user(user=user, filters=filters)
    return render(request, "cases/list.html", {"cases": cases, "filter_form": form, "nav": "cases"})


@staff_required
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponseBase:
    user = _coordinator(request)
    reports = _free_reports(user)
    initial: dict[str, Any] = {}
    if request.GET.get("report"):
        report = reports.filter(reference=request.GET["report"]).first()
        if report is not None:
            initial = {"reports": [report.pk], "ground": report.ground, "category": report.category_id}
    form = CaseCreateForm(request.POST or None, organisation=user.organisation, reports=reports, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create(
                organisation=user.organisation,  # type: ignore[arg-type]
                by=user,
                title=form.cleaned_data["title"],
                ground=form.cleaned_data["ground"],
                category=form.cleaned_data["category"],
                reports=list(form.cleaned_data["reports"]),
                signal=form.cleaned_data["signal"],
                request=request,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The case has been created."))
            return redirect("cases:detail", reference=case.reference)
    return render(request, "cases/create.html", {"form": form, "nav": "cases"})


def _forms(request: HttpRequest, case: Case, user: User) -> dict[str, Form]:
    assignable = (
        report_selectors.User.objects.filter(
            organisation_id=case.organisation_id, is_active=True, role_assignments__role__in=ASSIGNABLE_ROLES
        )
        .exclude(role_assignments__role=Role.ADMINISTRATOR)
        .exclude(case_implications__case=case)
        .distinct()
    )
    people = User.objects.filter(organisation_id=case.organisation_id, is_active=True).order_by("username")
    summary_initial = {name: getattr(case, name) for name in services.SUMMARY_FIELDS}
    external_initial = {
        name: getattr(case, name)
        for name in (
            "investigated_by",
            "external_bureau",
            "bureau_assigned_on",
            "external_costs",
            "external_body",
            "external_body_on",
            "fraud_involved",
            "accountant_informed_on",
        )
    }
    return {
        "assign_form": PersonForm(queryset=assignable, label=_("Assign a colleague"), prefix="assign"),
        "implicate_form": PersonForm(queryset=people, label=_("Mark as implicated"), prefix="implicate"),
        "add_report_form": AddReportForm(
            queryset=_free_reports(user).filter(organisation_id=case.organisation_id), prefix="report"
        ),
        "party_form": PartyForm(organisation=case.organisation, prefix="party"),
        "risk_form": RiskForm(prefix="risk"),
        "assessment_form": AssessmentForm(prefix="assessment"),
        "allegation_form": AllegationForm(prefix="allegation"),
        "hearing_form": HearingForm(case=case, prefix="hearing"),
        "measure_form": MeasureForm(prefix="measure"),
        "protection_form": ProtectionForm(prefix="protection"),
        "external_form": ExternalForm(prefix="external", initial=external_initial),
        "document_form": DocumentForm(prefix="document"),
        "note_form": NoteForm(prefix="note"),
        "lessons_form": LessonsForm(prefix="lessons", initial={"lessons_learned": case.lessons_learned}),
        "summary_form": SummaryForm(prefix="summary", initial=summary_initial),
        "retaliation_form": RetaliationForm(prefix="retaliation"),
    }


def _finding_form(allegation: Allegation, finding: Any) -> FindingForm:
    initial: dict[str, Any] = {"allegation": allegation.pk}
    if finding is not None:
        initial.update(outcome=finding.outcome, explanation=finding.explanation)
    return FindingForm(prefix=f"finding-{allegation.pk}", initial=initial)


def _context(request: HttpRequest, case: Case, user: User, **overrides: Form) -> dict[str, Any]:
    allegations = list(case.allegations.all())
    findings = {a.pk: getattr(a, "finding", None) for a in allegations}
    documents: dict[int, list[Any]] = {}
    for document in case.documents.select_related("added_by"):
        documents.setdefault(document.series, []).append(document)
    context: dict[str, Any] = {
        "case": case,
        "nav": "cases",
        "transitions": workflow.available(state=case.state, roles=user.role_set),
        "reports": selectors.case_reports(case=case),
        "parties": case.parties.select_related("report", "user"),
        "risks": case.risk_assessments.all(),
        "assessments": case.assessments.select_related("assessed_by"),
        "allegations": [(a, findings[a.pk], _finding_form(a, findings[a.pk])) for a in allegations],
        "hearings": case.hearings.select_related("party").prefetch_related("documents"),
        "measures": case.measures.all(),
        "protections": [
            (
                p,
                ProtectionUpdateForm(
                    prefix=f"protection-{p.pk}",
                    initial={"measure": p.pk, "follow_up_on": p.follow_up_on, "ended_on": p.ended_on},
                ),
            )
            for p in case.protective_measures.all()
        ],
        "documents": sorted(documents.values(), key=lambda versions: versions[0].series),
        "notes": case.notes.select_related("author"),
        "assignments": case.assignments.select_related("user"),
        "implications": case.implications.select_related("user"),
        "retaliation_complaints": case.retaliation_complaints.all(),
        "timeline": label_events(selectors.case_timeline(case=case)),
        "summary_problems": services.summary_check(case) if case.summary_description else [],
        "retention_ends": retention.retention_ends(case),
        "is_coordinator": user.has_role(Role.COORDINATOR),
        "is_open": case.state in workflow.OPEN_STATES,
        "transition_forms": {
            t.name: TransitionForm(prefix=t.name, initial={"transition": t.name})
            for t in workflow.available(state=case.state, roles=user.role_set)
        },
    }
    context.update(_forms(request, case, user))
    context.update(overrides)
    return context


@staff_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    case = selectors.case_get_for_user(user=user, reference=reference, request=request)
    return render(request, "cases/detail.html", _context(request, case, user))


@staff_required
@require_POST
def case_action(request: HttpRequest, reference: str, action: str) -> HttpResponseBase:
    user = _user(request)
    case = selectors.case_get_for_user(user=user, reference=reference, request=request, log=False)
    post, files = request.POST, request.FILES
    people = User.objects.filter(organisation_id=case.organisation_id, is_active=True)
    result: Any
    try:
        if action == "transition":
            name = post.get("transition", "")
            form: Form = TransitionForm(post, prefix=name)
            result = run_form_action(
                "transition_error",
                form,
                lambda d: services.case_transition(
                    case=case, by=user, transition=d["transition"], reason=d["reason"], request=request
                ),
                _("The case has moved on."),
            )
        elif action == "assign":
            result = run_form_action(
                "assign_form",
                PersonForm(post, queryset=people, prefix="assign"),
                lambda d: services.case_assign(case=case, by=user, user=d["user"], request=request),
                _("The colleague has been assigned."),
            )
        elif action == "unassign":
            result = run_form_action(
                "assign_form",
                PersonForm(post, queryset=people, prefix="unassign"),
                lambda d: services.case_unassign(case=case, by=user, user=d["user"], request=request),
                _("The assignment has been ended."),
            )
        elif action == "implicate":
            result = run_form_action(
                "implicate_form",
                PersonForm(post, queryset=people, prefix="implicate"),
                lambda d: services.case_mark_implicated(case=case, by=user, user=d["user"], request=request),
                _("The person has been marked as implicated and can no longer see this case."),
            )
        elif action == "add_report":
            result = run_form_action(
                "add_report_form",
                AddReportForm(post, queryset=_free_reports(user), prefix="report"),
                lambda d: services.case_add_report(case=case, by=user, report=d["report"], request=request),
                _("The report has been added to the case."),
            )
        elif action == "party":
            result = run_form_action(
                "party_form",
                PartyForm(post, organisation=case.organisation, prefix="party"),
                lambda d: services.party_add(case=case, by=user, request=request, **d),
                _("The party has been added."),
            )
        elif action == "risk":
            result = run_form_action(
                "risk_form",
                RiskForm(post, prefix="risk"),
                lambda d: services.risk_assess(case=case, by=user, request=request, **d),
                _("The risk assessment has been recorded."),
            )
        elif action == "assessment":
            result = run_form_action(
                "assessment_form",
                AssessmentForm(post, prefix="assessment"),
                lambda d: services.assessment_record(case=case, by=user, request=request, **d),
                _("The assessment has been recorded."),
            )
        elif action == "allegation":
            result = run_form_action(
                "allegation_form",
                AllegationForm(post, prefix="allegation"),
                lambda d: services.allegation_add(case=case, by=user, request=request, **d),
                _("The allegation has been added."),
            )
        elif action == "finding":
            allegation = Allegation.objects.filter(case=case, pk=post.get("allegation_id") or 0).first()
            if allegation is None:
                raise Http404
            result = run_form_action(
                "finding_error",
                FindingForm(post, prefix=f"finding-{allegation.pk}"),
                lambda d: services.finding_record(
                    allegation=allegation, by=user, outcome=d["outcome"], explanation=d["explanation"], request=request
                ),
                _("The finding has been recorded."),
            )
        elif action == "hearing":
            result = run_form_action(
                "hearing_form",
                HearingForm(post, case=case, prefix="hearing"),
                lambda d: services.hearing_record(
                    case=case,
                    by=user,
                    request=request,
                    party=d["party"],
                    held_on=d["held_on"],
                    heard_by=d["heard_by"],
                    summary=d["summary"],
                    reaction=d["reaction"],
                    documents=list(d["documents"]),
                ),
                _("The hearing has been recorded."),
            )
        elif action == "measure":
            result = run_form_action(
                "measure_form",
                MeasureForm(post, prefix="measure"),
                lambda d: services.measure_add(case=case, by=user, request=request, **d),
                _("The measure has been recorded."),
            )
        elif action == "protection":
            result = run_form_action(
                "protection_form",
                ProtectionForm(post, prefix="protection"),
                lambda d: services.protective_measure_add(case=case, by=user, request=request, **d),
                _("The protective measure has been recorded."),
            )
        elif action == "protection_update":
            measure = ProtectiveMeasure.objects.filter(case=case, pk=post.get("measure_id") or 0).first()
            if measure is None:
                raise Http404
            result = run_form_action(
                "protection_error",
                ProtectionUpdateForm(post, prefix=f"protection-{measure.pk}"),
                lambda d: services.protective_measure_update(
                    measure=measure, by=user, follow_up_on=d["follow_up_on"], ended_on=d["ended_on"], request=request
                ),
                _("The protective measure has been updated."),
            )
        elif action == "external":
            result = run_form_action(
                "external_form",
                ExternalForm(post, prefix="external"),
                lambda d: services.external_update(case=case, by=user, request=request, **d),
                _("The details have been saved."),
            )
        elif action == "document":
            doc_form = DocumentForm(post, files, prefix="document")
            result = run_form_action(
                "document_form",
                doc_form,
                lambda d: services.document_add(
                    case=case, by=user, title=d["title"], file=d["file"][0], series=d["series"], request=request
                ),
                _("The document has been added."),
            )
        elif action == "note":
            result = run_form_action(
                "note_form",
                NoteForm(post, prefix="note"),
                lambda d: services.note_add(case=case, by=user, text=d["text"], request=request),
                _("The note has been added."),
            )
        elif action == "lessons":
            result = run_form_action(
                "lessons_form",
                LessonsForm(post, prefix="lessons"),
                lambda d: services.lessons_update(
                    case=case, by=user, lessons_learned=d["lessons_learned"], request=request
                ),
                _("The lessons learned have been saved."),
            )
        elif action == "summary":
            result = run_form_action(
                "summary_form",
                SummaryForm(post, prefix="summary"),
                lambda d: services.summary_update(case=case, by=user, request=request, **d),
                _("The summary has been saved."),
            )
        elif action == "summary_final":
            summary_form = SummaryForm(prefix="summary", initial={n: getattr(case, n) for n in services.SUMMARY_FIELDS})
            try:
                services.summary_finalise(case=case, by=user, request=request)
            except ValidationError as exc:
                summary_form.is_bound = False
                result = ("summary_final_errors", exc.messages)
            else:
                result = _("The summary is final.")
        elif action == "retaliation":
            created: dict[str, Case] = {}

            def make(d: dict[str, Any]) -> None:
                created["case"] = services.retaliation_complaint_create(
                    original=case, by=user, title=d["title"], description=d["description"], request=request
                )

            result = run_form_action(
                "retaliation_form",
                RetaliationForm(post, prefix="retaliation"),
                make,
                _("The retaliation complaint has been registered as its own case."),
            )
            if isinstance(result, str):
                messages.success(request, result)
                return redirect("cases:detail", reference=created["case"].reference)
        else:
            raise Http404
    except PermissionDenied as exc:
        if not selectors.user_can_handle_case(user=user, case=case):
            raise Http404 from None
        messages.error(request, str(exc) if exc.args else _("You are not allowed to do this."))
        return redirect("cases:detail", reference=case.reference)
    except DatabaseError:
        messages.error(
            request, _("Saving failed because of a technical problem. Nothing was changed; please try again.")
        )
        return redirect("cases:detail", reference=case.reference)
    if isinstance(result, tuple):
        name, form_or_errors = result
        messages.error(request, _("The change was not saved. Correct the marked fields."))
        case = selectors.case_get_for_user(user=user, reference=reference, request=request)
        context = _context(request, case, user)
        context[name] = form_or_errors
        return render(request, "cases/detail.html", context, status=400)
    messages.success(request, result)
    if not selectors.user_can_handle_case(user=user, case=case):
        return redirect("cases:list")
    return redirect("cases:detail", reference=case.reference)


@staff_required
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    document = selectors.document_get_for_user(user=user, pk=pk)
    data = services.document_read(document=document, by=user, request=request)
    return download_response(data, content_type=document.content_type, filename=document.filename)


@staff_required
@require_http_methods(["GET", "POST"])
def hand_over(request: HttpRequest) -> HttpResponseBase:
    user = _coordinator(request)
    staff = User.objects.filter(organisation=user.organisation, role_assignments__role__in=ASSIGNABLE_ROLES).distinct()
    leaving = (
        staff.filter(case_assignments__isnull=False).distinct()
        | staff.filter(report_assignments__isnull=False).distinct()
    )
    form = HandOverForm(
        request.POST or None,
        leaving=leaving.distinct(),
        taking=staff.filter(is_active=True).exclude(role_assignments__role=Role.ADMINISTRATOR),
    )
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.cases_hand_over(
                organisation=user.organisation,  # type: ignore[arg-type]
                by=user,
                from_user=form.cleaned_data["from_user"],
                to_user=form.cleaned_data["to_user"],
                request=request,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d case or report has been handed over.",
                    "%(count)d cases and reports have been handed over.",
                    moved,
                )
                % {"count": moved},
            )
            return redirect("cases:list")
    return render(request, "cases/hand_over.html", {"form": form, "nav": "cases"})


@staff_required
@require_http_methods(["GET", "POST"])
def retention_settings(request: HttpRequest) -> HttpResponseBase:
    user = _coordinator(request)
    current = {o: retention.retention_months(organisation_id=user.organisation_id, outcome=o) for o in Outcome.values}  # type: ignore[arg-type]
    form = RetentionForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        for outcome in Outcome.values:
            RetentionPolicy.objects.update_or_create(
                organisation=user.organisation, outcome=outcome, defaults={"months": form.cleaned_data[outcome]}
            )
        from open_integriteit.audit.services import audit_log

        audit_log(action="retention.policy_changed", actor=user, organisation_id=user.organisation_id, request=request)
        messages.success(request, _("The retention periods have been saved."))
        return redirect("cases:retention")
    return render(
        request, "cases/retention.html", {"form": form, "defaults": retention.DEFAULT_RETENTION_MONTHS, "nav": "cases"}
    )


__all__ = ["Report"]
