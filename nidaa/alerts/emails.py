"""How the alerts app mails a user: text and HTML from one template pair,
in the language active for that user (digests, reminders, the issuer's
summaries and notices)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from nidaa.accounts.models import User


def absolute(path: str) -> str:
    """A site path as the link an e-mail carries."""
    return f"{settings.NIDAA_SITE_URL}{path}"


def send(*, user: User, subject: str, template: str, context: dict[str, object]) -> None:
    language = translation.get_language() or settings.LANGUAGE_CODE
    context = {**context, "LANGUAGE_CODE": language, "LANGUAGE_BIDI": translation.get_language_bidi()}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        to=[user.email],
        headers={"Content-Language": language},
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()
