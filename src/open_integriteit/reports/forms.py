"""Forms of the reporting point. Validation messages are gettext (Dutch by default)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from open_integriteit.accounts.models import User
from open_integriteit.core.forms import StyledFormMixin
from open_integriteit.lists.forms import ListEntryChoiceField
from open_integriteit.lists.selectors import entries_for_choice

from .models import (
    Anonymity,
    ApprovalVia,
    Channel,
    ClosureReason,
    Ground,
    MessageKind,
    Report,
    ReportedElsewhere,
    ReporterType,
)
from .typology import CATEGORIES
from .uploads import ALLOWED_DESCRIPTION, CheckedFile, check_uploads

REQUIRED = _("This field is required.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[CheckedFile]:
        files = [f for f in (data or []) if f] if isinstance(data, (list, tuple)) else ([data] if data else [])
        return check_uploads(files)


def _attachments_help() -> str:
    return gettext("Optional. At most %(count)d files of at most %(size)d MB each. Accepted: %(types)s.") % {
        "count": settings.OI_MAX_ATTACHMENTS,
        "size": settings.OI_MAX_ATTACHMENT_MB,
        "types": ALLOWED_DESCRIPTION,
    }


# Filled in when the page is shown, in the visitor's language (not once, at import).
attachments_help = lazy(_attachments_help, str)


def attachments_field() -> MultipleFileField:
    return MultipleFileField(label=_("Attachments"), required=False, help_text=attachments_help())


class ReportForm(StyledFormMixin, forms.Form):
    ground = forms.ChoiceField(
        label=_("What is your report about?"),
        choices=Ground.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what your report is about.")},
    )
    what_happened = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_("Describe what you saw or experienced, as concretely as you can."),
        error_messages={"required": _("Describe what happened.")},
    )
    when_where = forms.CharField(
        label=_("When and where did it happen?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    involved = forms.CharField(
        label=_("Who is involved?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        help_text=_("Optional. Names or positions of the people involved."),
    )
    how_known = forms.CharField(
        label=_("How do you know about it?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        help_text=_("For example: I saw it myself, a colleague told me, I found documents."),
    )
    reported_elsewhere = forms.ChoiceField(
        label=_("Have you reported this elsewhere?"),
        choices=ReportedElsewhere.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you have reported this elsewhere.")},
    )
    reported_elsewhere_detail = forms.CharField(
        label=_("If so: where and when?"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    attachments = attachments_field()
    reporter_type = forms.ChoiceField(
        label=_("What is your relation to the organisation?"),
        choices=ReporterType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your relation to the organisation.")},
    )
    anonymity = forms.ChoiceField(
        label=_("How do you want to report?"),
        choices=[
            (Anonymity.ANONYMOUS, _("Anonymous: nobody learns who I am. I follow my report with a receipt code.")),
            (Anonymity.CONFIDENTIAL, _("Confidential: only the reporting point knows who I am.")),
            (Anonymity.OPEN, _("Open: my name may be known to those who handle the report.")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to report.")},
    )
    name = forms.CharField(label=_("Your name"), required=False, max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("Optional. We only send an e-mail that there is news, never anything about the content."),
        error_messages={"invalid": _("Enter a valid e-mail address, such as name@example.nl.")},
    )
    phone = forms.CharField(label=_("Your phone number"), required=False, max_length=40)

    IDENTITY: tuple[str, ...] = ("name", "email", "phone")

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        anonymity = cleaned.get("anonymity")
        if anonymity == Anonymity.ANONYMOUS:
            for field in self.IDENTITY:
                if cleaned.get(field):
                    self.add_error(
                        field,
                        _("You chose to report anonymously. Leave this empty, or choose a confidential report."),
                    )
        elif anonymity in (Anonymity.CONFIDENTIAL, Anonymity.OPEN) and not any(
            cleaned.get(field) for field in self.IDENTITY
        ):
            self.add_error(
                "name", _("For a confidential or open report, give at least your name or an e-mail address.")
            )
        if cleaned.get("reported_elsewhere") == ReportedElsewhere.YES and not cleaned.get("reported_elsewhere_detail"):
            self.add_error("reported_elsewhere_detail", _("Tell us where you reported it."))
        return cleaned

    def report_data(self) -> dict[str, Any]:
        return {
            k: self.cleaned_data.get(k, "")
            for k in (
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
        }

    def identity_data(self) -> dict[str, str]:
        return {k: self.cleaned_data.get(k, "") or "" for k in self.IDENTITY}


class RegisterReportForm(ReportForm):
    """Staff intake of a report received by phone, in person, by letter or through someone.

    The same questions as the reporter's form, in the voice of the coordinator who records
    what the reporter said (the reporter's form speaks to the reporter)."""

    channel = forms.ChoiceField(
        label=_("How was the report received?"),
        choices=[c for c in Channel.choices if c[0] != Channel.WEB],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the report was received.")},
    )
    received_at = forms.DateTimeField(
        label=_("Received on"),
        help_text=_("The date and time of the call or conversation, or when the letter arrived."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"],
        error_messages={"required": _("Enter when the report was received."), "invalid": _("Enter a date and time.")},
    )
    minutes_text = forms.CharField(
        label=_("Minutes of the conversation"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("Required for a report by phone or in person. The reporter can check and approve them."),
    )
    notes = forms.CharField(
        label=_("Other contact details"),
        required=False,
        max_length=1000,
        help_text=_("For example a postal address for a reply by letter, or when the reporter can be called."),
    )

    field_order = ["channel", "received_at"]
    IDENTITY: tuple[str, ...] = ("name", "email", "phone", "notes")

    # The reporter's form asks "you"; here the coordinator records what the reporter said.
    STAFF_WORDING: dict[str, dict[str, Any]] = {
        "ground": {
            "label": _("What is the report about?"),
            "error": _("Choose what the report is about."),
        },
        "what_happened": {
            "label": _("What was reported?"),
            "help_text": _("What the reporter saw or experienced, as concretely as they told it."),
            "error": _("Describe what was reported."),
        },
        "when_where": {"label": _("When and where did it happen, according to the reporter?")},
        "involved": {
            "label": _("Who is involved?"),
            "help_text": _("Optional. The names or positions the reporter mentioned."),
        },
        "how_known": {
            "label": _("How does the reporter know about it?"),
            "help_text": _("For example: saw it themselves, heard it from a colleague, found documents."),
        },
        "reported_elsewhere": {
            "label": _("Has the reporter reported this elsewhere?"),
            "error": _("Say whether the reporter has reported this elsewhere."),
        },
        "reported_elsewhere_detail": {"label": _("If so: where and when?")},
        "attachments": {"label": _("Documents received from the reporter")},
        "reporter_type": {
            "label": _("What is the reporter's relation to the organisation?"),
            "error": _("Choose the reporter's relation to the organisation."),
        },
        "anonymity": {
            "label": _("How does the reporter want to report?"),
            "error": _("Choose how the reporter wants to report."),
            "choices": [
                (
                    Anonymity.ANONYMOUS,
                    _("Anonymous: the reporter gives no name and follows the report with the receipt code."),
                ),
                (Anonymity.CONFIDENTIAL, _("Confidential: only the reporting point knows who the reporter is.")),
                (Anonymity.OPEN, _("Open: the reporter's name may be known to those who handle the report.")),
            ],
        },
        "name": {"label": _("Reporter's name")},
        "email": {
            "label": _("Reporter's e-mail address"),
            "help_text": _(
                "Optional. The reporter only gets an e-mail that there is news, never anything about the content."
            ),
        },
        "phone": {"label": _("Reporter's phone number")},
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_at"].initial = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        for name, wording in self.STAFF_WORDING.items():
            field = self.fields[name]
            if "label" in wording:
                field.label = wording["label"]
            if "help_text" in wording:
                field.help_text = wording["help_text"]
            if "error" in wording:
                field.error_messages = {**field.error_messages, "required": wording["error"]}
            if "choices" in wording:
                field.choices = wording["choices"]  # type: ignore[attr-defined]

    def clean_received_at(self) -> Any:
        value = self.cleaned_data["received_at"]
        if value and value > timezone.now():
            raise ValidationError(_("The date of receipt cannot be in the future."))
        return value

    def clean(self) -> dict[str, Any]:
        # Not the reporter's checks (they speak to the reporter): the same rules, in staff wording.
        cleaned = super(ReportForm, self).clean() or self.cleaned_data
        anonymity = cleaned.get("anonymity")
        if anonymity == Anonymity.ANONYMOUS:
            for field in self.IDENTITY:
                if cleaned.get(field):
                    self.add_error(
                        field,
                        _(
                            "The reporter reports anonymously: leave the contact details empty, "
                            "or record the report as confidential."
                        ),
                    )
        elif anonymity in (Anonymity.CONFIDENTIAL, Anonymity.OPEN) and not any(
            cleaned.get(field) for field in self.IDENTITY
        ):
            self.add_error(
                "name",
                _("For a confidential or open report, give at least the reporter's name or a way to reach them."),
            )
        if cleaned.get("reported_elsewhere") == ReportedElsewhere.YES and not cleaned.get("reported_elsewhere_detail"):
            self.add_error("reported_elsewhere_detail", _("Say where the reporter reported it."))
        if cleaned.get("channel") in (Channel.PHONE, Channel.IN_PERSON) and not cleaned.get("minutes_text", "").strip():
            self.add_error("minutes_text", _("An oral report needs minutes that the reporter can check."))
        return cleaned


class ReceiptLoginForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Your receipt code"),
        max_length=40,
        help_text=_("The 16 digits you received when you made your report. Spaces do not matter."),
        error_messages={"required": _("Enter your receipt code.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}),
    )


class ReplyForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=20000
    )
    attachments = attachments_field()

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("body", "").strip() and not cleaned.get("attachments") and "attachments" not in self.errors:
            self.add_error("body", _("Write a message or add a file."))
        return cleaned


class MinutesAnswerForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Do you agree with these minutes?"),
        choices=[("approve", _("Yes, the minutes are correct")), ("correct", _("No, something must be corrected"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you agree with the minutes.")},
    )
    comment = forms.CharField(
        label=_("What should be corrected?"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("decision") == "correct" and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Describe what should be corrected."))
        return cleaned


class AcknowledgeForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Acknowledgement to the reporter"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the acknowledgement.")},
    )


class MessageForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of message"),
        choices=[
            (MessageKind.QUESTION, MessageKind.QUESTION.label),
            (MessageKind.FEEDBACK, _("Feedback on the assessment and follow-up")),
            (MessageKind.MESSAGE, MessageKind.MESSAGE.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of message.")},
    )
    body = forms.CharField(
        label=_("Message to the reporter"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the message.")},
    )


class ClassifyForm(StyledFormMixin, forms.Form):
    ground = forms.ChoiceField(
        label=_("Ground"), choices=Ground.choices, error_messages={"required": _("Choose the ground.")}
    )
    category = ListEntryChoiceField(kind=CATEGORIES.code, label=_("Category"), required=False)

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = entries_for_choice(  # type: ignore[attr-defined]
            organisation=report.organisation_id, kind=CATEGORIES.code, include=[report.category_id]
        )


class PersonForm(StyledFormMixin, forms.Form):
    user = forms.ModelChoiceField(
        label=_("Person"), queryset=User.objects.none(), error_messages={"required": _("Choose a person.")}
    )

    def __init__(self, *args: Any, queryset: Any, label: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = queryset  # type: ignore[attr-defined]
        if label:
            self.fields["user"].label = label


class DiscloseForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to see the reporter's identity?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Give the reason why you need to see the reporter's identity.")},
    )


class MinutesReviseForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}))


class MinutesApprovalForm(StyledFormMixin, forms.Form):
    via = forms.ChoiceField(
        label=_("How did the reporter approve the minutes?"),
        choices=[c for c in ApprovalVia.choices if c[0] != ApprovalVia.MAILBOX],
        widget=forms.RadioSelect,
    )


class CloseForm(StyledFormMixin, forms.Form):
    """Closing a report outside a case; the reason and explanation only without feedback."""

    reason = forms.ChoiceField(
        label=_("Why is the report closed without feedback?"),
        choices=[("", "–"), *((v, label) for v, label in ClosureReason.choices if v != ClosureReason.FEEDBACK)],
        required=False,
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Kept encrypted with the report and destroyed with it."),
    )


class ReportFilterForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    ground = forms.ChoiceField(label=_("Ground"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import Status

        self.fields["status"].choices = [("", _("All")), *Status.choices]  # type: ignore[attr-defined]
        self.fields["ground"].choices = [("", _("All")), *Ground.choices]  # type: ignore[attr-defined]
