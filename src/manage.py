#!/usr/bin/env python
"""Django's command-line utility for Open Integriteit."""

import os
import sys


def main() -> None:
    os.umask(0o077)  # the database, its WAL, attachments and mails: readable by this user only
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "open_integriteit.conf.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
