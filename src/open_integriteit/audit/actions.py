"""The registry of audit actions: every code written to the audit trail, with its label.

Each app lists the codes it writes in a small module ``<app>/audit_actions.py``. The
audit app finds those modules when the project starts (``autodiscover``, the way Django's
admin finds ``admin.py``) and imports no app by name. The case timeline and the auditor's
view take their labels from here, the auditor's filter offers exactly these codes, and
``audit_log`` refuses a code without a label under DEBUG and in the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

# A function that turns an event's details into a more precise label, or None to keep the
# registered one (e.g. the step of a case transition).
Describe = Callable[[Mapping[str, Any]], Any]


@dataclass(frozen=True)
class ActionGroup:
    prefix: str
    label: Any  # a lazy translation
    actions: dict[str, Any] = field(default_factory=dict)
    describers: dict[str, Describe] = field(default_factory=dict)


_GROUPS: dict[str, ActionGroup] = {}


def register_actions(
    *, prefix: str, label: Any, actions: Mapping[str, Any], describe: Mapping[str, Describe] | None = None
) -> None:
    """Register the codes ``<prefix>.<what>`` with their (lazy) labels, as one group."""
    describe = dict(describe or {})
    for code in [*actions, *describe]:
        if not code.startswith(prefix + ".") or code not in actions:
            raise ImproperlyConfigured(f"audit action {code!r} must start with {prefix!r}. and have a label")
    existing = _GROUPS.get(prefix)
    if existing is not None and (existing.actions != dict(actions) or existing.describers != describe):
        raise ImproperlyConfigured(f"audit actions {prefix}.* are registered twice")
    _GROUPS[prefix] = ActionGroup(prefix, label, dict(actions), describe)


def autodiscover() -> None:
    autodiscover_modules("audit_actions")


def _group(code: str) -> ActionGroup | None:
    return _GROUPS.get(code.partition(".")[0])


def is_registered(code: str) -> bool:
    group = _group(code)
    return group is not None and code in group.actions


def registered_codes() -> frozenset[str]:
    return frozenset(code for group in _GROUPS.values() for code in group.actions)


def action_label(code: str, details: Mapping[str, Any] | None = None) -> str:
    """The readable label of a code (more precise where the details allow); the code itself
    for anything unregistered, so an old or unknown event still shows."""
    group = _group(code)
    if group is None or code not in group.actions:
        return code
    describer = group.describers.get(code)
    if describer is not None and details is not None:
        precise = describer(details)
        if precise:
            return str(precise)
    return str(group.actions[code])


def action_choices() -> list[tuple[str, Any]]:
    """Grouped choices for a filter: per group "all of the group" (value ``prefix.``) and
    each code. Groups are sorted by their label in the active language."""
    choices: list[tuple[str, Any]] = [("", _("All actions"))]
    for group in sorted(_GROUPS.values(), key=lambda g: str(g.label)):
        options = [(f"{group.prefix}.", _("All: %(group)s") % {"group": group.label})]
        options += [(code, str(label)) for code, label in group.actions.items()]
        choices.append((str(group.label), options))
    return choices
