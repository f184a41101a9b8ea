"""The invented demo organisations. Nothing here is real personal data."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass
from importlib import import_module

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from open_integriteit.accounts import services as account_services
from open_integriteit.accounts.models import Role, User
from open_integriteit.lists.selectors import entries_by_code
from open_integriteit.organisations.models import Organisation, OrganisationKind
from open_integriteit.organisations.services import organisation_create
from open_integriteit.reports import services as report_services
from open_integriteit.reports.models import Channel, Message, Minutes, Report
from open_integriteit.reports.typology import CATEGORIES

DEMO_ORGANISATIONS = [
    ("Provincie Voorbeeld", "provincie-voorbeeld", OrganisationKind.PROVINCE, "#154273"),
    ("Gemeente Voorbeeldstad", "gemeente-voorbeeldstad", OrganisationKind.MUNICIPALITY, "#6b1f5f"),
    (
        "Regionale Uitvoeringsdienst Voorbeeld",
        "regionale-uitvoeringsdienst-voorbeeld",
        OrganisationKind.SHARED_SERVICE,
        "#2d5f2e",
    ),
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
    DemoUser("registerbeheerder", "Rik", "Register", Role.REGISTER_CLERK, "Registerbeheerder integriteit"),
    DemoUser(
        "registerbeheerder-voorbeeldstad",
        "Rosa",
        "Register",
        Role.REGISTER_CLERK,
        "Registerbeheerder integriteit",
        "gemeente-voorbeeldstad",
    ),
    DemoUser(
        "coordinator-voorbeeldstad",
        "Cees",
        "Stad",
        Role.COORDINATOR,
        "Integriteitscoördinator",
        "gemeente-voorbeeldstad",
    ),
    DemoUser(
        "coordinator-rud",
        "Ruud",
        "Dienst",
        Role.COORDINATOR,
        "Coördinator integriteit van de gedeelde dienst",
        "regionale-uitvoeringsdienst-voorbeeld",
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


@dataclass(frozen=True)
class DemoReceipt:
    """A demo reporter's receipt code, kept outside the database for a visitor (demo only)."""

    organisation_slug: str
    reference: str
    code: str
    what: str


def _date_report(report: Report, *, since: dt.datetime, when: dt.datetime) -> None:
    """Date what was written on the report since ``since`` to ``when`` (the services stamp "now")."""
    for field in ("acknowledged_at", "feedback_at", "closed_at"):
        Report.objects.filter(pk=report.pk, **{f"{field}__gte": since}).update(**{field: when})
    Message.objects.filter(report=report, created_at__gte=since).update(created_at=when)
    Minutes.objects.filter(report=report, offered_at__gte=since).update(offered_at=when)
    Minutes.objects.filter(report=report, approved_at__gte=since).update(approved_at=when)
    report.refresh_from_db()


def _received(report: Report, when: dt.datetime) -> None:
    Report.objects.filter(pk=report.pk).update(received_at=when)
    report.refresh_from_db()


