"""Writes on the search index (ADR 0016). Keep it small.

The domain services call ``index_report`` / ``index_case`` after every write of text that
is searched, inside their own transaction: the index never holds a word the object no
longer has, and never misses one it has. What is searched is only text that everyone who
sees the object may read (a report's own text and minutes; a case's title, signal and
notes), so a search can find nothing a user could not have read on the page itself. The
reporter's identity, messages, and the work of particular roles are not indexed.

Indexing writes no audit event of its own: it is part of the write that triggered it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Field, QuerySet

from open_integriteit.cases.models import Case, Note
from open_integriteit.reports.models import Minutes, Report

from . import keys, text
from .models import SearchToken

REPORT_FIELDS = ("what_happened", "when_where", "involved", "how_known", "reported_elsewhere_detail")
CASE_FIELDS = ("title", "signal")


def report_text(report: Report) -> list[str]:
    """The searched text of a report: what the reporter wrote, and the minutes of an oral report."""
    minutes = Minutes.objects.filter(report_id=report.pk).values_list("text", flat=True).first()
    return [*(getattr(report, name) or "" for name in REPORT_FIELDS), minutes or ""]


def case_text(case: Case) -> list[str]:
    """The searched text of a case: its working title, the signal, and every note (notes are
    for everyone who sees the case, ``access.cases.WORK``)."""
    notes = Note.objects.filter(case_id=case.pk).values_list("text", flat=True)
    return [*(getattr(case, name) or "" for name in CASE_FIELDS), *notes]


def _digests(*, organisation_id: int, texts: Iterable[str]) -> tuple[str, list[str]]:
    """The active key id and the sorted digests of every term of ``texts``."""
    key_id = keys.active_key_id()
    key = keys.search_key(key_id, organisation_id)
    found: set[str] = set()
    for value in texts:
        found |= text.terms(value)
    return key_id, sorted({keys.digest(term, key=key) for term in found})  # digest order: no trace of word order


def _tokens(*, organisation_id: int, texts: Iterable[str], owner: dict[str, Any]) -> list[SearchToken]:
    key_id, digests = _digests(organisation_id=organisation_id, texts=texts)
    return [SearchToken(organisation_id=organisation_id, key_id=key_id, digest=d, **owner) for d in digests]


INSERT_BATCH = 500  # rows per INSERT statement (5 parameters each)


def _insert(*, organisation_id: int, texts: Iterable[str], report_id: int | None, case_id: int | None) -> int:
    """Write the tokens of one report or case: one multi-row INSERT per ``INSERT_BATCH``, in
    digest order. The same rows ``bulk_create(_tokens(...))`` writes, without building a model
    instance per word: a submission has about 50 tokens, and the instances were a tenth of
    its CPU (``make bench-profile``, issue 6). The check constraint (one owner) is the
    database's."""
    key_id, digests = _digests(organisation_id=organisation_id, texts=texts)
    quote = connection.ops.quote_name
    meta = SearchToken._meta
    columns = []
    for name in ("organisation", "report", "case", "key_id", "digest"):  # the order of the values below
        field = meta.get_field(name)
        assert isinstance(field, Field) and field.column
        columns.append(quote(field.column))
    with connection.cursor() as cursor:
        for start in range(0, len(digests), INSERT_BATCH):
            batch = digests[start : start + INSERT_BATCH]
            values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(batch))
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({', '.join(columns)}) VALUES {values}",  # noqa: S608 - names from the model
                [value for d in batch for value in (organisation_id, report_id, case_id, key_id, d)],
            )
    return len(digests)


def index_report(*, report: Report, new: bool = False) -> int:
    """(Re)build the report's tokens. Returns how many it has now. ``new``: the report was
    created in this transaction, so it has no tokens to remove yet."""
    with transaction.atomic(savepoint=False):
        if not new:
            SearchToken.objects.filter(report_id=report.pk).delete()
        if report.destroyed_at is not None:
            return 0
        return _insert(
            organisation_id=report.organisation_id, texts=report_text(report), report_id=report.pk, case_id=None
        )


def index_case(*, case: Case, new: bool = False) -> int:
    """(Re)build the case's tokens. Returns how many it has now. ``new`` as for a report."""
    with transaction.atomic(savepoint=False):
        if not new:
            SearchToken.objects.filter(case_id=case.pk).delete()
        if case.destroyed_at is not None:
            return 0
        return _insert(organisation_id=case.organisation_id, texts=case_text(case), report_id=None, case_id=case.pk)


def forget(rows: QuerySet[Any]) -> int:
    """Remove the tokens of these reports or cases (their content is being destroyed).

    Registered with ``retention.erase``: called for every queryset whose encrypted content
    is emptied, in the destroying transaction. Rows of other models have no tokens."""
    if rows.model is Report:
        deleted, _ = SearchToken.objects.filter(report_id__in=rows.values("pk")).delete()
    elif rows.model is Case:
        deleted, _ = SearchToken.objects.filter(case_id__in=rows.values("pk")).delete()
    else:
        return 0
    return deleted


def rebuild(*, batch: int = 200) -> tuple[int, int]:
    """Index every report and case again under the active key (after ``rotate_keys``, or to
    fill the index for data from before it existed). One transaction per object, so an
    interrupted run can simply be started again. Returns (reports, cases) indexed."""
    reports = cases = 0
    SearchToken.objects.filter(report__destroyed_at__isnull=False).delete()
    SearchToken.objects.filter(case__destroyed_at__isnull=False).delete()
    for report in Report.objects.filter(destroyed_at__isnull=True).order_by("pk").iterator(chunk_size=batch):
        index_report(report=report)
        reports += 1
    for case in Case.objects.filter(destroyed_at__isnull=True).order_by("pk").iterator(chunk_size=batch):
        index_case(case=case)
        cases += 1
    return reports, cases
