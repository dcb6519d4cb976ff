"""The participants' link: one questionnaire of one session, answered only
while open, checked on the server (relevant, required, constraint), in
French or Arabic, rate-limited."""

import pytest
from django.test import override_settings
from django.urls import reverse

from nidaa.common.models import AuditEntry
from nidaa.questionnaires.models import Answer, Response
from nidaa.questionnaires.services import close_questionnaire, import_xlsform, open_questionnaire
from tests.questionnaires.kobo import PRE_TEST_SURVEY, SETTINGS, survey_row, xlsform


@pytest.fixture
def pre(plan, mission, owner):
    return import_xlsform(
        mission=mission, data=xlsform(), filename="pre.xlsx", kind="pre", module=plan["module"], actor=owner
    )


@pytest.fixture
def opening(pre, plan, owner):
    return open_questionnaire(session=plan["sessions"][0], questionnaire=pre, actor=owner)


GOOD = {"q_q1": "oui", "q_q2": ["elus", "societe"], "q_age": "34", "q_satisf": "4"}


def url(opening, lang="fr"):
    return f"/{lang}/q/{opening.token}/"


def test_the_link_shows_its_questionnaire_and_the_sessions_people(anon_client, opening, plan):
    page = anon_client.get(url(opening))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Le budget participatif est-il prévu par la loi ?" in html
    # The session is in Fès: its three participants, not Tanger's.
    assert [p.display_name in html for p in plan["people"]] == [True, True, True, False]


def test_an_answer_is_recorded_for_the_participant_picked_and_scored(anon_client, opening, plan):
    amina = plan["people"][0]
    response = anon_client.post(url(opening), {"participant": amina.pk, **GOOD})
    assert response.status_code == 200
    assert "Merci : vos réponses ont été reçues." in response.content.decode()
    stored = Response.objects.get()
    assert (stored.participant, stored.session, stored.source, stored.score) == (
        amina,
        plan["sessions"][0],
        "web",
        100.0,
    )
    assert dict(Answer.objects.values_list("question__name", "value")) == {
        "q1": "oui",
        "q2": "elus societe",
        "age": "34",
        "satisf": "4",
        "nb_acteurs": "2",
    }


def test_a_participant_may_type_their_code_instead(anon_client, opening, plan):
    response = anon_client.post(url(opening), {"code": "p00002", **GOOD})
    assert response.status_code == 200
    assert Response.objects.get().participant == plan["people"][1]


def test_a_participant_of_another_zone_cannot_answer_at_this_session(anon_client, opening, plan):
    response = anon_client.post(url(opening), {"code": "P00004", **GOOD})
    assert response.status_code == 400
    assert "Choisissez votre nom dans la liste ou tapez votre code." in response.content.decode()
    assert Response.objects.count() == 0


def test_required_relevant_and_constraint_are_checked_on_the_server(anon_client, opening, plan):
    answers = {"participant": plan["people"][0].pk, "q_q1": "oui", "q_age": "12", "q_satisf": "1"}
    response = anon_client.post(url(opening), answers)
    html = response.content.decode()
    assert response.status_code == 400
    assert "3 réponses demandent votre attention." in html
    # q2 missing (required), age below 18 (the form's own message), "Pourquoi ?" asked since satisfaction is 1.
    assert html.count("Cette question est obligatoire.") == 2
    assert "Entre 18 et 99 ans" in html
    assert Response.objects.count() == 0


def test_a_question_not_relevant_is_not_required_and_loses_its_answer(anon_client, opening, plan):
    response = anon_client.post(
        url(opening), {"participant": plan["people"][0].pk, **GOOD, "q_pourquoi": "rien"}
    )
    assert response.status_code == 200
    assert not Answer.objects.filter(question__name="pourquoi").exists()


def test_the_page_speaks_arabic_right_to_left(anon_client, opening):
    page = anon_client.get(url(opening, "ar"))
    html = page.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "هل الميزانية التشاركية منصوص عليها في القانون؟" in html
    assert "المجتمع المدني" in html


def test_a_closed_link_answers_nothing(anon_client, opening, plan, owner):
    close_questionnaire(opening=opening, actor=owner)
    assert anon_client.get(url(opening)).status_code == 410
    response = anon_client.post(url(opening), {"participant": plan["people"][0].pk, **GOOD})
    assert response.status_code == 410
    assert "Ce questionnaire est fermé" in response.content.decode()
    assert Response.objects.count() == 0


def test_a_link_not_yet_opened_or_unknown_answers_nothing(anon_client, pre, plan, owner):
    opening = open_questionnaire(session=plan["sessions"][1], questionnaire=pre, actor=owner)
    assert anon_client.get(url(opening)).status_code == 200
    assert anon_client.get("/fr/q/not-a-token/").status_code == 404


