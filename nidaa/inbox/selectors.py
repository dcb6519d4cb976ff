"""Reads of the triage inbox and the mailbox settings, scoped to the user.

Admins and editors of an organisation work its triage inbox; only admins
connect its mailboxes. Everyone else (evaluators, other organisations,
anonymous visitors) finds nothing, as for a missing object.

The triage pages cover messages that are not filed: waiting in the inbox or
set aside. A filed message belongs to an application, which is read through
``access`` and stays sealed until the deadline like any other.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from nidaa.accounts.models import Membership, Organization, Reader, Role, User
from nidaa.accounts.selectors import EDIT_ROLES, organizations_for
from nidaa.applications.models import Application
from nidaa.calls.models import Call, CallStatus
from nidaa.inbox.models import InboundMessage, Mailbox, MessageState
from nidaa.mailintake import ParsedMessage, parse_message_within_budget
from nidaa.mailintake.bounded import MAX_MESSAGE_BYTES
from nidaa.mailintake.message import unreadable_message

TRIAGE_ROLES = EDIT_ROLES
MAILBOX_ROLES = frozenset({Role.ADMIN})
UNFILED_STATES = (MessageState.TRIAGE, MessageState.DISCARDED)
# Calls a message may be assigned to from the triage inbox.
ASSIGNABLE_STATUSES = (CallStatus.PUBLISHED, CallStatus.CLOSED)


def triage_organizations_for(user: Reader) -> QuerySet[Organization]:
    return organizations_for(user, TRIAGE_ROLES)


def unfiled_messages_for(*, user: Reader, state: str = MessageState.TRIAGE) -> QuerySet[InboundMessage]:
    """The user's organisations' messages in ``state`` (triage or set aside), newest first."""
    if state not in UNFILED_STATES:
        return InboundMessage.objects.none()
    return (
        InboundMessage.objects.filter(organization__in=organizations_for(user, TRIAGE_ROLES), state=state)
        .select_related("organization")
        .order_by("-received_at", "-id")
    )


def get_unfiled_message_for(*, user: Reader, message_id: int) -> InboundMessage:
    """Raises ``InboundMessage.DoesNotExist`` unless the message is unfiled and
    in an organisation where the user is admin or editor."""
    return (
        InboundMessage.objects.filter(
            organization__in=organizations_for(user, TRIAGE_ROLES), state__in=UNFILED_STATES
        )
        .select_related("organization", "mailbox")
        .get(pk=message_id)
    )


def waiting_counts_for(*, user: Reader) -> list[tuple[Organization, int]]:
    """(organisation, messages waiting in its triage inbox) for each
    organisation where the user works the inbox and something waits."""
    return [(m.organization, m.waiting) for m in triage_memberships_for(user) if m.waiting]


def triage_memberships_for(user: Reader) -> list[Any]:
    """The user's admin and editor memberships, each with its organisation
    and ``waiting`` (messages in its triage inbox), in one query: the
    dashboard shows it on every visit."""
    if not isinstance(user, User):
        return []
    return list(
        Membership.objects.filter(user=user, role__in=TRIAGE_ROLES)
        .select_related("organization")
        .annotate(
            waiting=Count(
                "organization__inbound_messages",
                filter=Q(organization__inbound_messages__state=MessageState.TRIAGE),
            )
        )
        .order_by("organization__name", "organization_id")
    )


def assignable_calls(*, organization: Organization) -> QuerySet[Call]:
    return (
        Call.objects.filter(organization=organization, status__in=ASSIGNABLE_STATUSES)
        .only("pk", "title", "reference", "status", "deadline", "organization_id")
        .order_by("-deadline", "-id")
    )


def mailbox_organizations_for(user: Reader) -> QuerySet[Organization]:
    return organizations_for(user, MAILBOX_ROLES)


def mailboxes_for(*, user: Reader) -> QuerySet[Mailbox]:
    return Mailbox.objects.filter(organization__in=mailbox_organizations_for(user)).select_related(
        "organization"
    )


def get_mailbox_for(*, user: Reader, mailbox_id: int) -> Mailbox:
    """Raises ``Mailbox.DoesNotExist`` unless the user is an admin of its organisation."""
    return mailboxes_for(user=user).get(pk=mailbox_id)


def account_applications_from(message: InboundMessage) -> QuerySet[Application]:
    """The applications of accounts with the message's sender address to the
    organisation's calls: intake never files such a message by itself
    (anyone can write a From header), so the issuer is told why it waits."""
    email = (message.from_email or "").strip().lower()
    if not email:
        return Application.objects.none()
    return (
        Application.objects.filter(
            call__organization_id=message.organization_id, applicant__isnull=False, applicant_email=email
        )
        .select_related("call")
        .order_by("call__title", "pk")
    )


def parsed_message(message: InboundMessage) -> ParsedMessage:
    """The stored message read as the intake reads it: within the time and
    memory budget of one message (``unreadable`` says why not)."""
    if message.size > MAX_MESSAGE_BYTES:
        # Known from its row: not even loaded into memory.
        return unreadable_message(b"", received_at=message.received_at, reason="too_large")
    with message.raw.open("rb") as handle:
        raw = handle.read(MAX_MESSAGE_BYTES + 1)
    return parse_message_within_budget(raw, received_at=message.received_at)


def messages_of_application(application: Application) -> dict[int, InboundMessage]:
    """The stored e-mails that became the versions of ``application`` (one
    query), by version id. ``application`` must come from the issuer's scoped
    getter (``applications.access.get_application_for_issuer``): its page's
    access rules are these messages' too. A message is shown only within the
    organisation that received it."""
    return {
        message.version_id: message
        for message in InboundMessage.objects.filter(
            version__application=application,
            organization_id=application.call.organization_id,
            state=MessageState.FILED,
        )
        if message.version_id is not None
    }
