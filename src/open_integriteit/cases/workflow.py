"""The case workflow as one explicit transition table (DOMAIN.md §4.2, ISO 37002).

intake → investigability assessment → principal's decision (investigate, handle informally,
refer, no further action) → preliminary and/or full investigation → hearing both sides →
findings → measures → feedback to the reporter → closed → (after retention) destroyed.

Every transition names the roles allowed to make it. Services refuse any other move.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from open_integriteit.accounts.models import Role


class State(models.TextChoices):
    INTAKE = "intake", _("Intake")
    ASSESSMENT = "assessment", _("Investigability assessment")
    DECISION = "decision", _("Awaiting the principal's decision")
    INFORMAL = "informal", _("Handled informally")
    REFERRED = "referred", _("Referred to an external body")
    PRELIMINARY_INVESTIGATION = "preliminary_investigation", _("Preliminary investigation")
    INVESTIGATION = "investigation", _("Investigation")
    HEARING = "hearing", _("Hearing both sides")
    FINDINGS = "findings", _("Findings")
    MEASURES = "measures", _("Measures")
    FEEDBACK = "feedback", _("Feedback to the reporter")
    CLOSED = "closed", _("Closed")
    DESTROYED = "destroyed", _("Destroyed after retention")


SYSTEM = "system"  # the background worker (retention)


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any  # a lazy translation
    source: str
    target: str
    roles: frozenset[str]
    needs_reason: bool = False


def _t(name: str, label: Any, source: str, target: str, *roles: str, needs_reason: bool = False) -> Transition:
    return Transition(name, label, source, target, frozenset(roles), needs_reason)


C, P, I = Role.COORDINATOR, Role.CASE_PRINCIPAL, Role.INVESTIGATOR  # noqa: E741

TRANSITIONS: tuple[Transition, ...] = (
    _t("start_assessment", _("Start the investigability assessment"), State.INTAKE, State.ASSESSMENT, C),
    _t("submit_for_decision", _("Submit to the principal for a decision"), State.ASSESSMENT, State.DECISION, C, I),
    _t(
        "decide_preliminary", _("Decide: preliminary investigation"), State.DECISION, State.PRELIMINARY_INVESTIGATION, P
    ),
    _t("decide_investigate", _("Decide: investigate"), State.DECISION, State.INVESTIGATION, P),
    _t("decide_informal", _("Decide: handle informally"), State.DECISION, State.INFORMAL, P),
    _t("decide_refer", _("Decide: refer to an external body"), State.DECISION, State.REFERRED, P),
    _t("decide_no_action", _("Decide: no further action"), State.DECISION, State.FEEDBACK, P, needs_reason=True),
    _t("escalate", _("Start a full investigation"), State.PRELIMINARY_INVESTIGATION, State.INVESTIGATION, P),
    _t("conclude_preliminary", _("Conclude with findings"), State.PRELIMINARY_INVESTIGATION, State.FINDINGS, P, I),
    _t("start_hearing", _("Start hearing both sides"), State.INVESTIGATION, State.HEARING, I),
    _t("complete_hearing", _("Complete the hearings: findings"), State.HEARING, State.FINDINGS, I),
    _t("decide_measures", _("Decide on measures"), State.FINDINGS, State.MEASURES, P),
    _t("no_measures", _("No measures: to feedback"), State.FINDINGS, State.FEEDBACK, P, needs_reason=True),
    _t("measures_taken", _("Measures taken: to feedback"), State.MEASURES, State.FEEDBACK, C, P),
    _t("informal_done", _("Informal handling done: to feedback"), State.INFORMAL, State.FEEDBACK, C),
    _t("referral_done", _("Referral done: to feedback"), State.REFERRED, State.FEEDBACK, C),
    _t("close", _("Close the case"), State.FEEDBACK, State.CLOSED, C),
    _t("reopen", _("Reopen the case"), State.CLOSED, State.ASSESSMENT, C, needs_reason=True),
    _t("destroy", _("Destroy after retention"), State.CLOSED, State.DESTROYED, SYSTEM),
)

BY_NAME: dict[str, Transition] = {t.name: t for t in TRANSITIONS}
ALL_ROLES: tuple[str, ...] = (*Role.values, SYSTEM)


def allowed(*, state: str, transition: str, roles: set[str] | frozenset[str]) -> bool:
    """True exactly when the table has this transition from this state for one of the roles."""
    spec = BY_NAME.get(transition)
    return spec is not None and spec.source == state and bool(spec.roles & set(roles))


def available(*, state: str, roles: set[str] | frozenset[str]) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == state and t.roles & set(roles)]


def reachable_states() -> set[str]:
    """Every state the table can reach from intake."""
    seen = {State.INTAKE.value}
    frontier = [State.INTAKE.value]
    while frontier:
        state = frontier.pop()
        for t in TRANSITIONS:
            if t.source == state and t.target not in seen:
                seen.add(t.target)
                frontier.append(t.target)
    return seen


# Which records can be added in which states (besides notes and documents, always allowed while open).
OPEN_STATES = frozenset(set(State.values) - {State.CLOSED, State.DESTROYED})
ASSESSMENT_STATES = frozenset({State.INTAKE, State.ASSESSMENT})
HEARING_STATES = frozenset({State.PRELIMINARY_INVESTIGATION, State.INVESTIGATION, State.HEARING})
FINDING_STATES = frozenset({State.PRELIMINARY_INVESTIGATION, State.HEARING, State.FINDINGS})
MEASURE_STATES = frozenset({State.FINDINGS, State.MEASURES, State.INFORMAL})
