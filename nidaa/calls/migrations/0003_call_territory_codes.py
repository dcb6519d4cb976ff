"""Denormalised territory codes for the region / province filters
(docs/catalogue.md, "Filters"), and a partial full-text index over the
published calls (the open half of the catalogue)."""

from django.db import migrations, models

# Adding a NOT NULL column makes Django rebuild calls_call on SQLite, which
# drops the FTS5 triggers of migration 0002: put them back (IF NOT EXISTS).
SQLITE_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS calls_call_fts_ai AFTER INSERT ON calls_call BEGIN "
    "INSERT INTO calls_call_fts(rowid, doc) VALUES (new.id, new.search_document); END",
    "CREATE TRIGGER IF NOT EXISTS calls_call_fts_au AFTER UPDATE OF search_document ON calls_call BEGIN "
    "DELETE FROM calls_call_fts WHERE rowid = old.id; "
    "INSERT INTO calls_call_fts(rowid, doc) VALUES (new.id, new.search_document); END",
    "CREATE TRIGGER IF NOT EXISTS calls_call_fts_ad AFTER DELETE ON calls_call BEGIN "
    "DELETE FROM calls_call_fts WHERE rowid = old.id; END",
]

# The codes of each call's territories and of their parents and grandparents.
_CODES = """
    SELECT ct.call_id AS call_id, t.code AS code
      FROM calls_call_territories ct JOIN directory_territory t ON t.id = ct.territory_id
    UNION
    SELECT ct.call_id, p.code
      FROM calls_call_territories ct JOIN directory_territory t ON t.id = ct.territory_id
      JOIN directory_territory p ON p.id = t.parent_id
    UNION
    SELECT ct.call_id, g.code
      FROM calls_call_territories ct JOIN directory_territory t ON t.id = ct.territory_id
      JOIN directory_territory p ON p.id = t.parent_id JOIN directory_territory g ON g.id = p.parent_id
"""
BACKFILL = {
    "postgresql": [
        f"""UPDATE calls_call SET territory_codes = agg.codes
            FROM (SELECT call_id, ' ' || string_agg(code, ' ' ORDER BY code) || ' ' AS codes
                    FROM ({_CODES}) c GROUP BY call_id) agg
           WHERE agg.call_id = calls_call.id""",  # noqa: S608 (constant SQL)
        # The open half's searches: a small GIN index over published calls only.
        "CREATE INDEX IF NOT EXISTS calls_call_search_vector_published ON calls_call "
        "USING gin (search_vector) WHERE status = 'published'",
    ],
    "sqlite": [
        *SQLITE_TRIGGERS,
        f"""UPDATE calls_call SET territory_codes = (
              SELECT ' ' || group_concat(code, ' ') || ' ' FROM ({_CODES}) c WHERE c.call_id = calls_call.id)
            WHERE id IN (SELECT call_id FROM calls_call_territories)""",  # noqa: S608 (constant SQL)
    ],
}
BACKWARD = {"postgresql": ["DROP INDEX IF EXISTS calls_call_search_vector_published"]}


def restore_sqlite_triggers(apps, schema_editor):
    """For later migrations that add a column to calls_call: on SQLite that
    rebuilds the table and drops these triggers (tests/calls/test_fts_triggers.py)."""
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0002_catalogue_search"),
        ("directory", "0002_load_territories"),
    ]

    operations = [
        migrations.AddField(
            model_name="call",
            name="territory_codes",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="territory codes"),
        ),
        migrations.RunPython(_run(BACKFILL), _run(BACKWARD)),
    ]
