"""One factory per model, one module per app; everything is re-exported here
so ``from tests.factories import CallFactory`` works from any test."""

from tests.factories.accounts import MembershipFactory, OrganizationFactory, ProfileFactory, UserFactory
from tests.factories.alerts import FollowedCallFactory, SavedSearchFactory
from tests.factories.applications import (
    ApplicationFactory,
    ApplicationFileFactory,
    ApplicationVersionFactory,
    SubmittedApplicationFactory,
)
from tests.factories.calls import CallFactory, CallRevisionFactory, PublishedCallFactory, indexed
from tests.factories.directory import TerritoryFactory
from tests.factories.evaluation import (
    ComplianceOverrideFactory,
    ConflictDeclarationFactory,
    EnvelopeOpeningFactory,
    EvaluationFactory,
    EvaluatorAssignmentFactory,
    FinancialOfferFactory,
    GridCriterionFactory,
    GridTemplateFactory,
    ModerationFactory,
    OutcomeFactory,
    ScoreFactory,
    ScoreSheetFactory,
)
from tests.factories.inbox import InboundMessageFactory, MailboxFactory, mailbox_for
from tests.factories.missions import (
    AttendanceFactory,
    DeliverableFactory,
    MissionFactory,
    ModuleFactory,
    ParticipantCategoryFactory,
    ParticipantFactory,
    SessionFactory,
    ZoneFactory,
)
from tests.factories.questionnaires import (
    AnswerFactory,
    ChoiceFactory,
    QuestionFactory,
    QuestionnaireFactory,
    ResponseFactory,
    SessionQuestionnaireFactory,
)

__all__ = [
    "AnswerFactory",
    "ApplicationFactory",
    "ApplicationFileFactory",
    "ApplicationVersionFactory",
    "AttendanceFactory",
    "CallFactory",
    "CallRevisionFactory",
    "ChoiceFactory",
    "ComplianceOverrideFactory",
    "ConflictDeclarationFactory",
    "DeliverableFactory",
    "EnvelopeOpeningFactory",
    "EvaluationFactory",
    "EvaluatorAssignmentFactory",
    "FinancialOfferFactory",
    "FollowedCallFactory",
    "GridCriterionFactory",
    "GridTemplateFactory",
    "InboundMessageFactory",
    "MailboxFactory",
    "MembershipFactory",
    "MissionFactory",
    "ModerationFactory",
    "ModuleFactory",
    "OrganizationFactory",
    "OutcomeFactory",
    "ParticipantCategoryFactory",
    "ParticipantFactory",
    "ProfileFactory",
    "PublishedCallFactory",
    "QuestionFactory",
    "QuestionnaireFactory",
    "ResponseFactory",
    "SavedSearchFactory",
    "ScoreFactory",
    "ScoreSheetFactory",
    "SessionFactory",
    "SessionQuestionnaireFactory",
    "SubmittedApplicationFactory",
    "TerritoryFactory",
    "UserFactory",
    "ZoneFactory",
    "indexed",
    "mailbox_for",
]
