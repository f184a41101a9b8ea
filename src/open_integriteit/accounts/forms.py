from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin

from .models import Role


def _password(label: Any, required: Any, *, new: bool = False, help_text: Any = "") -> forms.CharField:
    autocomplete = "new-password" if new else "current-password"
    return forms.CharField(
        label=label,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        error_messages={"required": required},
    )


class LoginForm(StyledFormMixin, forms.Form):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        error_messages={"required": _("Enter your user name.")},
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = _password(_("Password"), _("Enter your password."))


class TokenForm(StyledFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=12,
        help_text=_("The 6-digit code from your authenticator app, or one of your 8-digit backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the code.")},
    )


class UserCreateForm(StyledFormMixin, forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        min_length=12,
        help_text=_("At least 12 characters. Give it to the person in a safe way."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class RolesForm(StyledFormMixin, forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "A content role (coordinator, confidential adviser, case principal, investigator, manager) and "
            "the administrator role count only after a coordinator or another administrator has approved them."
        ),
    )

    def __init__(self, *args: Any, pending: frozenset[str] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["roles"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [
            (value, _("%(role)s (waiting for approval)") % {"role": label} if value in pending else label)
            for value, label in Role.choices
        ]


class PasswordResetRequestForm(StyledFormMixin, forms.Form):
    identifier = forms.CharField(
        label=_("User name or e-mail address"),
        max_length=254,
        error_messages={"required": _("Enter your user name or e-mail address.")},
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )


class PasswordConfirmForm(StyledFormMixin, forms.Form):
    password = _password(_("Password"), _("Enter your password."))


class PasswordSetForm(StyledFormMixin, forms.Form):
    new_password = _password(
        _("New password"),
        _("Enter a new password."),
        new=True,
        help_text=_("At least 12 characters; not a common password, not only digits, not like your name."),
    )
    new_password_again = _password(_("New password again"), _("Enter the new password a second time."), new=True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        new, again = cleaned.get("new_password"), cleaned.get("new_password_again")
        if new and again and new != again:
            self.add_error("new_password_again", _("The two new passwords are not the same."))
        return cleaned


class PasswordChangeForm(PasswordSetForm):
    """A new password, set by someone who knows the current one."""

    current_password = _password(_("Current password"), _("Enter your current password."))
    field_order = ["current_password", "new_password", "new_password_again"]
