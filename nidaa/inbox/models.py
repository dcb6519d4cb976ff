"""The organisation's mail: its mailboxes (polled over IMAP) and every e-mail
received, kept whole as an ``InboundMessage`` (the raw bytes in storage).
Matched to a call, a message becomes an application version; unmatched, it
waits in the organisation's triage inbox.

The tables were created by the applications app and keep their names
(``SeparateDatabaseAndState`` in both apps' migrations).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


def message_upload_to(instance: InboundMessage, filename: str) -> str:
    """Content-addressed path of a raw message (.eml bytes as received)."""
    return f"mail/{instance.sha256[:2]}/{instance.sha256}.eml"


class Mailbox(models.Model):
    """An issuer's own mailbox, polled over IMAP by the task queue."""

    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="mailboxes",
    )
    address = models.EmailField(_("receiving address"))
    host = models.CharField(_("IMAP server"), max_length=255)
    port = models.PositiveIntegerField(_("port"), default=993)
    use_ssl = models.BooleanField(_("SSL/TLS"), default=True)
    username = models.CharField(_("user name"), max_length=255)
    password = models.CharField(_("password"), max_length=255)
    folder = models.CharField(_("folder"), max_length=255, default="INBOX")
    is_active = models.BooleanField(_("active"), default=True)
    uid_validity = models.PositiveBigIntegerField(_("UIDVALIDITY"), null=True, blank=True)
    last_uid = models.PositiveBigIntegerField(_("last UID read"), default=0)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        # The table keeps the name it had when mail lived in the applications app.
        db_table = "applications_mailbox"
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")
        ordering = ["organization", "address"]

    def __str__(self) -> str:
        return self.address


class MessageState(models.TextChoices):
    FILED = "filed", _("Filed as an application")
    TRIAGE = "triage", _("Waiting in the triage inbox")
    DISCARDED = "discarded", _("Set aside")


class InboundMessage(models.Model):
    """One e-mail as received, kept whole (the raw bytes in storage)."""

    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="inbound_messages",
    )
    mailbox = models.ForeignKey(
        Mailbox,
        verbose_name=_("mailbox"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    message_id = models.CharField(_("Message-ID"), max_length=500)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    raw = models.FileField(_("message"), upload_to=message_upload_to, max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    subject = models.CharField(_("subject"), max_length=1000, blank=True)
    from_name = models.CharField(_("sender's name"), max_length=255, blank=True)
    from_email = models.EmailField(_("sender"), max_length=254, blank=True)
    to = models.JSONField(_("recipients"), default=list, blank=True)
    sent_at = models.DateTimeField(_("Date header"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at the mailbox"), db_index=True)
    # Where received_at came from: imap (INTERNALDATE), mbox (From_ line),
    # received (the receiving server's Received: header), date (Date: header), import.
    received_source = models.CharField(_("receipt time from"), max_length=20)
    call = models.ForeignKey(
        "calls.Call",
        verbose_name=_("call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inbound_messages",
    )
    # subject, reference, address, manual
    matched_by = models.CharField(_("matched by"), max_length=20, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=MessageState.choices, default=MessageState.TRIAGE
    )
    version = models.OneToOneField(
        "applications.ApplicationVersion",
        verbose_name=_("application version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="message",
    )
    # [{"name", "piece", "size", "sha256", "type"}] as read at intake.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        db_table = "applications_inboundmessage"
        verbose_name = _("inbound message")
        verbose_name_plural = _("inbound messages")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "message_id"], name="one_message_per_organization_and_id"
            )
        ]
        indexes = [models.Index(fields=["organization", "state"])]

    def __str__(self) -> str:
        return self.subject or self.message_id
