"""Form helpers shared by every app: Utrecht classes and accessible error wiring."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from open_integriteit.accounts.models import User

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea",
    forms.Select: "utrecht-select",
    forms.SelectMultiple: "utrecht-select",
    forms.RadioSelect: "utrecht-radio-button",
    forms.CheckboxSelectMultiple: "utrecht-checkbox",
    forms.CheckboxInput: "utrecht-checkbox",
    forms.ClearableFileInput: "utrecht-file-input",
    forms.FileInput: "utrecht-file-input",
}


class StyledFormMixin:
    """Adds Utrecht classes, and aria-invalid/aria-describedby once the form is validated."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for name, field in self.fields.items():
            widget = field.widget
            css = next((c for t, c in WIDGET_CLASSES.items() if isinstance(widget, t)), "utrecht-textbox")
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            if field.help_text and not isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}_help"  # type: ignore[attr-defined]

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        errors = getattr(self, "_errors", None) or {}
        for name, field in self.fields.items():
            describedby = []
            if field.help_text:
                describedby.append(f"id_{self.add_prefix(name)}_help")  # type: ignore[attr-defined]
            if name in errors:
                field.widget.attrs["aria-invalid"] = "true"
                describedby.insert(0, f"id_{self.add_prefix(name)}_error")  # type: ignore[attr-defined]
            if describedby and not isinstance(field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                field.widget.attrs["aria-describedby"] = " ".join(describedby)


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
