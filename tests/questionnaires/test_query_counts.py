"""The questionnaire lists cost the same number of queries for 3 participants as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nidaa.questionnaires.services import import_xlsform, open_questionnaire, record_response
from tests.factories import ParticipantFactory
from tests.questionnaires.kobo import xlsform

ANSWERS = {"q1": "oui", "q2": "elus", "age": "30", "satisf": "3"}


@pytest.fixture
def form(plan, mission, owner):
    questionnaire = import_xlsform(
        mission=mission, data=xlsform(), filename="pre.xlsx", kind="pre", module=plan["module"], actor=owner
    )
    for session in plan["sessions"]:
        open_questionnaire(session=session, questionnaire=questionnaire, actor=owner)
    return questionnaire


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_people(form, plan, n):
    for i in range(n):
        person = ParticipantFactory(mission=form.mission, zone=plan["fes"], name_latin=f"Personne {i}")
        record_response(
            questionnaire=form, participant=person, session=plan["sessions"][0], answers=ANSWERS,
            source="paper", actor=None,
        )  # fmt: skip


@pytest.mark.parametrize("page", ["list", "detail", "paper", "responses", "answer"])
def test_pages_do_not_grow_with_participants(owner_client, form, plan, page):
    url = {
        "list": reverse("questionnaires:list", args=[form.mission_id]),
        "detail": reverse("questionnaires:detail", args=[form.pk]),
        "paper": reverse("questionnaires:paper", args=[form.pk]),
        "responses": reverse("questionnaires:responses", args=[form.pk]),
        "answer": reverse("questionnaires:answer", args=[form.openings.first().token]),
    }[page]
    add_people(form, plan, 3)
    few = queries(owner_client, url)
    add_people(form, plan, 27)
    assert queries(owner_client, url) == few
