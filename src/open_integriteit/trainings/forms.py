"""Forms of the trainings pages. The services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin
from open_integriteit.lists.models import ListEntry
from open_integriteit.people.models import Person, PersonKind, Post, Unit

from .models import MAX_HEAD_COUNT, Scope

DATE = {"type": "date"}


class SessionForm(StyledFormMixin, forms.Form):
    kind = forms.ModelChoiceField(
        label=_("Kind"), queryset=ListEntry.objects.none(), error_messages={"required": _("Choose the kind.")}
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages={"required": _("Give the date of the session.")},
    )
    title = forms.CharField(label=_("Title"), max_length=200, error_messages={"required": _("Give a title.")})
    audience = forms.CharField(
        label=_("Audience"),
        max_length=200,
        required=False,
        help_text=_("For whom the session was, e.g. “team Permits” or “all new staff”."),
    )
    counted_as = forms.ChoiceField(
        label=_("Who took part"),
        choices=[
            ("participants", _("People from the register, by name")),
            ("head_count", _("A head count only")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you record who took part.")},
    )
    head_count = forms.IntegerField(
        label=_("Number of people who took part"),
        required=False,
        min_value=1,
        max_value=MAX_HEAD_COUNT,
        help_text=_("Only for a head count."),
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Participants"), queryset=Person.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    query = forms.CharField(
        label=_("Find a person"),
        required=False,
        max_length=100,
        help_text=_("Part of a name or a personnel number."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, kinds: QuerySet[Any], people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds  # type: ignore[attr-defined]
        self.fields["participants"].queryset = people  # type: ignore[attr-defined]
        self.style_fields()

    @classmethod
    def as_typed(cls, data: Any, **kwargs: Any) -> SessionForm:
        """The form showing what was typed, unchecked: after a person search the fields the
        user is still filling in must not show errors yet."""
        initial = {
            name: data.getlist(name) if getattr(field.widget, "allow_multiple_selected", False) else data.get(name)
            for name, field in cls.base_fields.items()
            if name in data
        }
        return cls(initial=initial, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("counted_as") == "participants":
            data["head_count"] = None
            if not data.get("participants"):
                self.add_error("participants", _("Find and tick at least one participant, or record a head count."))
        elif data.get("counted_as") == "head_count":
            data["participants"] = []
            if not data.get("head_count"):
                self.add_error("head_count", _("Give the number of people who took part."))
        return data


class RequirementForm(StyledFormMixin, forms.Form):
    kind = forms.ModelChoiceField(
        label=_("Training"),
        queryset=ListEntry.objects.none(),
        help_text=_("A kind of session, or a specific recurring training from the list of kinds."),
        error_messages={"required": _("Choose the training.")},
    )
    scope = forms.ChoiceField(
        label=_("Applies to"),
        choices=Scope.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose to whom it applies.")},
    )
    post = forms.ModelChoiceField(label=_("Post"), queryset=Post.objects.none(), required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    person_kind = forms.ChoiceField(label=_("Group"), choices=[("", ""), *PersonKind.choices], required=False)
    period_months = forms.IntegerField(
        label=_("Repeat every (months)"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("Leave empty for a training followed once."),
    )
    applies_from = forms.DateField(
        label=_("Mandatory from"),
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages={"required": _("Give the date from which it is mandatory.")},
    )

    def __init__(
        self, *args: Any, kinds: QuerySet[Any], posts: QuerySet[Post], units: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds  # type: ignore[attr-defined]
        self.fields["post"].queryset = posts  # type: ignore[attr-defined]
        self.fields["post"].label_from_instance = lambda post: f"{post.title} ({post.unit.name})"  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.style_fields()
