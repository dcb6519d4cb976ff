from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class User(AbstractUser):
    """A person: issuer staff, evaluator, applicant or facilitator."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )


# Whom a scoped read is for: a signed-in user, an anonymous visitor (a view's
# ``request.user``) or nobody (a task); the getters answer all three, the
# anonymous and nobody with nothing.
Reader = User | AnonymousUser | None


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


class Invitation(models.Model):
    """An invitation to join an organisation with a role, sent by e-mail.

    Only the SHA-256 of the token is stored: the link in the e-mail is the one
    place the token exists, so a database read does not hand out memberships.
    Resending makes a new token (the old link stops working)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EDITOR)
    token_hash = models.CharField(max_length=64, unique=True)
    inviter = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    # The e-mail's language: the one the inviter was using.
    language = models.CharField(max_length=5, choices=settings.LANGUAGES, default="fr")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            # One pending invitation per address and organisation: inviting
            # again renews it rather than leaving two live links.
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_pending_invitation_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization} ({self.role})"
