"""Staff pages for cases. Fetch through selectors (need-to-know, audited reads), change
through services (the transition table, roles, audit)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from open_integriteit.access import cases as access
from open_integriteit.access import roles
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.accounts.models import User
from open_integriteit.core.actions import Action, ActionContext, ActionPage, perform
from open_integriteit.core.export import audited_csv_response
from open_integriteit.core.forms import (
    ConfirmForm,
    PersonForm,
    PersonReasonForm,
    add_service_error,
    filters_or_message,
)
from open_integriteit.core.paging import paginate
from open_integriteit.core.views import download_response
from open_integriteit.reports import selectors as report_selectors
from open_integriteit.reports.deadlines import report_deadlines
from open_integriteit.reports.models import Anonymity, Status

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
    ProtectionForm,
    ProtectionUpdateForm,
    RetaliationForm,
    RiskForm,
    SummaryForm,
    TransitionForm,
)
from .models import Allegation, Case, ProtectiveMeasure
from .timeline import label_events


def _user(request: HttpRequest, allowed: Any = access.can_list_cases) -> User:
    """The user, if ``allowed`` (a predicate of ``access.cases``) lets them in; else 404."""
    user: Any = request.user
    if not allowed(user):
        raise Http404
    return user


def _free_reports(user: User) -> Any:
    """Reports that may still join a case: in none yet, and not closed (ADR 0008)."""
    return (
        report_selectors.report_queryset_for_user(user=user)
        .filter(case_link__isnull=True)
        .exclude(status=Status.CLOSED)
        .order_by("-received_at")
    )


def _case_filters(request: HttpRequest, user: User) -> tuple[CaseFilterForm, dict[str, Any]]:
    form = CaseFilterForm(
        request.GET or None, organisation=user.organisation, cases_in_use=selectors.case_queryset_for_user(user=user)
    )
    return form, filters_or_message(request, form)


@staff_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form, filters = _case_filters(request, user)
    paging = paginate(request, selectors.case_list_queryset_for_user(user=user, filters=filters))
    may = {"create": access.can_create_case(user), "hand_over": access.can_hand_over(user)}
    may["retention"] = access.can_set_retention(user)
    context = {"cases": paging["page"], "filter_form": form, "may": may, "nav": "cases", **paging}
    return render(request, "cases/list.html", context)


# The most rows one CSV download holds (the newest first); the filters narrow it down.
CSV_LIMIT = 20_000


@staff_required
def case_list_csv(request: HttpRequest) -> HttpResponse:
    """The case list as CSV: what the list shows, without the working title (content)."""
    user = _user(request)
    form, filters = _case_filters(request, user)
    cases = list(
        selectors.case_list_queryset_for_user(user=user, filters=filters, with_title=False).prefetch_related(
            "assignments__user"
        )[:CSV_LIMIT]
    )
    deadline_labels = {"overdue": _("overdue"), "due_soon": _("due soon"), "on_time": _("on time")}
    rows = [
        (
            case.reference,
            case.get_state_display(),
            case.get_ground_display(),
            case.category.name if case.category else "",
            deadline_labels.get(case.deadline_state, ""),  # type: ignore[attr-defined]
            ", ".join(selectors.case_handler_names(case)),
            case.created_at,
            case.closed_at,
        )
        for case in cases
    ]
    headers = (
        _("Reference"),
        _("State"),
        _("Ground"),
        _("Category"),
        _("Deadline"),
        _("Handler"),
        _("Opened"),
        _("Closed"),
    )
    return audited_csv_response(
        request, action="case.list_exported", form=form, headers=headers, rows=rows, name="zaken"
    )


@staff_required
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponseBase:
    user = _user(request, access.can_create_case)
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
    summary_initial = {name: getattr(case, name) for name in services.SUMMARY_FIELDS}
    external_initial = {name: getattr(case, name) for name in services.EXTERNAL_FIELDS}
    return {
        "assign_form": PersonForm(
            queryset=selectors.assignable_users(case=case), label=_("Assign a colleague"), prefix="assign"
        ),
        "implicate_form": PersonForm(
            queryset=selectors.implicatable_people(user=user, case=case),
            label=_("Mark as implicated"),
            prefix="implicate",
        ),
        "withdraw_form": _withdraw_form(None, case),
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


def _withdraw_form(data: Any, case: Case) -> PersonReasonForm:
    return PersonReasonForm(
        data,
        queryset=User.objects.filter(case_implications__case=case),
        label=_("Implicated person"),
        reason_label=_("Why was marking this person a mistake?"),
        prefix="withdraw",
    )


def _may(user: User, case: Case) -> dict[str, bool]:
    """What the page offers this user: asked of ``access.cases``, enforced again by the services."""
    may = access.work_allowed(user, case)
    may["coordinate"] = access.can_coordinate_case(user, case)
    may["implicate"] = access.people_user_may_implicate(user, case).exists()
    return may


def _finding_form(allegation: Allegation, finding: Any) -> FindingForm:
    initial: dict[str, Any] = {"allegation": allegation.pk}
    if finding is not None:
        initial.update(outcome=finding.outcome, explanation=finding.explanation)
    return FindingForm(prefix=f"finding-{allegation.pk}", initial=initial)


# The sections of the case page, in the order of the in-page menu: (anchor, menu label).
SECTIONS: list[tuple[str, Any]] = [
    ("next-step", gettext_lazy("Next step")),
    ("reports", gettext_lazy("Reports")),
    ("parties", gettext_lazy("Parties")),
    ("risk", gettext_lazy("Risk")),
    ("assessment", gettext_lazy("Assessment")),
    ("external", gettext_lazy("Investigation")),
    ("allegations", gettext_lazy("Allegations")),
    ("hearings", gettext_lazy("Hearings")),
    ("measures", gettext_lazy("Measures")),
    ("protection", gettext_lazy("Protection")),
    ("documents", gettext_lazy("Documents")),
    ("summary", gettext_lazy("Summary")),
    ("notes", gettext_lazy("Notes")),
    ("team", gettext_lazy("Team")),
    ("timeline", gettext_lazy("Timeline")),
]
SECTION_NAMES = frozenset(name for name, _label in SECTIONS)

# Where the page returns to after each action (post/redirect/get to the section's anchor).
ACTION_SECTIONS: dict[str, str] = {
    "transition": "next-step",
    "assign": "team",
    "unassign": "team",
    "implicate": "team",
    "withdraw_implication": "team",
    "add_report": "reports",
    "party": "parties",
    "risk": "risk",
    "assessment": "assessment",
    "allegation": "allegations",
    "finding": "allegations",
    "hearing": "hearings",
    "measure": "measures",
    "protection": "protection",
    "protection_update": "protection",
    "retaliation": "protection",
    "external": "external",
    "document": "documents",
    "note": "notes",
    "lessons": "summary",
    "summary": "summary",
    "summary_final": "summary",
}

# Which ``may`` flag offers the form of a record (``None``: everyone who sees the case).
RECORD_MAY: dict[str, str | None] = {
    "add_report": "coordinate",
    "party": "party",
    "risk": "risk",
    "assessment": "assessment",
    "allegation": "allegation",
    "finding": "finding",
    "hearing": "hearing",
    "measure": "measure",
    "protection": "protection",
    "external": "external",
    "document": "document",
    "note": None,
    "lessons": "lessons",
    "summary": "summary",
    "retaliation": "coordinate",
}


def section_url(case: Case, section: str) -> str:
    """The case page opened at a section: the anchor scrolls there, ``section`` tells the
    page where to show the confirmation."""
    return f"{reverse('cases:detail', args=[case.reference])}?section={section}#{section}"


def _unavailable(case: Case, may: dict[str, bool], can: dict[str, bool]) -> dict[str, str]:
    """For each record whose form the page does not offer: why, and when it will be offered."""
    order = list(workflow.State.values)
    reasons: dict[str, str] = {}
    for record, flag in RECORD_MAY.items():
        if flag is not None and not may.get(flag):
            reasons[record] = _("Your role in this case does not include adding this.")
        elif not can[record]:
            spec = workflow.RECORDS[record]
            if case.state in workflow.OPEN_STATES and spec.states:
                states = sorted(spec.states, key=order.index)
                reasons[record] = _("%(what)s can be recorded once the case is in one of these stages: %(states)s.") % {
                    "what": spec.label,
                    "states": ", ".join(f"“{workflow.State(s).label}”" for s in states),
                }
            else:
                reasons[record] = services.write_refusal(case=case, record=record) or ""
    return reasons


def _deadlines(case: Case, reports: Any) -> list[dict[str, Any]]:
    """The open deadlines of the case, soonest first: the reports' legal deadlines and the
    follow-up dates of the reporter's protection."""
    rows: list[dict[str, Any]] = [
        {"label": d.label, "report": report.reference, "due": d.due_at, "state": d.state, "state_label": d.state_label}
        for report in reports
        if report.status != Status.CLOSED
        for d in report_deadlines(report)
        if d.is_open
    ]
    for measure in case.protective_measures.filter(ended_on__isnull=True, follow_up_on__isnull=False):
        rows.append({"label": _("Follow-up of a protective measure"), "report": "", "due": measure.follow_up_on})
    return sorted(rows, key=lambda row: str(row["due"]))


