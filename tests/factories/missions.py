"""Factories of the missions app: a mission of a call, its plan (modules,
zones, sessions), participants and attendance."""

import datetime as _dt

import factory
from factory.django import DjangoModelFactory

from nidaa.missions.models import (
    Attendance,
    Deliverable,
    Mission,
    Module,
    Participant,
    ParticipantCategory,
    Session,
    Zone,
)
from tests.factories.accounts import OrganizationFactory
from tests.factories.calls import CallFactory


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
