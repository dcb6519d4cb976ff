"""Applications to a call: one per (call, applicant), each submission a new
version with its files; only the latest version counts.

An applicant is a signed-in user (web) or an e-mail sender (mail intake,
``applicant`` left empty); both are identified by ``applicant_email`` so a
sender who writes twice, or a user who also e-mails, gets one application
with several versions. E-mails are kept whole by ``nidaa.inbox``
(``InboundMessage``); a message filed to a call points at the version it became.
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
