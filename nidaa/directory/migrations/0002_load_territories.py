"""Load the territorial reference data, so ``migrate`` leaves a usable
database. After editing nidaa/data/territories.json, run
``nidaa manage load_territories``."""

from django.db import migrations


def load(apps, schema_editor):
    from nidaa.directory.services import sync_territories_into

    sync_territories_into(apps.get_model("directory", "Territory"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
