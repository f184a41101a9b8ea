"""Default typologies shipped with every new organisation (configurable afterwards)."""

from __future__ import annotations

from .models import CategoryScheme

# The nine BIOS categories (Bureau Integriteitsbevordering Openbare Sector).
BIOS = [
    ("corruptie", "Corruptie", "Corruption"),
    ("fraude-diefstal-verduistering", "Fraude, diefstal of verduistering", "Fraud, theft or embezzlement"),
    ("wanprestatie-verspilling", "Wanprestatie en verspilling", "Poor performance and waste"),
    ("misbruik-bevoegdheden", "Misbruik van bevoegdheden", "Abuse of powers"),
    ("ongewenste-omgangsvormen", "Ongewenste omgangsvormen", "Unwanted behaviour"),
    ("onverenigbare-functies", "Onverenigbare functies en bindingen", "Incompatible positions and ties"),
    ("misbruik-informatie", "Misbruik van informatie", "Misuse of information"),
    ("wangedrag-vrije-tijd", "Wangedrag in de vrije tijd", "Misconduct in private time"),
    ("giften", "Giften", "Gifts"),
]

# The categories central government uses in its yearly integrity figures.
CENTRAL_GOVERNMENT = [
    ("financieel", "Financiële integriteitsschendingen", "Financial integrity violations"),
    (
        "misbruik-positie",
        "Misbruik van positie en belangenverstrengeling",
        "Abuse of position and conflicts of interest",
    ),
    ("lekken-informatie", "Lekken en misbruik van informatie", "Leaking and misuse of information"),
    ("misbruik-middelen", "Misbruik van bevoegdheden en middelen", "Abuse of powers and resources"),
    ("ongewenste-omgangsvormen", "Ongewenste omgangsvormen", "Unwanted behaviour"),
    ("nevenwerkzaamheden", "Onverenigbare nevenwerkzaamheden", "Incompatible side jobs"),
    ("misdragingen-buiten-functie", "Misdragingen buiten functie", "Misconduct outside work"),
    ("geschenken", "Geschenken en uitnodigingen", "Gifts and invitations"),
    ("overig", "Overige integriteitsschendingen", "Other integrity violations"),
]

DEFAULT_SCHEMES = {CategoryScheme.BIOS: BIOS, CategoryScheme.CENTRAL_GOVERNMENT: CENTRAL_GOVERNMENT}
