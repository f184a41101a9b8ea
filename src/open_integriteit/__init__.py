"""Open Integriteit: integrity management for Dutch public organisations."""
