"""Dutch formats; everything not named here is Django's (`django.conf.locale.nl.formats`)."""

from django.utils.translation import pgettext_lazy

DATE_FORMAT = "j F Y"  # 23 november 2026
DATETIME_FORMAT = "j F Y H:i"  # 23 november 2026 14:05
SHORT_DATE_FORMAT = "j N Y"  # 23 nov. 2026
SHORT_DATETIME_FORMAT = "j N Y H:i"  # 23 nov. 2026 14:05
TIME_FORMAT = "H:i:s"

# "N" is Django's abbreviated month (django.utils.dates.MONTHS_AP). Django's Dutch catalogue
# abbreviates without a full stop ("nov"); ours, which takes precedence, writes them as Dutch
# does: "jan.", "mrt.", "mei", "nov.". Named here so that makemessages keeps them.
MONTH_ABBREVIATIONS = (
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
)
