"""Who sits on a call's committee and what each may do.

Roles on a call's evaluation, from the stored assignments and memberships:

- ``chair``: an assigned member with the chair flag; moderates, overrides,
  reopens sheets, closes the stages and records the decision;
- ``evaluator``: an assigned member (the chair is one too); scores the
  applications for which they declared no conflict;
- ``issuer``: an admin or editor of the call's organisation not on the
  committee; sees the committee's progress and results, never an amount
  before the financial opening, and scores nothing.

Anyone else gets "does not exist". ``actor=None`` is the command line, run by
the instance's operator, acting as the chair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from nidaa.accounts.models import Invitation, Membership, Role, User
from nidaa.accounts.selectors import EDIT_ROLES
from nidaa.accounts.services import InvitationPurpose, invite_member
from nidaa.calls.models import Call
from nidaa.common.lists import joined
from nidaa.common.workflow import write_audit
from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.models import CommitteeInvitation, EvaluatorAssignment
from nidaa.evaluation.results import touch

CHAIR = "chair"
EVALUATOR = "evaluator"
ISSUER = "issuer"
OPERATOR = "operator"  # the command line
# Simple on purpose: a linear-time shape check; the mail server has the last word.
EMAIL_RE = re.compile(r"[^@\s]{1,64}@[^@\s]{1,255}")


def committee_role(user: User | None, call: Call) -> str | None:
    if user is None:
        return OPERATOR
    if not getattr(user, "is_authenticated", False):
        return None
    memberships = {
        membership.role
        for membership in Membership.objects.filter(user=user, organization_id=call.organization_id)
    }
    if not memberships:
        return None
    assignment = EvaluatorAssignment.objects.filter(call=call, evaluator=user).only("is_chair").first()
    if assignment is not None:
        return CHAIR if assignment.is_chair else EVALUATOR
    if memberships & EDIT_ROLES:
        return ISSUER
    return None


def is_chair_role(role: str | None) -> bool:
    return role in (CHAIR, OPERATOR)


def chair_of(call: Call) -> User | None:
    assignment = (
        EvaluatorAssignment.objects.filter(call=call, is_chair=True).select_related("evaluator").first()
    )
    return assignment.evaluator if assignment else None


@dataclass(frozen=True)
class Seat:
    """An address named to a call's committee: assigned, or invited (the
    seat is taken when the invitation is accepted)."""

    email: str
    is_chair: bool
    invited: bool


@transaction.atomic
def assign_committee(
    *,
    call: Call,
    emails: list[str],
    chair: str | None = None,
    actor: User | None,
    language: str | None = None,
) -> list[Seat]:
    """Assign the evaluators named by e-mail (and the chair, who also scores)
    to ``call``. An address with no account is invited to the call's
    organisation as an evaluator through the members' invitation
    (``accounts.services.invite_member``, e-mailed after commit in
    ``language``, else the call's); accepting it assigns them to the call
    (``accept_seats``). An existing account must already belong to the
    organisation. Naming a chair moves the flag from the previous one (for an
    invited chair, when they accept: the call keeps a chair meanwhile)."""
    wanted = [email.strip().lower() for email in [*emails, *([chair] if chair else [])]]
    bad = [email for email in wanted if not EMAIL_RE.fullmatch(email)]
    if bad:
        raise EvaluationError(_("Not an e-mail address: %(emails)s.") % {"emails": joined(bad)})
    chair_email = chair.strip().lower() if chair else None
    seats = []
    for email in dict.fromkeys(wanted):
        user = User.objects.filter(email__iexact=email).order_by("pk").first()
        if user is None:
            _invite(call=call, email=email, is_chair=email == chair_email, actor=actor, language=language)
            seats.append(Seat(email=email, is_chair=email == chair_email, invited=True))
            continue
        if not Membership.objects.filter(user=user, organization_id=call.organization_id).exists():
            raise EvaluationError(
                _("%(email)s has an account but is not a member of %(organization)s.")
                % {"email": email, "organization": call.organization.name}
            )
        assignment = _assign(call=call, user=user, actor=actor, chair=email == chair_email)
        seats.append(Seat(email=user.email, is_chair=assignment.is_chair, invited=False))
    return seats


class NotAnEvaluator(Exception):
    """Only evaluators of the call's organisation can be assigned to it."""


@transaction.atomic
def assign_evaluator(*, call: Call, evaluator: User, actor: User | None) -> EvaluatorAssignment:
    """Assign ``evaluator`` (a member of the call's organisation with the
    evaluator role) to ``call``; assigning twice changes nothing."""
    if not Membership.objects.filter(
        user=evaluator, organization_id=call.organization_id, role=Role.EVALUATOR
    ).exists():
        raise NotAnEvaluator()
    return _assign(call=call, user=evaluator, actor=actor, chair=False)


@transaction.atomic
def unassign_evaluator(*, call: Call, evaluator: User, actor: User | None) -> bool:
    """Withdraw ``evaluator`` from ``call``; returns whether they were assigned."""
    deleted, _rows = EvaluatorAssignment.objects.filter(call=call, evaluator=evaluator).delete()
    if deleted:
        touch(call_id=call.pk)
        write_audit(obj=call, actor=actor, action="unassign_evaluator", data={"evaluator": evaluator.pk})
    return bool(deleted)


def _assign(*, call: Call, user: User, actor: User | None, chair: bool) -> EvaluatorAssignment:
    """The one way a seat is taken (the evaluators page, the committee command,
    an accepted invitation): assigned once, audited, the minutes' version
    moved; ``chair`` moves the chair's flag to ``user``."""
    assignment, created = EvaluatorAssignment.objects.get_or_create(call=call, evaluator=user)
    if created:
        touch(call_id=call.pk)  # the minutes name the committee
        write_audit(obj=call, actor=actor, action="assign_evaluator", data={"evaluator": user.pk})
    if chair:
        previous = EvaluatorAssignment.objects.filter(call=call, is_chair=True).exclude(pk=assignment.pk)
        if previous.exists() or not assignment.is_chair:
            previous.update(is_chair=False)
            assignment.is_chair = True
            assignment.save(update_fields=["is_chair"])
            touch(call_id=call.pk)
            write_audit(obj=call, actor=actor, action="set_chair", data={"evaluator": user.pk})
    return assignment


def _invite(*, call: Call, email: str, is_chair: bool, actor: User | None, language: str | None) -> None:
    # The organisation's one invitation mechanism; a pending invitation for
    # this address keeps its role (an editor invited meanwhile stays one).
    pending = Invitation.objects.filter(
        organization_id=call.organization_id, email__iexact=email, accepted_at=None, revoked_at=None
    ).first()
    invitation = invite_member(
        organization=call.organization,
        email=email,
        role=pending.role if pending else Role.EVALUATOR,
        inviter=actor,
        language=language or call.document_language or "fr",
    )
    CommitteeInvitation.objects.update_or_create(
        invitation=invitation, call=call, defaults={"is_chair": is_chair}
    )
    write_audit(obj=call, actor=actor, action="invite_evaluator", data={"email": email, "chair": is_chair})


def accept_seats(invitation: Invitation, user: User) -> None:
    """Registered with accounts (``add_invitation_purpose``): the accepted
    invitation's seats become assignments, in the accepting transaction."""
    for seat in CommitteeInvitation.objects.filter(invitation=invitation).select_related("call"):
        _assign(call=seat.call, user=user, actor=user, chair=seat.is_chair)


def seat_landing(invitation: Invitation) -> str | None:
    """Where an accepted committee invitation lands: the latest call's evaluation."""
    seat = CommitteeInvitation.objects.filter(invitation=invitation).order_by("-pk").first()
    return reverse("evaluation:board", args=[seat.call_id]) if seat else None


def describe_seat(invitation: Invitation) -> InvitationPurpose | None:
    """The invitation e-mail's subject and opening sentence for a committee seat."""
    seat = (
        CommitteeInvitation.objects.filter(invitation=invitation)
        .select_related("call", "call__organization")
        .order_by("-pk")
        .first()
    )
    if seat is None:
        return None
    organization = seat.call.organization.name
    return InvitationPurpose(
        subject=_("%(organization)s invites you to its evaluation committee")
        % {"organization": organization},
        lead=_('%(organization)s has named you an evaluator of the call "%(title)s" on Nidaa.')
        % {"organization": organization, "title": seat.call.title},
    )
