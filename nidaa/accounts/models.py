from __future__ import annotations

import secrets
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from nidaa.calls.search import CallQuery


class User(AbstractUser):
    """A person: issuer staff, evaluator, applicant or facilitator."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )


class Organization(models.Model):
    """An NGO, programme, agency or local government that issues calls."""

    slug = models.SlugField(_("short name"), unique=True, max_length=60)
    name = models.CharField(_("name"), max_length=255)
    name_ar = models.CharField(_("name in Arabic"), max_length=255, blank=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    EDITOR = "editor", _("Editor")
    EVALUATOR = "evaluator", _("Evaluator")


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization} ({self.role})"


def cv_upload_to(instance: Profile, filename: str) -> str:
    """A random name with the checked type's extension: the uploaded name never
    reaches the storage (it is kept in ``cv_original_name``)."""
    ext = PurePath(filename).suffix.lower().lstrip(".")
    return f"cv/{secrets.token_hex(2)}/{secrets.token_hex(16)}.{ext if ext in CV_EXTENSIONS else 'bin'}"


CV_EXTENSIONS = ("pdf", "docx", "odt")


class Profile(models.Model):
    """An applicant's profile: what issuers and the directory may show when public."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    skills = models.JSONField(_("skills"), default=list, blank=True)
    # ISO 639-1 codes.
    languages = models.JSONField(_("languages"), default=list, blank=True)
    regions = models.ManyToManyField(
        "directory.Territory",
        verbose_name=_("regions"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "region"},
    )
    bio = models.TextField(_("short bio"), max_length=1500, blank=True)
    cv = models.FileField(_("CV"), upload_to=cv_upload_to, max_length=255, blank=True)
    cv_original_name = models.CharField(_("CV file name"), max_length=255, blank=True)
    cv_sha256 = models.CharField(_("CV SHA-256"), max_length=64, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("applicant", "profile")
        verbose_name_plural = pgettext_lazy("applicant", "profiles")

    def __str__(self) -> str:
        return str(self.user)


class AlertFrequency(models.TextChoices):
    DAILY = "daily", _("Daily digest")
    NONE = "none", _("No e-mail")


class SavedSearch(models.Model):
    """A catalogue query (``CallQuery`` parameters) a user keeps and may be alerted about."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(_("name"), max_length=200)
    params = models.JSONField(_("query"), default=dict, blank=True)
    frequency = models.CharField(
        _("alerts"), max_length=10, choices=AlertFrequency.choices, default=AlertFrequency.DAILY
    )
    remind_deadlines = models.BooleanField(_("remind me 72 hours before deadlines"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_sent_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def query(self) -> CallQuery:
        from nidaa.calls.search import CallQuery

        return CallQuery.from_params(self.params)


class DigestEntry(models.Model):
    """One call sent in a digest for one saved search: a call is never sent twice for it."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="sent")
    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("digest entry")
        verbose_name_plural = _("digest entries")
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "call"], name="one_digest_entry_per_search_call")
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id} → {self.call_id}"


class FollowedCall(models.Model):
    """A call a user follows, to be reminded before its deadline."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="followed_calls")
    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("followed call")
        verbose_name_plural = _("followed calls")
        constraints = [models.UniqueConstraint(fields=["user", "call"], name="one_follow_per_user_call")]

    def __str__(self) -> str:
        return f"{self.user_id} ★ {self.call_id}"


class DeadlineReminder(models.Model):
    """The reminder sent to a user before a call's deadline: at most one per (user, call)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [models.UniqueConstraint(fields=["user", "call"], name="one_reminder_per_user_call")]

    def __str__(self) -> str:
        return f"{self.user_id} ⏰ {self.call_id}"
