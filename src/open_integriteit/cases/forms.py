"""Forms for case handling."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from open_integriteit.accounts.models import User
from open_integriteit.core.forms import StyledFormMixin
from open_integriteit.lists.forms import ListEntryChoiceField
from open_integriteit.lists.selectors import entries_for_choice, entries_for_filter
from open_integriteit.reports.forms import attachments_field
from open_integriteit.reports.models import Ground, Report
from open_integriteit.reports.typology import CATEGORIES

from .models import (
    ExternalBody,
    FindingOutcome,
    InvestigatedBy,
    MeasureKind,
    PartyRole,
    RiskLevel,
)
from .workflow import State

DATE = {"type": "date"}


def _date_field(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date.")},
    )


class CaseCreateForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Working title"), max_length=200, help_text=_("A short description without names."))
    ground = forms.ChoiceField(
        label=_("Ground"), choices=Ground.choices, error_messages={"required": _("Choose the ground.")}
    )
    category = ListEntryChoiceField(kind=CATEGORIES.code, label=_("Category"), required=False)
    reports = forms.ModelMultipleChoiceField(
        label=_("Reports"), queryset=Report.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    signal = forms.CharField(
        label=_("Signal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("When the case starts without a report: what was signalled, by whom (audit, manager…)?"),
    )

    def __init__(self, *args: Any, organisation: Any, reports: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = entries_for_choice(  # type: ignore[attr-defined]
            organisation=organisation, kind=CATEGORIES.code, include=[self.initial.get("category")]
        )
        self.fields["reports"].queryset = reports  # type: ignore[attr-defined]
        self.fields["reports"].label_from_instance = lambda r: f"{r.reference} – {r.get_ground_display()}"  # type: ignore[attr-defined]


class CaseFilterForm(StyledFormMixin, forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False)
    ground = forms.ChoiceField(label=_("Ground"), required=False)
    category = ListEntryChoiceField(kind=CATEGORIES.code, label=_("Category"), required=False, empty_label=_("All"))
    deadline = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[("", _("All")), ("overdue", _("overdue")), ("due_soon", _("due soon")), ("on_time", _("on time"))],
    )
    handler = forms.ModelChoiceField(
        label=_("Handler"), queryset=User.objects.none(), required=False, empty_label=_("All")
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: Any, organisation: Any, cases_in_use: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All")), *State.choices]  # type: ignore[attr-defined]
        self.fields["ground"].choices = [("", _("All")), *Ground.choices]  # type: ignore[attr-defined]
        self.fields["category"].queryset = entries_for_filter(  # type: ignore[attr-defined]
            organisation=organisation, kind=CATEGORIES.code, used=cases_in_use.values("category_id")
        )
        self.fields["handler"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation, case_assignments__isnull=False
        ).distinct()


class TransitionForm(StyledFormMixin, forms.Form):
    transition = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AddReportForm(StyledFormMixin, forms.Form):
    report = forms.ModelChoiceField(label=_("Report"), queryset=Report.objects.none())

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["report"].queryset = queryset  # type: ignore[attr-defined]
        self.fields["report"].label_from_instance = lambda r: f"{r.reference} – {r.get_ground_display()}"  # type: ignore[attr-defined]


class PartyForm(StyledFormMixin, forms.Form):
    role = forms.ChoiceField(
        label=_("Role in the case"),
        choices=[c for c in PartyRole.choices if c[0] != PartyRole.REPORTER],
        error_messages={"required": _("Choose the role of this person in the case.")},
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    function = forms.CharField(label=_("Position"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    user = forms.ModelChoiceField(
        label=_("Account (if this person works here)"),
        queryset=User.objects.none(),
        required=False,
        help_text=_(
            "A person the case is about who has an account must be marked implicated, so that they can never see "
            "the case. The reporting point decides that; if you may not, it is asked to."
        ),
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(organisation=organisation, is_active=True)  # type: ignore[attr-defined]


class RiskForm(StyledFormMixin, forms.Form):
    level = forms.ChoiceField(
        label=_("Risk of retaliation for the reporter"),
        choices=RiskLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the risk of retaliation.")},
    )
    notes = forms.CharField(label=_("Considerations"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AssessmentForm(StyledFormMixin, forms.Form):
    investigable = forms.TypedChoiceField(
        label=_("Can the report be investigated?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the report can be investigated.")},
    )
    reasoning = forms.CharField(label=_("Reasoning"), widget=forms.Textarea(attrs={"rows": 4}))


class AllegationForm(StyledFormMixin, forms.Form):
    description = forms.CharField(label=_("Allegation"), widget=forms.Textarea(attrs={"rows": 2}))


class FindingForm(StyledFormMixin, forms.Form):
    allegation = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Finding"),
        choices=FindingOutcome.choices,
        error_messages={"required": _("Choose the finding.")},
    )
    explanation = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


def _party_label(party: Any) -> str:
    reference = party.report.reference if party.report_id else ""
    return f"{party.get_role_display()} {party.name or ''} {reference}".strip()


class HearingForm(StyledFormMixin, forms.Form):
    party: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Heard person"), queryset=None)  # type: ignore[arg-type]
    held_on = _date_field(_("Date"))
    heard_by = forms.CharField(label=_("Heard by"), max_length=300)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))
    reaction = forms.CharField(
        label=_("Reaction of the heard person"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    documents: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Documents"),
        queryset=None,  # type: ignore[arg-type]
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = case.parties.all()  # type: ignore[attr-defined]
        self.fields["party"].label_from_instance = _party_label  # type: ignore[attr-defined]
        latest: dict[int, Any] = {}
        for document in case.documents.all():
            latest.setdefault(document.series, document)
        self.fields["documents"].queryset = case.documents.filter(pk__in=[d.pk for d in latest.values()])  # type: ignore[attr-defined]
        self.fields["documents"].label_from_instance = lambda d: f"{d.title} (v{d.version})"  # type: ignore[attr-defined]


class MeasureForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of measure"),
        choices=MeasureKind.choices,
        error_messages={"required": _("Choose the kind of measure.")},
    )
    decided_on = _date_field(_("Decided on"))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ProtectionForm(StyledFormMixin, forms.Form):
    description = forms.CharField(label=_("Protective measure"), widget=forms.Textarea(attrs={"rows": 2}))
    started_on = _date_field(_("From"))
    follow_up_on = _date_field(_("Next follow-up"), required=False)


class ProtectionUpdateForm(StyledFormMixin, forms.Form):
    measure = forms.IntegerField(widget=forms.HiddenInput)
    follow_up_on = _date_field(_("Next follow-up"), required=False)
    ended_on = _date_field(_("Ended on"), required=False)


class ExternalForm(StyledFormMixin, forms.Form):
    investigated_by = forms.ChoiceField(label=_("Investigated by"), choices=InvestigatedBy.choices, required=False)
    external_bureau = forms.CharField(label=_("External bureau"), max_length=200, required=False)
    bureau_assigned_on = _date_field(_("Assignment date"), required=False)
    external_costs = forms.DecimalField(
        label=_("Costs (euro)"), required=False, min_value=0, decimal_places=2, max_digits=10
    )
    external_body = forms.ChoiceField(label=_("Referred to / handled by"), choices=ExternalBody.choices, required=False)
    external_body_on = _date_field(_("Date of referral"), required=False)
    fraud_involved = forms.BooleanField(label=_("Fraud is involved"), required=False)
    accountant_informed_on = _date_field(_("Accountant informed on"), required=False)


class DocumentForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    series = forms.IntegerField(widget=forms.HiddenInput, required=False)
    file = attachments_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("File")
        self.fields["file"].required = True
        self.fields["file"].error_messages["required"] = _("Choose a file.")


class NoteForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class LessonsForm(StyledFormMixin, forms.Form):
    lessons_learned = forms.CharField(
        label=_("Lessons learned"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class SummaryForm(StyledFormMixin, forms.Form):
    summary_year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    summary_principal = forms.CharField(
        label=_("Principal"), max_length=200, required=False, help_text=_("A function, not a name.")
    )
    summary_description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    summary_object = forms.CharField(
        label=_("Object of investigation"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    summary_findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    summary_consequence = forms.CharField(
        label=_("Consequence"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    summary_bureau = forms.CharField(label=_("External bureau"), max_length=200, required=False)


class RetaliationForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Working title"), max_length=200)
    description = forms.CharField(label=_("The complaint"), widget=forms.Textarea(attrs={"rows": 4}))


class HandOverForm(StyledFormMixin, forms.Form):
    from_user = forms.ModelChoiceField(label=_("Leaving handler"), queryset=User.objects.none())
    to_user = forms.ModelChoiceField(label=_("Takes over"), queryset=User.objects.none())

    def __init__(self, *args: Any, leaving: Any, taking: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_user"].queryset = leaving  # type: ignore[attr-defined]
        self.fields["to_user"].queryset = taking  # type: ignore[attr-defined]
