"""Database-level guard, completed: the audit table refuses DELETE on SQLite too, and
TRUNCATE on PostgreSQL (row triggers do not see it).

On SQLite the UPDATE trigger is created again as well: adding a column (0003) rebuilds the
table there, and a rebuilt table has lost its triggers. The test settings' database backends
(``open_integriteit.testing.db``) lift these guards for the test flush only.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    """,
    """
    CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    """,
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS audit_auditevent_no_delete;"]

POSTGRES_FORWARD = [
    """
    CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_append_only();
    """,
]
POSTGRES_BACKWARD = ["DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent;"]


def forward(apps, schema_editor):
    statements = POSTGRES_FORWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_FORWARD
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = POSTGRES_BACKWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_BACKWARD
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_keyed_chain")]

    operations = [migrations.RunPython(forward, backward)]
