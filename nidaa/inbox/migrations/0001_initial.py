# The mailbox side left the applications app for its own: the tables stay as
# they are (db_table keeps their names), only Django's idea of which app owns
# the models moves. applications.0002 drops them from the applications state.

import django.db.models.deletion
import nidaa.inbox.models
from django.db import migrations, models


MODELS = ("mailbox", "inboundmessage")


def move_labels(apps, schema_editor, *, source, target):
    # The audit log names an object by its model's label ("inbox.mailbox"):
    # entries written before the move keep pointing at the same rows.
    AuditEntry = apps.get_model("common", "AuditEntry")
    db = schema_editor.connection.alias
    for model in MODELS:
        AuditEntry.objects.using(db).filter(object_type=f"{source}.{model}").update(
            object_type=f"{target}.{model}"
        )


def move_content_types(apps, schema_editor):
    move_labels(apps, schema_editor, source="applications", target="inbox")
    # Keep the content types (and the permissions and admin log entries that
    # point at them) of an existing database: rename, don't recreate.
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if not ContentType.objects.using(db).filter(app_label="inbox", model=model).exists():
            ContentType.objects.using(db).filter(app_label="applications", model=model).update(app_label="inbox")


def restore_content_types(apps, schema_editor):
    move_labels(apps, schema_editor, source="inbox", target="applications")
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="inbox", model__in=["mailbox", "inboundmessage"]).update(
        app_label="applications"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0002_applicant_profile_saved_searches_alerts'),
        ('applications', '0002_mail_moves_to_inbox'),
        ('calls', '0005_call_acknowledge_emails_call_sealed'),
        ('common', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Mailbox',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('address', models.EmailField(max_length=254, verbose_name='receiving address')),
                        ('host', models.CharField(max_length=255, verbose_name='IMAP server')),
                        ('port', models.PositiveIntegerField(default=993, verbose_name='port')),
                        ('use_ssl', models.BooleanField(default=True, verbose_name='SSL/TLS')),
                        ('username', models.CharField(max_length=255, verbose_name='user name')),
                        ('password', models.CharField(max_length=255, verbose_name='password')),
                        ('folder', models.CharField(default='INBOX', max_length=255, verbose_name='folder')),
                        ('is_active', models.BooleanField(default=True, verbose_name='active')),
                        ('uid_validity', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='UIDVALIDITY')),
                        ('last_uid', models.PositiveBigIntegerField(default=0, verbose_name='last UID read')),
                        ('last_polled_at', models.DateTimeField(blank=True, null=True, verbose_name='last polled')),
                        ('last_error', models.TextField(blank=True, verbose_name='last error')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mailboxes', to='accounts.organization', verbose_name='organisation')),
                    ],
                    options={
                        'db_table': 'applications_mailbox',
                        'verbose_name': 'mailbox',
                        'verbose_name_plural': 'mailboxes',
                        'ordering': ['organization', 'address'],
                    },
                ),
                migrations.CreateModel(
                    name='InboundMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('message_id', models.CharField(max_length=500, verbose_name='Message-ID')),
                        ('sha256', models.CharField(max_length=64, verbose_name='SHA-256')),
                        ('raw', models.FileField(max_length=255, upload_to=nidaa.inbox.models.message_upload_to, verbose_name='message')),
                        ('size', models.PositiveBigIntegerField(default=0, verbose_name='size')),
                        ('subject', models.CharField(blank=True, max_length=1000, verbose_name='subject')),
                        ('from_name', models.CharField(blank=True, max_length=255, verbose_name="sender's name")),
                        ('from_email', models.EmailField(blank=True, max_length=254, verbose_name='sender')),
                        ('to', models.JSONField(blank=True, default=list, verbose_name='recipients')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='Date header')),
                        ('received_at', models.DateTimeField(db_index=True, verbose_name='received at the mailbox')),
                        ('received_source', models.CharField(max_length=20, verbose_name='receipt time from')),
                        ('matched_by', models.CharField(blank=True, max_length=20, verbose_name='matched by')),
                        ('state', models.CharField(choices=[('filed', 'Filed as an application'), ('triage', 'Waiting in the triage inbox'), ('discarded', 'Set aside')], default='triage', max_length=20, verbose_name='state')),
                        ('attachments', models.JSONField(blank=True, default=list, verbose_name='attachments')),
                        ('imported_at', models.DateTimeField(auto_now_add=True, verbose_name='imported')),
                        ('call', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='inbound_messages', to='calls.call', verbose_name='call')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='inbound_messages', to='accounts.organization', verbose_name='organisation')),
                        ('version', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='message', to='applications.applicationversion', verbose_name='application version')),
                        ('mailbox', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='messages', to='inbox.mailbox', verbose_name='mailbox')),
                    ],
                    options={
                        'db_table': 'applications_inboundmessage',
                        'verbose_name': 'inbound message',
                        'verbose_name_plural': 'inbound messages',
                        'ordering': ['-received_at', '-id'],
                    },
                ),
                migrations.AddIndex(
                    model_name='inboundmessage',
                    index=models.Index(fields=['organization', 'state'], name='application_organiz_7d6ff8_idx'),
                ),
                migrations.AddConstraint(
                    model_name='inboundmessage',
                    constraint=models.UniqueConstraint(fields=('organization', 'message_id'), name='one_message_per_organization_and_id'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
