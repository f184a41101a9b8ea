pytest_plugins = ["open_integriteit.testing.fixtures", "tests.oidc_provider.fixture"]
