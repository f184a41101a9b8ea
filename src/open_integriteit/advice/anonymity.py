"""A check that an anonymised text carries no e-mail address or phone number.

It cannot prove a text is anonymous — names and rare details still need a human eye —
but it catches the contact details that most often slip in.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\[at\]|\(at\))\s*[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# A run of digits and separators that starts like a phone number: +31…, 0031…, 06…, 010…
PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+|0)[\d\s\-.()/]{8,24}")
MIN_PHONE_DIGITS = 10


def find_contact_details(text: str) -> list[str]:
    """E-mail addresses and phone numbers found in the text, as written."""
    found = [m.group(0).strip() for m in EMAIL.finditer(text)]
    for match in PHONE_CANDIDATE.finditer(text):
        candidate = match.group(0).strip(" -./(")
        if sum(ch.isdigit() for ch in candidate) >= MIN_PHONE_DIGITS:
            found.append(candidate)
    return found


def validate_no_contact_details(text: str) -> None:
    found = find_contact_details(text or "")
    if found:
        raise ValidationError(
            _(
                "The summary goes into the annual report and may not contain an e-mail address or "
                "phone number. Remove: %(found)s"
            ),
            code="contact_details",
            params={"found": ", ".join(f"“{item}”" for item in found)},
        )
