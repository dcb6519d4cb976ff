"""Routes of the triage pages, added to ``applications.urls`` (namespace "applications")."""

from django.urls import URLPattern, path

from nidaa.applications import triage_views

urlpatterns: list[URLPattern] = [
    path("mail/", triage_views.triage_inbox, name="triage"),
    path("mail/import/", triage_views.import_messages, name="triage_import"),
    path("mail/<int:message_id>/", triage_views.triage_message, name="triage_message"),
    path("mail/<int:message_id>/assign/", triage_views.assign_message, name="triage_assign"),
    path("mail/<int:message_id>/set-aside/", triage_views.set_aside_message, name="triage_set_aside"),
    path(
        "mail/<int:message_id>/attachments/<int:index>/",
        triage_views.triage_attachment,
        name="triage_attachment",
    ),
    path("mail/mailboxes/", triage_views.mailbox_list, name="mailboxes"),
    path("mail/mailboxes/new/", triage_views.mailbox_create, name="mailbox_create"),
    path("mail/mailboxes/<int:mailbox_id>/", triage_views.mailbox_edit, name="mailbox_edit"),
]
