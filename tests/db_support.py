"""Database support for the test run (loaded from tests/conftest.py).

Transactional tests (live server, concurrency) empty every table between tests. On SQLite
Django does that with DELETE, which the append-only trigger on the event table refuses
(PostgreSQL empties tables with TRUNCATE, which row triggers do not see). So, on SQLite and
only for that flush, the triggers are dropped before the DELETEs and created again after.
"""

import importlib

from django.db.backends.sqlite3.operations import DatabaseOperations

_chain_migration = importlib.import_module("cases.migrations.0003_audit_chain")
_original_sql_flush = DatabaseOperations.sql_flush


def _sql_flush(self, style, tables, **kwargs):
    statements = _original_sql_flush(self, style, tables, **kwargs)
    if "cases_caseevent" not in tables:
        return statements
    return [
        *_chain_migration.DROP["sqlite"],
        *statements,
        *_chain_migration.SQLITE_TRIGGERS,
    ]


DatabaseOperations.sql_flush = _sql_flush
