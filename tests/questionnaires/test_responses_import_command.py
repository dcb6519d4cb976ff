"""``nidaa missions responses import``: a KoboToolbox export (group prefixes,
choices by name or label), participants matched by code, phone or name;
unmatched rows counted; any row in error and nothing is imported."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nidaa.common.models import AuditEntry
from nidaa.questionnaires.models import Answer, Response
from tests.missions.helpers import run
from tests.questionnaires.kobo import export_csv, export_xlsx, xlsform


@pytest.fixture
def form(tmp_path, plan, mission):
    path = tmp_path / "pre.xlsx"
    path.write_bytes(xlsform())
    out, _ = run(
        "missions_forms_import", str(path), "--mission", str(mission.pk), "--kind", "pre", "--module", "M1"
    )
    from nidaa.questionnaires.models import Questionnaire

    return Questionnaire.objects.get(pk=int(out))


HEADER = [
    "start",
    "end",
    "Participant",
    "connaissances/q1",
    "connaissances/q2",
    "age",
    "satisf",
    "pourquoi",
    "_id",
    "_submission_time",
]


def write(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_a_kobo_export_is_imported_and_scored(tmp_path, form, plan):
    rows = [
        HEADER,
        ["", "", "P00001", "oui", "elus societe", "34", "4", "", "101", "2026-03-10T09:30:00"],
        # Labels instead of names, a phone number instead of the code.
        ["", "", "0662345678", "Non", "Les élus", "41", "Peu satisfait", "Trop long", "102", ""],
        # The name as written on the paper, in another order.
        ["", "", "ouazzani khadija", "oui", "elus", "29", "3", "", "103", ""],
        ["", "", "Inconnu Dupont", "oui", "elus", "29", "3", "", "104", ""],
    ]
    out, _ = run(
        "missions_responses_import",
        write(tmp_path, export_xlsx(rows), "export.xlsx"),
        "--form",
        str(form.pk),
        "--participant-column",
        "Participant",
    )
    assert out.splitlines() == [
        "rows 4, imported 3, unmatched 1, errors 0",
        "row 5: unmatched participant 'Inconnu Dupont'",
    ]
    responses = {
        r.participant.code: r
        for r in Response.objects.filter(questionnaire=form).select_related("participant", "session")
    }
    assert {
        code: (r.score, r.knowledge_right, r.knowledge_total, r.source) for code, r in responses.items()
    } == {
        "P00001": (100.0, 2, 2, "import"),
        "P00002": (0.0, 0, 2, "import"),
        "P00003": (50.0, 1, 2, "import"),
    }
    # A pre-test is filed under the first day of the module in the participant's zone.
    assert responses["P00001"].session == plan["sessions"][0]
    values = dict(Answer.objects.filter(response=responses["P00002"]).values_list("question__name", "value"))
    assert values == {
        "q1": "non",
        "q2": "elus",
        "age": "41",
        "satisf": "2",
        "pourquoi": "Trop long",
        "nb_acteurs": "1",
    }


def test_any_row_in_error_imports_nothing_and_names_the_row(tmp_path, form):
    rows = [
        HEADER,
        ["", "", "P00001", "oui", "elus", "34", "4", "", "1", ""],
        ["", "", "P00002", "peut-être", "elus", "17", "4", "", "2", ""],
        ["", "", "P00003", "oui", "elus", "30", "1", "", "3", ""],
    ]
    err = StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "missions_responses_import",
            write(tmp_path, export_csv(rows), "export.csv"),
            "--form",
            str(form.pk),
            "--participant-column",
            "Participant",
            stdout=StringIO(),
            stderr=err,
        )
    assert error.value.returncode == 1
    assert err.getvalue().splitlines() == [
        "Ligne 3, question q1 : Ce n'est pas l'un des choix proposés. (peut-être)",
        "Ligne 3, question age : Cette réponse n'est pas acceptée. (17)",
        # "Pourquoi ?" is asked (satisfaction 1 <= 2) and required.
        "Ligne 4, question pourquoi : Cette question est obligatoire. ()",
    ]
    assert Response.objects.count() == 0


def test_a_second_import_replaces_the_response_and_is_audited(tmp_path, form):
    first = [HEADER, ["", "", "P00001", "non", "elus", "34", "4", "", "1", ""]]
    second = [HEADER, ["", "", "P00001", "oui", "elus societe", "34", "4", "", "1", ""]]
    run(
        "missions_responses_import",
        write(tmp_path, export_csv(first), "a.csv"),
        "--form",
        str(form.pk),
        "--participant-column",
        "Participant",
    )
    out, _ = run(
        "missions_responses_import",
        write(tmp_path, export_csv(second), "b.csv"),
        "--form",
        str(form.pk),
        "--participant-column",
        "Participant",
    )
    assert out == "rows 1, imported 1, unmatched 0, errors 0\n"
    assert list(Response.objects.values_list("score", flat=True)) == [100.0]
    assert AuditEntry.objects.filter(action="replace_response", object_id=form.pk).count() == 1


def test_the_same_participant_twice_in_a_file_is_an_error(tmp_path, form):
    rows = [
        HEADER,
        ["", "", "P00001", "non", "elus", "34", "4", "", "1", ""],
        ["", "", "p00001", "oui", "elus", "34", "4", "", "1", ""],
    ]
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "missions_responses_import",
            write(tmp_path, export_csv(rows), "a.csv"),
            "--form",
            str(form.pk),
            "--participant-column",
            "Participant",
            stdout=StringIO(),
            stderr=err,
        )
    assert err.getvalue() == "Ligne 3 : le même participant qu'à la ligne 2.\n"
    assert Response.objects.count() == 0
