"""Database support for the test run (loaded from tests/conftest.py).

Transactional tests (live server, concurrency) empty every table between tests. On SQLite
Django does that with DELETE, which the append-only trigger on the event table refuses
(PostgreSQL empties tables with TRUNCATE, which row triggers do not see). So, on SQLite and
only for that flush, the triggers are dropped before the DELETEs and created again after.
"""

import importlib

import pytest


@pytest.fixture(scope="session", autouse=True)
def _flush_past_the_append_only_triggers():
    from django.db.backends.sqlite3.base import DatabaseWrapper

    migration = importlib.import_module("cases.migrations.0003_audit_chain")
    operations = DatabaseWrapper.ops_class
    original = operations.sql_flush

    def sql_flush(self, style, tables, **kwargs):
        statements = original(self, style, tables, **kwargs)
        if "cases_caseevent" not in tables:
            return statements
        return [*migration.DROP["sqlite"], *statements, *migration.SQLITE_TRIGGERS]

    operations.sql_flush = sql_flush
    yield
    operations.sql_flush = original
