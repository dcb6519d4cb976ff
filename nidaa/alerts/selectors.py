"""A user's saved searches and followed calls, read through the user: nobody
reaches another's."""

from __future__ import annotations

from django.db.models import QuerySet

from nidaa.accounts.models import Reader, User
from nidaa.alerts.models import FollowedCall, SavedSearch


def saved_searches_for(*, user: Reader) -> QuerySet[SavedSearch]:
    if not isinstance(user, User):
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(user=user)


def get_saved_search_for_user(*, user: Reader, search_id: int) -> SavedSearch:
    """The user's own saved search. Raises ``SavedSearch.DoesNotExist`` for anyone else's."""
    return saved_searches_for(user=user).get(pk=search_id)


def followed_call_ids(*, user: Reader) -> set[int]:
    if not isinstance(user, User):
        return set()
    return set(FollowedCall.objects.filter(user=user).values_list("call_id", flat=True))