def test_a_link_opens_only_its_own_questionnaire_and_session(anon_client, pre, plan, mission, owner):
    post_form = import_xlsform(
        mission=mission,
        data=xlsform(
            survey=[survey_row("select_one oui_non", "utile", "Utile ?", "مفيد؟")],
            settings=[SETTINGS[0], ["Post-test M1", "post_m1", "1", "French (fr)"]],
        ),
        filename="post.xlsx",
        kind="post",
        module=plan["module"],
        actor=owner,
    )
    pre_link = open_questionnaire(session=plan["sessions"][0], questionnaire=pre, actor=owner)
    post_link = open_questionnaire(session=plan["sessions"][1], questionnaire=post_form, actor=owner)
    pre_page = anon_client.get(url(pre_link)).content.decode()
    assert ("Le budget participatif" in pre_page, "Utile ?" in pre_page) == (True, False)
    # Answers posted to the pre-test's link go to the pre-test, whatever the fields say.
    anon_client.post(url(pre_link), {"participant": plan["people"][0].pk, **GOOD, "q_utile": "oui"})
    assert list(Response.objects.values_list("questionnaire_id", "session_id")) == [
        (pre.pk, plan["sessions"][0].pk)
    ]
    assert pre_link.token != post_link.token


def test_a_second_answer_replaces_the_first_and_is_audited(anon_client, opening, plan):
    amina = plan["people"][0].pk
    anon_client.post(url(opening), {"participant": amina, **GOOD, "q_q1": "non"})
    anon_client.post(url(opening), {"participant": amina, **GOOD})
    assert list(Response.objects.values_list("score", flat=True)) == [100.0]
    assert AuditEntry.objects.filter(action="replace_response").count() == 1


@override_settings(RATELIMIT_ENABLE=True)
def test_answers_are_rate_limited(anon_client, opening, plan):
    from django.core.cache import cache

    cache.clear()
    statuses = [anon_client.post(url(opening), {"code": "nobody"}).status_code for _ in range(31)]
    assert statuses[:30] == [400] * 30
    assert statuses[30] == 429


def test_opening_shows_a_link_and_a_qr_code(owner_client, opening, pre, plan):
    page = owner_client.get(reverse("questionnaires:sheet", args=[pre.pk, plan["sessions"][0].pk]))
    html = page.content.decode()
    assert f"http://testserver/fr/q/{opening.token}/" in html
    assert '<svg width="' in html and 'class="segno"' in html


def test_the_facilitator_opens_and_closes_a_session_questionnaire(facilitator_client, pre, plan):
    session = plan["sessions"][2]
    facilitator_client.post(reverse("questionnaires:opening", args=[pre.pk, session.pk]), {"action": "open"})
    opening = pre.openings.get(session=session)
    assert opening.is_open is True
    assert len(opening.token) >= 32
    facilitator_client.post(reverse("questionnaires:opening", args=[pre.pk, session.pk]), {"action": "close"})
    opening.refresh_from_db()
    assert opening.is_open is False


def test_a_form_with_groups_keeps_the_group_condition(anon_client, plan, mission, owner):
    survey = [
        survey_row("select_one oui_non", "elu", "Êtes-vous élu ?", "هل أنت منتخب؟", required="yes"),
        survey_row("begin_group", "mandat", "Mandat", "الولاية", relevant="${elu} = 'oui'"),
        survey_row("integer", "annees", "Depuis combien d'années ?", "منذ كم سنة؟", required="yes"),
        survey_row("end_group", ""),
    ]
    form = import_xlsform(
        mission=mission,
        data=xlsform(survey=survey),
        filename="f.xlsx",
        kind="final",
        module=None,
        actor=owner,
    )
    opening = open_questionnaire(session=plan["sessions"][0], questionnaire=form, actor=owner)
    who = {"participant": plan["people"][0].pk}
    assert anon_client.post(url(opening), {**who, "q_elu": "oui"}).status_code == 400
    assert anon_client.post(url(opening), {**who, "q_elu": "non"}).status_code == 200
    assert PRE_TEST_SURVEY  # the default form stays untouched by this one


def test_each_error_is_tied_to_its_question_for_screen_readers(anon_client, opening, plan):
    answers = {"participant": plan["people"][0].pk, "q_q1": "oui", "q_age": "12", "q_satisf": "1"}
    html = anon_client.post(url(opening), answers).content.decode()
    # A choice question: its group is described by its error; a typed answer: the field itself.
    assert '<fieldset class="question invalid" id="question-q2" aria-describedby="error-q2">' in html
    assert '<p class="error" id="error-q2">Cette question est obligatoire.</p>' in html
    assert (
        'name="q_age" value="12" inputmode="numeric" dir="ltr" aria-invalid="true" aria-describedby="error-age">'
        in html
    )
    assert '<p class="error" id="error-age">Entre 18 et 99 ans</p>' in html
    # A question answered well is described by nothing and not marked invalid.
    assert '<fieldset class="question" id="question-q1">' in html
