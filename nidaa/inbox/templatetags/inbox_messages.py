"""The original e-mail on the issuer's application page (applications sits
below inbox, so its template asks this tag for the messages).

``{% application_messages application as messages %}`` reads the messages of
the application's e-mailed versions once; ``{% original_message messages
version %}`` shows one: sender, subject, dates and its text. The text is what
the intake reads (``mailintake``: the text part, else the HTML part reduced to
text, within the time and memory budget of one message) and it is escaped like
any text: an HTML part is never rendered as HTML.
"""

from __future__ import annotations

from typing import Any

from django import template

from nidaa.applications.models import Application, ApplicationChannel, ApplicationVersion
from nidaa.inbox.models import InboundMessage
from nidaa.inbox.selectors import messages_of_application, parsed_message

register = template.Library()


@register.simple_tag
def application_messages(
    application: Application, versions: list[dict[str, Any]]
) -> dict[int, InboundMessage]:
    """By version id, the messages of the e-mailed versions (no query when none was e-mailed)."""
    if not any(item["version"].channel == ApplicationChannel.EMAIL for item in versions):
        return {}
    return messages_of_application(application)


@register.inclusion_tag("applications/original_message.html")
def original_message(messages: dict[int, InboundMessage], version: ApplicationVersion) -> dict[str, Any]:
    message = messages.get(version.pk)
    return {
        "message": message,
        "parsed": parsed_message(message) if message is not None else None,
        "open": version.is_latest,
    }
