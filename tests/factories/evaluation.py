"""Factories of the evaluation app."""

from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from nidaa.accounts.models import Role
from nidaa.evaluation.models import (
    ComplianceOverride,
    ConflictDeclaration,
    EnvelopeOpening,
    Evaluation,
    EvaluatorAssignment,
    FinancialOffer,
    GridCriterion,
    GridTemplate,
    Moderation,
    Outcome,
    Score,
    ScoreSheet,
    SheetStatus,
)
from tests.factories.accounts import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.applications import SubmittedApplicationFactory
from tests.factories.calls import CallFactory


class EvaluatorAssignmentFactory(DjangoModelFactory):
    """An evaluator of the call's organisation, assigned to the call."""

    class Meta:
        model = EvaluatorAssignment

    call = factory.SubFactory(CallFactory)
    evaluator = factory.LazyAttribute(
        lambda a: MembershipFactory(organization=a.call.organization, role=Role.EVALUATOR).user
    )
    is_chair = False


class EvaluationFactory(DjangoModelFactory):
    class Meta:
        model = Evaluation

    call = factory.SubFactory(CallFactory)


class GridCriterionFactory(DjangoModelFactory):
    class Meta:
        model = GridCriterion

    evaluation = factory.SubFactory(EvaluationFactory)
    code = factory.Sequence(lambda n: f"C{n}")
    label_fr = factory.LazyAttribute(lambda c: f"Critère {c.code}")
    label_ar = factory.LazyAttribute(lambda c: f"المعيار {c.code}")
    label_en = factory.LazyAttribute(lambda c: f"Criterion {c.code}")
    max_points = Decimal(20)
    order = factory.Sequence(lambda n: n)


class ConflictDeclarationFactory(DjangoModelFactory):
    class Meta:
        model = ConflictDeclaration

    evaluator = factory.SubFactory(UserFactory)
    application = factory.SubFactory(SubmittedApplicationFactory)
    has_conflict = False


class ScoreSheetFactory(DjangoModelFactory):
    class Meta:
        model = ScoreSheet

    evaluator = factory.SubFactory(UserFactory)
    application = factory.SubFactory(SubmittedApplicationFactory)
    status = SheetStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class ScoreFactory(DjangoModelFactory):
    class Meta:
        model = Score

    sheet = factory.SubFactory(ScoreSheetFactory)
    criterion = factory.SubFactory(GridCriterionFactory)
    points = Decimal(10)
    comment = "Conforme au profil."


class ModerationFactory(DjangoModelFactory):
    class Meta:
        model = Moderation

    application = factory.SubFactory(SubmittedApplicationFactory)
    criterion = factory.SubFactory(GridCriterionFactory)
    consensus = Decimal(12)
    reason = "Consensus après discussion."


class ComplianceOverrideFactory(DjangoModelFactory):
    class Meta:
        model = ComplianceOverride

    application = factory.SubFactory(SubmittedApplicationFactory)
    requirement = "on_time"
    value = True
    reason = "Retard dû à une panne du serveur de messagerie de l'émetteur."


class FinancialOfferFactory(DjangoModelFactory):
    class Meta:
        model = FinancialOffer

    application = factory.SubFactory(SubmittedApplicationFactory)
    amount = Decimal(100_000)
    currency = "MAD"
    rate = Decimal(1)
    amount_mad = factory.LazyAttribute(lambda o: o.amount * o.rate)


class OutcomeFactory(DjangoModelFactory):
    class Meta:
        model = Outcome

    application = factory.SubFactory(SubmittedApplicationFactory)
    decision = "retained"
    rank = 1
    technical_score = Decimal(80)


class GridTemplateFactory(DjangoModelFactory):
    class Meta:
        model = GridTemplate

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Grille formateurs {n}")
    spec = factory.LazyFunction(
        lambda: {
            "method": "cqs",
            "technical_weight": 100,
            "financial_weight": 0,
            "pass_mark": 60,
            "budget": None,
            "disagreement_share": 0.2,
            "criteria": [
                {"code": "C1", "label": {"fr": "Profil", "ar": "المؤهلات", "en": "Profile"}, "max": 100}
            ],
        }
    )


class EnvelopeOpeningFactory(DjangoModelFactory):
    class Meta:
        model = EnvelopeOpening

    application = factory.SubFactory(SubmittedApplicationFactory)
