"""``open_until``: the open half of the catalogue as one column, so that the
planner estimates how many calls are open (docs/catalogue.md, "Order and pages")."""

import datetime
import importlib
import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models

# Adding a column rebuilds calls_call on SQLite, which drops the FTS5 triggers:
# put them back (tests/calls/test_fts_triggers.py checks after every migration).
restore_triggers = importlib.import_module("nidaa.calls.migrations.0003_call_territory_codes").restore_sqlite_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_applicant_profile_saved_searches_alerts"),
        ("calls", "0005_call_acknowledge_emails_call_sealed"),
        ("directory", "0002_load_territories"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="call",
            name="calls_open_order",
        ),
        migrations.RemoveIndex(
            model_name="call",
            name="calls_open_type_order",
        ),
        migrations.AddField(
            model_name="call",
            name="open_until",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(
                        status="published",
                        then=django.db.models.functions.comparison.Coalesce(
                            models.F("deadline"),
                            models.Value(datetime.datetime(9999, 12, 31, 0, 0, tzinfo=datetime.timezone.utc)),
                        ),
                    ),
                    default=None,
                ),
                output_field=models.DateTimeField(),
            ),
        ),
        migrations.AddIndex(
            model_name="call",
            index=models.Index(
                models.F("open_until"),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("open_until__isnull", False)),
                name="calls_open_until_order",
            ),
        ),
        migrations.AddIndex(
            model_name="call",
            index=models.Index(
                models.F("open_until"),
                models.OrderBy(models.F("id"), descending=True),
                models.F("call_type"),
                condition=models.Q(("open_until__isnull", False)),
                name="calls_open_until_type_order",
            ),
        ),
        migrations.RunPython(restore_triggers, migrations.RunPython.noop),
    ]
