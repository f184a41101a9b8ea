"""Form helpers shared by every app: the NL Design System (Utrecht) classes on every control,
accessible error wiring, and the rule that a consequential choice starts empty."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from open_integriteit.accounts.models import User

# The label of the empty first option of a list box, instead of Django's "---------".
EMPTY_LABEL = _("Choose…")
DJANGO_EMPTY_LABEL = "---------"

CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom utrecht-form-field__input"
RADIO_BUTTON = "utrecht-radio-button utrecht-radio-button--html-input utrecht-form-field__input"
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"

# The component classes per widget, most specific widget first (CheckboxSelectMultiple is a
# RadioSelect, SelectMultiple a Select, NumberInput and FileInput are Inputs). Native controls
# take the component's `--html-input` (`--html-select`, `--html-textarea`) modifier: that is
# what makes the checked, focused and invalid states of the real element visible.
WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.HiddenInput, ""),
    (forms.CheckboxSelectMultiple, CHECKBOX),
    (forms.RadioSelect, RADIO_BUTTON),
    (forms.CheckboxInput, CHECKBOX),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.FileInput, "oi-file-input"),
    (forms.NumberInput, f"{TEXTBOX} utrecht-textbox--numeric"),
    (forms.widgets.Input, TEXTBOX),
]
# The component's invalid modifier, added once the field has an error.
INVALID_CLASSES: dict[str, str] = {
    "utrecht-checkbox": "utrecht-checkbox--invalid",
    "utrecht-radio-button": "utrecht-radio-button--invalid",
    "utrecht-textarea": "utrecht-textarea--invalid",
    "utrecht-select": "utrecht-select--invalid",
    "utrecht-textbox": "utrecht-textbox--invalid",
}
GROUP_WIDGETS = (forms.RadioSelect,)  # and so CheckboxSelectMultiple: described on their <fieldset>


def widget_classes(widget: forms.Widget) -> str:
    return next(css for kind, css in WIDGET_CLASSES if isinstance(widget, kind))


def add_classes(widget: forms.Widget, classes: str) -> None:
    present = widget.attrs.get("class", "").split()
    widget.attrs["class"] = " ".join(present + [c for c in classes.split() if c not in present])


def is_consequential(field: forms.Field) -> bool:
    """A choice the person must make on purpose (STYLE.md rule 16): a required choice of one
    option, such as a finding, a decision, a kind of measure, a risk level or a role in a case.

    It starts empty: no default value, no option chosen in advance, and a list box opens on
    "Choose…". `core/tests/test_consequential_choices.py` checks this for every form."""
    return (
        isinstance(field, forms.ChoiceField)
        and not isinstance(field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField))
        and not isinstance(field.widget, forms.HiddenInput)
        and field.required
    )


def start_empty(field: forms.Field) -> None:
    """Give a list box an empty first option with a real label ("Choose…", not "---------")."""
    if not isinstance(field, forms.ChoiceField) or isinstance(field.widget, forms.SelectMultiple):
        return
    if not isinstance(field.widget, forms.Select):
        return
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_EMPTY_LABEL:
            field.empty_label = EMPTY_LABEL
        return
    choices = list(field.choices)  # type: ignore[arg-type]
    if not any(value == "" for value, _label in choices):
        field.choices = [("", EMPTY_LABEL), *choices]
    elif any(value == "" and label == DJANGO_EMPTY_LABEL for value, label in choices):
        # A model field with ``blank=True`` brings Django's own "---------": name it too.
        field.choices = [("", EMPTY_LABEL) if value == "" else (value, label) for value, label in choices]


class StyledFormMixin:
    """Adds the Utrecht classes and an empty first option to list boxes; a field with an
    error gets aria-invalid, the component's invalid modifier and its message in
    aria-describedby."""

    fields: dict[str, forms.Field]
    # No `required` attribute: the browser would mark every empty required control invalid
    # (the components style :invalid) before the person typed anything. The label says
    # "(required)" and the server checks.
    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.style_fields()

    def style_fields(self) -> None:
        """Style every field; call it again after adding fields in a form's own __init__."""
        for name, field in self.fields.items():
            add_classes(field.widget, widget_classes(field.widget))
            start_empty(field)
            if field.help_text and not isinstance(field.widget, GROUP_WIDGETS):
                field.widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}_help"  # type: ignore[attr-defined]

    def add_error(self, field: str | None, error: Any) -> None:
        """Every error, from validation or added later by a view (`add_service_error`), marks
        its control invalid and ties the message to it."""
        super().add_error(field, error)  # type: ignore[misc]
        for name in self._errors or {}:  # type: ignore[attr-defined]
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            widget.attrs["aria-invalid"] = "true"
            add_classes(widget, " ".join(INVALID_CLASSES.get(c, "") for c in widget_classes(widget).split()))
            if not isinstance(widget, GROUP_WIDGETS):
                describedby = [f"id_{self.add_prefix(name)}_error"]  # type: ignore[attr-defined]
                if self.fields[name].help_text:
                    describedby.append(f"id_{self.add_prefix(name)}_help")  # type: ignore[attr-defined]
                widget.attrs["aria-describedby"] = " ".join(describedby)


def filters_or_message(request: HttpRequest, form: forms.Form) -> dict[str, Any]:
    """The cleaned values of a list's filter form; when a value is not understood (``?year=abc``)
    none at all, with a message saying so: the page shows the unfiltered list and the form
    marks the field, never a list that silently ignores part of what was asked."""
    if not form.is_bound:
        return {}
    if form.is_valid():
        return dict(form.cleaned_data)
    labels = ", ".join(str(form.fields[name].label) for name in form.errors if name in form.fields)
    messages.warning(
        request,
        _("The filter could not be applied (%(fields)s): the list below is not filtered.") % {"fields": labels},
    )
    return {}


def run_service(form: forms.Form, call: Callable[..., Any]) -> Any:
    """Call a write service with the form's cleaned data (``call(**form.cleaned_data)``).

    Returns what it returns; None when the form or the service refused, with the errors on
    the form (what was typed stays). A service that refuses the user (PermissionDenied)
    answers 404, as every page of someone without need-to-know.
    """
    if not form.is_valid():
        return None
    try:
        result = call(**form.cleaned_data)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        add_service_error(form, exc)
        return None
    return result if result is not None else True


def add_service_error(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class PersonForm(StyledFormMixin, forms.Form):
    """Choose a person (assign, mark implicated): the caller gives whom to choose from."""

    user = forms.ModelChoiceField(
        label=_("Person"), queryset=User.objects.none(), error_messages={"required": _("Choose a person.")}
    )

    def __init__(self, *args: Any, queryset: Any, label: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = queryset  # type: ignore[attr-defined]
        if label:
            self.fields["user"].label = label


class PersonReasonForm(PersonForm):
    """Choose a person and say why (grant the reporter's identity, withdraw an implication)."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Give the reason.")},
    )

    def __init__(self, *args: Any, reason_label: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if reason_label:
            self.fields["reason"].label = reason_label


class ConfirmForm(StyledFormMixin, forms.Form):
    """An action without input (its errors come from the service)."""
