from django.urls import path

from open_integriteit.lists.views import manage_list

from .typology import CATEGORIES
from .views import overview, public, staff

app_name = "reports"

urlpatterns = [
    path("melden/<slug:slug>/", public.start, name="public_start"),
    path("melden/<slug:slug>/formulier/", public.report_form, name="public_form"),
    path("melden/<slug:slug>/ontvangen/", public.receipt, name="public_receipt"),
    path("melden/<slug:slug>/postbus/", public.mailbox_login, name="mailbox_login"),
    path("melden/<slug:slug>/postbus/melding/", public.mailbox, name="mailbox"),
    path("melden/<slug:slug>/postbus/bijlage/<int:pk>/", public.mailbox_attachment, name="mailbox_attachment"),
    path("melden/<slug:slug>/postbus/uitloggen/", public.mailbox_logout, name="mailbox_logout"),
    path("medewerkers/", staff.dashboard, name="staff_dashboard"),
    path("medewerkers/meldingen/", staff.report_list, name="staff_list"),
    path("medewerkers/meldingen/export.csv", overview.report_list_csv, name="staff_list_csv"),
    path("medewerkers/termijnen/", overview.deadline_overview, name="deadlines"),
    path("medewerkers/termijnen/export.csv", overview.deadline_csv, name="deadlines_csv"),
    path("medewerkers/meldingen/registreren/", staff.report_register, name="staff_register"),
    # Before the report's actions: "registreren" is no reference.
    path("medewerkers/meldingen/registreren/<str:reference>/", staff.report_registered, name="staff_registered"),
    path("medewerkers/meldingen/<str:reference>/", staff.report_detail, name="staff_report"),
    path("medewerkers/meldingen/<str:reference>/<slug:action>/", staff.report_action, name="staff_action"),
    path("medewerkers/categorieen/", manage_list, {"kind": CATEGORIES.code}, name="typology"),
    path("medewerkers/bijlagen/<int:pk>/", staff.attachment_download, name="staff_attachment"),
]
