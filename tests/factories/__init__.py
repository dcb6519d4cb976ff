"""One factory per model, one module per app; everything is re-exported here
so ``from tests.factories import CallFactory`` works from any test."""

from tests.factories.accounts import MembershipFactory, OrganizationFactory, ProfileFactory, UserFactory
from tests.factories.alerts import FollowedCallFactory, SavedSearchFactory
from tests.factories.applications import (
    ApplicationFactory,
    ApplicationFileFactory,
    ApplicationVersionFactory,
)
from tests.factories.calls import CallFactory, CallRevisionFactory, PublishedCallFactory, indexed
from tests.factories.directory import TerritoryFactory
from tests.factories.evaluation import EvaluatorAssignmentFactory
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

__all__ = [
    "ApplicationFactory",
    "AttendanceFactory",
    "ApplicationFileFactory",
    "ApplicationVersionFactory",
    "CallFactory",
    "CallRevisionFactory",
    "DeliverableFactory",
    "EvaluatorAssignmentFactory",
    "FollowedCallFactory",
    "InboundMessageFactory",
    "MailboxFactory",
    "MembershipFactory",
    "MissionFactory",
    "ModuleFactory",
    "OrganizationFactory",
    "ParticipantCategoryFactory",
    "ParticipantFactory",
    "ProfileFactory",
    "PublishedCallFactory",
    "SavedSearchFactory",
    "SessionFactory",
    "TerritoryFactory",
    "UserFactory",
    "ZoneFactory",
    "indexed",
    "mailbox_for",
]
