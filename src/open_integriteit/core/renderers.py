"""The form renderer (``FORM_RENDERER``): Django's own widget templates, with the smallest
of them written out in Python.

Django renders every control through the template engine: each radio button of a choice
is a template with two nested includes, each attribute goes through a loop of template
tags. The reporting form has 18 radio buttons and 9 other controls, and rendering them
was about 60 % of the CPU of the form page (``make bench-profile``, issue 6). The leaf
templates below (``input.html`` and the templates that only include it, ``input_option.html``
for radio buttons and checkboxes, ``textarea.html``, ``select.html`` and ``select_option.html``)
are therefore rendered by functions that give the same HTML, byte for byte: same escaping
(``html.escape`` as in Django's ``escape``, ``stringformat:'s'`` keeps safe strings as they are), same
localisation of values (``render_value_in_context``), same order of attributes, same
strip of the outer whitespace. Every other template (form and field layouts, error
lists, multiple inputs, clearable file inputs, multiwidgets), and every template an app
overrides, still goes through the template engine.

``core/tests/test_renderers.py`` renders every widget kind, value and attribute the
project uses (and hostile values) both ways and requires identical output.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData

WIDGETS = "django/forms/widgets/"
# Templates that consist of nothing but ``{% include "django/forms/widgets/input.html" %}``.
INPUT_ALIASES = (
    "checkbox",
    "color",
    "date",
    "datetime",
    "email",
    "file",
    "hidden",
    "input",
    "number",
    "password",
    "search",
    "tel",
    "text",
    "time",
    "url",
)
OPTION_ALIASES = ("checkbox_option", "input_option", "radio_option")
SELECT_OPTION = f"{WIDGETS}select_option.html"

# What a ``{{ value }}`` in an autoescaping template does with a value (read-only use).
_CONTEXT = Context(autoescape=True)


def _text(value: Any) -> str:
    """``{{ value }}``; a plain string directly as Django's ``escape`` does it (no lazy check)."""
    if type(value) is str:
        return html.escape(value)
    return render_value_in_context(value, _CONTEXT)


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: a safe string stays unescaped (the filter is ``is_safe``)."""
    try:
        text = "%s" % (str(value) if isinstance(value, tuple) else value)
    except (ValueError, TypeError):
        text = ""
    return text if isinstance(value, SafeData) else html.escape(text)


def _attrs(attrs: dict[str, Any]) -> str:
    """``attrs.html``."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict[str, Any]) -> str:
    """``input.html``."""
    value = f' value="{_formatted(widget["value"])}"' if widget.get("value") is not None else ""
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _input_option(widget: dict[str, Any]) -> str:
    """``input_option.html`` (a radio button or checkbox of a choice)."""
    if not widget.get("wrap_label"):
        return _input(widget)
    element_id = widget["attrs"].get("id")
    label_for = f' for="{_text(element_id)}"' if element_id else ""
    # input.html ends in a newline, which its include keeps.
    return f"<label{label_for}>{_input(widget)}\n {_text(widget['label'])}</label>"


def _textarea(widget: dict[str, Any]) -> str:
    """``textarea.html``."""
    value = _text(widget["value"]) if widget.get("value") else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _select_option(widget: dict[str, Any]) -> str:
    """``select_option.html``."""
    return f'<option value="{_formatted(widget["value"])}"{_attrs(widget["attrs"])}>{_text(widget["label"])}</option>'


class FastWidgetRenderer(DjangoTemplates):
    """Django's template renderer; the leaf widget templates rendered in Python (see above)."""

    def __init__(self) -> None:
        super().__init__()
        self.functions: dict[str, Callable[[dict[str, Any]], str]] = {
            **{f"{WIDGETS}{name}.html": _input for name in INPUT_ALIASES},
            **{f"{WIDGETS}{name}.html": _input_option for name in OPTION_ALIASES},
            f"{WIDGETS}textarea.html": _textarea,
            f"{WIDGETS}select.html": self._select,
            SELECT_OPTION: _select_option,
        }
        self._overridden: dict[str, bool] = {}

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        function = self.functions.get(template_name)
        if function is None or self._is_overridden(template_name):
            return super().render(template_name, context, request)
        widget = context["widget"]
        if function is self._select and any(
            option["template_name"] != SELECT_OPTION
            for _name, options, _index in widget["optgroups"]
            for option in options
        ):
            return super().render(template_name, context, request)
        return function(widget).strip()

    def _select(self, widget: dict[str, Any]) -> str:
        """``select.html`` with ``select_option.html`` for every option (``render`` checks that)."""
        if self._is_overridden(SELECT_OPTION):
            return str(super().render(f"{WIDGETS}select.html", {"widget": widget}))
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            for option in group_choices:
                # The include keeps the newline at the end of select_option.html.
                parts.append(f"\n  {_select_option(option)}\n")
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return "".join(parts)

    def _is_overridden(self, template_name: str) -> bool:
        """Whether an app (or the project) overrides Django's own template of this name: then
        the app's template is what must be rendered."""
        overridden = self._overridden.get(template_name)
        if overridden is None:
            origin = self.get_template(template_name).origin.name  # type: ignore[attr-defined]
            overridden = not str(origin).replace("\\", "/").endswith(f"django/forms/templates/{template_name}")
            self._overridden[template_name] = overridden
        return overridden
