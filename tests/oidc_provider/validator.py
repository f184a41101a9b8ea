"""The claims of the test provider's users, as an organisation's provider would send them:
the personnel number (``employee_number``), e-mail and, for some, ``amr``."""

from __future__ import annotations

import json
import os
from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator


def _claims() -> dict[str, dict[str, Any]]:
    with open(os.environ["OIDC_PROVIDER_DATA"]) as file:
        return {user["username"]: user["claims"] for user in json.load(file)["users"]}


class ClaimsValidator(OAuth2Validator):
    # Every claim of the user, whatever the scopes (the product asks for openid email profile).
    oidc_claim_scope = None

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        return dict(_claims().get(request.user.get_username(), {}))
