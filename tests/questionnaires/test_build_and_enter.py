"""Building a questionnaire in the app (questions with French and Arabic
labels, choices, correct answers after import), typing a paper form, and
uploading a Kobo export from the page."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nidaa.questionnaires.models import Choice, Question, Questionnaire, Response
from nidaa.questionnaires.services import import_xlsform
from tests.questionnaires.kobo import export_csv, survey_row, xlsform


def test_a_questionnaire_is_built_in_the_app(facilitator_client, plan, mission):
    response = facilitator_client.post(
        reverse("questionnaires:list", args=[mission.pk]),
        {"title": "Post-test M1", "kind": "post", "module": plan["module"].pk},
    )
    questionnaire = Questionnaire.objects.get()
    assert response["Location"] == reverse("questionnaires:detail", args=[questionnaire.pk])
    for name, fr, ar in (("oui", "Oui", "نعم"), ("non", "Non", "لا")):
        facilitator_client.post(
            reverse("questionnaires:choice_add", args=[questionnaire.pk]),
            {"list_name": "yn", "name": name, "label_fr": fr, "label_ar": ar},
        )
    response = facilitator_client.post(
        reverse("questionnaires:question_add", args=[questionnaire.pk]),
        {
            "name": "loi",
            "type": "select_one",
            "list_name": "yn",
            "label_fr": "La loi le prévoit-elle ?",
            "label_ar": "هل ينص عليه القانون؟",
            "required": "on",
            "correct": "oui",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(questionnaire=questionnaire)
    assert (question.label, question.correct, question.required, question.is_knowledge) == (
        {"fr": "La loi le prévoit-elle ?", "ar": "هل ينص عليه القانون؟"},
        "oui",
        True,
        True,
    )
    assert list(Choice.objects.filter(questionnaire=questionnaire).values_list("name", "label")) == [
        ("oui", {"fr": "Oui", "ar": "نعم"}),
        ("non", {"fr": "Non", "ar": "لا"}),
    ]


def test_a_correct_answer_is_set_after_import(owner_client, plan, mission, owner):
    questionnaire = import_xlsform(
        mission=mission, data=xlsform(), filename="pre.xlsx", kind="pre", module=None, actor=owner
    )
    question = Question.objects.get(questionnaire=questionnaire, name="satisf")
    url = reverse("questionnaires:question_edit", args=[questionnaire.pk, question.pk])
    form = {
        "name": "satisf",
        "type": "select_one",
        "list_name": "satisfaction",
        "label_fr": "Votre satisfaction",
        "label_ar": "مدى رضاك",
        "required": "on",
    }
    refused = owner_client.post(url, {**form, "correct": "5"})
    assert refused.status_code == 400
    assert (
        "La bonne réponse 5 n&#x27;est pas un choix de la liste de la question." in refused.content.decode()
    )
    assert owner_client.post(url, {**form, "correct": "4"}).status_code == 302
    question.refresh_from_db()
    assert (question.correct, question.is_knowledge, question.is_likert) == ("4", True, True)


def test_an_expression_nidaa_cannot_run_is_refused_in_the_app(owner_client, plan, mission, owner):
    questionnaire = import_xlsform(
        mission=mission, data=xlsform(), filename="pre.xlsx", kind="pre", module=None, actor=owner
    )
    response = owner_client.post(
        reverse("questionnaires:question_add", args=[questionnaire.pk]),
        {"name": "extra", "type": "text", "label_fr": "Autre", "relevant": "regex(${age}, '1')"},
    )
    assert response.status_code == 400
    assert "Nidaa ne sait pas exécuter cette expression" in response.content.decode()
    assert not Question.objects.filter(name="extra").exists()


def test_a_paper_form_is_typed_by_the_facilitator(facilitator_client, facilitator, plan, mission, owner):
    questionnaire = import_xlsform(
        mission=mission, data=xlsform(), filename="pre.xlsx", kind="pre", module=plan["module"], actor=owner
    )
    youssef = plan["people"][1]
    url = reverse("questionnaires:paper_entry", args=[questionnaire.pk, youssef.pk])
    page = facilitator_client.get(url)
    assert "Youssef Benali" in page.content.decode()
    response = facilitator_client.post(
        url,
        {"session": plan["sessions"][1].pk, "q_q1": "oui", "q_q2": ["elus"], "q_age": "52", "q_satisf": "3"},
    )
    assert response.status_code == 302
    stored = Response.objects.get()
    assert (stored.participant, stored.session, stored.source, stored.entered_by, stored.score) == (
        youssef,
        plan["sessions"][1],
        "paper",
        facilitator,
        50.0,
    )


def test_a_paper_form_with_errors_is_shown_again(facilitator_client, plan, mission, owner):
    questionnaire = import_xlsform(
        mission=mission, data=xlsform(), filename="pre.xlsx", kind="pre", module=None, actor=owner
    )
    url = reverse("questionnaires:paper_entry", args=[questionnaire.pk, plan["people"][0].pk])
    response = facilitator_client.post(
        url, {"q_q1": "oui", "q_q2": ["elus"], "q_age": "deux", "q_satisf": "3"}
    )
    assert response.status_code == 400
    assert "Écrivez un nombre." in response.content.decode()
    assert Response.objects.count() == 0


def test_a_kobo_export_is_uploaded_from_the_page(member_client, plan, mission, owner):
    questionnaire = import_xlsform(
        mission=mission, data=xlsform(), filename="pre.xlsx", kind="pre", module=None, actor=owner
    )
    data = export_csv(
        [
            ["Code", "connaissances/q1", "connaissances/q2", "age", "satisf"],
            ["P00001", "oui", "elus societe", "30", "4"],
            ["P00099", "oui", "elus", "30", "4"],
        ]
    )
    response = member_client.post(
        reverse("questionnaires:import", args=[questionnaire.pk]),
        {"file": SimpleUploadedFile("kobo.csv", data), "participant_column": "Code"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 lignes : 1 importées, 1 sans participant trouvé, 0 erreurs." in html
    assert list(Response.objects.values_list("participant__code", "score")) == [("P00001", 100.0)]


def test_an_xlsform_with_problems_is_refused_on_the_page(owner_client, mission):
    data = xlsform(survey=[survey_row("geopoint", "lieu", "Lieu", "المكان")])
    response = owner_client.post(
        reverse("questionnaires:list", args=[mission.pk]),
        {"file": SimpleUploadedFile("geo.xlsx", data), "kind": "pre"},
    )
    assert response.status_code == 400
    assert "Ligne 2 de la feuille survey : Nidaa ne sait pas exécuter ce type de question : geopoint" in (
        response.content.decode()
    )
    assert Questionnaire.objects.count() == 0