def _context(
    request: HttpRequest, case: Case, user: User, *, section: str = "", overrides: dict[str, Form] | None = None
) -> dict[str, Any]:
    allegations = list(case.allegations.all())
    findings = {a.pk: getattr(a, "finding", None) for a in allegations}
    may = _may(user, case)
    transitions = access.transitions_for(user, case)
    documents: dict[int, list[Any]] = {}
    for document in case.documents.select_related("added_by"):
        documents.setdefault(document.series, []).append(document)
    reports = list(selectors.case_reports(case=case))
    can = {record: workflow.writable(state=case.state, record=record) for record in workflow.RECORDS}
    reads = request.GET.get("reads") == "1"
    # The team section is shown to those who decide about it; the others have no anchor there.
    shown = [(name, label) for name, label in SECTIONS if name != "team" or may["coordinate"] or may["implicate"]]
    section = section if any(name == section for name, _label in shown) else ""
    timeline, hidden_reads = label_events(selectors.case_timeline(case=case, user=user), reads=reads)
    context: dict[str, Any] = {
        "case": case,
        "nav": "cases",
        "may": may,
        "sections": shown,
        "section": section,
        "transitions": transitions,
        "close_problems": services.close_problems(case) if any(t.name == "close" for t in transitions) else [],
        "reports": reports,
        "anonymous": Anonymity.ANONYMOUS,
        "deadlines": _deadlines(case, reports),
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
        "implications": case.implications.select_related("user") if may["implicate"] else [],
        "subjects_to_decide": selectors.subjects_not_implicated(case=case) if may["implicate"] else [],
        "retaliation_complaints": case.retaliation_complaints.all(),
        "timeline": timeline,
        "hidden_reads": hidden_reads,
        "reads": reads,
        "summary_problems": services.summary_check(case) if case.summary_description else [],
        "retention_ends": retention.retention_ends(case),
        # The closed-case guard: the page offers only what the services accept in this state.
        "can": can,
        "unavailable": _unavailable(case, may, can),
        "transition_forms": {
            t.name: TransitionForm(prefix=t.name, initial={"transition": t.name}) for t in transitions
        },
    }
    if section:
        # The confirmation (or refusal) is shown in the section the user returns to, not at
        # the top of the page, which the anchor has scrolled away from.
        context["section_messages"] = list(messages.get_messages(request))
        context["messages"] = []
    context.update(_forms(request, case, user))
    context.update(overrides or {})
    return context


