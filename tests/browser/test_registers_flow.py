"""The declaration registers end to end (issue 8) in headless Chromium, axe-core on every
page visited: an employee logs in through the organisation's identity provider (the real
test provider, tests/oidc_provider), declares a side job (one bad field first: a Dutch
message, nothing typed lost); her manager approves it with a restriction; the public
register of posts with publication duty shows the post, the side job and the restriction
but not her name; an official declares a gift above the threshold, the secretary approves
it, the register clerk records where it went and the officials' gift register shows it;
the employee reads the decision and its reason on her declaration's page.

The world is made the way an organisation makes it: people, units, posts and "manager of"
through the HR import, the provider through the administrator's service, the secretary
who decides for the executive through the register settings service.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from open_integriteit.accounts.models import Role
from open_integriteit.declarations.models import Declaration, Kind
from open_integriteit.declarations.workflow import State
from open_integriteit.people.models import Person
from open_integriteit.people.tests.files import as_csv
from open_integriteit.testing.fixtures import PASSWORD, make_user
from tests.oidc_provider.fixture import PASSWORD as PROVIDER_PASSWORD

from .helpers import assert_accessible, dutch, origin, serve_axe, staff_login, submit, visit

pytestmark = pytest.mark.browser

# The invented HR export. Ilse (1001, "ilse" at the provider) holds a post whose side jobs
# are published, in VTH below OMG; Dave (the manager persona) manages OMG and so decides
# for her; Sven is the provincial secretary who decides for the executive; Pieter (9001,
# "pieter" at the provider) is a deputy.
ROWS = [
    ["2000", "Dirk", "Directeur", "", "medewerker", "", "", "", "",
     "DIR", "Directie", "", "Directeur", "16", "ja", "nee", "01-01-2020", "DIR", ""],
    ["2002", "Dave", "Daalder", "", "medewerker", "", "", "", "",
     "OMG", "Omgeving", "DIR", "Afdelingshoofd Omgeving", "14", "nee", "nee", "01-03-2021", "OMG", "dave"],
    ["1001", "Ilse", "van den Heuvel", "i.heuvel@example.invalid", "medewerker", "", "", "", "",
     "VTH", "Vergunningen", "OMG", "Adviseur bodemsanering", "11", "nee", "ja", "01-01-2022", "", ""],
    ["2006", "Sven", "Secretaris", "", "medewerker", "", "", "", "",
     "DIR", "Directie", "", "Provinciesecretaris", "16", "ja", "nee", "01-01-2019", "", "sven"],
    ["9001", "Pieter", "Zwart", "", "ambtsdrager", "gedeputeerde", "01-04-2023", "31-03-2027", "Partij A",
     "", "", "", "", "", "", "", "", "", ""],
]  # fmt: skip
POST_TITLE = "Adviseur bodemsanering"
BODY = "Invented Soil Foundation"
SIDE_JOB_ROLE = "Board member"
REASON = "Invented reason: the foundation does no work for the province."
RESTRICTION = "Invented restriction: no advice on soil permits of the foundation's members."
GIVER = "Invented Dredging Company"


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def build_world(org: Any, personas: dict[str, Any], provider: Any) -> dict[str, Any]:
    from open_integriteit.accounts.oidc.services import oidc_configuration_save
    from open_integriteit.declarations.decisions import register_settings_update
    from open_integriteit.people.services import people_import

    users = dict(personas)
    users["rita"] = make_user(org, "rita", Role.REGISTER_CLERK)
    users["sven"] = make_user(org, "sven", Role.EMPLOYEE)
    result = people_import(organisation=org, by=users["rita"], file_name="hr.csv", data=as_csv(ROWS), dry_run=False)
    assert result.errors == [], result.errors
    register_settings_update(
        organisation_id=org.pk,
        by=users["rita"],
        gift_threshold=Decimal("50.00"),
        decision_reminder_days=14,
        decision_escalation_days=28,
        publication_history_months=12,
        council_clerk=None,
        executive_secretary=Person.objects.get(organisation=org, external_id="2006"),
    )
    oidc_configuration_save(
        organisation=org,
        by=users["erin"],
        enabled=True,
        issuer=provider.issuer,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        scopes="openid email profile",
        claim="employee_number",
        link_field="external_id",
        provider_enforces_mfa=False,
    )
    return users


def provider_login(make_context: Any, base: str, org: Any, provider: Any, username: str) -> Page:
    """A new browser that logs in with the organisation's account at the provider."""
    context, _log = make_context()
    serve_axe(context, provider.base_url)  # axe on the provider's page too
    page = context.new_page()
    visit(page, f"{base}/account/inloggen/")
    assert_accessible(page, "log-in page")
    submit(page, page.get_by_role("link", name=dutch("Log in with the account of %(name)s") % {"name": org.name}))
    assert page.url.startswith(provider.base_url), page.url
    assert_accessible(page, "the provider's log-in page")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button").click()
    page.wait_for_url(f"{base}/**")
    assert not path_of(page).startswith("/account/inloggen/"), page.url  # logged in, not refused
    assert_accessible(page, f"start page of {username}")
    return page


