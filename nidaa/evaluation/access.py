"""Who may evaluate: the organisation's evaluators assigned to a call read its
applications once unsealed. The rule is the evaluation app's; it plugs into
``applications.access`` (``grant_readers``) so the applications app never
imports evaluation, and scores can later point at applications without a cycle."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from nidaa.accounts.models import Role, User
from nidaa.accounts.selectors import organizations_for
from nidaa.evaluation.models import ConflictDeclaration, EnvelopeOpening, EvaluatorAssignment

EVALUATOR_ROLES = frozenset({Role.EVALUATOR})


def assigned_calls_q(user: User) -> Q:
    """A filter on Call: the calls ``user`` is assigned to, in organisations
    where the user is an evaluator (an evaluator who changed role loses them)."""
    assigned = Exists(EvaluatorAssignment.objects.filter(call=OuterRef("pk"), evaluator=user))
    return Q(assigned, organization__in=organizations_for(user, EVALUATOR_ROLES))


def conflicted_q(user: User, application: str) -> Q:
    """A filter on what ``application`` names (an application's id): those
    ``user`` declared a conflict of interest for, hidden from them anywhere."""
    return Q(
        Exists(
            ConflictDeclaration.objects.filter(
                application=OuterRef(application), evaluator=user, has_conflict=True
            )
        )
    )


def opened_offers_q() -> Q:
    """A filter on ApplicationFile: those of applications whose financial
    envelope the technical close opened (``EnvelopeOpening``)."""
    return Q(Exists(EnvelopeOpening.objects.filter(application=OuterRef("application_id"))))
