"""The figures of complaints and integrity incidents (``figures.registry``).

Rules: a complaint counts in the year it was received (``complaints.complaints``, internal and
external together; ``complaints.complaints_external`` those to an external committee); its
outcome counts in the year of the decision. A complaint that became a case is counted here
as a complaint, and ``complaints.complaints_linked`` says how many did: the annual report
counts those cases under cases and must not add them to the complaints again. An incident
counts in the year of its date, its action in the same year. Three queries per call.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from open_integriteit.figures.counting import Tally
from open_integriteit.figures.registry import Spec, Value, year_bounds

from .models import Complaint, ComplaintKind, ComplaintOutcome, Incident, IncidentAction, IncidentKind

SPECS = (
    Spec(
        key="complaints.complaints",
        label=_("Complaints received"),
        rule=_(
            "by the date the complaint was received, internal and external; a complaint that became a case "
            "counts here once (see the figure “Complaints that became a case”); per kind"
        ),
    ),
    Spec(
        key="complaints.complaints_external",
        label=_("Complaints to an external complaints committee"),
        rule=_("by the date the complaint was received; per committee"),
    ),
    Spec(
        key="complaints.complaints_linked",
        label=_("Complaints that became a case"),
        rule=_(
            "by the date the complaint was received; these are also counted as cases, so do not add them to "
            "the cases twice; per kind"
        ),
    ),
    Spec(
        key="complaints.complaint_outcomes",
        label=_("Outcomes of complaints decided"),
        rule=_("by the date of the decision; per outcome class"),
    ),
    Spec(
        key="complaints.incidents",
        label=_("Integrity incidents"),
        rule=_("by the date of the incident; per kind"),
    ),
    Spec(
        key="complaints.incident_actions",
        label=_("Actions taken on integrity incidents"),
        rule=_("by the date of the incident; per action class"),
    ),
)


def _value(counts: Counter[str], labels: dict[str, Any]) -> Value:
    tally = Tally(labels)
    for key, number in counts.items():
        if number:
            tally.add(key, number)
    return tally.value()


def figures(*, organisation: Any, year: int) -> dict[str, Value]:
    start, end = year_bounds(year)
    result: dict[str, Value] = {}

    received = (
        Complaint.objects.filter(organisation=organisation, received_on__gte=start, received_on__lt=end)
        .values("kind", "external", "committee")
        .annotate(n=Count("pk"), linked=Count("pk", filter=Q(became_case=True)))
        .order_by()
    )
    per_kind: Counter[str] = Counter()
    linked: Counter[str] = Counter()
    per_committee: Counter[str] = Counter()
    committees: dict[str, str] = {}
    for row in received:
        per_kind[row["kind"]] += row["n"]
        linked[row["kind"]] += row["linked"]
        if row["external"]:
            key = slugify(row["committee"]) or "commissie"
            committees.setdefault(key, row["committee"])
            per_committee[key] += row["n"]
    kinds = dict(ComplaintKind.choices)
    if per_kind:
        result["complaints.complaints"] = _value(per_kind, kinds)
    if per_committee:
        result["complaints.complaints_external"] = _value(per_committee, dict(sorted(committees.items())))
    if +linked:
        result["complaints.complaints_linked"] = _value(+linked, kinds)

    decided = (
        Complaint.objects.filter(organisation=organisation, decided_on__gte=start, decided_on__lt=end)
        .exclude(outcome=ComplaintOutcome.PENDING)
        .values("outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    outcomes = Counter({row["outcome"]: row["n"] for row in decided})
    if outcomes:
        result["complaints.complaint_outcomes"] = _value(outcomes, dict(ComplaintOutcome.choices))

    incidents = (
        Incident.objects.filter(organisation=organisation, date__gte=start, date__lt=end)
        .values("kind", "action")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_incident_kind: Counter[str] = Counter()
    actions: Counter[str] = Counter()
    for row in incidents:
        per_incident_kind[row["kind"]] += row["n"]
        actions[row["action"]] += row["n"]
    if per_incident_kind:
        result["complaints.incidents"] = _value(per_incident_kind, dict(IncidentKind.choices))
        result["complaints.incident_actions"] = _value(actions, dict(IncidentAction.choices))
    return result
