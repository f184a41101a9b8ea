import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from open_integriteit.accounts.models import Role
from open_integriteit.core.demo import (
    DEMO_ORGANISATIONS,
    DemoReceipt,
    demo_backup_codes,
    demo_totp_secret_b32,
    load_demo,
)
from open_integriteit.reports.receipts import format_code

RECEIPTS_FILE = "demo-receipts.txt"


def receipts_path() -> Path:
    return Path(settings.VAR_DIR) / RECEIPTS_FILE


def write_receipts(receipts: list[DemoReceipt], *, base_url: str, path: Path) -> str:
    """Write the demo reporters' codes to ``path``, readable by the owner only (0600).

    Demo only: the product never keeps a receipt code (ADR 0004); the database holds the
    hashes of these codes like any other. The codes exist only because the demo loader
    made the reports and is handed them once, as a reporter is on the receipt page."""
    lines = ["Demo reporters (invented): open the mailbox page and enter a receipt code."]
    for slug in dict.fromkeys(r.organisation_slug for r in receipts):
        lines.append(f"  Mailbox: {base_url}{reverse('reports:mailbox_login', args=[slug])}")
        for receipt in (r for r in receipts if r.organisation_slug == slug):
            lines.append(f"    {format_code(receipt.code)}   {receipt.reference}: {receipt.what}")
    text = "\n".join(lines) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        os.fchmod(file.fileno(), 0o600)
        file.write(text)
    return text


class Command(BaseCommand):
    help = "Load the invented demo organisations, one user per role, and some reports. Idempotent."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Do not print the log-in details.")

    def handle(self, *args: Any, **options: Any) -> None:
        users, receipts = load_demo()
        base = settings.OI_BASE_URL
        if receipts:
            write_receipts(receipts, base_url=base, path=receipts_path())
        if options["quiet"]:
            return
        out = self.stdout.write
        out("")
        out("Open Integriteit demo — all data is invented.")
        for name, slug, _kind, _colour in DEMO_ORGANISATIONS:
            out(f"  Reporting page {name}: {base}/melden/{slug}/")
        out(f"  Staff log-in:  {base}/account/inloggen/")
        out("")
        out("  Every staff role but 'medewerker' logs in with two steps. After the password, enter the")
        out("  current code: add the TOTP secret to an authenticator app, or run")
        out("    make totp USER=<user name>      (prints the current 6-digit code)")
        out("  or use one of the one-time backup codes below.")
        out("")
        out(f"  {'user name':<27} {'role':<22} {'password':<37} TOTP secret / backup codes")
        for spec in users:
            if spec.role == Role.EMPLOYEE:
                out(f"  {spec.username:<27} {spec.role:<22} {spec.password:<37} (no second step)")
                continue
            out(f"  {spec.username:<27} {spec.role:<22} {spec.password:<37} {demo_totp_secret_b32(spec.username)}")
            out(f"  {'':<27} {'':<22} {'':<37} {' '.join(demo_backup_codes(spec.username)[:3])}")
        out("")
        if receipts:
            out(f"  Receipt codes of demo reporters written to {receipts_path()} (0600).")
            out("")
