"""The annual integrity report (DOMAIN.md §4.8, issue 10)."""
