"""Factories of the questionnaires app: a questionnaire, its questions and
choices, its opening at a session, responses and answers."""

import datetime as _dt
import secrets

import factory
from factory.django import DjangoModelFactory

from nidaa.questionnaires.models import (
    Answer,
    Choice,
    Kind,
    Question,
    Questionnaire,
    QuestionType,
    Response,
    SessionQuestionnaire,
    Source,
)
from tests.factories.missions import MissionFactory, ParticipantFactory, SessionFactory


class QuestionnaireFactory(DjangoModelFactory):
    class Meta:
        model = Questionnaire

    mission = factory.SubFactory(MissionFactory)
    kind = Kind.PRE
    title = factory.Sequence(lambda n: f"Questionnaire {n}")
    languages = ["fr", "ar"]


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    position = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"q{n}")
    type = QuestionType.SELECT_ONE
    list_name = "yn"
    label = factory.LazyAttribute(lambda q: {"fr": f"Question {q.name}", "ar": f"سؤال {q.name}"})


class ChoiceFactory(DjangoModelFactory):
    class Meta:
        model = Choice

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    list_name = "yn"
    name = factory.Sequence(lambda n: f"c{n}")
    label = factory.LazyAttribute(lambda c: {"fr": c.name, "ar": c.name})
    position = factory.Sequence(lambda n: n)


class SessionQuestionnaireFactory(DjangoModelFactory):
    class Meta:
        model = SessionQuestionnaire

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    session = factory.LazyAttribute(lambda o: SessionFactory(mission=o.questionnaire.mission))
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(24))
    opened_at = _dt.datetime(2026, 3, 10, 9, 0, tzinfo=_dt.UTC)


class ResponseFactory(DjangoModelFactory):
    class Meta:
        model = Response

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    participant = factory.LazyAttribute(lambda r: ParticipantFactory(mission=r.questionnaire.mission))
    source = Source.WEB
    submitted_at = _dt.datetime(2026, 3, 10, 10, 0, tzinfo=_dt.UTC)


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.LazyAttribute(lambda a: QuestionFactory(questionnaire=a.response.questionnaire))
    value = ""
