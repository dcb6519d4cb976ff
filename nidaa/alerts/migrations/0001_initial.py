# Saved searches, follows, digests and reminders left the accounts app for
# their own: the tables stay as they are (db_table keeps their names), only
# Django's idea of which app owns the models moves. accounts.0003 drops them
# from the accounts state.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("savedsearch", "digestentry", "followedcall", "deadlinereminder")


def move_labels(apps, schema_editor, *, source, target):
    # The audit log names an object by its model's label, and content types
    # (permissions, admin log entries) by app and model: rename, don't recreate.
    db = schema_editor.connection.alias
    AuditEntry = apps.get_model("common", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        AuditEntry.objects.using(db).filter(object_type=f"{source}.{model}").update(
            object_type=f"{target}.{model}"
        )
        if not ContentType.objects.using(db).filter(app_label=target, model=model).exists():
            ContentType.objects.using(db).filter(app_label=source, model=model).update(app_label=target)


def forwards(apps, schema_editor):
    move_labels(apps, schema_editor, source="accounts", target="alerts")


def backwards(apps, schema_editor):
    move_labels(apps, schema_editor, source="alerts", target="accounts")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0003_alerts_move_to_alerts'),
        ('calls', '0001_initial'),
        ('common', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SavedSearch',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('params', models.JSONField(blank=True, default=dict, verbose_name='query')),
                        ('frequency', models.CharField(choices=[('daily', 'Daily digest'), ('none', 'No e-mail')], default='daily', max_length=10, verbose_name='alerts')),
                        ('remind_deadlines', models.BooleanField(default=True, verbose_name='remind me 72 hours before deadlines')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('last_sent_at', models.DateTimeField(blank=True, null=True, verbose_name='last digest sent')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='saved_searches', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'accounts_savedsearch',
                        'verbose_name': 'saved search',
                        'verbose_name_plural': 'saved searches',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='DeadlineReminder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sent_at', models.DateTimeField(auto_now_add=True, verbose_name='sent')),
                        ('call', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='calls.call')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'accounts_deadlinereminder',
                        'verbose_name': 'deadline reminder',
                        'verbose_name_plural': 'deadline reminders',
                        'constraints': [models.UniqueConstraint(fields=('user', 'call'), name='one_reminder_per_user_call')],
                    },
                ),
                migrations.CreateModel(
                    name='FollowedCall',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('call', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='followers', to='calls.call')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='followed_calls', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'accounts_followedcall',
                        'verbose_name': 'followed call',
                        'verbose_name_plural': 'followed calls',
                        'constraints': [models.UniqueConstraint(fields=('user', 'call'), name='one_follow_per_user_call')],
                    },
                ),
                migrations.CreateModel(
                    name='DigestEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sent_at', models.DateTimeField(auto_now_add=True, verbose_name='sent')),
                        ('call', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='calls.call')),
                        ('saved_search', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sent', to='alerts.savedsearch')),
                    ],
                    options={
                        'db_table': 'accounts_digestentry',
                        'verbose_name': 'digest entry',
                        'verbose_name_plural': 'digest entries',
                        'constraints': [models.UniqueConstraint(fields=('saved_search', 'call'), name='one_digest_entry_per_search_call')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
