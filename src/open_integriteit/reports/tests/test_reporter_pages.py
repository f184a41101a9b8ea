"""The reporter's side (issue 7): every successful post redirects and a reload creates
nothing; the receipt code is shown exactly once; the reporter rereads their own report
and files in the mailbox, and nothing staff wrote; the reporting point gets one mail per
new report, without content."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from open_integriteit.accounts.models import Role
from open_integriteit.audit.models import AuditEvent
from open_integriteit.lists.models import ListEntry
from open_integriteit.reports import selectors, services
from open_integriteit.reports.models import (
    Attachment,
    Ground,
    Message,
    Minutes,
    MinutesStatus,
    NewReportNotice,
    Report,
    ReporterIdentity,
)
from open_integriteit.reports.tasks import notify_new_report
from open_integriteit.reports.typology import CATEGORIES
from open_integriteit.reports.uploads import CheckedFile
from open_integriteit.reports.views.public import RECEIPT_KEY, SESSION_KEY
from open_integriteit.testing.fixtures import make_user

pytestmark = pytest.mark.django_db

FORM = {
    "ground": "business_integrity",
    "what_happened": "Invented: WHAT-MARKER the supplier always wins.",
    "when_where": "Invented: WHEN-MARKER last spring",
    "involved": "Invented: INVOLVED-MARKER the buyer",
    "how_known": "Invented: HOW-MARKER I saw the offers",
    "reported_elsewhere": "yes",
    "reported_elsewhere_detail": "Invented: ELSEWHERE-MARKER the works council",
    "reporter_type": "employee",
    "anonymity": "confidential",
    "name": "Invented IDENTITY-MARKER",
    "email": "identity-marker@example.invalid",
}
PDF = b"%PDF-1.4\ninvented FILE-MARKER evidence\n%%EOF\n"
CODE = re.compile(r'data-testid="receipt-code">([\d ]+)<')


def rows() -> dict[str, int]:
    """What a post could create: the counts of the reporter's tables and the audit trail."""
    return {
        "reports": Report.objects.count(),
        "identities": ReporterIdentity.objects.count(),
        "attachments": Attachment.objects.count(),
        "messages": Message.objects.count(),
        "audit": AuditEvent.objects.exclude(action="report.viewed").count(),
    }


def submit(client: Client, org: Any, **changes: Any) -> Any:
    files = [SimpleUploadedFile("bewijs-FILENAME-MARKER.pdf", PDF, content_type="application/pdf")]
    return client.post(reverse("reports:public_form", args=[org.slug]), {**FORM, "attachments": files, **changes})


def receipt_code(client: Client, org: Any) -> str:
    page = client.get(reverse("reports:public_receipt", args=[org.slug])).content.decode()
    return CODE.search(page).group(1)  # type: ignore[union-attr]


def open_mailbox(client: Client, org: Any, code: str) -> None:
    response = client.post(reverse("reports:mailbox_login", args=[org.slug]), {"code": code})
    assert response.status_code == 302


# --- Post/redirect/get -------------------------------------------------------------------


def test_the_form_redirects_and_the_receipt_code_survives_exactly_one_view(client, org):
    response = submit(client, org)
    receipt_url = reverse("reports:public_receipt", args=[org.slug])
    assert response.status_code == 302 and response["Location"] == receipt_url
    after_post = rows()
    assert after_post["reports"] == 1 and after_post["attachments"] == 1 and after_post["identities"] == 1

    first = client.get(receipt_url)
    assert first.status_code == 200
    page = first.content.decode()
    code = CODE.search(page).group(1)  # type: ignore[union-attr]
    assert len(code.replace(" ", "")) == 16
    assert Report.objects.get().reference in page

    for _reload in range(2):  # reload, and again
        again = client.get(receipt_url)
        assert again.status_code == 200
        text = again.content.decode()
        assert 'data-testid="receipt-code"' not in text and code not in text
        assert 'data-testid="receipt-shown"' in text  # the page that says how to go on
        assert reverse("reports:mailbox_login", args=[org.slug]) in text
    back = client.get(reverse("reports:public_form", args=[org.slug]))  # the back button: an empty form
    assert back.status_code == 200 and "WHAT-MARKER" not in back.content.decode()
    assert rows() == after_post  # nothing filed again, nothing written


