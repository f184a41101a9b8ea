from django.urls import path

from . import views
from .oidc import views as oidc_views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/oidc/terug/", oidc_views.OidcCallbackView.as_view(), name="oidc_callback"),
    path("inloggen/oidc/geweigerd/", oidc_views.oidc_refused_view, name="oidc_refused"),
    path("inloggen/oidc/start/<slug:slug>/", oidc_views.OidcStartView.as_view(), name="oidc_start"),
    path("beheer/inloggen-met-organisatie-account/", oidc_views.oidc_configuration_view, name="oidc_configuration"),
    path("verificatie/", views.verify_view, name="verify"),
    path("tweestapsverificatie/", views.setup_two_factor_view, name="setup_two_factor"),
    path("reservecodes/", views.backup_codes_view, name="backup_codes"),
    path("wachtwoord-bevestigen/", views.reauthenticate_view, name="reauthenticate"),
    path("wachtwoord-wijzigen/", views.password_change_view, name="password_change"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("start/", views.home_view, name="home"),
    path("profiel/", views.profile_view, name="profile"),
    path("beheer/gebruikers/", views.user_list_view, name="user_list"),
    path("beheer/gebruikers/nieuw/", views.user_create_view, name="user_create"),
    path("beheer/gebruikers/<int:pk>/rollen/", views.user_roles_view, name="user_roles"),
    path("beheer/gebruikers/<int:pk>/deblokkeren/", views.user_unlock_view, name="user_unlock"),
    path("beheer/gebruikers/<int:pk>/deactiveren/", views.user_deactivate_view, name="user_deactivate"),
    path("beheer/gebruikers/<int:pk>/activeren/", views.user_reactivate_view, name="user_reactivate"),
    path(
        "beheer/gebruikers/<int:pk>/tweestapsverificatie-herstellen/",
        views.user_two_factor_reset_view,
        name="user_two_factor_reset",
    ),
    path("beheer/gebruikers/<int:pk>/wachtwoordlink/", views.user_password_reset_view, name="user_password_reset"),
    path("rollen-goedkeuren/", views.role_approval_list_view, name="role_approvals"),
    path("rollen-goedkeuren/<int:pk>/", views.role_decide_view, name="role_decide"),
    path("wachtwoord-vergeten/", views.password_reset_view, name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/", views.password_reset_sent_view, name="password_reset_sent"),
    path(
        "wachtwoord-vergeten/<str:uidb64>/<str:token>/",
        views.password_reset_confirm_view,
        name="password_reset_confirm",
    ),
]
