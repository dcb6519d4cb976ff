# The mailbox side (Mailbox, InboundMessage) moved to nidaa.inbox: drop the
# models from this app's state only; the tables stay, inbox.0001 takes them over.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('applications', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='InboundMessage'),
                migrations.DeleteModel(name='Mailbox'),
            ],
            database_operations=[],
        ),
    ]
