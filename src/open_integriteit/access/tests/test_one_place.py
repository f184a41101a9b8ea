"""Access is decided in one place (STYLE.md rule 13): no code outside ``access`` reads a
user's roles to decide something, and no template checks a role."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
ROLE_CHECKS = re.compile(
    r"\.role_set\b|\bhas_role\(|\bis_administrator\b|\bcan_receive_content\b|role_assignments__role"
)
# Where roles are kept (the model, writing them, reading them for the roles form) and decided.
ALLOWED = {"access", "accounts/models.py", "accounts/services.py", "accounts/selectors.py"}


def _allowed(path: Path) -> bool:
    relative = path.relative_to(PACKAGE).as_posix()
    return any(relative == a or relative.startswith(a + "/") for a in ALLOWED) or "/tests/" in relative


def test_no_role_checks_outside_the_access_module() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if not _allowed(path) and "/migrations/" not in path.as_posix()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if ROLE_CHECKS.search(line)
    ]
    assert offenders == [], "ask open_integriteit.access instead:\n" + "\n".join(offenders)


def test_no_role_checks_in_templates() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.html"))
        if re.search(r"role_set|is_administrator|can_receive_content|has_role", path.read_text())
    ]
    assert offenders == [], "pass ``may`` flags from access to the template instead: " + ", ".join(offenders)
