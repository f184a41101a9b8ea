"""Forms of the vulnerable posts: the checklist of a post, the organisation's questions and
threshold, and the adoption of the list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin

from .forms import DATE_FORMATS
from .models import Override, Post, VulnerabilityQuestion

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
WEIGHT_ERRORS = {
    "required": _("Give a weight from 1 to 10."),
    "min_value": _("Give a weight from 1 to 10."),
    "max_value": _("Give a weight from 1 to 10."),
    "invalid": _("Give a weight from 1 to 10."),
}


def answer_field(name: str) -> str:
    return f"q_{name}"


def weight_field(name: str) -> str:
    return f"w_{name}"


class ChecklistForm(StyledFormMixin, forms.Form):
    """Yes or no to every question asked (none chosen in advance for a post not yet assessed),
    and the override of the score with its reason."""

    override = forms.ChoiceField(
        label=_("Put on or off the list"),
        choices=[("", _("Follow the score")), *Override.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Only when the score does not say it right; give the reason."),
    )
    override_reason = forms.CharField(
        label=_("Reason for putting the post on or off the list"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        questions: Sequence[tuple[str, VulnerabilityQuestion]] = (),
        answers: Mapping[str, bool] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        answers = answers or {}
        override = self.fields.pop("override")
        reason = self.fields.pop("override_reason")
        for key, question in questions:
            field = forms.ChoiceField(
                label=question.label,
                choices=YES_NO,
                widget=forms.RadioSelect,
                help_text=_("Weight %(weight)d") % {"weight": question.weight},
                error_messages={"required": _("Answer yes or no.")},
            )
            if key in answers:
                field.initial = "yes" if answers[key] else "no"
            self.fields[answer_field(key)] = field
        self.fields["override"], self.fields["override_reason"] = override, reason
        self.keys = [key for key, _question in questions]
        self.style_fields()

    def answer_fields(self) -> list[forms.BoundField]:
        return [self[answer_field(key)] for key in self.keys]

    def answers(self) -> dict[str, bool]:
        return {key: self.cleaned_data[answer_field(key)] == "yes" for key in self.keys}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("override") and not (data.get("override_reason") or "").strip():
            self.add_error("override_reason", _("Give the reason for putting the post on or off the list."))
        return data


class QuestionAddForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Question"),
        max_length=300,
        help_text=_("Ask it so that yes means the post is more vulnerable."),
        error_messages={
            "required": _("Enter the question."),
            "max_length": _("Use at most %(limit_value)d characters."),
        },
    )
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=10, initial=1, error_messages=WEIGHT_ERRORS)


class SettingsForm(StyledFormMixin, forms.Form):
    """The threshold and the weight of each question asked."""

    threshold = forms.IntegerField(
        label=_("Threshold"),
        min_value=1,
        max_value=100,
        help_text=_("A post whose score reaches this number is proposed for the list."),
        error_messages={
            "required": _("Give a threshold from 1 to 100."),
            "min_value": _("Give a threshold from 1 to 100."),
            "max_value": _("Give a threshold from 1 to 100."),
            "invalid": _("Give a threshold from 1 to 100."),
        },
    )

    def __init__(self, *args: Any, questions: Sequence[tuple[str, VulnerabilityQuestion]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, question in questions:
            self.fields[weight_field(key)] = forms.IntegerField(
                label=_("Weight of: %(question)s") % {"question": question.label},
                min_value=1,
                max_value=10,
                initial=question.weight,
                error_messages=WEIGHT_ERRORS,
            )
        self.keys = [key for key, _question in questions]
        self.style_fields()

    def weight_fields(self) -> list[forms.BoundField]:
        return [self[weight_field(key)] for key in self.keys]

    def weights(self) -> dict[str, int]:
        return {key: self.cleaned_data[weight_field(key)] for key in self.keys}


class AdoptForm(StyledFormMixin, forms.Form):
    adopted_on = forms.DateField(
        label=_("Adopted by the executive on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=DATE_FORMATS,
        error_messages={"required": _("Enter the date of adoption."), "invalid": _("Enter a date as dd-mm-yyyy.")},
    )
    decision_reference = forms.CharField(
        label=_("Decision reference"),
        max_length=100,
        help_text=_("The number or reference of the executive's decision."),
        error_messages={
            "required": _("Enter the reference of the decision."),
            "max_length": _("Use at most %(limit_value)d characters."),
        },
    )
    financial_interest_duty = forms.MultipleChoiceField(
        label=_("Holders must report financial interests"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick the posts whose holders must from now on report their financial interests: the post becomes "
            "a designated post. Posts that are designated already are not shown."
        ),
    )

    def __init__(self, *args: Any, posts: Sequence[Post] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["financial_interest_duty"].choices = [  # type: ignore[attr-defined]
            (str(post.pk), f"{post.title} ({post.unit.name})") for post in posts if not post.designated
        ]

    def duty_posts(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["financial_interest_duty"]]