@staff_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    case = selectors.case_get_for_user(user=user, reference=reference, request=request)
    section = request.GET.get("section", "")
    section = section if section in SECTION_NAMES else ""
    return render(request, "cases/detail.html", _context(request, case, user, section=section))


def _people(c: ActionContext) -> Any:
    return User.objects.filter(organisation_id=c.subject.organisation_id, is_active=True)


def _post(c: ActionContext) -> Any:
    return c.request.POST


def _kw(c: ActionContext) -> dict[str, Any]:
    return {"case": c.subject, "by": c.user, "request": c.request}


ACTIONS: dict[str, Action] = {
    "transition": Action(
        "transition_error",
        lambda c: TransitionForm(_post(c), prefix=_post(c).get("transition", "")),
        lambda c, d: services.case_transition(transition=d["transition"], reason=d["reason"], **_kw(c)),
        gettext_lazy("The case has moved on."),
    ),
    "assign": Action(
        "assign_form",
        lambda c: PersonForm(_post(c), queryset=_people(c), prefix="assign"),
        lambda c, d: services.case_assign(user=d["user"], **_kw(c)),
        gettext_lazy("The colleague has been assigned."),
    ),
    "unassign": Action(
        "assign_form",
        lambda c: PersonForm(_post(c), queryset=_people(c), prefix="unassign"),
        lambda c, d: services.case_unassign(user=d["user"], **_kw(c)),
        gettext_lazy("The assignment has been ended."),
    ),
    "implicate": Action(
        "implicate_form",
        lambda c: PersonForm(_post(c), queryset=_people(c), prefix="implicate"),
        lambda c, d: services.case_mark_implicated(user=d["user"], **_kw(c)),
        gettext_lazy("The person has been marked as implicated and can no longer see this case."),
    ),
    "withdraw_implication": Action(
        "withdraw_form",
        lambda c: _withdraw_form(_post(c), c.subject),
        lambda c, d: services.case_implication_withdraw(user=d["user"], reason=d["reason"], **_kw(c)),
        gettext_lazy("The implication has been withdrawn. The reason has been recorded."),
    ),
    "add_report": Action(
        "add_report_form",
        lambda c: AddReportForm(_post(c), queryset=_free_reports(c.user), prefix="report"),
        lambda c, d: services.case_add_report(report=d["report"], **_kw(c)),
        gettext_lazy("The report has been added to the case."),
    ),
    "party": Action(
        "party_form",
        lambda c: PartyForm(_post(c), organisation=c.subject.organisation, prefix="party"),
        lambda c, d: services.party_add(**d, **_kw(c)),
        gettext_lazy("The party has been added."),
    ),
    "risk": Action(
        "risk_form",
        lambda c: RiskForm(_post(c), prefix="risk"),
        lambda c, d: services.risk_assess(**d, **_kw(c)),
        gettext_lazy("The risk assessment has been recorded."),
    ),
    "assessment": Action(
        "assessment_form",
        lambda c: AssessmentForm(_post(c), prefix="assessment"),
        lambda c, d: services.assessment_record(**d, **_kw(c)),
        gettext_lazy("The assessment has been recorded."),
    ),
    "allegation": Action(
        "allegation_form",
        lambda c: AllegationForm(_post(c), prefix="allegation"),
        lambda c, d: services.allegation_add(**d, **_kw(c)),
        gettext_lazy("The allegation has been added."),
    ),
    "finding": Action(
        "finding_error",
        lambda c: FindingForm(_post(c), prefix=f"finding-{c.found.pk}"),
        lambda c, d: services.finding_record(
            allegation=c.found, by=c.user, outcome=d["outcome"], explanation=d["explanation"], request=c.request
        ),
        gettext_lazy("The finding has been recorded."),
        find=lambda c: Allegation.objects.filter(case=c.subject, pk=_post(c).get("allegation_id") or 0).first(),
    ),
    "hearing": Action(
        "hearing_form",
        lambda c: HearingForm(_post(c), case=c.subject, prefix="hearing"),
        lambda c, d: services.hearing_record(**{**d, "documents": list(d["documents"])}, **_kw(c)),
        gettext_lazy("The hearing has been recorded."),
    ),
    "measure": Action(
        "measure_form",
        lambda c: MeasureForm(_post(c), prefix="measure"),
        lambda c, d: services.measure_add(**d, **_kw(c)),
        gettext_lazy("The measure has been recorded."),
    ),
    "protection": Action(
        "protection_form",
        lambda c: ProtectionForm(_post(c), prefix="protection"),
        lambda c, d: services.protective_measure_add(**d, **_kw(c)),
        gettext_lazy("The protective measure has been recorded."),
    ),
    "protection_update": Action(
        "protection_error",
        lambda c: ProtectionUpdateForm(_post(c), prefix=f"protection-{c.found.pk}"),
        lambda c, d: services.protective_measure_update(
            measure=c.found, by=c.user, follow_up_on=d["follow_up_on"], ended_on=d["ended_on"], request=c.request
        ),
        gettext_lazy("The protective measure has been updated."),
        find=lambda c: ProtectiveMeasure.objects.filter(case=c.subject, pk=_post(c).get("measure_id") or 0).first(),
    ),
    "external": Action(
        "external_form",
        lambda c: ExternalForm(_post(c), prefix="external"),
        lambda c, d: services.external_update(**d, **_kw(c)),
        gettext_lazy("The details have been saved."),
    ),
    "document": Action(
        "document_form",
        lambda c: DocumentForm(_post(c), c.request.FILES, prefix="document"),
        lambda c, d: services.document_add(title=d["title"], file=d["file"][0], series=d["series"], **_kw(c)),
        gettext_lazy("The document has been added."),
    ),
    "note": Action(
        "note_form",
        lambda c: NoteForm(_post(c), prefix="note"),
        lambda c, d: services.note_add(text=d["text"], **_kw(c)),
        gettext_lazy("The note has been added."),
    ),
    "lessons": Action(
        "lessons_form",
        lambda c: LessonsForm(_post(c), prefix="lessons"),
        lambda c, d: services.lessons_update(lessons_learned=d["lessons_learned"], **_kw(c)),
        gettext_lazy("The lessons learned have been saved."),
    ),
    "summary": Action(
        "summary_form",
        lambda c: SummaryForm(_post(c), prefix="summary"),
        lambda c, d: services.summary_update(**d, **_kw(c)),
        gettext_lazy("The summary has been saved."),
    ),
    "summary_final": Action(
        # The check's problems never quote the party data they found.
        "summary_final_form",
        lambda c: ConfirmForm(_post(c)),
        lambda c, d: services.summary_finalise(**_kw(c)),
        gettext_lazy("The summary is final."),
    ),
    "retaliation": Action(
        "retaliation_form",
        lambda c: RetaliationForm(_post(c), prefix="retaliation"),
        lambda c, d: services.retaliation_complaint_create(
            original=c.subject, by=c.user, title=d["title"], description=d["description"], request=c.request
        ),
        gettext_lazy("The retaliation complaint has been registered as its own case."),
        respond=lambda c: redirect("cases:detail", reference=c.result.reference),
    ),
}


