"""Default topics of the contact log, given to every new organisation (configurable afterwards)."""

from __future__ import annotations

# (code, Dutch name, English name)
DEFAULT_TOPICS = [
    ("ongewenste-omgangsvormen", "Ongewenste omgangsvormen", "Unwanted behaviour"),
    ("zakelijke-integriteit", "Zakelijke integriteit", "Business integrity"),
    ("arbeidsconflict", "(Dreigend) arbeidsconflict", "(Threatening) labour dispute"),
    ("onveiligheid", "Onveiligheid", "Feeling unsafe"),
    ("advies-algemeen", "Advies algemeen", "General advice"),
]
