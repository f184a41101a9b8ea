from django.urls import include, path
from django.views.i18n import set_language

from open_integriteit.organisations.views import home

urlpatterns = [
    path("", home, name="home"),
    path("taal/", set_language, name="set_language"),
    path("account/", include("open_integriteit.accounts.urls")),
    path("", include("open_integriteit.organisations.urls")),
    path("", include("open_integriteit.audit.urls")),
    path("", include("open_integriteit.reports.urls")),
    path("", include("open_integriteit.consultations.urls")),
    path("", include("open_integriteit.advice.urls")),
    path("", include("open_integriteit.cases.urls")),
    path("", include("open_integriteit.people.urls")),
    # Before the declarations: their openbaar/<slug>/<register>/ would take /openbaar/<slug>/regelgeving/.
    path("", include("open_integriteit.regulations.urls")),
    path("", include("open_integriteit.declarations.urls")),
    path("", include("open_integriteit.onboarding.urls")),
    path("", include("open_integriteit.trainings.urls")),
    path("", include("open_integriteit.procurement.urls")),
    path("", include("open_integriteit.complaints.urls")),
    path("", include("open_integriteit.programme.urls")),
    path("", include("open_integriteit.indicators.urls")),
    path("", include("open_integriteit.figures.urls")),
    path("", include("open_integriteit.annual_reports.urls")),
    path("", include("open_integriteit.search.urls")),
    path("", include("open_integriteit.retention.urls")),
    path("", include("open_integriteit.operations.urls")),
]

handler404 = "open_integriteit.core.views.not_found"
handler500 = "open_integriteit.core.views.server_error"
