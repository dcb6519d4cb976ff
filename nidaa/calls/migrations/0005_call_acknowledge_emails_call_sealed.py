"""Calls sealed until the deadline, and optional receipts for e-mailed applications."""

import importlib

from django.db import migrations, models

# Adding these columns rebuilds calls_call on SQLite, which drops the FTS5
# triggers: put them back as migration 0003 does (every later migration that
# adds a column to calls_call must do the same; tests/calls/test_fts_triggers.py checks).
restore_triggers = importlib.import_module("nidaa.calls.migrations.0003_call_territory_codes").restore_sqlite_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0004_open_type_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="call",
            name="acknowledge_emails",
            field=models.BooleanField(
                default=False,
                help_text="Send each sender a receipt when an e-mailed application is filed.",
                verbose_name="acknowledge e-mailed applications",
            ),
        ),
        migrations.AddField(
            model_name="call",
            name="sealed",
            field=models.BooleanField(
                default=True,
                help_text="Before the deadline the issuer sees how many applications arrived, not their content.",
                verbose_name="sealed until the deadline",
            ),
        ),
        migrations.RunPython(restore_triggers, migrations.RunPython.noop),
    ]
