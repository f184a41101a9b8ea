"""Invented demo data for the contact log: an internal adviser and an external service.

Nothing here is real. The same seed gives the same log every time.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from open_integriteit.lists.selectors import entries_by_code

from . import services
from .models import Adviser, AdviserKind, Referral, YearTotal
from .topics import TOPICS

if TYPE_CHECKING:
    from open_integriteit.accounts.models import User
    from open_integriteit.organisations.models import Organisation

INTERNAL_NAME = "Vertrouwenspersoon intern"
EXTERNAL_NAME = "Bureau Vertrouwenszaken Regio (extern)"
SEED = 20260401

# Contacts logged one by one by the internal adviser, per year (0: this year, -1: last year, …).
CONTACTS_PER_YEAR = {-3: 14, -2: 18, -1: 22, 0: 16}
TOPIC_WEIGHTS = {
    "ongewenste-omgangsvormen": 35,
    "arbeidsconflict": 25,
    "advies-algemeen": 20,
    "zakelijke-integriteit": 10,
    "onveiligheid": 10,
}
REFERRAL_WEIGHTS = {
    Referral.NONE: 50,
    Referral.HR: 12,
    Referral.COORDINATOR: 10,
    Referral.COMPANY_DOCTOR: 10,
    Referral.MANAGER: 10,
    Referral.WHISTLEBLOWERS_AUTHORITY: 3,
    Referral.POLICE: 2,
    Referral.OTHER_EXTERNAL: 3,
}
# The external service's year totals, for the years before this one: topic code -> (contacts,
# conversations, led to a report).
EXTERNAL_TOTALS = {
    -3: {"ongewenste-omgangsvormen": (4, 9, 1), "arbeidsconflict": (3, 5, 0), "advies-algemeen": (2, 2, 0)},
    -2: {
        "ongewenste-omgangsvormen": (6, 13, 1),
        "arbeidsconflict": (2, 4, 0),
        "onveiligheid": (1, 3, 0),
        "advies-algemeen": (3, 3, 0),
    },
    -1: {
        "ongewenste-omgangsvormen": (5, 11, 2),
        "zakelijke-integriteit": (1, 2, 1),
        "arbeidsconflict": (4, 7, 0),
        "advies-algemeen": (2, 2, 0),
    },
}


def _random_date(rng: random.Random, year: int, today: dt.date) -> dt.date | None:
    start = dt.date(year, 1, 1)
    end = min(dt.date(year, 12, 31), today)
    if end < start:
        return None
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


@transaction.atomic
def load_demo_consultations(*, organisation: Organisation, adviser_user: User) -> None:
    """Create the demo advisers and their figures; does nothing if they are already there.

    ``adviser_user`` must be a confidential adviser of the organisation: the internal
    adviser's log is written through the real services in their name. The external service
    has no account in the demo, so its year totals are stored directly.
    """
    if Adviser.objects.filter(organisation=organisation, display_name__in=[INTERNAL_NAME, EXTERNAL_NAME]).exists():
        return
    topics = entries_by_code(organisation=organisation, kind=TOPICS.code)
    internal = Adviser(
        organisation=organisation, kind=AdviserKind.INTERNAL, display_name=INTERNAL_NAME, user=adviser_user
    )
    internal.full_clean()
    internal.save()
    external = Adviser(organisation=organisation, kind=AdviserKind.EXTERNAL, display_name=EXTERNAL_NAME)
    external.full_clean()
    external.save()

    rng = random.Random(SEED)
    today = timezone.localdate()
    codes, code_weights = list(TOPIC_WEIGHTS), list(TOPIC_WEIGHTS.values())
    referrals, referral_weights = list(REFERRAL_WEIGHTS), list(REFERRAL_WEIGHTS.values())
    for offset, count in CONTACTS_PER_YEAR.items():
        year = today.year + offset
        for _ in range(count):
            date = _random_date(rng, year, today)
            code = rng.choices(codes, code_weights)[0]
            conversations = rng.choices([1, 2, 3, 4, 5], [45, 25, 15, 10, 5])[0]
            led_to_report = rng.random() < 0.12
            referral = Referral.COORDINATOR if led_to_report else rng.choices(referrals, referral_weights)[0]
            if date is None or code not in topics:
                continue
            services.contact_log(
                adviser=internal,
                by=adviser_user,
                date=date,
                topic=topics[code],
                conversations=conversations,
                led_to_report=led_to_report,
                referral=referral,
            )

    for offset, per_topic in EXTERNAL_TOTALS.items():
        year = today.year + offset
        for code, (contacts, conversations, led) in per_topic.items():
            if code not in topics:
                continue
            total = YearTotal(
                organisation=organisation,
                adviser=external,
                year=year,
                topic=topics[code],
                contacts=contacts,
                conversations=conversations,
                led_to_report=led,
            )
            total.full_clean()
            total.save()
