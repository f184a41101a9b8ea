# ruff: noqa: E501 (one invented ceremony per line reads better than wrapped tuples)
"""Invented oath ceremonies, integrity statements and certificates of conduct for both demo
organisations (2021–2026), through the services. Some people stay overdue on purpose
(province: Koen Spreeuwenberg and trainee Daan Lindeboom; municipality: Rosa Register).
Loading again changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from open_integriteit.people.models import Person

from . import services
from .models import Ceremony

if TYPE_CHECKING:
    from open_integriteit.organisations.models import Organisation

D = dt.date
# date, place, form, administered by, group, participants (personnel number, pledge) or partner counts
CEREMONIES: dict[str, list[tuple[Any, ...]]] = {
    "provincie-voorbeeld": [
        (D(2021, 2, 10), "Statengriffie", "online", "Willemijn Terpstra", "registry", [("P0012", "affirmation")]),
        (D(2021, 3, 15), "Provinciehuis, Statenzaal", "physical", "Henriëtte Kwakernaak", "employee",
         [("P0001", "oath"), ("P0002", "oath"), ("P0007", "affirmation")]),
        (D(2022, 6, 20), "Provinciehuis, Statenzaal", "physical", "Henriëtte Kwakernaak", "employee", [("P0003", "oath")]),
        (D(2023, 3, 6), "Videobellen", "online", "Henriëtte Kwakernaak", "employee", [("P0004", "affirmation")]),
        (D(2024, 5, 13), "Provinciehuis, zaal 2.14", "physical", "Govert Oosterhuis", "employee", [("P0011", "oath")]),
        (D(2025, 4, 1), "Provinciehuis, Statenzaal", "physical", "Henriëtte Kwakernaak", "partner",
         ("Omgevingsdienst Regio Voorbeeld", 6, 4)),
        (D(2026, 9, 14), "Provinciehuis, zaal 2.14", "physical", "Henriëtte Kwakernaak", "employee",
         [("P0005", "affirmation")]),
    ],
    "gemeente-voorbeeldstad": [
        (D(2021, 1, 18), "Stadhuis, raadzaal", "physical", "Annemarie Kolkhuis", "employee", [("G0001", "oath")]),
        (D(2021, 10, 4), "Stadhuis, raadzaal", "physical", "Annemarie Kolkhuis", "registry", [("G0006", "oath")]),
        (D(2022, 5, 9), "Stadhuis, trouwzaal", "physical", "Wilma Stoutjesdijk", "employee", [("G0002", "affirmation")]),
        (D(2023, 12, 11), "Videobellen", "online", "Wilma Stoutjesdijk", "employee", [("G0003", "oath")]),
        (D(2026, 6, 15), "Stadhuis, trouwzaal", "physical", "Wilma Stoutjesdijk", "partner",
         ("Belastingsamenwerking Voorbeeld", 2, 1)),
    ],
}  # fmt: skip
STATEMENTS = {
    "provincie-voorbeeld": [
        ("P0005", "hired", D(2024, 8, 20), "2024-1"),
        ("P0006", "intern", D(2025, 9, 2), "2025-1"),
        ("P0009", "temp", D(2025, 10, 1), "2025-1"),
    ],
    "gemeente-voorbeeldstad": [("G0004", "hired", D(2025, 2, 3), "2024-2")],
}
# personnel number, received on (None: asked for, not received yet), screening profile
CERTIFICATES: dict[str, list[tuple[str, dt.date | None, str]]] = {
    "provincie-voorbeeld": [
        ("P0008", D(2022, 5, 2), "45"),
        ("P0005", D(2024, 8, 12), "Algemeen"),
        ("P0009", None, "11"),
    ],
    "gemeente-voorbeeldstad": [("G0004", D(2025, 1, 20), "45")],
}


def load_demo_onboarding(organisations: dict[str, Organisation]) -> None:
    for slug, ceremonies in CEREMONIES.items():
        organisation = organisations[slug]
        if Ceremony.objects.filter(organisation=organisation).exists():
            continue  # loaded before
        people = {p.external_id: p for p in Person.objects.filter(organisation=organisation)}
        for held_on, place, form, by_whom, group, who in ceremonies:
            partner: dict[str, Any] = {}
            if group == "partner":
                name, oaths, affirmations = who
                partner = {"partner_name": name, "partner_oaths": oaths, "partner_affirmations": affirmations}
            ceremony = services.ceremony_record(
                organisation=organisation,
                by=None,
                held_on=held_on,
                place=place,
                form=form,
                administered_by=by_whom,
                group=group,
                **partner,
            )
            if group != "partner":
                services.participants_add(ceremony=ceremony, by=None, people=[people[n] for n, _p in who])
                ids = dict(ceremony.participants.values_list("person__external_id", "pk"))
                services.pledges_record(ceremony=ceremony, by=None, pledges={ids[n]: pledge for n, pledge in who})
        for number, kind, signed_on, version in STATEMENTS[slug]:
            services.statement_record(person=people[number], by=None, kind=kind, signed_on=signed_on, version=version)
        for number, received_on, profile in CERTIFICATES[slug]:
            services.certificate_record(
                person=people[number],
                by=None,
                received=received_on is not None,
                received_on=received_on,
                screening_profile=profile,
            )
