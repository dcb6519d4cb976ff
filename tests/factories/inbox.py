"""Factories of the inbox app: mailboxes and received messages (the raw bytes
stored under their sha256, as intake stores them)."""

import hashlib

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from nidaa.common.secrets import seal
from nidaa.inbox.models import InboundMessage, Mailbox, MessageState
from tests.factories.accounts import OrganizationFactory


class MailboxFactory(DjangoModelFactory):
    class Meta:
        model = Mailbox

    class Params:
        # The password as typed; stored sealed, as the mailbox form stores it.
        plain_password = "secret"

    organization = factory.SubFactory(OrganizationFactory)
    address = "recrutement@example.org"
    host = "imap.example.org"
    username = factory.LazyAttribute(lambda m: m.address)
    password = factory.LazyAttribute(lambda m: seal(m.plain_password))


def mailbox_for(server, organization, **overrides) -> Mailbox:
    """A mailbox of ``organization`` on the test's dovecot (tests/inbox/imap_server.py)."""
    values = {
        "organization": organization,
        "host": server.host,
        "port": server.port,
        "use_ssl": False,
        "username": server.user,
        "plain_password": server.password,
    }
    values.update(overrides)
    return MailboxFactory(**values)


class InboundMessageFactory(DjangoModelFactory):
    """A message waiting in the triage inbox."""

    class Meta:
        model = InboundMessage

    class Params:
        content = factory.LazyAttribute(
            lambda m: (
                f"From: {m.from_email}\r\nSubject: {m.subject}\r\nMessage-ID: {m.message_id}\r\n\r\nBonjour\r\n"
            ).encode()
        )

    organization = factory.SubFactory(OrganizationFactory)
    message_id = factory.Sequence(lambda n: f"<message-{n}@example.org>")
    subject = "Candidature"
    from_email = "amina@example.org"
    received_at = factory.LazyFunction(timezone.now)
    received_source = "import"
    state = MessageState.TRIAGE
    sha256 = factory.LazyAttribute(lambda m: hashlib.sha256(m.content).hexdigest())
    size = factory.LazyAttribute(lambda m: len(m.content))
    raw = factory.LazyAttribute(lambda m: ContentFile(m.content, name="message.eml"))
