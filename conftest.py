pytest_plugins = ["open_integriteit.testing.fixtures"]
