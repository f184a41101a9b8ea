"""The typology of integrity violations, used to classify reports and cases for statistics:
a per-organisation list (ADR 0010) with two standard typologies and the organisation's own
categories. One typology is in use by default, chosen by the kind of organisation.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from open_integriteit.accounts.models import Role
from open_integriteit.lists.registry import DefaultEntry, ListGroup, ListKind
from open_integriteit.organisations.models import Organisation, OrganisationKind

BIOS = "bios"
CENTRAL_GOVERNMENT = "central_government"
CUSTOM = "custom"

# The nine BIOS categories (Bureau Integriteitsbevordering Openbare Sector).
BIOS_CATEGORIES = (
    DefaultEntry("corruptie", "Corruptie", "Corruption"),
    DefaultEntry("fraude-diefstal-verduistering", "Fraude, diefstal of verduistering", "Fraud, theft or embezzlement"),
    DefaultEntry("wanprestatie-verspilling", "Wanprestatie en verspilling", "Poor performance and waste"),
    DefaultEntry("misbruik-bevoegdheden", "Misbruik van bevoegdheden", "Abuse of powers"),
    DefaultEntry("ongewenste-omgangsvormen", "Ongewenste omgangsvormen", "Unwanted behaviour"),
    DefaultEntry("onverenigbare-functies", "Onverenigbare functies en bindingen", "Incompatible positions and ties"),
    DefaultEntry("misbruik-informatie", "Misbruik van informatie", "Misuse of information"),
    DefaultEntry("wangedrag-vrije-tijd", "Wangedrag in de vrije tijd", "Misconduct in private time"),
    DefaultEntry("giften", "Giften", "Gifts"),
)

# The categories central government uses in its yearly integrity figures. Codes are unique
# within the list, so the one name both typologies share carries a suffix here.
CENTRAL_GOVERNMENT_CATEGORIES = (
    DefaultEntry("financieel", "Financiële integriteitsschendingen", "Financial integrity violations"),
    DefaultEntry(
        "misbruik-positie",
        "Misbruik van positie en belangenverstrengeling",
        "Abuse of position and conflicts of interest",
    ),
    DefaultEntry("lekken-informatie", "Lekken en misbruik van informatie", "Leaking and misuse of information"),
    DefaultEntry("misbruik-middelen", "Misbruik van bevoegdheden en middelen", "Abuse of powers and resources"),
    DefaultEntry("ongewenste-omgangsvormen-rijk", "Ongewenste omgangsvormen", "Unwanted behaviour"),
    DefaultEntry("nevenwerkzaamheden", "Onverenigbare nevenwerkzaamheden", "Incompatible side jobs"),
    DefaultEntry("misdragingen-buiten-functie", "Misdragingen buiten functie", "Misconduct outside work"),
    DefaultEntry("geschenken", "Geschenken en uitnodigingen", "Gifts and invitations"),
    DefaultEntry("overig", "Overige integriteitsschendingen", "Other integrity violations"),
)

# Decentralised government (provinces, municipalities, water authorities and the shared
# services that work for them) counts along the BIOS typology; anything else is usually
# closer to central government (ADR 0010).
DEFAULT_TYPOLOGY: dict[str, str] = {
    OrganisationKind.PROVINCE: BIOS,
    OrganisationKind.MUNICIPALITY: BIOS,
    OrganisationKind.WATER_AUTHORITY: BIOS,
    OrganisationKind.SHARED_SERVICE: BIOS,
    OrganisationKind.OTHER: CENTRAL_GOVERNMENT,
}


def default_typology(organisation: Organisation) -> str:
    return DEFAULT_TYPOLOGY.get(organisation.kind, BIOS)


CATEGORIES = ListKind(
    code="reports.category",
    label=_("Categories"),
    intro=_(
        "The categories used to classify reports and cases for the annual report. Switch off what your "
        "organisation does not use, or add your own. Reports and cases keep their category."
    ),
    add_label=_("Add a category"),
    groups=(
        ListGroup(BIOS, _("BIOS categories"), BIOS_CATEGORIES),
        ListGroup(CENTRAL_GOVERNMENT, _("Central-government categories"), CENTRAL_GOVERNMENT_CATEGORIES),
        ListGroup(CUSTOM, _("Own categories")),
    ),
    own_group=CUSTOM,
    managers=frozenset({Role.COORDINATOR, Role.ADMINISTRATOR}),
    default_group=default_typology,
    code_fallback="categorie",
    nav="typology",
)
