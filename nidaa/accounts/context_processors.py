"""What every page's menu needs to know about the visitor: whether they are a
member of an organisation (the issuer's menu) or not (the applicant's).

The answer is kept in the session, written when the person signs in and when
their own memberships change through the site (accepting an invitation,
leaving), so a page costs no query for it. Someone an admin removes keeps the
link until they sign in again; the pages behind it check the membership
themselves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from nidaa.accounts.models import Membership, User

MEMBER_SESSION_KEY = "nidaa_is_member"


def remember_membership(request: HttpRequest, user: User) -> bool:
    """Look the membership up and keep the answer in the session."""
    is_member = Membership.objects.filter(user=user).exists()
    if hasattr(request, "session"):
        request.session[MEMBER_SESSION_KEY] = is_member
    return is_member


def on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """``user_logged_in`` receiver (Django's own sign-in hook, which both the
    site's and the test client's sign-ins go through)."""
    if request is not None and isinstance(user, User):
        remember_membership(request, user)


def menu(request: HttpRequest) -> dict[str, Callable[[], bool]]:
    def is_member() -> bool:
        user = getattr(request, "user", None)
        if not isinstance(user, User):
            return False
        session = getattr(request, "session", None)
        if session is not None and MEMBER_SESSION_KEY in session:
            return bool(session[MEMBER_SESSION_KEY])
        # A session from before this key existed: asked once, then kept.
        return remember_membership(request, user)

    return {"is_member": is_member}
