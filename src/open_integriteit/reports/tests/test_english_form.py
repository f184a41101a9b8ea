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
