"""Database backends for the test settings only (``conf/ci.py``).

The audit table refuses DELETE (and on PostgreSQL TRUNCATE) in the database itself. The
test harness empties every table between transactional tests; these backends lift the
audit table's guards for exactly that flush and restore them in the same transaction.
The product's settings never use them, so the product cannot delete audit rows.
"""

AUDIT_TABLE = "audit_auditevent"
