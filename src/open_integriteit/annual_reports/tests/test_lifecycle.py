"""Privacy check, adoption, publication and correction of an annual report (issue 10)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from open_integriteit.accounts import services as account_services
from open_integriteit.accounts.models import Role
from open_integriteit.annual_reports import document, privacy, services, tasks
from open_integriteit.annual_reports.models import AnnualReport, ReportState
from open_integriteit.audit.models import AuditEvent
from open_integriteit.consultations.tests.conftest import log_setup  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

ADOPTION = {"adopted_on": dt.date(2026, 3, 10), "adopted_by": "Gedeputeerde Staten", "decision_reference": "GS-2026-17"}


@pytest.fixture
def draft(org, personas):
    return services.report_create(organisation=org, first_year=2025, last_year=2025, by=personas["alice"])


def _write(report, key, text, by):
    section = report.sections.get(key=key)
    services.section_update(section=section, title=section.title, narrative=text, enabled=True, by=by)


def test_a_narrative_naming_a_known_person_blocks_adoption_until_accepted_with_a_reason(org, personas, draft):
    account_services.user_create(
        organisation=org, username="fenna", first_name="Fenna", last_name="Brouwersma", roles=[Role.EMPLOYEE]
    )
    alice = personas["alice"]
    _write(
        draft, "introduction", "Het gesprek met Fenna Brouwersma (fenna@example.invalid) leidde tot een melding.", alice
    )
    raised = privacy.flags(draft, document.build(draft))
    assert sorted(flag.code.split(":")[2] for flag in raised) == ["email", "name"]
    assert all("Brouwersma" not in flag.message and "Brouwersma" not in flag.where for flag in raised)

    with pytest.raises(ValidationError, match="2 signaleringen van de privacycontrole staan nog open"):
        services.report_adopt(report=draft, by=alice, **ADOPTION)
    assert AnnualReport.objects.get(pk=draft.pk).state == ReportState.DRAFT

    for flag in raised:
        services.flag_accept(report=draft, code=flag.code, reason="Invented: the council knows this already.", by=alice)
    assert AuditEvent.objects.filter(action="annual_reports.flag_accepted").count() == 2
    adopted = services.report_adopt(report=draft, by=alice, **ADOPTION)
    assert adopted.state == ReportState.ADOPTED


def test_changing_the_text_raises_the_flag_again(org, personas, draft):
    account_services.user_create(
        organisation=org, username="fenna", first_name="Fenna", last_name="Brouwersma", roles=[Role.EMPLOYEE]
    )
    alice = personas["alice"]
    _write(draft, "introduction", "Brouwersma sprak ons aan.", alice)
    (flag,) = privacy.flags(draft, document.build(draft))
    services.flag_accept(report=draft, code=flag.code, reason="Invented reason.", by=alice)
    _write(draft, "introduction", "Brouwersma sprak ons twee keer aan.", alice)
    assert len(privacy.open_flags(draft, privacy.flags(draft, document.build(draft)))) == 1


def test_a_flag_that_is_no_longer_raised_cannot_be_accepted(personas, draft):
    with pytest.raises(ValidationError):
        services.flag_accept(report=draft, code="text:introduction:name:0", reason="x", by=personas["alice"])


def test_an_adopted_report_is_frozen_published_and_corrected_as_a_new_draft(personas, draft):
    alice = personas["alice"]
    _write(draft, "introduction", "Dit is de eerste versie.", alice)
    adopted = services.report_adopt(report=draft, by=alice, **ADOPTION)
    frozen = adopted.frozen
    intro = next(s for s in frozen["sections"] if s["key"] == "introduction")
    assert intro["blocks"][0]["runs"][0]["text"] == "Dit is de eerste versie."

    with pytest.raises(ValidationError):
        _write(adopted, "introduction", "Later veranderd.", alice)
    assert document.current(AnnualReport.objects.get(pk=adopted.pk)) == frozen

    with pytest.raises(ValidationError, match="nog gemaakt"):
        services.report_publish(report=adopted, by=alice)  # before the worker made the files
    tasks.render_files(adopted.pk)
    published = services.report_publish(report=adopted, by=alice)
    assert published.state == ReportState.PUBLISHED and published.published_at is not None

    correction = services.report_correct(report=published, by=alice)
    assert correction.state == ReportState.DRAFT and correction.corrects == published
    assert correction.sections.get(key="introduction").narrative == "Dit is de eerste versie."
    assert set(AnnualReport.objects.values_list("pk", flat=True)) == {published.pk, correction.pk}


def test_only_the_coordinator_of_the_organisation_adopts(personas, draft):
    from django.core.exceptions import PermissionDenied

    for name in ("bob", "erin", "grace"):
        with pytest.raises(PermissionDenied):
            services.report_adopt(report=draft, by=personas[name], **ADOPTION)


def test_a_future_adoption_date_a_second_draft_and_a_second_correction_are_refused(personas, draft):
    alice = personas["alice"]
    with pytest.raises(ValidationError) as refused:
        services.report_adopt(report=draft, by=alice, **{**ADOPTION, "adopted_on": dt.date(2999, 1, 1)})
    assert "adopted_on" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.report_create(organisation=draft.organisation, first_year=2025, last_year=2025, by=alice)
    adopted = services.report_adopt(report=draft, by=alice, **ADOPTION)
    with pytest.raises(ValidationError) as refused:
        services.report_create(organisation=draft.organisation, first_year=2025, last_year=2025, by=alice)
    assert "gecorrigeerde versie" in refused.value.message_dict["first_year"][0]
    services.report_correct(report=adopted, by=alice)
    with pytest.raises(ValidationError):
        services.report_correct(report=adopted, by=alice)
    assert AnnualReport.objects.filter(corrects=adopted).count() == 1


def test_an_empty_reason_is_shown_at_its_flag_with_the_form_kept(org, personas, draft, client_for):
    from django.urls import reverse

    alice = personas["alice"]
    _write(draft, "introduction", "Mail invented@example.invalid.", alice)
    (flag,) = privacy.flags(draft, document.build(draft))
    page = client_for(alice).post(
        reverse("annual_reports:flag_accept", args=[draft.pk]), {"code": flag.code, "reason": ""}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert 'aria-invalid="true" aria-describedby="reason-1-error" autofocus' in html
    assert f'action="/medewerkers/jaarrapportages/{draft.pk}/accepteren/#flag-1"' in html
    assert not draft.accepted_flags.exists()


def test_one_reason_accepts_every_open_flag_of_a_chapter_each_recorded_and_audited(org, personas, draft, client_for):
    from django.urls import reverse

    account_services.user_create(
        organisation=org, username="fenna", first_name="Fenna", last_name="Brouwersma", roles=[Role.EMPLOYEE]
    )
    alice = personas["alice"]
    _write(draft, "introduction", "Fenna Brouwersma (fenna@example.invalid) sprak ons aan.", alice)
    raised = privacy.flags(draft, document.build(draft))
    assert {flag.group for flag in raised} == {"text:introduction"} and len(raised) == 2

    page = client_for(alice).get(reverse("annual_reports:detail", args=[draft.pk]))
    html = page.content.decode()
    assert 'name="group" value="text:introduction"' in html
    assert "Alle 2 open signaleringen met deze reden accepteren" in html
    assert html.count('name="code"') == 2  # each flag can still be accepted on its own

    refused = client_for(alice).post(
        reverse("annual_reports:flag_group_accept", args=[draft.pk]), {"group": "text:introduction", "reason": " "}
    )
    assert refused.status_code == 200 and 'aria-invalid="true"' in refused.content.decode()
    assert not draft.accepted_flags.exists()

    answer = client_for(alice).post(
        reverse("annual_reports:flag_group_accept", args=[draft.pk]),
        {"group": "text:introduction", "reason": "Invented: the council knows this already."},
    )
    assert answer.status_code == 302
    assert sorted(draft.accepted_flags.values_list("code", flat=True)) == sorted(flag.code for flag in raised)
    assert {a.reason for a in draft.accepted_flags.all()} == {"Invented: the council knows this already."}
    assert AuditEvent.objects.filter(action="annual_reports.flag_accepted").count() == 2
    with pytest.raises(ValidationError, match="open"):
        services.flag_group_accept(report=draft, groups=["text:introduction"], reason="Again.", by=alice)
    services.report_adopt(report=draft, by=alice, **ADOPTION)


def test_failed_files_are_shown_and_made_again(
    personas, draft, client_for, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    alice = personas["alice"]
    adopted = services.report_adopt(report=draft, by=alice, **ADOPTION)
    (tmp_path / "not-a-directory").write_text("")
    root, settings.OI_FILE_ROOT = settings.OI_FILE_ROOT, tmp_path / "not-a-directory" / "files"
    assert tasks.render_files(adopted.pk) == 0  # the disk refuses: nothing made, the failure kept
    adopted.refresh_from_db()
    assert adopted.render_failed_at is not None
    html = client_for(alice).get(reverse("annual_reports:detail", args=[adopted.pk])).content.decode()
    assert "0 van 4 bestanden klaar" in html and "Opnieuw maken" in html
    assert "disabled" in html.split("Publiceren op de openbare pagina")[0].rsplit("<button", 1)[1]

    settings.OI_FILE_ROOT = root
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs the queued job (sync in CI)
        answer = client_for(alice).post(reverse("annual_reports:render_again", args=[adopted.pk]))
    assert answer.status_code == 302
    adopted.refresh_from_db()
    assert adopted.render_failed_at is None and adopted.files.count() == 4
    assert AuditEvent.objects.filter(action="annual_reports.render_queued").count() == 1
    html = client_for(alice).get(reverse("annual_reports:detail", args=[adopted.pk])).content.decode()
    assert "4 van 4 bestanden klaar" in html and "Opnieuw maken" not in html
    with pytest.raises(ValidationError):
        services.report_render_again(report=adopted, by=alice)  # nothing failed


def test_the_chapter_page_lists_its_placeholders_with_label_and_current_value(personas, draft, client_for):
    from django.urls import reverse

    html = (
        client_for(personas["alice"])
        .get(reverse("annual_reports:section", args=[draft.pk, "reports"]))
        .content.decode()
    )
    chapter = html.split('id="chapter-placeholders"')[1].split("</ul>")[0]
    assert '<code class="oi-pre">{reports.reports}</code> Ontvangen meldingen: <strong>0</strong>' in chapter
    assert "{cases.opened}" in chapter and "{onboarding.oaths}" not in chapter
    assert "{onboarding.oaths}" in html.split('id="all-placeholders"')[1]


def test_opening_a_chapter_and_a_refused_form_that_shows_the_draft_again_are_audited_reads(
    org, personas, draft, client_for
):
    from django.urls import reverse

    alice = personas["alice"]
    client = client_for(alice)
    viewed = AuditEvent.objects.filter(action="annual_reports.viewed", object_id=str(draft.pk))
    assert client.get(reverse("annual_reports:section", args=[draft.pk, "introduction"])).status_code == 200
    assert viewed.count() == 1 and viewed.get().details == {"section": "introduction"}
    refused = client.post(reverse("annual_reports:adopt", args=[draft.pk]), {"adopted_on": "", "adopted_by": ""})
    assert refused.status_code == 200
    assert viewed.count() == 2


def test_a_small_number_shown_at_its_figure_and_in_its_breakdown_table_is_one_flag(org, personas, log_setup):  # noqa: F811
    """The advisers' topics are a figure of the reports chapter and a table of their own: the
    same 1 is flagged (and accepted) once."""
    report = services.report_create(organisation=org, first_year=2025, last_year=2025, by=personas["alice"])
    codes = [flag.code for flag in privacy.flags(report, document.build(report))]
    assert [code for code in codes if code.startswith("count:consultations.contacts:2025:")]
    assert not [code for code in codes if code.startswith("cell:consultations.contacts:")]


def test_the_preview_reads_as_the_published_file_and_is_an_audited_read(
    org, personas, draft, client_for, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    alice = personas["alice"]
    client = client_for(alice)
    url = reverse("annual_reports:preview", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert draft.title in page.content.decode()
    assert AuditEvent.objects.filter(action="annual_reports.viewed", object_id=str(draft.pk)).count() == 1
    for flag in privacy.open_flags(draft, privacy.flags(draft, document.build(draft))):
        services.flag_accept(report=draft, code=flag.code, reason="Invented.", by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_adopt(report=draft, by=alice, **ADOPTION)
    stored = AnnualReport.objects.get(pk=draft.pk).files.get(format="html")
    assert client.get(url).content == tasks.file_content(stored)
