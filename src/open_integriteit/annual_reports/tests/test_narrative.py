"""The narrative's simple formatting and its live figures (issue 10)."""

from __future__ import annotations

from open_integriteit.annual_reports import narrative
from open_integriteit.annual_reports.narrative import BulletList, Paragraph, Run


def test_paragraphs_bullets_and_bold_are_recognised():
    text = (
        "Dit jaar **meer** meldingen.\nTweede regel.\n\nActies:\n- eed afgenomen\n- **dilemmaspel** gespeeld\n\nSlot."
    )
    assert narrative.blocks(text) == (
        Paragraph((Run("Dit jaar "), Run("meer", bold=True), Run(" meldingen. Tweede regel."))),
        Paragraph((Run("Acties:"),)),
        BulletList(((Run("eed afgenomen"),), (Run("dilemmaspel", bold=True), Run(" gespeeld")))),
        Paragraph((Run("Slot."),)),
    )


def test_windows_line_ends_and_empty_text():
    assert narrative.blocks("") == ()
    assert narrative.blocks("a\r\n\r\nb") == (Paragraph((Run("a"),)), Paragraph((Run("b"),)))


def test_placeholders_name_a_figure_a_year_or_the_comparison():
    found = list(narrative.placeholders("{reports.reports} en {reports.reports@2022}; {cases.opened:vergelijking}"))
    assert [(p.key, p.year, p.comparison) for p in found] == [
        ("reports.reports", None, False),
        ("reports.reports", 2022, False),
        ("cases.opened", None, True),
    ]


def test_fill_replaces_what_it_can_and_keeps_the_rest_as_typed():
    def resolve(p: narrative.Placeholder) -> str | None:
        return {"reports.reports": "4"}.get(p.key)

    assert narrative.fill("Er waren {reports.reports} meldingen en {x.y} zaken.", resolve) == (
        "Er waren 4 meldingen en {x.y} zaken."
    )


def test_what_looks_like_a_placeholder_but_is_not_one_is_found():
    text = "Zie {reports.reports:xyz} en {reports.reports en {reports.reports} en {cases.opened@2024}."
    assert narrative.malformed(text) == ["{reports.reports:xyz}", "{reports.reports"]