def password_login(make_context: Any, base: str, user: Any) -> Page:
    """An employee's log-in with a password (no role that needs a second factor)."""
    page: Page = make_context()[0].new_page()
    visit(page, f"{base}/account/inloggen/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    assert not path_of(page).startswith("/account/inloggen/"), page.url
    return page


def staff_page(make_context: Any, base: str, user: Any) -> Page:
    page: Page = make_context()[0].new_page()
    staff_login(page, base, user)
    return page


def decide(page: Page, declaration: Declaration, decision: str, reason: str, restriction: str = "") -> None:
    """From the decider's queue to the decision page; the choice starts empty."""
    submit(page, page.locator('nav.oi-nav a[href="/medewerkers/opgaven/"]'))
    assert_accessible(page, "decision queue")
    submit(page, page.locator(f'#main a[href="/medewerkers/opgaven/{declaration.pk}/"]'))
    expect(page.locator("#main input[name=decision]")).to_have_count(3)
    expect(page.locator("#main input[name=decision]:checked")).to_have_count(0)
    assert_accessible(page, "decision page")
    page.locator(f"#main input[name=decision][value={decision}]").check()
    page.locator("#id_reason").fill(reason)
    if restriction:
        page.locator("#id_restriction").fill(restriction)
    submit(page, page.get_by_role("button", name=dutch("Record the decision")))
    assert path_of(page) == "/medewerkers/opgaven/", page.url
    recorded = dutch("The decision has been recorded. The declarant is told by e-mail.")
    expect(page.locator("#main")).to_contain_text(recorded)
    assert_accessible(page, "decision queue after the decision")


def test_a_side_job_and_a_gift_go_from_declaration_through_decision_to_the_public_registers(
    transactional_db: Any,
    live_server: Any,
    org: Any,
    personas: Any,
    oidc_provider: Any,
    make_context: Any,
    mailoutbox: Any,
) -> None:
    base = live_server.url.rstrip("/")
    users = build_world(org, personas, oidc_provider)

    # 1. Ilse logs in with her organisation's account and declares a side job.
    ilse = provider_login(make_context, base, org, oidc_provider, "ilse")
    submit(ilse, ilse.locator('nav.oi-nav a[href="/mijn-opgaven/"]'))
    assert_accessible(ilse, "my declarations")
    submit(ilse, ilse.locator(f'#main a[href="/mijn-opgaven/nieuw/{Kind.SIDE_JOB}/"]'))
    expect(ilse.locator("#main input[name=paid]:checked")).to_have_count(0)  # the choice starts empty
    assert_accessible(ilse, "new side job")
    ilse.locator("#id_body").fill(BODY)
    ilse.locator("#id_role").fill(SIDE_JOB_ROLE)
    ilse.locator("#id_hours_per_month").fill("800")  # more hours than a month has
    ilse.locator("#main input[name=paid][value=no]").check()
    ilse.locator("#id_relation_to_work").fill("The foundation owns no land in the province.")
    ilse.locator("#id_starts_on").fill("2024-03-01")
    submit(ilse, ilse.get_by_role("button", name=dutch("Submit")))
    expect(ilse.locator("#form-errors[role=alert]")).to_contain_text(dutch("Enter the hours a month (0 to 744)."))
    expect(ilse.locator("#id_body")).to_have_value(BODY)
    expect(ilse.locator("#id_role")).to_have_value(SIDE_JOB_ROLE)
    expect(ilse.locator("#id_hours_per_month")).to_have_value("800")
    expect(ilse.locator("#main input[name=paid][value=no]")).to_be_checked()
    expect(ilse.locator("#id_relation_to_work")).to_have_value("The foundation owns no land in the province.")
    expect(ilse.locator("#id_starts_on")).to_have_value("2024-03-01")
    assert_accessible(ilse, "new side job with an error")
    assert not Declaration.objects.exists()
    ilse.locator("#id_hours_per_month").fill("4")
    submit(ilse, ilse.get_by_role("button", name=dutch("Submit")))
    side_job = Declaration.objects.get(kind=Kind.SIDE_JOB)
    assert side_job.state == State.SUBMITTED
    assert side_job.person.external_id == "1001" and side_job.post is not None
    assert side_job.post.title == POST_TITLE and side_job.post.publication_duty
    assert path_of(ilse) == f"/mijn-opgaven/{side_job.pk}/", ilse.url
    assert_accessible(ilse, "submitted side job")

    # 2. Dave, who manages her unit, approves it with a restriction.
    dave = staff_page(make_context, base, users["dave"])
    decide(dave, side_job, "approve_restricted", REASON, RESTRICTION)
    side_job.refresh_from_db()
    assert side_job.state == State.RESTRICTED and side_job.restriction == RESTRICTION

    # 3. The public register of posts with publication duty: post, side job, restriction; no name.
    public_context, public_log = make_context()
    public: Page = public_context.new_page()
    visit(public, f"{base}/openbaar/{org.slug}/")
    assert_accessible(public, "the organisation's public registers")
    submit(public, public.locator(f'#main a[href="/openbaar/{org.slug}/nevenfuncties-functies/"]'))
    assert_accessible(public, "public register: side jobs of posts")
    table = public.locator("#main table")
    for text in (POST_TITLE, BODY, SIDE_JOB_ROLE, RESTRICTION):
        expect(table).to_contain_text(text)
    for name in ("Ilse", "Heuvel"):
        expect(public.locator("body")).not_to_contain_text(name)
    expect(public.locator("body")).not_to_contain_text(REASON)  # the decision's reason is not published
    for fmt in ("csv", "json"):  # the same in the open data
        data = public.request.get(f"{base}/openbaar/{org.slug}/nevenfuncties-functies.{fmt}")
        assert data.status == 200 and all(text in data.text() for text in (POST_TITLE, BODY, RESTRICTION))
        assert "Heuvel" not in data.text() and REASON not in data.text()

    # 4. Pieter, a deputy, declares a gift above the threshold; the secretary approves it;
    #    Rita, the register clerk, records where it went; the gift register shows it.
    pieter = provider_login(make_context, base, org, oidc_provider, "pieter")
    submit(pieter, pieter.locator('nav.oi-nav a[href="/mijn-opgaven/"]'))
    submit(pieter, pieter.locator(f'#main a[href="/mijn-opgaven/nieuw/{Kind.GIFT}/"]'))
    assert_accessible(pieter, "new gift")
    pieter.locator("#id_giver").fill(GIVER)
    pieter.locator("#id_occasion").fill("Opening of the new lock")
    pieter.locator("#id_estimated_value").fill("120,00")
    received = timezone.localdate() - dt.timedelta(days=7)
    pieter.locator("#id_received_on").fill(received.isoformat())
    pieter.locator("#main input[name=accepted][value=yes]").check()
    submit(pieter, pieter.get_by_role("button", name=dutch("Submit")))
    gift = Declaration.objects.get(kind=Kind.GIFT)
    assert gift.state == State.SUBMITTED and gift.person.external_id == "9001"
    expect(pieter.locator("#main .utrecht-alert--warning[role=status]").first).to_contain_text("€")  # hand it in
    assert_accessible(pieter, "submitted gift above the threshold")

    sven = password_login(make_context, base, users["sven"])
    decide(sven, gift, "approve", "Invented reason: accepted by the book; handed in.")

    rita = staff_page(make_context, base, users["rita"])
    submit(rita, rita.locator('nav.oi-nav a[href="/medewerkers/opgaven/"]'))
    assert_accessible(rita, "the register clerk's declarations")
    submit(rita, rita.get_by_role("link", name=dutch("Gifts to hand in")))
    assert_accessible(rita, "gifts to hand in")
    submit(rita, rita.locator(f'#main a[href="/medewerkers/opgaven/{gift.pk}/geschenk/"]'))
    expect(rita.locator("#id_destination")).to_have_value("")  # the choice starts empty
    assert_accessible(rita, "hand-in and destination of a gift")
    rita.locator("#id_handed_in_on").fill(timezone.localdate().isoformat())
    rita.locator("#id_destination").select_option("charity")
    submit(rita, rita.get_by_role("button", name=dutch("Record the destination")))
    expect(rita.locator("#main")).to_contain_text(dutch("The destination of the gift has been recorded."))
    expect(rita.locator("#main")).not_to_contain_text(GIVER)  # no longer waiting
    assert_accessible(rita, "gifts to hand in after recording")
    gift.refresh_from_db()
    assert gift.destination == "charity"

    visit(public, f"{base}/openbaar/{org.slug}/geschenken-bestuurders/")
    assert_accessible(public, "public register: officials' gifts")
    row = public.locator("#main table tbody tr", has_text=GIVER)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Pieter Zwart")
    expect(row).to_contain_text(str(gift.get_destination_display()))
    assert public_log.foreign(origin(base)) == []  # the public pages load nothing from elsewhere

    # 5. Ilse reads the decision with its reason on her declaration's page; she was told by
    #    mail that there is a decision, and nothing more.
    submit(ilse, ilse.locator('nav.oi-nav a[href="/mijn-opgaven/"]'))
    assert_accessible(ilse, "my declarations after the decision")
    submit(ilse, ilse.locator(f'#main a[href="/mijn-opgaven/{side_job.pk}/"]'))
    decision = ilse.locator("#main section[aria-labelledby=decision-heading]")
    expect(decision).to_contain_text(str(side_job.get_state_display()))
    expect(decision).to_contain_text(REASON)
    expect(decision).to_contain_text(RESTRICTION)
    assert_accessible(ilse, "the declaration with its decision")
    mails = [mail for mail in mailoutbox if "i.heuvel@example.invalid" in mail.to]
    assert len(mails) == 1 and BODY not in mails[0].body and REASON not in mails[0].body
