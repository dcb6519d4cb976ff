"""The organisation's public calls, read once per import run, and the
matcher that says which of them a message is for."""

from __future__ import annotations

from nidaa.accounts.models import Organization
from nidaa.applications.services import required_pieces
from nidaa.calls.models import PUBLIC_STATUSES, Call
from nidaa.mailintake import (
    CallKey,
    CallMatcher,
    ParsedMessage,
)


def call_key(call: Call) -> CallKey:
    return CallKey(
        id=call.pk,
        subject=call.email_subject,
        reference=call.reference,
        addresses=tuple(call.submission_emails or ()),
        title=call.title,
    )


class IntakeMatcher:
    """The organisation's public calls (published, closed, awarded), read once,
    and a ``CallMatcher`` over them. Build one per import run or mailbox poll
    and pass it to every intake call of that run."""

    def __init__(self, organization: Organization) -> None:
        self.organization_id = organization.pk
        calls = Call.objects.filter(organization=organization, status__in=PUBLIC_STATUSES).without_document()
        self.calls = {call.pk: call for call in calls}
        self.required = {pk: required_pieces(call) for pk, call in self.calls.items()}
        self._matcher = CallMatcher([call_key(call) for call in self.calls.values()])

    def match(self, parsed: ParsedMessage) -> tuple[Call, str] | None:
        """The call the message is for and how it was recognised (subject,
        reference or address), or None."""
        found = self._matcher.match(parsed)
        if found is None:
            return None
        return self.calls[found.call_id], found.by


def matcher_for(organization: Organization, matcher: IntakeMatcher | None) -> IntakeMatcher:
    if matcher is None:
        return IntakeMatcher(organization)
    if matcher.organization_id != organization.pk:
        raise ValueError("the matcher was built for another organisation")
    return matcher
