"""The report template (issue 10): the coordinators rename, switch off, reorder and add
chapters; a draft made earlier keeps its copy, a new draft gets the template as it is now."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from open_integriteit.annual_reports import document, services
from open_integriteit.annual_reports.chapters import DEFAULT_CHAPTERS
from open_integriteit.annual_reports.models import TemplateChapter
from open_integriteit.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

TEMPLATE = reverse("annual_reports:template")


def _chapter(org, key):
    services.template_chapters(organisation=org)
    return TemplateChapter.objects.get(organisation=org, key=key)


def _keys(org):
    return [c.key for c in services.template_chapters(organisation=org)]


def test_moving_a_chapter_swaps_it_with_its_neighbour_and_stops_at_the_ends(org, personas):
    alice = personas["alice"]
    defaults = [c.key for c in DEFAULT_CHAPTERS]
    services.template_chapter_move(chapter=_chapter(org, "framework"), up=True, by=alice)
    assert _keys(org) == ["framework", "introduction", *defaults[2:]]
    services.template_chapter_move(chapter=_chapter(org, "framework"), up=True, by=alice)  # already first
    services.template_chapter_move(chapter=_chapter(org, "figures"), up=False, by=alice)  # already last
    assert _keys(org) == ["framework", "introduction", *defaults[2:]]
    assert AuditEvent.objects.filter(action="annual_reports.template_changed").count() == 1


def test_an_own_chapter_is_added_at_the_end_and_a_new_draft_shows_it_as_text_only(org, personas):
    alice = personas["alice"]
    earlier = services.report_create(organisation=org, first_year=2024, last_year=2024, by=alice)
    own = services.template_chapter_add(organisation=org, title="  Cultuur en   leiderschap ", by=alice)
    assert own.key == "own-cultuur-en-leiderschap" and own.title == "Cultuur en leiderschap"
    services.template_chapter_update(chapter=_chapter(org, "indicators"), title="Enquête", enabled=False, by=alice)
    services.template_chapter_move(chapter=own, up=True, by=alice)

    later = services.report_create(organisation=org, first_year=2025, last_year=2025, by=alice)
    assert [s.key for s in later.sections.all()][-2:] == [own.key, "figures"]
    assert not later.sections.get(key="indicators").enabled
    assert later.sections.get(key="indicators").title == "Enquête"
    section = later.sections.get(key=own.key)
    services.section_update(section=section, title=section.title, narrative="Eigen tekst.", enabled=True, by=alice)
    built = {s.key: s for s in document.build(later).sections}
    assert built[own.key].title == "Cultuur en leiderschap"
    assert built[own.key].figures == () and built[own.key].tables == ()
    assert "indicators" not in built
    # The draft made before keeps its copy.
    assert own.key not in [s.key for s in earlier.sections.all()]
    assert earlier.sections.get(key="indicators").enabled


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("   ", "Geef het hoofdstuk een titel."),
        ("x" * 201, "Een hoofdstuktitel heeft hoogstens 200 tekens."),
        ("activiteiten", "Een ander hoofdstuk heeft deze titel al: kies een andere."),
    ],
)
def test_an_empty_too_long_or_taken_title_is_refused_in_dutch(org, personas, title, message):
    with pytest.raises(ValidationError) as refused:
        services.template_chapter_add(organisation=org, title=title, by=personas["alice"])
    assert refused.value.message_dict == {"title": [message]}
    assert not TemplateChapter.objects.filter(key__startswith="own-").exists()


def test_a_standard_chapter_cannot_be_removed_an_own_one_can(org, personas):
    alice = personas["alice"]
    with pytest.raises(ValidationError):
        services.template_chapter_remove(chapter=_chapter(org, "framework"), by=alice)
    own = services.template_chapter_add(organisation=org, title="Eigen", by=alice)
    services.template_chapter_move(chapter=own, up=True, by=alice)
    services.template_chapter_remove(chapter=own, by=alice)
    assert [c.position for c in services.template_chapters(organisation=org)] == list(
        range(1, len(DEFAULT_CHAPTERS) + 1)
    )


@pytest.mark.parametrize("persona", ["grace", "erin", "bob"])
def test_someone_else_cannot_change_the_template(org, personas, persona):
    before = _chapter(org, "framework").title
    with pytest.raises(PermissionDenied):
        services.template_chapter_update(
            chapter=_chapter(org, "framework"), title="Anders", enabled=True, by=personas[persona]
        )
    assert _chapter(org, "framework").title == before


def test_the_page_lists_the_chapters_and_a_post_redirects_back(org, personas, client_for):
    client = client_for(personas["alice"])
    page = client.get(TEMPLATE)
    assert page.status_code == 200
    assert _chapter(org, "introduction").title in page.content.decode()
    response = client.post(TEMPLATE, {"title": "Cultuur"})
    assert response.status_code == 302 and response.url == TEMPLATE
    own = TemplateChapter.objects.get(organisation=org, key="own-cultuur")
    moved = client.post(reverse("annual_reports:template_chapter_move", args=[own.pk]), {"direction": "up"})
    assert moved.status_code == 302
    assert _keys(org)[-2:] == ["own-cultuur", "figures"]
    switched = client.post(
        reverse("annual_reports:template_chapter", args=[own.pk]), {f"chapter-{own.pk}-title": "Cultuur"}
    )
    assert switched.status_code == 302
    own.refresh_from_db()
    assert not own.enabled


def test_a_refused_title_is_shown_with_what_was_typed(org, personas, client_for):
    client = client_for(personas["alice"])
    framework = _chapter(org, "framework")
    typed = _chapter(org, "activities").title
    response = client.post(
        reverse("annual_reports:template_chapter", args=[framework.pk]),
        {f"chapter-{framework.pk}-title": typed, f"chapter-{framework.pk}-enabled": "on"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Een ander hoofdstuk heeft deze titel al" in body
    assert f'value="{typed}"' in body
    framework.refresh_from_db()
    assert framework.title != typed


def test_another_organisations_coordinator_gets_404_for_a_chapter(org, personas, client_for):
    framework = _chapter(org, "framework")
    client = client_for(personas["grace"])
    response = client.post(reverse("annual_reports:template_chapter_move", args=[framework.pk]), {"direction": "up"})
    assert response.status_code == 404
    assert client_for(personas["erin"]).get(TEMPLATE).status_code == 404
