"""Routes of the triage inbox and the mailboxes, under /applications/mail/ as
before they had their own app (namespace "inbox")."""

from django.urls import URLPattern, path

from nidaa.inbox import views

app_name = "inbox"

urlpatterns: list[URLPattern] = [
    path("mail/", views.triage_inbox, name="triage"),
    path("mail/import/", views.import_messages, name="triage_import"),
    path("mail/<int:message_id>/", views.triage_message, name="triage_message"),
    path("mail/<int:message_id>/assign/", views.assign_message, name="triage_assign"),
    path("mail/<int:message_id>/set-aside/", views.set_aside_message, name="triage_set_aside"),
    path(
        "mail/<int:message_id>/attachments/<int:index>/",
        views.triage_attachment,
        name="triage_attachment",
    ),
    path("mail/mailboxes/", views.mailbox_list, name="mailboxes"),
    path("mail/mailboxes/new/", views.mailbox_create, name="mailbox_create"),
    path("mail/mailboxes/<int:mailbox_id>/", views.mailbox_edit, name="mailbox_edit"),
]
