"""Every audit action code has a label in the registry, found statically in the source and
enforced when an event is written; the timeline and the auditor's view use the labels."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from open_integriteit.audit.actions import action_label, is_registered
from open_integriteit.audit.models import AuditEvent
from open_integriteit.audit.services import audit_log

PACKAGE = Path(__file__).resolve().parents[2]


def _strings(node: ast.AST) -> list[str] | None:
    """The string constants an expression can be (both arms of ``a if c else b``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _strings(node.body), _strings(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _call_name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def emitted_codes() -> tuple[set[str], list[str]]:
    """Codes passed to ``audit_log(action=...)`` in the product's source, following small
    wrappers that pass their own parameter on (``_log("case.created", ...)``)."""
    codes: set[str] = set()
    unresolved: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrappers: dict[str, tuple[str, int]] = {}  # function name -> (parameter, position)
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            params = [a.arg for a in function.args.posonlyargs + function.args.args + function.args.kwonlyargs]
            for call in (n for n in ast.walk(function) if isinstance(n, ast.Call) and _call_name(n) == "audit_log"):
                for keyword in call.keywords:
                    if keyword.arg == "action" and isinstance(keyword.value, ast.Name) and keyword.value.id in params:
                        wrappers[function.name] = (keyword.value.id, params.index(keyword.value.id))
        for call in calls:
            name = _call_name(call)
            expression: ast.AST | None = None
            if name == "audit_log":
                expression = next((k.value for k in call.keywords if k.arg == "action"), None)
                if isinstance(expression, ast.Name) and any(
                    expression.id == parameter for parameter, _position in wrappers.values()
                ):
                    continue  # inside a wrapper: its callers are checked
            elif name in wrappers:
                parameter, position = wrappers[name]
                expression = next((k.value for k in call.keywords if k.arg == parameter), None)
                if expression is None and len(call.args) > position:
                    expression = call.args[position]
            else:
                continue
            found = _strings(expression) if expression is not None else None
            if found is None:
                unresolved.append(f"{path.relative_to(PACKAGE)}:{call.lineno}")
            else:
                codes.update(found)
    return codes, unresolved


def test_every_code_written_in_the_source_has_a_label():
    codes, unresolved = emitted_codes()
    assert unresolved == [], "write audit action codes as string literals, so they can be checked"
    assert len(codes) > 60
    assert sorted(code for code in codes if not is_registered(code)) == []


@pytest.mark.django_db
def test_an_unregistered_code_is_refused_in_tests_and_under_debug_but_written_in_production():
    with pytest.raises(ValueError, match="has no label"):
        audit_log(action="report.shredded", channel="system")
    with override_settings(OI_AUDIT_REFUSE_UNREGISTERED=False, DEBUG=True), pytest.raises(ValueError):
        audit_log(action="report.shredded", channel="system")
    with override_settings(OI_AUDIT_REFUSE_UNREGISTERED=False, DEBUG=False):
        event = audit_log(action="report.shredded", channel="system")
    assert action_label(event.action) == "report.shredded"


def test_a_case_transition_is_labelled_with_its_step():
    with translation.override("en"):
        assert action_label("case.transition", {"step": "close"}) == "Close the case"
        assert action_label("case.transition", {"step": "gone"}) == "Case moved to another stage"


@pytest.mark.django_db
def test_the_auditor_filters_on_a_code_or_a_group_from_the_registry(personas, client_for):
    frank = client_for(personas["frank"])
    url = reverse("audit:event_list")
    exact = frank.get(url, {"action": "account.role_granted"}).context["rows"]
    assert exact and {row.event.action for row in exact} == {"account.role_granted"}
    group = frank.get(url, {"action": "account."}).context["rows"]
    assert {row.event.action for row in group} >= {"account.created", "account.role_granted"}
    refused = frank.get(url, {"action": "account.role"})
    assert refused.context["form"].errors["action"]
    assert not AuditEvent.objects.filter(action="account.role").exists()


@pytest.mark.django_db
def test_the_audit_view_shows_labels_and_references_not_codes_and_ids(team, client_for, make_report, make_case):
    from open_integriteit.accounts.models import User

    report, _code = make_report()
    case = make_case(reports=[report])
    frank = client_for(team["frank"])
    page = frank.get(reverse("audit:event_list")).content.decode()
    assert case.reference in page and report.reference in page
    assert f"cases.case {case.pk}" not in page and "<code>" not in page
    assert "Account aangemaakt" in page  # the registered label, in Dutch
    alice = User.objects.get(username="alice")
    assert alice.get_full_name() in page
    # The auditor reads the trail, not the case: its reference is no link for them.
    assert f'href="{reverse("cases:detail", args=[case.reference])}"' not in page


@pytest.mark.django_db
def test_the_action_filter_is_a_grouped_select_of_registered_actions(personas, client_for):
    page = client_for(personas["frank"]).get(reverse("audit:event_list")).content.decode()
    assert '<select name="action"' in page and "<optgroup" in page
    assert '<option value="account.role_approved">' in page


@pytest.mark.django_db
def test_an_auditor_who_may_open_the_case_gets_a_link(team, client_for, make_report, make_case):
    from open_integriteit.accounts.services import role_assign

    alice = team["alice"]
    role_assign(user=alice, role="auditor")
    case = make_case()
    page = client_for(alice).get(reverse("audit:event_list")).content.decode()
    assert f'href="{reverse("cases:detail", args=[case.reference])}"' in page
