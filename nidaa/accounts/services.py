"""Writes on applicant accounts: profile, saved searches, followed calls."""

from __future__ import annotations

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.db import transaction
from django.http import QueryDict

from nidaa.accounts.models import AlertFrequency, FollowedCall, Profile, SavedSearch, User
from nidaa.calls.models import Call
from nidaa.calls.search import CallQuery
from nidaa.common.filetypes import sha256_of
from nidaa.directory.models import Territory

MAX_SAVED_SEARCHES = 50


class TooManySavedSearches(Exception):
    pass


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


def default_search_name(query: CallQuery) -> str:
    return query.q or ", ".join(query.to_params().values())[:200]


def save_search(
    *,
    user: User,
    querystring: str,
    name: str = "",
    frequency: str = AlertFrequency.DAILY,
    remind_deadlines: bool = True,
) -> SavedSearch:
    """Keep a catalogue query (the list page's query string) for the user; only
    the parameters ``CallQuery`` understands are stored."""
    if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
        raise TooManySavedSearches
    query = CallQuery.from_params(QueryDict(querystring.lstrip("?")))
    return SavedSearch.objects.create(
        user=user,
        name=(name.strip() or default_search_name(query))[:200],
        params=query.to_params(),
        frequency=frequency or AlertFrequency.DAILY,
        remind_deadlines=remind_deadlines,
    )


def delete_saved_search(*, saved_search: SavedSearch) -> None:
    """Forget the search and what was sent for it."""
    saved_search.delete()


def set_following(*, user: User, call: Call, follow: bool) -> bool:
    """Follow or unfollow a call (for its deadline reminder); returns whether followed."""
    if follow:
        FollowedCall.objects.get_or_create(user=user, call=call)
    else:
        FollowedCall.objects.filter(user=user, call=call).delete()
    return follow


def mark_email_verified(*, user: User) -> None:
    """Record the user's e-mail as verified (accounts created by an administrator
    or a loader, which never went through allauth's sign-up)."""
    if not user.email:
        return
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=user.email, defaults={"email": user.email, "verified": True, "primary": True}
    )
