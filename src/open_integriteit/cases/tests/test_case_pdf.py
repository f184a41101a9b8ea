"""The case file as PDF (issue 7): it opens, it holds what the downloading user may see of
the case and not what they may not (the reporter's identity never; the team and the
implicated people only for who sees them on the case page), it is tagged and in Dutch,
it is never cached, and every download is in the audit trail."""

from __future__ import annotations

import io

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from pdfminer.high_level import extract_text
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from open_integriteit.audit.models import AuditEvent
from open_integriteit.cases import export, services
from open_integriteit.cases.models import Case
from open_integriteit.core import formatting, pdf

pytestmark = pytest.mark.django_db

IDENTITY = {"name": "Henriëtte Verzonnen", "email": "h.verzonnen@example.invalid", "phone": "0612345678"}
WHAT_HAPPENED = "Verzonnen: de leverancier van de koffieautomaten wint elke aanbesteding zonder offerte."


@pytest.fixture
def case(team, make_case, make_report):
    report, _code = make_report(anonymity="confidential", identity=IDENTITY, what_happened=WHAT_HAPPENED)
    case = make_case(reports=[report], title="Aanbesteding koffieautomaten")
    services.party_add(case=case, by=team["alice"], role="witness", name="Wim Getuige", function="Inkoper")
    services.note_add(case=case, by=team["bob"], text="Verzonnen notitie: archief van de inkoop opgevraagd.")
    services.allegation_add(case=case, by=team["pat"], description="Verzonnen: offertes niet opgevraagd.")
    services.case_mark_implicated(case=case, by=team["alice"], user=team["dave"])
    return case


def _download(client_for, user, case):
    return client_for(user).get(reverse("cases:pdf", args=[case.reference]))


def _text(response) -> str:
    return " ".join(extract_text(io.BytesIO(response.content)).split())


def test_the_investigator_gets_the_case_without_the_reporters_identity(team, client_for, case):
    response = _download(client_for, team["bob"], case)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == f'attachment; filename="{case.reference}.pdf"'
    assert response.content.startswith(b"%PDF-")
    text = _text(response)
    shown = (case.reference, "Aanbesteding koffieautomaten", WHAT_HAPPENED, "Wim Getuige", "archief van de inkoop")
    for part in shown:
        assert part in text
    for hidden in IDENTITY.values():
        assert hidden not in text
    # The team and the implicated people are on the case page for who coordinates only.
    assert "Betrokken personen" not in text and "Dave" not in text


def test_the_coordinator_sees_the_team_but_the_identity_only_through_the_disclosure_step(team, client_for, case):
    text = _text(_download(client_for, team["alice"], case))
    assert "Wie deze zaak behandelt" in text and "Bob" in text and "Dave" in text
    for hidden in IDENTITY.values():
        assert hidden not in text


def test_the_file_is_in_dutch_with_dutch_dates_whatever_the_page_language(team, client_for, case):
    client = client_for(team["pat"])
    client.cookies["django_language"] = "en"
    text = _text(client.get(reverse("cases:pdf", args=[case.reference])))
    with translation.override("nl"):
        today = formatting.long_date(timezone.localtime())
    assert f"Opgesteld op {today}" in text
    assert "Meldingen in deze zaak" in text


def test_the_pdf_is_tagged_with_a_title_and_the_dutch_language(team, client_for, case):
    document = PDFDocument(PDFParser(io.BytesIO(_download(client_for, team["pat"], case).content)))
    catalog = document.catalog
    assert resolve1(catalog["Lang"]) in (b"nl", "nl")
    assert resolve1(catalog["MarkInfo"])["Marked"] is True or resolve1(catalog["MarkInfo"])["Marked"].name == "true"
    assert "StructTreeRoot" in catalog
    title = resolve1(document.info[0]["Title"])
    title = title.decode("utf-16") if title.startswith(b"\xfe\xff") else title.decode()
    assert title.startswith(f"Dossier {case.reference}")


def test_every_download_is_audited_and_refusals_are_not(team, client_for, case):
    before = AuditEvent.objects.filter(action="case.exported").count()
    _download(client_for, team["bob"], case)
    event = AuditEvent.objects.filter(action="case.exported").latest("sequence")
    assert (event.actor_id, event.object_type, event.object_id) == (team["bob"].pk, "cases.case", str(case.pk))
    for outsider in ("carol", "dave", "erin", "grace"):
        assert _download(client_for, team[outsider], case).status_code == 404
    assert AuditEvent.objects.filter(action="case.exported").count() == before + 1


def test_the_case_page_links_to_the_file(team, client_for, case):
    page = client_for(team["bob"]).get(reverse("cases:detail", args=[case.reference])).content.decode()
    assert reverse("cases:pdf", args=[case.reference]) in page


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000"
    "1ff5ba7b0a10000000049454e44ae426082"
)


def test_the_file_carries_the_organisations_logo_and_colour(team, client_for, case, org):
    org.logo, org.logo_content_type, org.primary_colour = PNG, "image/png", "#6b1f5f"
    org.save()
    context = export.case_file_context(user=team["bob"], case=Case.objects.get(pk=case.pk))
    assert context["logo"].startswith("data:image/png;base64,")
    html = render_to_string("cases/case_pdf.html", context)
    assert "#6b1f5f" in html and 'alt="' in html
    assert _download(client_for, team["bob"], case).content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    "url", ["http://example.invalid/logo.png", "https://example.invalid/x.css", "file:///etc/passwd"]
)
def test_rendering_loads_nothing_but_the_shipped_fonts(url):
    with pytest.raises(ValueError):
        pdf.local_fetcher().fetch(url)
    font = pdf.FONTS / "noto-sans-latin-400-normal.woff2"
    # The shipped WOFF2 font, handed to WeasyPrint already unpacked (once per process).
    assert font.read_bytes()[:4] == b"wOF2"
    assert pdf.local_fetcher().fetch(font.as_uri()).read(4) in {b"\x00\x01\x00\x00", b"OTTO"}
