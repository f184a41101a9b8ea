"""The reporting form in English carries no Dutch help text on the attachment field
(issue 7, item 12): the help is built in the visitor's language when the page is shown."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

DUTCH = ["Niet verplicht", "Maximaal", "bestanden", "Toegestaan", "en tekst (.txt)"]


def test_the_english_reporting_form_shows_the_attachment_help_in_english(client, org):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("reports:public_form", args=[org.slug])).content.decode()
    assert 'id="id_attachments_help">Optional. At most' in page
    for word in DUTCH:
        assert word not in page


def test_the_dutch_reporting_form_shows_the_attachment_help_in_dutch(client, org):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    page = client.get(reverse("reports:public_form", args=[org.slug])).content.decode()
    assert 'id="id_attachments_help">Niet verplicht.' in page


def test_the_form_shown_from_memory_is_the_form_rendered_in_full(client, org, settings):
    """The empty form's fields are rendered once per language and reused (ADR 0026): the
    page is the full rendering, in the visitor's language, with the current limits."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from open_integriteit.reports.forms import ReportForm

    url = reverse("reports:public_form", args=[org.slug])
    for language, attachments, words in [("nl", 5, "Niet verplicht"), ("en", 5, "Optional"), ("nl", 2, "Maximaal 2")]:
        settings.OI_MAX_ATTACHMENTS = attachments
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get(url).content.decode()
        with translation.override(language):
            full = render_to_string("reports/public/_report_fields.html", {"form": ReportForm()})
        assert full in page and words in full
