"""The open half of the catalogue ordered with the call type as a key column
(docs/catalogue.md, "Filters"): a type filter is tested in the index."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_applicant_profile_saved_searches_alerts"),
        ("calls", "0003_call_territory_codes"),
        ("directory", "0002_load_territories"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="call",
            index=models.Index(
                models.F("sort_deadline"),
                models.OrderBy(models.F("id"), descending=True),
                models.F("call_type"),
                condition=models.Q(("status", "published")),
                name="calls_open_type_order",
            ),
        ),
    ]
