from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from open_integriteit.accounts.models import User
from open_integriteit.core.demo import demo_totp_key_hex, is_demo_user


class Command(BaseCommand):
    help = "Print the current two-factor code of a DEMO user (refuses any other user)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.select_related("organisation").filter(username=options["username"]).first()
        if user is None or not is_demo_user(user):
            raise CommandError("Only the invented demo users have a known secret.")
        self.stdout.write(f"{totp(bytes.fromhex(demo_totp_key_hex(user.username))):06d}")
