"""trainings (DOMAIN.md §4.5–4.7)."""
