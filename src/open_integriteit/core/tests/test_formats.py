"""One format per kind of date and Dutch numbers, through Django's localisation; templates
never carry a date format of their own."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.utils import timezone, translation

from open_integriteit.reports.forms import ReportForm
from open_integriteit.reports.uploads import check_uploads

MOMENT = timezone.make_aware(dt.datetime(2026, 11, 23, 14, 5, 9))


def render(source: str, **context) -> str:
    return Template("{% load oi %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            [
                "23 nov. 2026",
                "23 nov. 2026 14:05",
                "23 november 2026",
                "23 november 2026 14:05",
                "23 nov. 2026 14:05:09",
                "6 mrt. 2026",
                "6 mei 2026",
            ],
        ),
        (
            "en",
            [
                "23 Nov 2026",
                "23 Nov 2026 14:05",
                "23 November 2026",
                "23 November 2026 14:05",
                "23 Nov 2026 14:05:09",
                "6 Mar 2026",
                "6 May 2026",
            ],
        ),
    ],
)
def test_one_format_per_kind_of_date(language, expected):
    with translation.override(language):
        got = render(
            "{{ m|short_date }}|{{ m|short_datetime }}|{{ m|long_date }}|{{ m|long_datetime }}|{{ m|timestamp }}"
            "|{{ march|short_date }}|{{ may|short_date }}",
            m=MOMENT,
            march=dt.date(2026, 3, 6),
            may=dt.date(2026, 5, 6),
        )
    assert got.split("|") == expected


def test_no_template_carries_its_own_date_format():
    root = Path(__file__).resolve().parents[2]
    raw = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in root.rglob("templates/**/*.html")
        for match in re.finditer(r"\|\s*(date|time)\s*:\s*[\"']", path.read_text(encoding="utf-8"))
    ]
    assert not raw, "use the date filters of core/templatetags/oi.py:\n" + "\n".join(raw)


def test_a_too_large_file_is_measured_with_a_dutch_decimal_comma(settings):
    settings.OI_MAX_ATTACHMENT_MB = 1
    upload = SimpleUploadedFile("groot.pdf", b"%PDF-1.4\n" + b"0" * (1536 * 1024), content_type="application/pdf")
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        check_uploads([upload])
    assert "(1,5\xa0MB)" in error.value.messages[0]


def test_the_attachment_help_is_in_the_language_of_the_page():
    with translation.override("en"):
        english = str(ReportForm().fields["attachments"].help_text)
    with translation.override("nl"):
        dutch = str(ReportForm().fields["attachments"].help_text)
    assert english.startswith("Optional. At most") and dutch.startswith("Niet verplicht.")
