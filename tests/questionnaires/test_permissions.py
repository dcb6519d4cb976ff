"""Every questionnaire page for every persona: the issuer's owner and member
and the mission's facilitator get it; an evaluator of the issuer, an outsider
and another applicant get a 404 (as for a missing questionnaire); a visitor is
sent to sign in. Participants' answers appear only to the first three."""

import pytest
from django.urls import reverse

from nidaa.questionnaires.models import Questionnaire
from nidaa.questionnaires.services import import_xlsform, open_questionnaire, record_response
from tests.conftest import client_for
from tests.questionnaires.kobo import xlsform

SECRET_ANSWER = "Parce que la salle était trop froide"


@pytest.fixture
def objects(plan, mission, owner):
    questionnaire = import_xlsform(
        mission=mission, data=xlsform(), filename="pre.xlsx", kind="pre", module=plan["module"], actor=owner
    )
    session = plan["sessions"][0]
    open_questionnaire(session=session, questionnaire=questionnaire, actor=owner)
    amina = plan["people"][0]
    record_response(
        questionnaire=questionnaire,
        participant=amina,
        session=session,
        answers={"q1": "oui", "q2": "elus", "age": "34", "satisf": "1", "pourquoi": SECRET_ANSWER},
        source="web",
        actor=None,
    )
    question = questionnaire.questions.get(name="q1")
    return {"questionnaire": questionnaire, "session": session, "amina": amina, "question": question}


def pages(o):
    q = o["questionnaire"].pk
    return [
        reverse("questionnaires:list", args=[o["questionnaire"].mission_id]),
        reverse("questionnaires:detail", args=[q]),
        reverse("questionnaires:question_add", args=[q]),
        reverse("questionnaires:question_edit", args=[q, o["question"].pk]),
        reverse("questionnaires:sheet", args=[q, o["session"].pk]),
        reverse("questionnaires:paper", args=[q]),
        reverse("questionnaires:paper_entry", args=[q, o["amina"].pk]),
        reverse("questionnaires:responses", args=[q]),
    ]


def posts(o):
    q = o["questionnaire"].pk
    return [
        reverse("questionnaires:choice_add", args=[q]),
        reverse("questionnaires:opening", args=[q, o["session"].pk]),
        reverse("questionnaires:import", args=[q]),
    ]


@pytest.mark.parametrize("persona", ["owner_client", "member_client", "facilitator_client"])
def test_the_issuer_and_the_facilitator_open_every_page(request, persona, objects):
    client = request.getfixturevalue(persona)
    for url in pages(objects):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["owner_client", "member_client", "facilitator_client"])
def test_the_issuer_and_the_facilitator_read_the_answers(request, persona, objects):
    client = request.getfixturevalue(persona)
    page = client.get(reverse("questionnaires:responses", args=[objects["questionnaire"].pk]))
    assert SECRET_ANSWER in page.content.decode()
    assert "Amina El Idrissi" in page.content.decode()


@pytest.mark.parametrize("persona", ["outsider_client", "applicant_client", "evaluator"])
def test_anyone_else_gets_a_404_everywhere(request, persona, objects):
    value = request.getfixturevalue(persona)
    client = value if hasattr(value, "get") else client_for(value)
    for url in pages(objects):
        assert client.get(url).status_code == 404, url
    for url in posts(objects):
        assert client.post(url, {"action": "close", "list_name": "x", "name": "y"}).status_code == 404, url
    assert objects["questionnaire"].openings.get().is_open is True


def test_a_visitor_is_sent_to_sign_in(anon_client, objects):
    for url in pages(objects) + posts(objects):
        response = (
            anon_client.get(url) if url in pages(objects) else anon_client.post(url, {"action": "close"})
        )
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]
    assert objects["questionnaire"].openings.get().is_open is True


def test_the_participants_link_never_shows_other_answers(anon_client, objects):
    page = anon_client.get(
        reverse("questionnaires:answer", args=[objects["questionnaire"].openings.get().token])
    )
    assert page.status_code == 200
    assert SECRET_ANSWER not in page.content.decode()


def test_another_missions_questionnaire_is_a_404_for_this_missions_facilitator(facilitator_client, objects):
    from tests.factories import QuestionnaireFactory

    other = QuestionnaireFactory()
    assert facilitator_client.get(reverse("questionnaires:detail", args=[other.pk])).status_code == 404
    assert Questionnaire.objects.count() == 2
