"""Applications to a call: one per (call, applicant), each submission a new
version with its files; only the latest version counts.

An applicant is a signed-in user (web) or an e-mail sender (mail intake,
``applicant`` left empty); both are identified by ``applicant_email`` so a
sender who writes twice, or a user who also e-mails, gets one application
with several versions. Messages read from a mailbox or imported from .eml /
.mbox files are kept whole as ``InboundMessage`` rows: matched to a call they
become versions, unmatched they wait in the organisation's triage inbox.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApplicationChannel(models.TextChoices):
    WEB = "web", _("Web")
    EMAIL = "email", _("E-mail")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Individual")
    FIRM = "firm", _("Firm or organisation")


def application_file_upload_to(instance: ApplicationFile, filename: str) -> str:
    """Content-addressed path: the uploaded name never reaches the storage."""
    return f"applications/{instance.sha256[:2]}/{instance.sha256}"


def message_upload_to(instance: InboundMessage, filename: str) -> str:
    """Content-addressed path of a raw message (.eml bytes as received)."""
    return f"mail/{instance.sha256[:2]}/{instance.sha256}.eml"


class Application(models.Model):
    call = models.ForeignKey(
        "calls.Call", verbose_name=_("call"), on_delete=models.CASCADE, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="applications",
        null=True,
        blank=True,
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=ApplicationChannel.choices, default=ApplicationChannel.WEB
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    receipt_number = models.CharField(_("receipt number"), max_length=40, unique=True)

    # Who applies (the latest version's identity; prefilled from the profile on the web).
    applicant_kind = models.CharField(
        _("applying as"), max_length=10, choices=ApplicantKind.choices, default=ApplicantKind.PERSON
    )
    applicant_name = models.CharField(_("name"), max_length=255, blank=True)
    applicant_email = models.EmailField(_("e-mail"), max_length=254, blank=True, db_index=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    firm_name = models.CharField(_("firm or organisation"), max_length=255, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    region = models.ForeignKey(
        "directory.Territory",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "region"},
    )

    # The latest submitted version's flags, kept here so lists need no join.
    is_late = models.BooleanField(_("late"), default=False)
    missing_pieces = models.JSONField(_("missing pieces"), default=list, blank=True)
    version_count = models.PositiveIntegerField(_("versions"), default=0)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "applicant"],
                condition=Q(applicant__isnull=False),
                name="one_application_per_call_and_applicant",
            ),
            models.UniqueConstraint(
                fields=["call", "applicant_email"],
                condition=~Q(applicant_email=""),
                name="one_application_per_call_and_email",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_number

    @property
    def is_complete(self) -> bool:
        return not self.missing_pieces


class ApplicationVersion(models.Model):
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    # Server clock (web) or the mailbox's receipt time (e-mail), never the sender's Date header.
    submitted_at = models.DateTimeField(_("received"))
    is_latest = models.BooleanField(_("latest"), default=True)
    channel = models.CharField(
        _("channel"), max_length=10, choices=ApplicationChannel.choices, default=ApplicationChannel.WEB
    )
    is_late = models.BooleanField(_("late"), default=False)
    missing_pieces = models.JSONField(_("missing pieces"), default=list, blank=True)

    class Meta:
        verbose_name = _("application version")
        verbose_name_plural = _("application versions")
        ordering = ["application", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="one_version_number_per_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application.receipt_number} v{self.number}"


class ApplicationFile(models.Model):
    """A stored file: part of a submitted version, or (``version`` empty) of the
    application's draft, waiting to be submitted."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="all_files"
    )
    version = models.ForeignKey(
        ApplicationVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="files",
        null=True,
        blank=True,
    )
    # A code of the required-document vocabulary, or "other" for an e-mailed
    # attachment that matched no piece.
    piece = models.CharField(_("piece"), max_length=100)
    original_name = models.CharField(_("original file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=application_file_upload_to, max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    content_type = models.CharField(_("content type"), max_length=20)

    class Meta:
        verbose_name = _("application file")
        verbose_name_plural = _("application files")
        ordering = ["version", "piece", "id"]

    def __str__(self) -> str:
        return self.original_name


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
        ApplicationVersion,
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
