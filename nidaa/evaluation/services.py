"""Writes on the evaluation committee."""

from __future__ import annotations

from django.db import transaction

from nidaa.accounts.models import Membership, Role, User
from nidaa.calls.models import Call
from nidaa.common.workflow import write_audit
from nidaa.evaluation.models import EvaluatorAssignment
from nidaa.evaluation.results import touch


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
    assignment, created = EvaluatorAssignment.objects.get_or_create(call=call, evaluator=evaluator)
    if created:
        touch(call_id=call.pk)  # the minutes name the committee
        write_audit(obj=call, actor=actor, action="assign_evaluator", data={"evaluator": evaluator.pk})
    return assignment


@transaction.atomic
def unassign_evaluator(*, call: Call, evaluator: User, actor: User | None) -> bool:
    """Withdraw ``evaluator`` from ``call``; returns whether they were assigned."""
    deleted, _rows = EvaluatorAssignment.objects.filter(call=call, evaluator=evaluator).delete()
    if deleted:
        touch(call_id=call.pk)
        write_audit(obj=call, actor=actor, action="unassign_evaluator", data={"evaluator": evaluator.pk})
    return bool(deleted)
