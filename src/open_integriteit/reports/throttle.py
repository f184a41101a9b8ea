"""Limits on the anonymous reporter pages (ADR 0004): receipt-code guesses and web submissions.

Receipt codes: every attempt is counted *before* the code is checked, per client and fixed
15-minute window; the 11th attempt in a window is refused without computing a hash. A
correct code gives its own attempt back, so a real reporter never uses up the allowance,
and wrong guesses are never forgiven, not even by logging in with a known code. A guess is
never tied to a report, so nobody can lock a real reporter out: only the guessing client
(its address) is slowed. There is deliberately no global ceiling: it would let anyone lock
out every reporter.

Submissions: at most ``OI_SUBMISSION_LIMIT_CLIENT`` reports per client and
``OI_SUBMISSION_LIMIT_ORGANISATION`` per organisation per fixed hour. A refused reporter
sees the form again with everything typed, the time they can send it, and other ways to
report. A submission that fails afterwards gives its place back.

Counting is atomic (``core/ratelimit.py``) and stores no address.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from open_integriteit.audit.models import Channel as AuditChannel
from open_integriteit.audit.services import audit_log
from open_integriteit.core.ratelimit import Count, Limit, client_subject, counted_in_database, give_back, hit
from open_integriteit.encryption import storage
from open_integriteit.organisations.models import Organisation

CLIENT_LIMIT = 10
WINDOW_SECONDS = 15 * 60
RECEIPT_GUESSES = Limit(scope="receipt", limit=CLIENT_LIMIT, window_seconds=WINDOW_SECONDS)
SUBMISSION_WINDOW_SECONDS = 60 * 60


def receipt_attempt(request: HttpRequest) -> Count:
    """Count one receipt-code attempt of this client; ``.exceeded`` means: do not check it."""
    return hit(RECEIPT_GUESSES, client_subject(request))


def receipt_correct(attempt: Count) -> None:
    """The code was right: this attempt does not count against the client."""
    give_back(attempt)


@dataclass(frozen=True)
class SubmissionQuota:
    """The counted places of one submission; ``refused_by`` names the limit that was full."""

    counts: tuple[Count, ...]
    refused_by: str | None  # "client", "organisation" or None

    @property
    def retry_at(self) -> dt.datetime:
        return self.counts[-1].resets_at

    def give_back(self) -> None:
        for count in self.counts:
            give_back(count)


def submission_quota(request: HttpRequest, organisation: Organisation) -> SubmissionQuota:
    """Take a place for one web submission, first from the client's limit, then from the
    organisation's. A client refused by the organisation's ceiling keeps its own place;
    the first such refusal in an hour is written to the audit trail (without address)."""
    per_client = Limit("submit-client", settings.OI_SUBMISSION_LIMIT_CLIENT, SUBMISSION_WINDOW_SECONDS)
    per_organisation = Limit("submit-org", settings.OI_SUBMISSION_LIMIT_ORGANISATION, SUBMISSION_WINDOW_SECONDS)
    with transaction.atomic(savepoint=False):  # SQLite: one write transaction for both counters
        client = hit(per_client, client_subject(request))
        if client.exceeded:  # counts past the limit change nothing: no need to give back
            return SubmissionQuota((client,), "client")
        org = hit(per_organisation, str(organisation.pk))
        if org.exceeded:
            give_back(client)
            if org.hits == org.limit + 1:
                audit_log(
                    action="report.submission_limit_reached",
                    channel=AuditChannel.REPORTER,
                    organisation_id=organisation.pk,
                    details={"limit": org.limit, "window_minutes": SUBMISSION_WINDOW_SECONDS // 60},
                )
            return SubmissionQuota((org,), "organisation")
    return SubmissionQuota((client, org), None)


@contextmanager
def submission_counted(request: HttpRequest, organisation: Organisation) -> Iterator[SubmissionQuota]:
    """Count a web submission and write it in one transaction (ADR 0020).

    Yields the quota with the transaction open: the caller writes the report in it when
    ``refused_by`` is None. A refusal commits the counts (and the audit event of the first
    refusal in an hour). When the write fails, the rollback undoes the counts with the
    report; counts kept in Redis are given back. SQLite takes its write lock once per
    submission instead of twice (ADR 0002): compute the receipt hash before entering."""
    quota: SubmissionQuota | None = None
    try:
        with storage.removed_on_failure(), transaction.atomic():
            quota = submission_quota(request, organisation)
            yield quota
    except BaseException:
        if quota is not None and quota.refused_by is None and not counted_in_database():
            quota.give_back()
        raise
