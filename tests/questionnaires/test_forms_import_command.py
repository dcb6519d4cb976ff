"""``nidaa missions forms import``: a Kobo XLSForm becomes a questionnaire;
pyxform's refusals and the rows Nidaa cannot run are printed and nothing is imported."""

import pytest
from django.core.management.base import CommandError

from nidaa.cli import _missions_command
from nidaa.questionnaires.models import Choice, Question, Questionnaire
from tests.missions.helpers import run
from tests.questionnaires.kobo import CHOICES, PRE_TEST_SURVEY, survey_row, xlsform

# The command speaks the site's language (French by default).
UNSUPPORTED = "Nidaa ne sait pas exécuter ce type de question"
NOT_SUPPORTED = "(les répétitions, localisations, dates, médias et fichiers ne sont pas pris en charge)."


def write(tmp_path, data, name="pre.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_the_cli_words_reach_the_commands():
    assert _missions_command(["forms", "import", "f.xlsx", "--mission", "1"]) == (
        "missions_forms_import",
        ["f.xlsx", "--mission", "1"],
    )
    assert _missions_command(["responses", "import", "r.csv", "--form", "2"]) == (
        "missions_responses_import",
        ["r.csv", "--form", "2"],
    )


def test_a_kobo_form_is_imported_with_groups_languages_and_correct_answers(tmp_path, plan, mission):
    data = xlsform()
    out, _ = run(
        "missions_forms_import",
        write(tmp_path, data),
        "--mission",
        str(mission.pk),
        "--kind",
        "pre",
        "--module",
        "M1",
    )
    questionnaire = Questionnaire.objects.get()
    assert out == f"{questionnaire.pk}\n"
    assert (questionnaire.kind, questionnaire.module, questionnaire.title) == (
        "pre",
        plan["module"],
        "Pré-test M1",
    )
    assert (questionnaire.form_id, questionnaire.version, questionnaire.languages) == (
        "pre_m1",
        "2026031001",
        ["fr", "ar"],
    )
    assert questionnaire.source_name == "pre.xlsx"
    with questionnaire.source_file.open("rb") as handle:
        assert handle.read() == data
    rows = list(
        Question.objects.filter(questionnaire=questionnaire).values_list(
            "name", "type", "group", "list_name", "correct", "required", "likert"
        )
    )
    assert rows == [
        ("q1", "select_one", "connaissances", "oui_non", "oui", True, False),
        ("q2", "select_multiple", "connaissances", "acteurs", "elus societe", True, False),
        ("age", "integer", "", "", "", True, False),
        ("satisf", "select_one", "", "satisfaction", "", True, True),
        ("pourquoi", "text", "", "", "", True, False),
        ("nb_acteurs", "calculate", "", "", "", False, False),
        ("merci", "note", "", "", "", False, False),
    ]
    q1 = Question.objects.get(questionnaire=questionnaire, name="q1")
    assert q1.label == {
        "fr": "Le budget participatif est-il prévu par la loi ?",
        "ar": "هل الميزانية التشاركية منصوص عليها في القانون؟",
    }
    assert (q1.is_knowledge, q1.is_likert) == (True, False)
    assert Question.objects.get(questionnaire=questionnaire, name="age").constraint_message == {
        "fr": "Entre 18 et 99 ans",
        "ar": "بين 18 و99 سنة",
    }
    assert Choice.objects.filter(questionnaire=questionnaire).count() == 9


def test_a_form_pyxform_rejects_prints_its_message_with_the_row_and_imports_nothing(
    tmp_path, mission, capsys
):
    # A calculate row without its calculation: Kobo refuses it too.
    survey = [*PRE_TEST_SURVEY[:4], survey_row("calculate", "total")]
    with pytest.raises(CommandError) as error:
        run(
            "missions_forms_import",
            write(tmp_path, xlsform(survey=survey)),
            "--mission",
            str(mission.pk),
            "--kind",
            "pre",
        )
    assert error.value.returncode == 1
    assert Questionnaire.objects.count() == 0


def test_pyxform_messages_are_printed_on_stderr(tmp_path, mission):
    from io import StringIO

    from django.core.management import call_command

    survey = [*PRE_TEST_SURVEY[:4], survey_row("calculate", "total")]
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "missions_forms_import",
            write(tmp_path, xlsform(survey=survey)),
            "--mission",
            str(mission.pk),
            "--kind",
            "pre",
            stderr=err,
            stdout=StringIO(),
        )
    assert err.getvalue() == (
        "Ligne 6 de la feuille survey : Le vérificateur XLSForm (pyxform) a refusé le formulaire : "
        "[row : 6] Missing calculation.\n"
    )


def test_unsupported_rows_are_named_and_nothing_is_imported(tmp_path, mission):
    from io import StringIO

    from django.core.management import call_command

    survey = [
        *PRE_TEST_SURVEY,
        survey_row("geopoint", "lieu", "Où êtes-vous ?", "أين أنت؟"),
        survey_row("begin_repeat", "enfants", "Enfants", "الأطفال"),
        survey_row("text", "prenom", "Prénom", "الاسم"),
        survey_row("end_repeat", ""),
        survey_row("image", "photo", "Photo", "صورة"),
    ]
    err = StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "missions_forms_import",
            write(tmp_path, xlsform(survey=survey)),
            "--mission",
            str(mission.pk),
            "--kind",
            "post",
            stderr=err,
            stdout=StringIO(),
        )
    assert error.value.returncode == 1
    assert err.getvalue().splitlines() == [
        f"Ligne 13 de la feuille survey : {UNSUPPORTED} : geopoint {NOT_SUPPORTED}",
        f"Ligne 14 de la feuille survey : {UNSUPPORTED} : begin_repeat {NOT_SUPPORTED}",
        f"Ligne 16 de la feuille survey : {UNSUPPORTED} : end_repeat {NOT_SUPPORTED}",
        f"Ligne 17 de la feuille survey : {UNSUPPORTED} : image {NOT_SUPPORTED}",
    ]
    assert Questionnaire.objects.count() == 0


def test_a_correct_answer_that_is_not_a_choice_is_refused(tmp_path, mission):
    from io import StringIO

    from django.core.management import call_command

    survey = [survey_row("select_one oui_non", "q1", "Q", "س", correct="peut_etre")]
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "missions_forms_import",
            write(tmp_path, xlsform(survey=survey, choices=CHOICES)),
            "--mission",
            str(mission.pk),
            "--kind",
            "pre",
            stderr=err,
            stdout=StringIO(),
        )
    assert err.getvalue() == (
        "Ligne 2 de la feuille survey : La bonne réponse peut_etre n'est pas un choix de la liste de la question.\n"
    )
    assert Questionnaire.objects.count() == 0
