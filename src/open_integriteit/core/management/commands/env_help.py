from typing import Any

from django.core.management.base import BaseCommand

from open_integriteit.conf.env import REGISTRY


class Command(BaseCommand):
    help = "List every environment variable Open Integriteit reads, with its default and meaning."

    def handle(self, *args: Any, **options: Any) -> None:
        for name in sorted(REGISTRY):
            var = REGISTRY[name]
            secret = any(word in name for word in ("KEY", "PEPPER", "PASSWORD"))
            default = "(secret)" if secret and var.default else repr(var.default)
            self.stdout.write(f"{name}\n    default: {default}\n    {var.help}\n")
