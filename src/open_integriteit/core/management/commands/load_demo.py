from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from open_integriteit.accounts.models import Role
from open_integriteit.core.demo import DEMO_ORGANISATIONS, demo_backup_codes, demo_totp_secret_b32, load_demo


class Command(BaseCommand):
    help = "Load the invented demo organisations, one user per role, and some reports. Idempotent."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Do not print the log-in details.")

    def handle(self, *args: Any, **options: Any) -> None:
        users = load_demo()
        if options["quiet"]:
            return
        base = settings.OI_BASE_URL
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
