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

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils.translation import gettext as _

from nidaa.accounts.models import Membership, Role, User
from nidaa.accounts.selectors import EDIT_ROLES
from nidaa.calls.models import Call
from nidaa.common.tasks import enqueue_on_commit
from nidaa.common.workflow import write_audit
from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.models import EvaluatorAssignment

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


@transaction.atomic
def assign_committee(
    *, call: Call, emails: list[str], chair: str | None = None, actor: User | None
) -> list[EvaluatorAssignment]:
    """Assign the evaluators named by e-mail (and the chair, who also scores)
    to ``call``. An address with no account gets one, with an evaluator
    membership of the call's organisation and an invitation to set its
    password, sent after commit. An existing account must already belong to
    the organisation. Naming a chair moves the flag from the previous one."""
    wanted = [email.strip().lower() for email in [*emails, *([chair] if chair else [])]]
    bad = [email for email in wanted if not EMAIL_RE.fullmatch(email)]
    if bad:
        raise EvaluationError(_("Not an e-mail address: %(emails)s.") % {"emails": ", ".join(bad)})
    assignments = []
    for email in dict.fromkeys(wanted):
        user = User.objects.filter(email__iexact=email).order_by("pk").first()
        if user is None:
            user = _invite(call=call, email=email, actor=actor)
        elif not Membership.objects.filter(user=user, organization_id=call.organization_id).exists():
            raise EvaluationError(
                _("%(email)s has an account but is not a member of %(organization)s.")
                % {"email": email, "organization": call.organization.name}
            )
        assignment, created = EvaluatorAssignment.objects.get_or_create(call=call, evaluator=user)
        if created:
            write_audit(obj=call, actor=actor, action="assign_evaluator", data={"evaluator": user.pk})
        assignments.append(assignment)
    if chair:
        chair_assignment = next(a for a in assignments if a.evaluator.email.lower() == chair.strip().lower())
        previous = EvaluatorAssignment.objects.filter(call=call, is_chair=True).exclude(
            pk=chair_assignment.pk
        )
        if previous.exists() or not chair_assignment.is_chair:
            previous.update(is_chair=False)
            chair_assignment.is_chair = True
            chair_assignment.save(update_fields=["is_chair"])
            write_audit(
                obj=call, actor=actor, action="set_chair", data={"evaluator": chair_assignment.evaluator_id}
            )
    return assignments


def _invite(*, call: Call, email: str, actor: User | None) -> User:
    from nidaa.evaluation.tasks import send_invitation_task

    local = re.sub(r"[^A-Za-z0-9_.+-]", "", email.split("@", 1)[0])[:100] or "evaluator"
    username = local
    suffix = 1
    while User.objects.filter(username=username).exists():
        suffix += 1
        username = f"{local}{suffix}"
    user = User(username=username, email=email, preferred_language=call.document_language or "fr")
    if user.preferred_language not in ("fr", "ar", "en"):
        user.preferred_language = "fr"
    user.set_unusable_password()
    user.save()
    Membership.objects.create(user=user, organization_id=call.organization_id, role=Role.EVALUATOR)
    # The invitation goes to this address and only its link sets a password, so
    # following it proves the address: no separate confirmation e-mail.
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    write_audit(obj=call, actor=actor, action="invite_evaluator", data={"evaluator": user.pk, "email": email})
    enqueue_on_commit(send_invitation_task, user.pk, call.pk)
    return user
