"""One factory per model. Apps add theirs here."""

import factory
from factory.django import DjangoModelFactory

from nidaa.accounts.models import Membership, Organization, Role, User


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Association Exemple {n}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.EDITOR


# --- calls ---------------------------------------------------------------
import hashlib  # noqa: E402
from datetime import timedelta  # noqa: E402

from django.utils import timezone  # noqa: E402

from nidaa.calls.models import Call, CallRevision, CallStatus, CallType  # noqa: E402


class CallFactory(DjangoModelFactory):
    class Meta:
        model = Call

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Recrutement d'un formateur {n}")
    call_type = CallType.TRAINER
    issuer = factory.LazyAttribute(lambda c: c.organization.name)
    status = CallStatus.DRAFT
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    deadline_has_time = True
    locations = factory.LazyFunction(lambda: ["Fès"])
    text = factory.LazyAttribute(lambda c: f"{c.title}\nDate limite : 15 décembre 2026 à 23h59\n")
    sha256 = factory.LazyAttribute(lambda c: hashlib.sha256(c.text.encode()).hexdigest())
    original_filename = "tdr.txt"


class CallRevisionFactory(DjangoModelFactory):
    class Meta:
        model = CallRevision

    call = factory.SubFactory(CallFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = CallStatus.PUBLISHED
    changed_fields = factory.LazyFunction(lambda: ["title"])


class TerritoryFactory(DjangoModelFactory):
    class Meta:
        model = "directory.Territory"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"T-TEST-{n}")
    kind = "commune"
    name_fr = factory.Sequence(lambda n: f"Commune test {n}")
    name_ar = factory.Sequence(lambda n: f"جماعة تجريبية {n}")
    parent = None


def indexed(*calls):
    """Make calls built by factories findable by words, as an import or an edit
    does: the full-text search reads the document ``refresh_search_document`` writes."""
    from nidaa.calls.search import refresh_search_document

    for call in calls:
        refresh_search_document(call)
    return calls[0] if len(calls) == 1 else calls


# --- missions --------------------------------------------------------------
import datetime as _dt  # noqa: E402

from nidaa.missions.models import (  # noqa: E402
    Attendance,
    Deliverable,
    Mission,
    Module,
    Participant,
    ParticipantCategory,
    Session,
    Zone,
)


class RetainedApplicationFactory(DjangoModelFactory):
    """A submitted application, the kind a mission starts from."""

    class Meta:
        model = "applications.Application"

    call = factory.SubFactory(CallFactory)
    applicant = factory.SubFactory(UserFactory)
    status = "submitted"
    receipt_number = factory.Sequence(lambda n: f"NID-TEST-{n:05d}")
    applicant_name = factory.LazyAttribute(lambda a: a.applicant.username)
    applicant_email = factory.LazyAttribute(lambda a: a.applicant.email)


class MissionFactory(DjangoModelFactory):
    class Meta:
        model = Mission

    call = factory.SubFactory(CallFactory)
    organization = factory.LazyAttribute(lambda m: m.call.organization)
    title = factory.LazyAttribute(lambda m: m.call.title)


class DeliverableFactory(DjangoModelFactory):
    class Meta:
        model = Deliverable

    mission = factory.SubFactory(MissionFactory)
    title = factory.Sequence(lambda n: f"Rapport {n}")


class ModuleFactory(DjangoModelFactory):
    class Meta:
        model = Module

    mission = factory.SubFactory(MissionFactory)
    title = factory.Sequence(lambda n: f"Module {n}")


class ZoneFactory(DjangoModelFactory):
    class Meta:
        model = Zone

    mission = factory.SubFactory(MissionFactory)
    name = factory.Sequence(lambda n: f"Zone {n}")


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    mission = factory.SubFactory(MissionFactory)
    module = factory.LazyAttribute(lambda s: ModuleFactory(mission=s.mission))
    zone = factory.LazyAttribute(lambda s: ZoneFactory(mission=s.mission))
    date = _dt.date(2026, 3, 10)
    start_time = _dt.time(9, 0)
    end_time = _dt.time(17, 0)
    expected = 20


class ParticipantCategoryFactory(DjangoModelFactory):
    class Meta:
        model = ParticipantCategory
        django_get_or_create = ("organization", "name")

    organization = factory.SubFactory(OrganizationFactory)
    name = "Élu·e"


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    mission = factory.SubFactory(MissionFactory)
    zone = factory.LazyAttribute(lambda p: ZoneFactory(mission=p.mission))
    code = factory.Sequence(lambda n: f"P{n + 1:05d}")
    name_latin = factory.Sequence(lambda n: f"Participant {n}")
    sex = "female"
    name_key = factory.LazyAttribute(lambda p: " ".join(sorted(p.name_latin.lower().split())))


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    participant = factory.LazyAttribute(
        lambda a: ParticipantFactory(mission=a.session.mission, zone=a.session.zone)
    )
    present = True
    morning = True
    afternoon = True
    sex = factory.LazyAttribute(lambda a: a.participant.sex)
    category = factory.LazyAttribute(lambda a: a.participant.category)
