"""PostgreSQL for tests: the flush (TRUNCATE) runs with the audit table's triggers disabled."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.backends.postgresql import base, operations

from .. import AUDIT_TABLE


class DatabaseOperations(operations.DatabaseOperations):
    def execute_sql_flush(self, sql_list: Iterable[str]) -> None:
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            guarded = AUDIT_TABLE in self.connection.introspection.table_names(cursor)
            if guarded:
                cursor.execute(f"ALTER TABLE {AUDIT_TABLE} DISABLE TRIGGER USER")
            super().execute_sql_flush(sql_list)
            if guarded:
                cursor.execute(f"ALTER TABLE {AUDIT_TABLE} ENABLE TRIGGER USER")


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
