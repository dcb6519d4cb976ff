"""Writes on applicant accounts: profile, saved searches, followed calls."""

from __future__ import annotations

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.db import transaction

from nidaa.accounts.models import Profile, User
from nidaa.common.filetypes import sha256_of
from nidaa.directory.models import Territory


def get_or_create_profile(*, user: User) -> Profile:
    """The user's profile, created empty on first use."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def update_profile(
    *,
    profile: Profile,
    skills: list[str],
    languages: list[str],
    regions: Iterable[Territory],
    bio: str,
    is_public: bool,
    cv: object | None = None,
    cv_kind: str = "",
) -> Profile:
    """Save the profile's fields and, when given, replace its CV (already checked:
    ``cv_kind`` is pdf, docx or odt). The previous CV file is deleted once the
    new one is committed."""
    profile.skills = skills
    profile.languages = languages
    profile.bio = bio
    profile.is_public = is_public
    update_fields = ["skills", "languages", "bio", "is_public", "updated_at"]
    if cv is not None:
        old_name = profile.cv.name if profile.cv else ""
        profile.cv_original_name = str(getattr(cv, "name", ""))[:255]
        profile.cv_sha256 = sha256_of(cv.chunks())  # type: ignore[attr-defined]
        profile.cv.save(f"cv.{cv_kind}", cv, save=False)  # type: ignore[arg-type]
        update_fields += ["cv", "cv_original_name", "cv_sha256"]
        if old_name:
            storage = profile.cv.storage
            transaction.on_commit(lambda: storage.delete(old_name))
    profile.save(update_fields=update_fields)
    profile.regions.set(regions)
    return profile


def mark_email_verified(*, user: User) -> None:
    """Record the user's e-mail as verified (accounts created by an administrator
    or a loader, which never went through allauth's sign-up)."""
    if not user.email:
        return
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=user.email, defaults={"email": user.email, "verified": True, "primary": True}
    )
