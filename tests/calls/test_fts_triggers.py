"""Adding a column to calls_call rebuilds the table on SQLite and silently
drops the triggers that feed the FTS5 index: after all migrations they must
be there, or search finds nothing new."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_fts_triggers_exist_after_every_migration():
    if connection.vendor != "sqlite":
        pytest.skip("the FTS5 triggers exist on SQLite only (PostgreSQL uses a generated tsvector)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'calls_call'")
        names = sorted(row[0] for row in cursor.fetchall())
    assert names == ["calls_call_fts_ad", "calls_call_fts_ai", "calls_call_fts_au"]
