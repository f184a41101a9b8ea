"""Reads for search (ADR 0016): what the user may see, narrowed to what the query finds.

The query's words are hashed with the search keys and looked up in the token table of the
user's organisation; every word must be found (as a word or the start of one). A query
that looks like a reference (``M-…`` for a report, ``Z-…`` for a case, from three
characters after the letter) also finds the reference that starts with it. The result is
then filtered by ``access``: a search can only find what the user could open anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils.functional import cached_property

from open_integriteit.access import cases as case_access
from open_integriteit.access import reports as report_access
from open_integriteit.audit.services import audit_log
from open_integriteit.cases.models import Case
from open_integriteit.reports.models import Report

from . import keys, text
from .models import SearchToken

if TYPE_CHECKING:
    from django.http import HttpRequest

MAX_TERMS = 8  # more words than this in one query are ignored
# Crockford base32 as the references use it; the letters people mistype are read as digits.
# With the hyphen from three characters on; without it only whole (and with a digit), so
# that a word such as "zandzak" stays a word.
_REFERENCE = re.compile(r"^([MZ])(?:-([0-9A-Z]{3,8})|([0-9A-Z]{8}))$")
REFERENCE_LENGTH = 10  # "M-" and eight characters (reports.services._new_reference)
_MISTYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})


@dataclass(frozen=True)
class Query:
    terms: list[str]
    reference: str  # "M-…" or "Z-…" prefix, or ""

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.reference


def parse(query: str) -> Query:
    """A query that looks like a reference is searched as one (its characters are not words)."""
    squeezed = re.sub(r"\s+", "", query).upper()
    match = _REFERENCE.match(squeezed)
    if match and (match.group(2) or any(c.isdigit() for c in match.group(3))):
        rest = (match.group(2) or match.group(3)).translate(_MISTYPED)
        return Query(terms=[], reference=f"{match.group(1)}-{rest}")
    return Query(terms=text.query_terms(query)[:MAX_TERMS], reference="")


def _matching(owner: str, *, organisation_id: int, terms: list[str]) -> Q:
    """The reports (``owner="report"``) or cases with every term: one indexed subquery per
    term (its digests under every key in the ring), intersected by the database."""
    key_ids = keys.all_key_ids()
    condition = Q()
    for term in terms:
        digests = [keys.digest(term, key=keys.search_key(key_id, organisation_id)) for key_id in key_ids]
        holders = SearchToken.objects.filter(
            organisation_id=organisation_id, digest__in=digests, **{f"{owner}__isnull": False}
        ).values(owner)
        condition &= Q(pk__in=holders)
    return condition


def _found(visible: QuerySet[Any], owner: str, *, user: Any, query: Query, prefix: str) -> QuerySet[Any]:
    if query.is_empty:
        return visible.none()
    condition = Q()
    if query.terms:
        condition |= _matching(owner, organisation_id=user.organisation_id, terms=query.terms)
    if query.reference.startswith(prefix):
        whole = len(query.reference) == REFERENCE_LENGTH  # an exact match uses the unique index
        condition |= Q(reference=query.reference) if whole else Q(reference__startswith=query.reference)
    if not condition:
        return visible.none()
    return visible.filter(condition)


def reports_found(*, user: Any, query: Query) -> QuerySet[Report]:
    """The reports the user may see that the query finds, newest first."""
    visible = report_access.reports_visible_to(user)
    return _found(visible, "report", user=user, query=query, prefix="M-").order_by("-received_at", "-pk")


def cases_found(*, user: Any, query: Query) -> QuerySet[Case]:
    """The cases the user may see that the query finds, newest first."""
    visible = case_access.cases_visible_to(user)
    return _found(visible, "case", user=user, query=query, prefix="Z-").order_by("-created_at", "-pk")


PER_PAGE = 20
MAX_RESULTS = 1000  # counted and paged up to here: beyond it, the user refines the query


class CappedPaginator(Paginator):
    """Counts no further than ``MAX_RESULTS`` (a word in every report must not make every
    search count them all); ``capped`` says there are more."""

    capped = False

    @cached_property
    def count(self) -> int:
        found: int = self.object_list[: MAX_RESULTS + 1].count()  # type: ignore[index,attr-defined]
        self.capped = found > MAX_RESULTS
        return min(found, MAX_RESULTS)


@dataclass(frozen=True)
class Results:
    query: Query
    reports: Page
    cases: Page


def search_for_user(
    *, user: Any, query: str, reports_page: Any = 1, cases_page: Any = 1, request: HttpRequest | None = None
) -> Results:
    """One page of reports and one of cases found for the user. A search is written to the
    audit trail with counts only, never the words."""
    parsed = parse(query)
    reports = reports_found(user=user, query=parsed).only("reference", "received_at", "status", "ground")
    cases = cases_found(user=user, query=parsed).only("reference", "title", "state", "created_at")
    results = Results(
        query=parsed,
        reports=CappedPaginator(reports, PER_PAGE).get_page(reports_page),
        cases=CappedPaginator(cases, PER_PAGE).get_page(cases_page),
    )
    if not parsed.is_empty:
        audit_log(
            action="search.performed",
            actor=user,
            request=request,
            details={
                "words": len(parsed.terms),
                "reference": bool(parsed.reference),
                "reports": results.reports.paginator.count,
                "cases": results.cases.paginator.count,
            },
        )
    return results