def test_the_code_waits_in_the_session_encrypted_and_is_gone_after_its_view(client, org):
    submit(client, org)
    kept = client.session[RECEIPT_KEY]
    stored = Session.objects.get(session_key=client.session.session_key)
    report = Report.objects.get()
    assert kept["report"] == report.pk
    assert kept["code"].startswith("oi1:")  # ciphertext, as in the encrypted columns
    code = receipt_code(client, org).replace(" ", "")
    assert code not in kept["code"] and code not in str(stored.get_decoded())
    # Popped on its view; the session held nothing else, so it is gone from the server too.
    assert not Session.objects.filter(session_key=stored.session_key).exists()
    assert RECEIPT_KEY not in client.session


def test_a_receipt_page_without_a_report_just_sent_shows_no_code(client, org, other_org):
    submit(client, org)
    # The session of one organisation's form does not open a receipt page elsewhere.
    response = client.get(reverse("reports:public_receipt", args=[other_org.slug]))
    assert 'data-testid="receipt-code"' not in response.content.decode()
    assert Client().get(reverse("reports:public_receipt", args=[org.slug])).status_code == 200


def test_a_receipt_during_a_mailbox_session_keeps_that_session(client, org):
    submit(client, org)
    open_mailbox(client, org, receipt_code(client, org))
    submit(client, org)  # a second report from the same browser
    assert receipt_code(client, org)
    assert client.session[SESSION_KEY]["report"] == Report.objects.order_by("pk").first().pk  # type: ignore[union-attr]
    assert Report.objects.count() == 2


def test_a_logged_in_colleague_who_reports_stays_logged_in(org, personas, client_for):
    mila = client_for(personas["mila"])  # an employee reporting from a staff session
    submit(mila, org)
    assert receipt_code(mila, org)
    assert mila.get(reverse("accounts:profile")).status_code == 200
    assert RECEIPT_KEY not in mila.session


def test_the_receipt_page_and_a_download_read_the_report_without_its_content(client, org):
    submit(client, org)
    report = Report.objects.get()
    facts = selectors.report_get_for_reporter(organisation=org, report_id=report.pk, log=False, content=False)
    assert {"what_happened", "when_where", "involved", "how_known"} <= facts.get_deferred_fields()
    assert selectors.report_get_for_reporter(organisation=org, report_id=report.pk, log=False).what_happened


def test_a_mailbox_message_redirects_and_a_reload_sends_nothing(client, org):
    submit(client, org)
    open_mailbox(client, org, receipt_code(client, org))
    mailbox = reverse("reports:mailbox", args=[org.slug])
    response = client.post(
        mailbox,
        {
            "action": "reply",
            "body": "Invented: LATER-MARKER one more thing",
            "attachments": [SimpleUploadedFile("later.txt", b"invented later", content_type="text/plain")],
        },
    )
    assert response.status_code == 302 and response["Location"] == mailbox
    after_post = rows()
    assert after_post["messages"] == 1 and after_post["attachments"] == 2
    for _reload in range(2):
        page = client.get(mailbox)
        assert page.status_code == 200
    assert "LATER-MARKER" in page.content.decode()
    assert rows() == after_post


def test_an_answer_on_the_minutes_redirects_and_a_reload_records_nothing(client, org, personas):
    _report, code = services.report_register(
        organisation=org,
        by=personas["alice"],
        channel="phone",
        data={k: v for k, v in FORM.items() if k not in ("name", "email")},
        identity={"name": "Invented", "email": ""},
        minutes_text="Invented minutes of the phone call.",
    )
    open_mailbox(client, org, code)
    mailbox = reverse("reports:mailbox", args=[org.slug])
    response = client.post(mailbox, {"action": "minutes", "decision": "approve", "comment": ""})
    assert response.status_code == 302 and response["Location"] == mailbox
    after_post = rows() | {"minutes": Minutes.objects.filter(status=MinutesStatus.APPROVED).count()}
    client.get(mailbox)
    client.get(mailbox)
    assert rows() | {"minutes": Minutes.objects.filter(status=MinutesStatus.APPROVED).count()} == after_post
    assert after_post["minutes"] == 1


