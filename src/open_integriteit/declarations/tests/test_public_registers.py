"""The public registers (ADR 0022): what anyone can read without logging in, as pages, CSV
and JSON, and the history of what was published when."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from open_integriteit.declarations import publication
from open_integriteit.declarations.models import GiftDestination, Kind, RegisterSettings
from open_integriteit.declarations.workflow import State
from open_integriteit.organisations.models import Organisation

from .publication_world import PublicationWorld, build_publication_world

pytestmark = pytest.mark.django_db

SLUGS = [register.slug for register in publication.REGISTERS]
FMTS = ("csv", "json")
ONE_OF_EACH = (
    (Kind.SIDE_JOB, "council"),
    (Kind.SIDE_JOB, "duty"),
    (Kind.FINANCIAL_INTEREST, "alderman"),
    (Kind.GIFT, "alderman"),
)


@pytest.fixture
def world(org: Organisation) -> PublicationWorld:
    return build_publication_world(org)


def page(org: Organisation, slug: str, **query: Any) -> str:
    response = Client().get(reverse("declarations:public_register", args=[org.slug, slug]), query)
    assert response.status_code == 200
    return response.content.decode()


def data(org: Organisation, slug: str, fmt: str) -> Any:
    response = Client().get(reverse("declarations:public_register_data", args=[org.slug, slug, fmt]))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    if fmt == "json":
        return json.loads(text)
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def history(org: Organisation) -> str:
    response = Client().get(reverse("declarations:public_history", args=[org.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_officials_side_jobs_show_name_office_party_body_role_paid_and_qq(world: PublicationWorld) -> None:
    world.declaration(
        world.people["council"], Kind.SIDE_JOB, body="Voetbalclub Invented", role="Voorzitter", paid=True,
        by_virtue_of_office=True,
    )  # fmt: skip
    html = page(world.org, "nevenfuncties-bestuurders")
    for text in ("Ina Raadslid", "Raads- of Statenlid", "Partij Invented", "Voetbalclub Invented", "Voorzitter"):
        assert text in html
    [row] = data(world.org, "nevenfuncties-bestuurders", "csv")
    assert row == {
        "naam": "Ina Raadslid",
        "ambt": "Raads- of Statenlid",
        "partij": "Partij Invented",
        "instantie": "Voetbalclub Invented",
        "functie": "Voorzitter",
        "bezoldigd": "ja",
        "qq": "ja",
        "beperking": "",
        "begin": "2025-01-01",
        "einde": "",
    }


def test_the_posts_register_shows_post_side_job_and_restriction_but_never_the_name(world: PublicationWorld) -> None:
    world.declaration(world.people["duty"], Kind.SIDE_JOB, state=State.RESTRICTED, role="Docent")
    html = page(world.org, "nevenfuncties-functies")
    assert "Vergunningverlener" in html and "Docent" in html and "Niet tijdens werktijd" in html
    assert "Verlener" not in html.replace("Vergunningverlener", "")
    document = data(world.org, "nevenfuncties-functies", "json")
    assert document["rijen"] == [
        {
            "functie": "Vergunningverlener",
            "instantie": "Stichting Invented",
            "nevenfunctie": "Docent",
            "beperking": "Niet tijdens werktijd",
            "begin": "2025-01-01",
            "einde": None,
        }
    ]
    assert "Verlener" not in json.dumps(document).replace("Vergunningverlener", "")


def test_financial_interests_are_published_for_the_executive_but_not_for_council_members(
    world: PublicationWorld,
) -> None:
    world.declaration(world.people["alderman"], Kind.FINANCIAL_INTEREST, description="Aandelen Invented NV")
    world.declaration(world.people["council"], Kind.FINANCIAL_INTEREST, description="Huis Invented")
    rows = data(world.org, "financiele-belangen-bestuurders", "csv")
    assert [(r["naam"], r["soort"], r["omschrijving"], r["waarde"]) for r in rows] == [
        ("Ina Wethouder", "Aandelen of obligaties", "Aandelen Invented NV", "€ 10.000 tot € 50.000")
    ]


def test_the_gift_register_shows_giver_occasion_value_date_accepted_and_destination(world: PublicationWorld) -> None:
    gift = world.declaration(world.people["alderman"], Kind.GIFT, giver="Bouwbedrijf Invented", occasion="Kerst")
    gift.destination = GiftDestination.CHARITY
    gift.save()
    [row] = data(world.org, "geschenken-bestuurders", "json")["rijen"]
    assert row == {
        "naam": "Ina Wethouder",
        "ambt": "Wethouder of gedeputeerde",
        "gever": "Bouwbedrijf Invented",
        "gelegenheid": "Kerst",
        "uitnodiging": False,
        "waarde_geschat": 75.0,
        "datum": "2025-02-01",
        "geaccepteerd": True,
        "bestemming": "Geschonken aan een goed doel",
    }


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_defused_in_the_csv(world: PublicationWorld) -> None:
    world.declaration(world.people["council"], Kind.SIDE_JOB, body='=HYPERLINK("http://x.invalid")')
    [row] = data(world.org, "nevenfuncties-bestuurders", "csv")
    assert row["instantie"] == '\'=HYPERLINK("http://x.invalid")'


def test_the_csv_is_a_download_with_a_stable_name_and_the_json_is_open_data(world: PublicationWorld) -> None:
    client = Client()
    for slug in SLUGS:
        response = client.get(reverse("declarations:public_register_data", args=[world.org.slug, slug, "csv"]))
        assert response["Content-Disposition"] == f'attachment; filename="provincie-testland-{slug}.csv"'
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        response = client.get(reverse("declarations:public_register_data", args=[world.org.slug, slug, "json"]))
        assert response["Content-Type"] == "application/json; charset=utf-8"
        document = json.loads(response.content)
        assert document["register"] == slug
        assert document["velden"] == [column.key for column in publication.BY_SLUG[slug].columns]


def test_an_unknown_register_format_or_organisation_is_not_found(world: PublicationWorld) -> None:
    client = Client()
    assert client.get(f"/openbaar/{world.org.slug}/salarissen/").status_code == 404  # no such register: no URL
    url = reverse("declarations:public_register_data", args=[world.org.slug, "geschenken-bestuurders", "xml"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("declarations:public_index", args=["bestaat-niet"])).status_code == 404


def test_another_organisations_declarations_are_not_in_our_registers(
    world: PublicationWorld, other_org: Organisation
) -> None:
    elsewhere = build_publication_world(other_org, prefix="elders-")
    world.declaration(world.people["council"], Kind.SIDE_JOB, role="Hier")
    elsewhere.declaration(elsewhere.people["council"], Kind.SIDE_JOB, role="Daar")
    assert "Hier" in page(world.org, "nevenfuncties-bestuurders")
    assert "Daar" not in page(world.org, "nevenfuncties-bestuurders")
    assert "Daar" in page(other_org, "nevenfuncties-bestuurders")
    assert "Daar" not in history(world.org)


def test_a_person_who_left_leaves_the_register_and_stays_in_the_history(world: PublicationWorld) -> None:
    world.declaration(world.people["council"], Kind.SIDE_JOB, role="Penningmeester")
    council = world.people["council"]
    council.left_on = timezone.localdate()
    council.save()
    assert "Penningmeester" not in page(world.org, "nevenfuncties-bestuurders")
    assert "Penningmeester" in history(world.org)


def test_a_post_that_loses_its_publication_duty_leaves_the_register(world: PublicationWorld) -> None:
    world.declaration(world.people["duty"], Kind.SIDE_JOB, role="Scheidsrechter")
    assert "Scheidsrechter" in page(world.org, "nevenfuncties-functies")
    world.duty_post.publication_duty = False
    world.duty_post.save()
    assert "Scheidsrechter" not in page(world.org, "nevenfuncties-functies")


def test_the_history_shows_when_each_entry_was_published_and_ended(world: PublicationWorld) -> None:
    world.declaration(world.people["council"], Kind.SIDE_JOB, role="Secretaris", state=State.ENDED)
    html = history(world.org)
    assert "Secretaris" in html
    assert "Gepubliceerd" in html and "Beëindigd" in html
    assert "Invented reason" not in html  # the reason of a decision is never published
    assert "Secretaris" not in page(world.org, "nevenfuncties-bestuurders")


def test_an_ended_entry_leaves_the_history_after_the_organisations_period(world: PublicationWorld) -> None:
    ended = world.declaration(world.people["council"], Kind.SIDE_JOB, role="Adviseur", state=State.ENDED)
    RegisterSettings.objects.filter(organisation=world.org).update(publication_history_months=6)
    ended.ends_on = timezone.localdate() - dt.timedelta(days=170)
    ended.save()
    assert "Adviseur" in history(world.org)
    ended.ends_on = timezone.localdate() - dt.timedelta(days=200)
    ended.save()
    assert "Adviseur" not in history(world.org)


def test_each_register_page_says_when_it_was_last_updated(world: PublicationWorld) -> None:
    declaration = world.declaration(world.people["council"], Kind.SIDE_JOB)
    html = page(world.org, "nevenfuncties-bestuurders")
    assert "Laatst bijgewerkt" in html
    from open_integriteit.core.formatting import short_datetime

    assert short_datetime(declaration.updated_at) in html
    assert "Laatst bijgewerkt: –" in page(world.org, "geschenken-bestuurders")


def test_a_register_is_paged_by_fifty_with_pagina(world: PublicationWorld) -> None:
    for number in range(55):
        world.declaration(world.people["duty"], Kind.SIDE_JOB, role=f"Rol{number:02d}")
    first, second = page(world.org, "nevenfuncties-functies"), page(world.org, "nevenfuncties-functies", pagina=2)
    assert first.count("Rol") == 50 and second.count("Rol") == 5
    assert "?pagina=2" in first and "?pagina=1" in second
    assert page(world.org, "nevenfuncties-functies", pagina="x").count("Rol") == 50
    assert page(world.org, "nevenfuncties-functies", pagina=99).count("Rol") == 5


def _queries(url: str) -> int:
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _public_urls(org: Organisation) -> list[str]:
    return [
        reverse("declarations:public_index", args=[org.slug]),
        reverse("declarations:public_history", args=[org.slug]),
        *(reverse("declarations:public_register", args=[org.slug, slug]) for slug in SLUGS),
        *(reverse("declarations:public_register_data", args=[org.slug, slug, fmt]) for slug in SLUGS for fmt in FMTS),
    ]


def test_every_public_page_and_file_takes_as_many_queries_for_one_row_as_for_many(world: PublicationWorld) -> None:
    one = {}
    for kind, person in ONE_OF_EACH:
        world.declaration(world.people[person], kind)
    for url in _public_urls(world.org):
        one[url] = _queries(url)
    for kind, person in ONE_OF_EACH:
        for number in range(30):
            world.declaration(world.people[person], kind, state=State.ENDED if number % 3 == 0 else State.APPROVED)
    many = {url: _queries(url) for url in _public_urls(world.org)}
    assert many == one
    # Built once per change (publication_store): the organisation, its version, the shared
    # cache's read and write, and the build (the index: its settings, a count and a date per
    # register)...
    assert max(many.values()) <= 14, many
    # ...and then read from this process's memory: the organisation, its version and at most
    # the page's rows.
    again = {url: _queries(url) for url in _public_urls(world.org)}
    assert max(again.values()) <= 3, again


def test_the_public_pages_need_no_javascript_and_load_nothing_from_elsewhere(world: PublicationWorld) -> None:
    world.declaration(world.people["council"], Kind.SIDE_JOB)
    client = Client()
    for url in _public_urls(world.org):
        response = client.get(url)
        if response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            assert "<script" not in html
            assert 'src="http' not in html and 'href="http' not in html
            assert "Openbare registers van Provincie Testland" in html  # the organisation's public layout


def test_the_history_is_paged_by_fifty_newest_first(world: PublicationWorld) -> None:
    for number in range(52):
        world.declaration(world.people["duty"], Kind.SIDE_JOB, role=f"Rol{number:02d}")
    client = Client()
    url = reverse("declarations:public_history", args=[world.org.slug])
    first, second = client.get(url).content.decode(), client.get(url, {"pagina": 2}).content.decode()
    assert first.count("Rol") == 50 and second.count("Rol") == 2
    assert "Rol51" in first and "Rol00" in second
    assert "?pagina=2" in first and "?pagina=3" not in second


def test_what_is_published_about_me_takes_as_many_queries_for_one_row_as_for_many(world: PublicationWorld) -> None:
    from open_integriteit.testing.fixtures import login

    client = login(Client(), world.users["alderman"])
    url = reverse("declarations:my_published")
    for kind in (Kind.SIDE_JOB, Kind.FINANCIAL_INTEREST, Kind.GIFT):
        world.declaration(world.people["alderman"], kind)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for kind in (Kind.SIDE_JOB, Kind.FINANCIAL_INTEREST, Kind.GIFT):
        for _number in range(20):
            world.declaration(world.people["alderman"], kind)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(one)
    rows, history = response.content.decode().split('id="history-table"')
    assert rows.count("Ina Wethouder") == 63
    assert history.count("Ina Wethouder") == publication.PER_PAGE  # the latest events


def test_a_post_holder_sees_their_post_row_without_their_name(world: PublicationWorld) -> None:
    from open_integriteit.testing.fixtures import login

    world.declaration(world.people["duty"], Kind.SIDE_JOB, role="Trainer", state=State.RESTRICTED)
    world.declaration(world.people["duty"], Kind.SIDE_JOB, role="Klusjesman", state=State.SUBMITTED)
    html = login(Client(), world.users["duty"]).get(reverse("declarations:my_published")).content.decode()
    assert "Trainer" in html and "Niet tijdens werktijd" in html and "Vergunningverlener" in html
    assert "Klusjesman" not in html
    assert "Trainer" in page(world.org, "nevenfuncties-functies")
