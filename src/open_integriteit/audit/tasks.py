"""Background jobs (django-q2 worker): publish the signed chain head outside the database.

Every hour a signed line goes to the log; every day the whole chain is checked and each
organisation's auditors get the result and the signed line by mail. Kept outside the
database, those lines let ``verify_audit --published`` see events removed later, even by
someone who moved the chain head back (ADR 0005). The mails carry numbers only.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from open_integriteit.accounts.models import Role
from open_integriteit.accounts.selectors import active_users_with_role

from . import chain
from .selectors import audit_chain_head, audit_chain_verify
from .services import audit_log

logger = logging.getLogger(__name__)


def chain_head_log() -> str:
    """Write the signed head line to the log; returns it ("" when the head does not check)."""
    sequence, last_hash, problem = audit_chain_head()
    if problem:
        logger.error("Audit trail head not published: %s. Run manage.py verify_audit.", problem)
        return ""
    line = chain.publish_head(sequence=sequence, last_hash=last_hash, at=timezone.now()).line()
    logger.info("%s", line)
    return line


def chain_check_mail() -> int:
    """Check the whole chain; mail the outcome and the signed head line to every auditor.

    Returns the number of mails sent.
    """
    result = audit_chain_verify()
    line = ""
    if result.ok:
        line = chain.publish_head(sequence=result.head_sequence, last_hash=result.head_hash, at=timezone.now()).line()
        logger.info("%s", line)
    else:
        logger.error("Audit trail BROKEN at #%s: %s", result.broken_sequence, result.reason)
    recipients: dict[int, list[str]] = defaultdict(list)
    for user in active_users_with_role(role=Role.AUDITOR).exclude(email=""):
        assert user.organisation_id is not None
        recipients[user.organisation_id].append(user.email)
    with translation.override("nl"):
        subject, body = _check_mail(result.ok, result.checked, result.broken_sequence, line)
    sent = 0
    for organisation_id, emails in sorted(recipients.items()):
        for email in emails:
            send_mail(subject=subject, message=body, from_email=None, recipient_list=[email])
            sent += 1
        audit_log(
            action="audit.check_mailed",
            channel="system",
            organisation_id=organisation_id,
            details={"sequence": result.head_sequence, "intact": result.ok, "recipients": len(emails)},
        )
    return sent


def _check_mail(ok: bool, checked: int, broken_sequence: int | None, line: str) -> tuple[str, str]:
    date = timezone.localdate().strftime("%d-%m-%Y")
    if ok:
        subject = _("Audit trail intact (%(date)s)") % {"date": date}
        body = _(
            "The daily check of the audit trail of Open Integriteit on %(date)s found it intact: "
            "%(count)s events.\n\n"
            "Keep this mail. The line below records the newest event; if events are ever removed, "
            "`manage.py verify_audit --published` with this line shows it.\n\n%(line)s\n\n"
            "This mail contains no content of reports or cases."
        ) % {"date": date, "count": checked, "line": line}
    else:
        where = f"#{broken_sequence}" if broken_sequence is not None else _("the chain head")
        subject = _("Audit trail BROKEN (%(date)s)") % {"date": date}
        body = _(
            "The daily check of the audit trail of Open Integriteit on %(date)s found it broken at %(where)s. "
            "Ask the technical administrator to run `manage.py verify_audit` and to find out what happened.\n\n"
            "This mail contains no content of reports or cases."
        ) % {"date": date, "where": where}
    return subject, body