@staff_required
@require_POST
def case_action(request: HttpRequest, reference: str, action: str) -> HttpResponseBase:
    """All changes on the case page post here (``ACTIONS``); the service decides whether
    they are allowed."""
    user = _user(request)
    case = selectors.case_get_for_user(user=user, reference=reference, request=request, log=False)
    section = ACTION_SECTIONS.get(action, "")

    def with_errors(form_name: str, form: Form) -> HttpResponse:
        fresh = selectors.case_get_for_user(user=user, reference=reference, request=request)
        context = _context(request, fresh, user, overrides={form_name: form})
        context["error_section"] = section  # the message stays on top, with a link to the form
        return render(request, "cases/detail.html", context, status=400)

    refusal = services.write_refusal(case=case, record=action) if action in workflow.RECORDS else None
    if refusal is not None:
        # The page no longer offers this form (the case moved on meanwhile): say why.
        messages.error(request, refusal)
        return redirect(section_url(case, section))
    page = ActionPage(
        back=lambda: redirect(section_url(case, section) if section else reverse("cases:detail", args=[reference])),
        away=lambda: redirect("cases:list"),
        still_visible=lambda: access.can_view_case(user, case),
        with_errors=with_errors,
    )
    return perform(ACTIONS, action, ActionContext(request=request, user=user, subject=case), page)


@staff_required
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    document = selectors.document_get_for_user(user=user, pk=pk)
    data = services.document_read(document=document, by=user, request=request)
    return download_response(data, content_type=document.content_type, filename=document.filename)


@staff_required
@require_http_methods(["GET", "POST"])
def hand_over(request: HttpRequest) -> HttpResponseBase:
    user = _user(request, access.can_hand_over)
    form = HandOverForm(
        request.POST or None,
        leaving=selectors.handlers_with_assignments(organisation_id=user.organisation_id),  # type: ignore[arg-type]
        taking=roles.content_staff_of(user.organisation_id),  # type: ignore[arg-type]
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