def _demo_reports(organisation: Organisation, users: dict[str, User]) -> list[DemoReceipt]:
    """Four reports outside a case, each with dates in order; returns the receipt codes of the
    two anonymous reporters a visitor may try."""
    coordinator = users["coordinator"]
    categories = entries_by_code(organisation=organisation, kind=CATEGORIES.code)
    now = timezone.now()
    days = dt.timedelta(days=1)
    base = {"reporter_type": "employee", "reported_elsewhere": "no", "how_known": "Ik heb het zelf gezien."}
    receipts = []

    report, code = report_services.report_submit(
        organisation=organisation,
        data={
            **base,
            "ground": "business_integrity",
            "anonymity": "anonymous",
            "what_happened": "Een leverancier van kantoormeubilair krijgt steeds dezelfde opdrachten zonder "
            "offerteronde. Het gaat om bedragen net onder de drempel voor een meervoudige offerte.",
            "when_where": "Afgelopen half jaar, afdeling Facilitaire Zaken.",
        },
    )
    _received(report, now - 2 * days)
    receipts.append(DemoReceipt(organisation.slug, report.reference, code, "anonymous report, not yet acknowledged"))

    report, _code = report_services.report_submit(
        organisation=organisation,
        data={
            **base,
            "ground": "unwanted_behaviour",
            "anonymity": "confidential",
            "reporter_type": "hired",
            "what_happened": "Een collega maakt in het teamoverleg herhaaldelijk kleinerende opmerkingen over mijn "
            "werk en mijn accent. Anderen lachen mee; ik durf er niets meer van te zeggen.",
            "when_where": "Wekelijks teamoverleg, sinds ik hier als inhuurkracht begon.",
        },
        identity={"name": "Noor Hoogendijk", "email": "n.hoogendijk@voorbeeldmail.example"},
    )
    _received(report, now - 6 * days)

    report, code = report_services.report_submit(
        organisation=organisation,
        data={
            **base,
            "ground": "misstand",
            "anonymity": "anonymous",
            "reporter_type": "citizen",
            "what_happened": "Bij een evenemententerrein aan de rivier worden de voorschriften van de vergunning "
            "niet gehandhaafd: er wordt tot diep in de nacht muziek gedraaid en de nooduitgangen zijn afgesloten.",
            "when_where": "Elk weekend sinds mei.",
        },
    )
    received = now - 40 * days
    _received(report, received)
    since = timezone.now()
    report_services.report_acknowledge(
        report=report,
        by=coordinator,
        body="Dank voor uw melding. Wij hebben haar ontvangen en gaan haar beoordelen. U hoort binnen drie "
        "maanden wat wij ermee doen.",
    )
    _date_report(report, since=since, when=received + 3 * days)
    report_services.report_classify(
        report=report, by=coordinator, ground="misstand", category=categories.get("misbruik-bevoegdheden")
    )
    since = timezone.now()
    report_services.report_send_message(
        report=report,
        by=coordinator,
        kind="question",
        body="Kunt u aangeven om welk evenemententerrein het gaat, en op welke avonden u het zag?",
    )
    _date_report(report, since=since, when=received + 5 * days)
    report_services.report_assign(report=report, by=coordinator, user=users["onderzoeker"])
    receipts.append(
        DemoReceipt(organisation.slug, report.reference, code, "anonymous report with a question to answer")
    )

    report, _code = report_services.report_register(
        organisation=organisation,
        by=users["vertrouwenspersoon"],
        channel=Channel.VIA_ADVISER,
        data={
            **base,
            "ground": "business_integrity",
            "anonymity": "confidential",
            "what_happened": "Via de vertrouwenspersoon: declaraties van dienstreizen lijken dubbel ingediend, "
            "één keer via de reiskostenregeling en één keer via een projectbudget.",
        },
        identity={"name": "Kees van Wijngaarden", "phone": "06-12345678"},
        minutes_text="Gesprek met de melder op kantoor. De melder heeft de declaraties gezien bij de "
        "financiële administratie en heeft kopieën bewaard.",
    )
    received = now - 100 * days
    _received(report, received)
    _date_report(report, since=received + days, when=received)  # the minutes: offered the same day
    since = timezone.now()
    report_services.report_acknowledge(
        report=report,
        by=coordinator,
        body="Dank voor uw melding via de vertrouwenspersoon. Wij beoordelen haar en laten u binnen drie "
        "maanden weten wat wij ermee doen.",
    )
    _date_report(report, since=since, when=received + 2 * days)
    since = timezone.now()
    report_services.report_send_message(
        report=report,
        by=coordinator,
        kind="feedback",
        body="Uw melding is onderzocht. De dubbele declaraties zijn teruggevorderd en er zijn afspraken gemaakt "
        "over de controle op declaraties uit projectbudgetten.",
    )
    _date_report(report, since=since, when=received + 60 * days)
    since = timezone.now()
    report_services.report_close(report=report, by=coordinator)
    _date_report(report, since=since, when=received + 62 * days)
    return receipts


@transaction.atomic
def load_demo() -> tuple[list[DemoUser], list[DemoReceipt]]:
    """Load the demo; returns the users and, on the first load only, the receipt codes of some
    demo reporters (the database keeps only their hashes, ADR 0004)."""
    organisations: dict[str, Organisation] = {}
    created: set[str] = set()
    for name, slug, kind, colour in DEMO_ORGANISATIONS:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            organisation = organisation_create(name=name, slug=slug, kind=kind, primary_colour=colour)
            created.add(slug)
        organisations[slug] = organisation
    receipts: list[DemoReceipt] = []
    users = {spec.username: _ensure_user(spec, organisations[spec.organisation_slug]) for spec in DEMO_USERS}
    # The shared service has no registers of its own in the demo: it serves the other two.
    shared = {slug: o for slug, o in organisations.items() if o.kind == OrganisationKind.SHARED_SERVICE}
    organisations = {slug: o for slug, o in organisations.items() if slug not in shared}
    from open_integriteit.organisations.demo import load_demo_served_organisations

    load_demo_served_organisations(shared_services=list(shared.values()), served=list(organisations.values()))
    if "provincie-voorbeeld" in created:
        from open_integriteit.advice.demo import load_demo_advice
        from open_integriteit.cases.demo import load_demo_cases
        from open_integriteit.consultations.demo import load_demo_consultations

        province = organisations["provincie-voorbeeld"]
        receipts = _demo_reports(province, users)
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
        from open_integriteit.declarations.demo import load_demo_declarations

        load_demo_declarations(organisations)
        from open_integriteit.onboarding.demo import load_demo_onboarding

        load_demo_onboarding(organisations)
        from open_integriteit.trainings.demo import load_demo_trainings

        load_demo_trainings(organisations)
        from open_integriteit.procurement.demo import load_demo_procurement

        load_demo_procurement(organisations)
        from open_integriteit.complaints.demo import load_demo_complaints

        load_demo_complaints(organisations)
        from open_integriteit.regulations.demo import load_demo_regulations

        load_demo_regulations(organisations)
        from open_integriteit.programme.demo import load_demo_programme

        load_demo_programme(organisations)
        from open_integriteit.indicators.demo import load_demo_indicators

        load_demo_indicators(organisations)
    import_module("open_integriteit.annual_reports.demo").load_demo_annual_reports(organisations)
    return DEMO_USERS, receipts
