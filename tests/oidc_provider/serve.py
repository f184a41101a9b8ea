"""Start the test identity provider: a fresh database, an RSA signing key made now, the
users and the client from the JSON file in ``OIDC_PROVIDER_DATA``, then Django's server on
127.0.0.1 (``python -m tests.oidc_provider.serve PORT``; the fixture sets the environment)."""

from __future__ import annotations

import json
import os
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def main(port: int) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    os.environ["OIDC_PROVIDER_RSA_KEY"] = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0, interactive=False)
    with open(os.environ["OIDC_PROVIDER_DATA"]) as file:
        data = json.load(file)
    for spec in data["users"]:
        User.objects.create_user(username=spec["username"], password=spec["password"])
    Application.objects.create(
        name="Open Integriteit",
        client_id=data["client_id"],
        client_secret=data["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(data["redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
