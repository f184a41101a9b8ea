"""The demo: each demo organisation has an adopted and published report for 2025 and a draft
for 2026, made through the services; a second load adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from open_integriteit.annual_reports import document, privacy
from open_integriteit.annual_reports.models import AnnualReport, ReportState
from open_integriteit.core.demo import DEMO_ORGANISATIONS, load_demo
from open_integriteit.organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def test_each_demo_organisation_has_a_published_2025_report_and_a_2026_draft(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    load_demo()
    for _name, slug, kind, _colour in DEMO_ORGANISATIONS:
        if kind == OrganisationKind.SHARED_SERVICE:
            continue  # it keeps no registers of its own in the demo, and writes no report
        organisation = Organisation.objects.get(slug=slug)
        published = AnnualReport.objects.get(organisation=organisation, first_year=2025)
        assert published.state == ReportState.PUBLISHED
        assert dt.date(2026, 1, 1) <= published.adopted_on <= dt.date(2026, 4, 30)
        assert published.adopted_by in {"Gedeputeerde Staten", "College van B&W"} and published.decision_reference
        assert published.files.count() == 4
        assert published.accepted_flags.exists()  # the small numbers, accepted per figure with one reason
        assert not any(code.startswith("text:") for code in published.accepted_flags.values_list("code", flat=True))
        intro = next(s for s in published.frozen["sections"] if s["key"] == "introduction")
        assert organisation.name in intro["blocks"][0]["runs"][0]["text"]

        draft = AnnualReport.objects.get(organisation=organisation, first_year=2026)
        assert draft.state == ReportState.DRAFT and draft.sections.exclude(narrative="").exists()
        assert not [f for f in privacy.flags(draft, document.build(draft)) if f.code.startswith("text:")]

    load_demo()
    writers = [kind for _name, _slug, kind, _colour in DEMO_ORGANISATIONS if kind != OrganisationKind.SHARED_SERVICE]
    assert AnnualReport.objects.count() == 2 * len(writers)
