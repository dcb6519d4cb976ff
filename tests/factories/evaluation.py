"""Factories of the evaluation app."""

import factory
from factory.django import DjangoModelFactory

from nidaa.accounts.models import Role
from nidaa.evaluation.models import EvaluatorAssignment
from tests.factories.accounts import MembershipFactory
from tests.factories.calls import CallFactory


class EvaluatorAssignmentFactory(DjangoModelFactory):
    """An evaluator of the call's organisation, assigned to the call."""

    class Meta:
        model = EvaluatorAssignment

    call = factory.SubFactory(CallFactory)
    evaluator = factory.LazyAttribute(
        lambda a: MembershipFactory(organization=a.call.organization, role=Role.EVALUATOR).user
    )