def test_logging_in_and_out_of_the_mailbox_redirect(client, org):
    submit(client, org)
    code = receipt_code(client, org)
    login = client.post(reverse("reports:mailbox_login", args=[org.slug]), {"code": code})
    assert login.status_code == 302 and login["Location"] == reverse("reports:mailbox", args=[org.slug])
    logout = client.post(reverse("reports:mailbox_logout", args=[org.slug]))
    assert logout.status_code == 302 and logout["Location"] == reverse("reports:mailbox_login", args=[org.slug])


# --- The reporter rereads their report ---------------------------------------------------


def _staff_work(report: Report, personas: dict[str, Any], org: Any) -> None:
    """What the reporting point writes about the report, none of it for the reporter."""
    alice, bob = personas["alice"], personas["bob"]
    category = ListEntry.objects.filter(kind=CATEGORIES.code).first()
    services.report_classify(report=report, by=alice, ground="misstand", category=category)
    services.report_assign(report=report, by=alice, user=bob)
    services.report_mark_implicated(report=report, by=alice, user=personas["dave"])
    services.identity_disclose(report=report, by=alice, reason="Invented: DISCLOSE-MARKER reason")
    services.identity_grant(report=report, by=alice, user=bob, reason="Invented: GRANT-MARKER reason")
    services.report_acknowledge(report=report, by=alice, body="Invented: ACK-MARKER we received it.")


def test_the_reporter_rereads_their_text_answers_files_and_later_additions(client, org, personas):
    submit(client, org)
    code = receipt_code(client, org)
    report = Report.objects.get()
    _staff_work(report, personas, org)
    open_mailbox(client, org, code)
    client.post(reverse("reports:mailbox", args=[org.slug]), {"action": "reply", "body": "Invented: LATER-MARKER"})
    page = client.get(reverse("reports:mailbox", args=[org.slug])).content.decode()

    for marker in ("WHAT-MARKER", "WHEN-MARKER", "INVOLVED-MARKER", "HOW-MARKER", "ELSEWHERE-MARKER"):
        assert marker in page, f"{marker} (the reporter's own answer) is missing"
    assert "bewijs-FILENAME-MARKER.pdf" in page  # the file they sent
    assert "LATER-MARKER" in page and "ACK-MARKER" in page  # what they added later, and the answer to them
    own = page[page.index('data-testid="own-report"') : page.index("</dl>", page.index('data-testid="own-report"'))]
    assert "Anoniem" not in own and "Vertrouwelijk" in own  # how they chose to report
    # The reporting point's classification is theirs: the ground it set is not an answer shown.
    with translation.override("nl"):
        assert str(Ground.MISSTAND.label) not in page and str(Ground.BUSINESS_INTEGRITY.label) not in own
    for marker in ("DISCLOSE-MARKER", "GRANT-MARKER", "IDENTITY-MARKER", "identity-marker@"):
        assert marker not in page, f"{marker} (staff's or the identity) is shown to the reporter"
    for person in ("alice", "bob", "dave"):  # who handles it, and who is implicated
        assert personas[person].get_full_name() not in page and f">{person}<" not in page


def test_the_reread_is_audited_without_identifying_the_reporter(client, org):
    submit(client, org)
    open_mailbox(client, org, receipt_code(client, org))
    before = AuditEvent.objects.count()
    client.get(reverse("reports:mailbox", args=[org.slug]))
    event = AuditEvent.objects.order_by("-sequence").first()
    assert AuditEvent.objects.count() == before + 1
    assert event is not None and event.action == "report.viewed"
    assert event.channel == "reporter" and event.actor_id is None and event.ip_address is None


def test_a_report_registered_by_staff_shows_no_staff_text_and_no_staff_file(client, org, personas):
    _report, code = services.report_register(
        organisation=org,
        by=personas["alice"],
        channel="letter",
        data={**{k: v for k, v in FORM.items() if k not in ("name", "email")}, "what_happened": "STAFF-TEXT-MARKER"},
        files=[CheckedFile("scan-STAFF-FILE.pdf", "application/pdf", PDF)],
    )
    staff_file = Attachment.objects.get()
    open_mailbox(client, org, code)
    page = client.get(reverse("reports:mailbox", args=[org.slug])).content.decode()
    assert "STAFF-TEXT-MARKER" not in page and "scan-STAFF-FILE" not in page
    assert client.get(reverse("reports:mailbox_attachment", args=[org.slug, staff_file.pk])).status_code == 404


