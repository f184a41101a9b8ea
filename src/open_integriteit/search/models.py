"""The blind index of reports and cases (ADR 0016).

One row per distinct search term of one report or case: a keyed hash (HMAC-SHA256, cut to
64 bits) of the term, never the term. 64 bits keep the table small; a collision within one
organisation (about one in 10^7 with a million distinct terms) would only add a result the
user may see anyway. Rows are written in digest order, so their ids say nothing about the order
of the words in the text. A report or case that is deleted takes its rows with it (cascade);
one whose content is destroyed after retention loses them in the same transaction
(``retention.erase.clear_encrypted`` asks this app, see ``apps.py``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class SearchToken(models.Model):
    # Indexed by search_token_lookup, which starts with it.
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    key_id = models.CharField(max_length=32)
    digest = models.CharField(max_length=16)

    class Meta:
        # Covering: a search reads the index only, never the table.
        indexes = [models.Index(fields=["organisation", "digest", "report", "case"], name="search_token_lookup")]
        constraints = [
            models.CheckConstraint(
                condition=Q(report__isnull=False, case__isnull=True) | Q(report__isnull=True, case__isnull=False),
                name="search_token_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"search token {self.pk}"
