"""PostgreSQL: keep each call's search_vector in its row (storage MAIN).

A call's row is ~4 kB, past the 2 kB at which PostgreSQL moves its largest
values to the TOAST table, and the tsvector (~2 kB) was one of them: testing
a row against a search then cost a TOAST index look-up and chunk reads (about
five buffers a row). A search for a word found in one call in eight walks
~140 rows for a page: 2.8 ms with the vector out of line, 1.1 ms with it in
the row (docs/catalogue.md). MAIN lets the other long columns (the folded
text, the JSON lists, the ToR text) go out of line first.

Rows are rewritten once so that the stored vectors follow the new storage
(the generated column is computed again on update). SQLite: nothing to do.
"""

from django.db import migrations


def keep_vector_inline(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE calls_call ALTER COLUMN search_vector SET STORAGE MAIN")
    schema_editor.execute("UPDATE calls_call SET search_document = search_document")


def back_to_extended(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE calls_call ALTER COLUMN search_vector SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0006_open_until"),
    ]

    operations = [
        migrations.RunPython(keep_vector_inline, back_to_extended),
    ]