def test_files_open_only_in_their_own_mailbox_session(client, org, make_report):
    submit(client, org)
    open_mailbox(client, org, receipt_code(client, org))
    mine = Attachment.objects.get()
    url = reverse("reports:mailbox_attachment", args=[org.slug, mine.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content if download.streaming else [download.content]) == PDF
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event is not None and event.action == "attachment.downloaded" and event.channel == "reporter"
    assert event.actor_id is None and event.ip_address is None

    other_report, other_code = make_report()
    other = Client()
    open_mailbox(other, org, other_code)
    assert other.get(url).status_code == 404  # another reporter's session, this file's id
    services.report_reply_from_reporter(
        report=other_report, body="x", files=[CheckedFile("theirs.txt", "text/plain", b"invented")]
    )
    theirs = Attachment.objects.get(report=other_report)
    assert client.get(reverse("reports:mailbox_attachment", args=[org.slug, theirs.pk])).status_code == 404
    assert client.get(reverse("reports:mailbox_attachment", args=[org.slug, theirs.pk + 1000])).status_code == 404
    # Without a session: to the log-in page, nothing served.
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"] == reverse("reports:mailbox_login", args=[org.slug])


# --- The mail to the reporting point -----------------------------------------------------


def test_a_new_report_mails_each_coordinator_once_and_without_content(
    org, personas, django_capture_on_commit_callbacks, run_job
):
    second = make_user(org, "anna", Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):
        report, code = services.report_submit(
            organisation=org,
            data={k: v for k, v in FORM.items() if k not in ("name", "email")},
            identity={"name": "Invented IDENTITY-MARKER", "email": "identity-marker@example.invalid"},
            files=[CheckedFile("bewijs-FILENAME-MARKER.pdf", "application/pdf", PDF)],
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([personas["alice"].email, second.email])
    assert NewReportNotice.objects.filter(report=report, sent_at__isnull=False).count() == 2
    for message in mail.outbox:
        text = message.subject + message.body
        for secret in (*[m for m in FORM.values() if "MARKER" in m], "FILENAME-MARKER", report.reference, code):
            assert secret not in text
        assert reverse("reports:staff_dashboard") in message.body
        assert org.name in message.subject
    # Nobody else: not the other organisation's coordinator, not the other roles.
    assert personas["grace"].email not in [m.to[0] for m in mail.outbox]

    # The job again (a retry, a second worker): no second mail.
    assert run_job(notify_new_report, report.pk) == 0
    assert len(mail.outbox) == 2


def test_a_report_registered_by_staff_mails_the_reporting_point_but_not_who_registered_it(
    org, personas, django_capture_on_commit_callbacks
):
    second = make_user(org, "anna", Role.COORDINATOR)
    data = {k: v for k, v in FORM.items() if k not in ("name", "email")}
    with django_capture_on_commit_callbacks(execute=True):
        services.report_register(
            organisation=org, by=personas["alice"], channel="letter", data=data, received_at=timezone.now()
        )
    assert [m.to for m in mail.outbox] == [[second.email]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # an adviser takes a report: all coordinators hear
        services.report_register(
            organisation=org,
            by=personas["carol"],
            channel="in_person",
            data=data,
            minutes_text="Invented minutes",
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([personas["alice"].email, second.email])


def test_an_implicated_or_inactive_coordinator_gets_no_mail(org, personas, run_job, make_report):
    second = make_user(org, "anna", Role.COORDINATOR)
    second.is_active = False
    second.save()
    report, _code = make_report()
    services.report_mark_implicated(report=report, by=make_user(org, "cora", Role.COORDINATOR), user=personas["alice"])
    mail.outbox.clear()
    assert run_job(notify_new_report, report.pk) == 1
    assert [m.to for m in mail.outbox] == [["cora@example.invalid"]]
