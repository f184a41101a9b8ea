"""SQLite for tests: the flush drops the audit table's triggers and re-creates them."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.backends.sqlite3 import base as _sqlite_base  # noqa: F401 (first: operations imports it back)
from django.db.backends.sqlite3 import operations

from open_integriteit.core.db.sqlite3 import base

from .. import AUDIT_TABLE


class DatabaseOperations(operations.DatabaseOperations):
    def execute_sql_flush(self, sql_list: Iterable[str]) -> None:
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [AUDIT_TABLE]
            )
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
            super().execute_sql_flush(sql_list)
            for _name, sql in triggers:
                cursor.execute(sql)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
