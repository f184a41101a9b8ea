"""The invented demo organisations. Nothing here is real personal data."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from open_integriteit.accounts import services as account_services
from open_integriteit.accounts.models import Role, User
from open_integriteit.lists.selectors import entries_by_code
from open_integriteit.organisations.models import Organisation, OrganisationKind
from open_integriteit.organisations.services import organisation_create
from open_integriteit.reports import services as report_services
from open_integriteit.reports.models import Channel, Report
from open_integriteit.reports.typology import CATEGORIES

DEMO_ORGANISATIONS = [
    ("Provincie Voorbeeld", "provincie-voorbeeld", OrganisationKind.PROVINCE, "#154273"),
    ("Gemeente Voorbeeldstad", "gemeente-voorbeeldstad", OrganisationKind.MUNICIPALITY, "#6b1f5f"),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    job_title: str
    organisation_slug: str = "provincie-voorbeeld"

    @property
    def password(self) -> str:
        return f"demo-{self.username}-2026"


DEMO_USERS = [
    DemoUser("coordinator", "Carla", "de Coördinator", Role.COORDINATOR, "Integriteitscoördinator"),
    DemoUser("vertrouwenspersoon", "Vera", "Vertrouwen", Role.CONFIDENTIAL_ADVISER, "Vertrouwenspersoon integriteit"),
    DemoUser("opdrachtgever", "Otto", "Opdracht", Role.CASE_PRINCIPAL, "Provinciesecretaris"),
    DemoUser("onderzoeker", "Olga", "Onderzoek", Role.INVESTIGATOR, "Onderzoeker integriteit"),
    DemoUser("leidinggevende", "Lars", "Leiding", Role.MANAGER, "Teamleider Vergunningen"),
    DemoUser("medewerker", "Mila", "Medewerker", Role.EMPLOYEE, "Beleidsmedewerker"),
    DemoUser("beheerder", "Bram", "Beheer", Role.ADMINISTRATOR, "Functioneel beheerder"),
    DemoUser("auditor", "Anna", "Audit", Role.AUDITOR, "Auditor"),
    DemoUser(
        "coordinator-voorbeeldstad",
        "Cees",
        "Stad",
        Role.COORDINATOR,
        "Integriteitscoördinator",
        "gemeente-voorbeeldstad",
    ),
]


def demo_totp_key_hex(username: str) -> str:
    """A fixed, published demo secret: lets a person try every role. Demo data only."""
    return hashlib.sha1(f"open-integriteit demo totp {username}".encode(), usedforsecurity=False).hexdigest()


def demo_totp_secret_b32(username: str) -> str:
    return base64.b32encode(bytes.fromhex(demo_totp_key_hex(username))).decode()


def demo_backup_codes(username: str) -> list[str]:
    digest = hashlib.sha256(f"open-integriteit demo backup {username}".encode()).hexdigest()
    return [f"{int(digest[i * 8 : i * 8 + 8], 16) % 10**8:08d}" for i in range(5)]


def is_demo_user(user: User) -> bool:
    return (
        any(u.username == user.username for u in DEMO_USERS)
        and user.organisation is not None
        and (user.organisation.slug in {slug for _n, slug, _k, _c in DEMO_ORGANISATIONS})
    )


def _ensure_user(spec: DemoUser, organisation: Organisation) -> User:
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        user = account_services.user_create(
            organisation=organisation,
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=f"{spec.username}@{organisation.slug}.example",
            password=spec.password,
            roles=[spec.role],
            job_title=spec.job_title,
        )
    if user.needs_two_factor and not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        account_services.totp_device_create(user=user, confirmed=True, key_hex=demo_totp_key_hex(spec.username))
        account_services.backup_codes_create(user=user, codes=demo_backup_codes(spec.username))
    return user


def _backdate(report: Report, days: int) -> None:
    Report.objects.filter(pk=report.pk).update(received_at=timezone.now() - dt.timedelta(days=days))
    report.refresh_from_db()


def _demo_reports(organisation: Organisation, users: dict[str, User]) -> None:
    coordinator = users["coordinator"]
    bios = entries_by_code(organisation=organisation, kind=CATEGORIES.code)
    base = {"reporter_type": "employee", "reported_elsewhere": "no", "how_known": "Zelf gezien."}

    report, _code = report_services.report_submit(
        organisation=organisation,
        data={
            **base,
            "ground": "business_integrity",
            "anonymity": "anonymous",
            "what_happened": "Een leverancier van kantoormeubilair lijkt steeds dezelfde opdrachten te krijgen "
            "zonder offerteronde. (Verzonnen voorbeeld.)",
            "when_where": "Afgelopen half jaar, afdeling Facilitair.",
        },
    )
    _backdate(report, 2)

    report, _code = report_services.report_submit(
        organisation=organisation,
        data={
            **base,
            "ground": "unwanted_behaviour",
            "anonymity": "confidential",
            "reporter_type": "hired",
            "what_happened": "Een collega maakt in teamoverleggen herhaaldelijk kleinerende opmerkingen. (Verzonnen.)",
        },
        identity={"name": "Sam Voorbeeld", "email": "sam.voorbeeld@example.org"},
    )
    _backdate(report, 6)

    report, _code = report_services.report_submit(
        organisation=organisation,
        data={
            **base,
            "ground": "misstand",
            "anonymity": "anonymous",
            "reporter_type": "citizen",
            "what_happened": "Bij de vergunningverlening voor een evenemententerrein worden voorschriften niet "
            "gehandhaafd. (Verzonnen voorbeeld.)",
        },
    )
    _backdate(report, 70)
    report_services.report_acknowledge(
        report=report, by=coordinator, body="Dank voor uw melding. Wij hebben haar ontvangen en gaan haar beoordelen."
    )
    Report.objects.filter(pk=report.pk).update(acknowledged_at=report.received_at + dt.timedelta(days=3))
    report.refresh_from_db()
    report_services.report_classify(
        report=report, by=coordinator, ground="misstand", category=bios.get("misbruik-bevoegdheden")
    )
    report_services.report_send_message(
        report=report, by=coordinator, kind="question", body="Kunt u aangeven om welk terrein het gaat?"
    )
    report_services.report_assign(report=report, by=coordinator, user=users["onderzoeker"])

    report, _code = report_services.report_register(
        organisation=organisation,
        by=users["vertrouwenspersoon"],
        channel=Channel.VIA_ADVISER,
        data={
            **base,
            "ground": "business_integrity",
            "anonymity": "confidential",
            "what_happened": "Via de vertrouwenspersoon: declaraties van dienstreizen lijken dubbel ingediend. "
            "(Verzonnen.)",
        },
        identity={"name": "Kim Voorbeeld", "phone": "06-00000000"},
        minutes_text="Gesprek met de melder op kantoor. De melder heeft de declaraties gezien bij de administratie.",
    )
    _backdate(report, 100)
    Report.objects.filter(pk=report.pk).update(acknowledged_at=report.received_at + dt.timedelta(days=2))
    report.refresh_from_db()
    report_services.report_send_message(
        report=report,
        by=coordinator,
        kind="feedback",
        body="Uw melding is onderzocht; er zijn afspraken gemaakt over de declaratieprocedure.",
    )
    report_services.report_close(report=report, by=coordinator)


@transaction.atomic
def load_demo() -> list[DemoUser]:
    organisations: dict[str, Organisation] = {}
    created: set[str] = set()
    for name, slug, kind, colour in DEMO_ORGANISATIONS:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            organisation = organisation_create(name=name, slug=slug, kind=kind, primary_colour=colour)
            created.add(slug)
        organisations[slug] = organisation
    users = {spec.username: _ensure_user(spec, organisations[spec.organisation_slug]) for spec in DEMO_USERS}
    if "provincie-voorbeeld" in created:
        from open_integriteit.advice.demo import load_demo_advice
        from open_integriteit.cases.demo import load_demo_cases
        from open_integriteit.consultations.demo import load_demo_consultations

        province = organisations["provincie-voorbeeld"]
        _demo_reports(province, users)
        load_demo_cases(
            organisation=province,
            people={
                "coordinator": users["coordinator"],
                "case_principal": users["opdrachtgever"],
                "investigator": users["onderzoeker"],
            },
        )
        load_demo_consultations(organisation=province, adviser_user=users["vertrouwenspersoon"])
        load_demo_advice(organisation=province, coordinator=users["coordinator"])
        from open_integriteit.people.demo import load_demo_people

        load_demo_people(organisations)
    return DEMO_USERS
