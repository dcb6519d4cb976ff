"""Why a call was cancelled (shown on its page) and when."""

import importlib

from django.db import migrations, models

# The new column rebuilds calls_call on SQLite, which drops the FTS5 triggers:
# put them back (as 0005 does; tests/calls/test_fts_triggers.py checks).
restore_triggers = importlib.import_module(
    "nidaa.calls.migrations.0003_call_territory_codes"
).restore_sqlite_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0008_call_sealed_until"),
    ]

    operations = [
        migrations.AddField(
            model_name="call",
            name="cancellation_reason",
            field=models.TextField(blank=True, default="", verbose_name="reason for cancelling"),
        ),
        migrations.AddField(
            model_name="call",
            name="cancelled_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="cancelled"),
        ),
        migrations.RunPython(restore_triggers, migrations.RunPython.noop),
    ]
