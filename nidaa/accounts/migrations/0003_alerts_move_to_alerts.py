# Saved searches, follows, digests and reminders moved to nidaa.alerts: drop
# the models from this app's state only; the tables stay, alerts.0001 takes them over.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_applicant_profile_saved_searches_alerts'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='DigestEntry'),
                migrations.DeleteModel(name='SavedSearch'),
                migrations.DeleteModel(name='FollowedCall'),
                migrations.DeleteModel(name='DeadlineReminder'),
            ],
            database_operations=[],
        ),
    ]
