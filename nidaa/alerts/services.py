"""Writes on alerts: saved searches and followed calls."""

from __future__ import annotations

from django.http import QueryDict

from nidaa.accounts.models import User
from nidaa.alerts.models import AlertFrequency, FollowedCall, SavedSearch
from nidaa.calls.models import Call
from nidaa.calls.query import CallQuery

MAX_SAVED_SEARCHES = 50


class TooManySavedSearches(Exception):
    pass


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
