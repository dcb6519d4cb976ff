"""Applications to a call: one per (call, applicant), each submission a new
version with its files; only the latest version counts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationChannel(models.TextChoices):
    WEB = "web", _("Web")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


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
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=ApplicationChannel.choices, default=ApplicationChannel.WEB
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    receipt_number = models.CharField(_("receipt number"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "applicant"], name="one_application_per_call_and_applicant"
            )
        ]

    def __str__(self) -> str:
        return self.receipt_number


class ApplicationVersion(models.Model):
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    submitted_at = models.DateTimeField(_("submitted"))
    is_latest = models.BooleanField(_("latest"), default=True)

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
    version = models.ForeignKey(
        ApplicationVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="files"
    )
    piece = models.CharField(_("piece"), max_length=100)
    original_name = models.CharField(_("original file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=application_file_upload_to, max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    content_type = models.CharField(_("content type"), max_length=20)

    class Meta:
        verbose_name = _("application file")
        verbose_name_plural = _("application files")
        ordering = ["version", "piece"]

    def __str__(self) -> str:
        return self.original_name
