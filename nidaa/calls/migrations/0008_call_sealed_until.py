"""Call.sealed_until: the latest deadline a call had while it held applications.

Existing calls with applications get the latest deadline their revisions
recorded, so that a deadline emptied before this change (issue 10, item 1)
does not leave their applications open.
"""

from datetime import datetime

from django.db import migrations, models


def seal_until_latest_deadline(apps, schema_editor):
    Call = apps.get_model("calls", "Call")
    CallRevision = apps.get_model("calls", "CallRevision")
    Application = apps.get_model("applications", "Application")
    with_applications = Application.objects.values("call_id")
    for call in Call.objects.filter(pk__in=with_applications).only("pk", "deadline"):
        dates = [call.deadline] if call.deadline else []
        for snapshot in CallRevision.objects.filter(call=call).values_list("snapshot", flat=True):
            value = (snapshot or {}).get("deadline")
            if value:
                dates.append(datetime.fromisoformat(value))
        if dates:
            Call.objects.filter(pk=call.pk).update(sealed_until=max(dates))


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0007_search_vector_inline"),
        ("applications", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="call",
            name="sealed_until",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="sealed until"),
        ),
        migrations.RunPython(seal_until_latest_deadline, migrations.RunPython.noop),
    ]
