# The facilitator's language (their invitation in it), and half-days ticked separately: "present" now means "at least one half-day".
# Rows written before kept both half-days equal to "present" on every path but a
# bulk one; they are made to agree, then the counting index covers the half-days.

from django.db import migrations, models


def half_days_follow_presence(apps, schema_editor):
    Attendance = apps.get_model("missions", "Attendance")
    Attendance.objects.filter(present=False).exclude(morning=False, afternoon=False).update(
        morning=False, afternoon=False
    )
    Attendance.objects.filter(present=True, morning=False, afternoon=False).update(morning=True, afternoon=True)


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="mission",
            name="facilitator_language",
            field=models.CharField(
                blank=True,
                choices=[("fr", "French"), ("ar", "Arabic"), ("en", "English")],
                max_length=5,
                verbose_name="facilitator's language",
            ),
        ),
        migrations.RunPython(half_days_follow_presence, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="attendance",
            name="missions_attendance_counts",
        ),
        migrations.AddIndex(
            model_name="attendance",
            index=models.Index(
                fields=["session", "present", "sex", "category", "morning", "afternoon"],
                name="missions_attendance_halves",
            ),
        ),
    ]
