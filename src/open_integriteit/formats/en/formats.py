"""English formats (day before month, 24-hour clock, as the Dutch pages); everything not
named here is Django's (`django.conf.locale.en.formats`)."""

DATE_FORMAT = "j F Y"  # 23 November 2026
DATETIME_FORMAT = "j F Y H:i"  # 23 November 2026 14:05
SHORT_DATE_FORMAT = "j M Y"  # 23 Nov 2026
SHORT_DATETIME_FORMAT = "j M Y H:i"  # 23 Nov 2026 14:05
TIME_FORMAT = "H:i:s"
