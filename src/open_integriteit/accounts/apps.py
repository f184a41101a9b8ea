from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "open_integriteit.accounts"

    def ready(self) -> None:
        import time

        from django.contrib.auth.signals import user_logged_in

        from .middleware import LOGIN_TIME_KEY

        def remember_login_time(sender: object, request: object, user: object, **kwargs: object) -> None:
            session = getattr(request, "session", None)
            if session is not None:
                session[LOGIN_TIME_KEY] = time.time()

        user_logged_in.connect(remember_login_time, weak=False, dispatch_uid="oi_login_time")

        from open_integriteit.core.anonymity import register_name_source

        from .anonymity import user_names

        register_name_source("accounts.users", user_names)
