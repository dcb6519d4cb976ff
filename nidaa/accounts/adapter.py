"""allauth hooks: what Nidaa adds to allauth's own behaviour."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from nidaa.common.ratelimit import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        """The address every rate limit counts by (``common.ratelimit``), so
        that one setting, ``NINJA_NUM_PROXIES``, places the limits on the visitor
        and not on the proxy: sign-up, sign-in and password reset included."""
        return client_address(request) or super().get_client_ip(request)

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """Failed sign-ins count per account *and* address: someone guessing a
        password from one address is slowed down (``login_failed``: 5 in 5
        minutes, then 10 in an hour) while the account's owner, from their own
        address, still signs in. The per-address limit bounds a guesser who
        tries many accounts."""
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{client_address(request)}"

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        """A new applicant gets the language they signed up in for their e-mails."""
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        return super().save_user(request, user, form, commit=commit)
