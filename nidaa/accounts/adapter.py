"""allauth hooks: what Nidaa adds to allauth's own behaviour."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language

from nidaa.accounts.models import Membership, User
from nidaa.common.ratelimit import client_address

# The raw token of the invitation link a visitor followed before signing in
# or up; the invitation page reads it back once they have an account.
INVITATION_SESSION_KEY = "nidaa_invitation_token"


def site() -> SimpleNamespace:
    """What allauth's e-mails call "the site": the name setting and the public
    address's host, never the host a request happened to come by."""
    return SimpleNamespace(name=settings.NIDAA_SITE_NAME, domain=urlsplit(settings.NIDAA_SITE_URL).netloc)


def landing_url(user: User, *, pending_invitation: str | None = None) -> str:
    """Where someone lands after signing in: an invitation they were accepting,
    else members on their organisation's calls, applicants on their
    applications if they have any, else on the catalogue."""
    if pending_invitation:
        return reverse("accounts:invitation", kwargs={"token": pending_invitation})
    if Membership.objects.filter(user=user).exists():
        return reverse("calls:dashboard")
    # The applications app's reverse accessor: a query, not an import of an app above.
    if user.applications.exists():
        return reverse("applications:mine")
    return reverse("home")


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

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        super().send_mail(template_prefix, email, {"current_site": site(), **context})

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        """The link in the verification e-mail starts with the public address
        (``NIDAA_SITE_URL``), as every other e-mail's links do."""
        return settings.NIDAA_SITE_URL + reverse("account_confirm_email", args=[emailconfirmation.key])

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        user = request.user
        if not isinstance(user, User):
            return super().get_login_redirect_url(request)
        return landing_url(user, pending_invitation=request.session.get(INVITATION_SESSION_KEY))

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        if not isinstance(request.user, User):
            return super().get_signup_redirect_url(request)
        return self.get_login_redirect_url(request)
