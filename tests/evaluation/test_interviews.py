"""The interview stage of a staff post, stored and driven through the pages,
the command line and the minutes, on tests/scoring/test_interview.py's worked
example computed by hand (here b declared a conflict for R1, which leaves
R1's file score at 82: (25+26)/2 + (35+34)/2 + (20+24)/2).

Shortlist R1 (82) and R2 (79). Interview grid I1 /60, I2 /40, weights 40/60:
- R1: a 40/30, c 44/26 (b conflicted) -> 42, 28 -> 70; final 0.4 x 82 + 0.6 x 70 = 74.8
- R2: a 50/35, b 54/37 (c conflicted) -> 52, 36 -> 88; final 0.4 x 79 + 0.6 x 88 = 84.4
R2 is retained, R1 ranked 2nd; R3 (50) is under the pass mark, R4 eliminated.
"""

from __future__ import annotations

import html
import io
import json
import re
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import docx
import pytest
from django.core import mail
from django.urls import reverse

from nidaa.cli import main
from nidaa.common.models import AuditEntry
from nidaa.evaluation.grids import parse_grid_spec, set_grid
from nidaa.evaluation.interviews import close_interviews, schedule_interview, score_interview, shortlist
from nidaa.evaluation.minutes import minutes_docx, minutes_pdf
from nidaa.evaluation.models import Evaluation, Interview, InterviewScore, Outcome, Stage
from nidaa.evaluation.results import compute_results, result_line
from tests.conftest import client_for
from tests.evaluation.conftest import GRID

# Autouse here too: a command run in a test must not close the test's connection.
from tests.evaluation.test_cli import _keep_the_test_connection  # noqa: F401
from tests.evaluation.test_minutes import pdf_text, squeeze
from tests.evaluation.test_pages import PERSONAS, imported

STAFF_GRID = {
    **GRID,
    "method": "cqs",
    "interview": {
        "file_weight": 40,
        "interview_weight": 60,
        "criteria": [
            {"code": "I1", "label": {"fr": "Motivation", "ar": "الحافز", "en": "Motivation"}, "max": 60},
            {
                "code": "I2",
                "label": {"fr": "Communication", "ar": "التواصل", "en": "Communication"},
                "max": 40,
            },
        ],
    },
}
INTERVIEWS = {
    ("a", "R1"): (40, 30),
    ("c", "R1"): (44, 26),
    ("a", "R2"): (50, 35),
    ("b", "R2"): (54, 37),
}
CASABLANCA = ZoneInfo("Africa/Casablanca")


@pytest.fixture
def staff(call, applications, people):
    set_grid(call=call, spec=parse_grid_spec(STAFF_GRID), actor=None)
    imported(call)
    return Evaluation.objects.get(call=call)


def interviewed(call, applications, people):
    shortlist(call=call, receipts=["R1", "R2"], actor=None)
    for (name, receipt), (i1, i2) in INTERVIEWS.items():
        evaluator = people[{"a": "assigned", "b": "conflicted", "c": "chair"}[name]]
        score_interview(
            application=applications[receipt],
            evaluator=evaluator,
            entries={"I1": (str(i1), "Clair"), "I2": (str(i2), "")},
        )


def test_the_grid_file_carries_the_interview_and_shows_it_back(staff):
    from nidaa.evaluation.grids import spec_as_json, spec_of

    assert (staff.interview, staff.file_weight, staff.interview_weight) == (True, 40, 60)
    assert spec_as_json(spec_of(staff))["interview"] == {
        "file_weight": 40,
        "interview_weight": 60,
        "criteria": [
            {"code": "I1", "label": {"fr": "Motivation", "ar": "الحافز", "en": "Motivation"}, "max": 60},
            {
                "code": "I2",
                "label": {"fr": "Communication", "ar": "التواصل", "en": "Communication"},
                "max": 40,
            },
        ],
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"method": "qcbs"},
            "Une étape d'entretiens classe sur les notes du dossier et de l'entretien : la méthode est cqs",
        ),
        (
            {"interview": {**STAFF_GRID["interview"], "file_weight": 50}},
            "the file and interview weights must add up to 100",
        ),
    ],
)
def test_an_interview_grid_needs_cqs_and_weights_adding_up_to_100(change, message):
    from nidaa.evaluation.grids import GridSpecError

    with pytest.raises(GridSpecError, match=message):
        parse_grid_spec({**STAFF_GRID, **change})


def test_final_ranking_weighs_file_and_interview_on_the_worked_example(
    call, applications, people, staff, django_capture_on_commit_callbacks
):
    interviewed(call, applications, people)
    lines = {
        row.application.receipt_number: result_line(row, interview=True)
        for row in compute_results(staff).rows
    }
    assert [
        (r, lines[r]["technical_score"], lines[r]["shortlisted"], lines[r]["interview_score"],
         lines[r]["combined_score"], lines[r]["rank"], lines[r]["decision"])
        for r in lines
    ] == [
        ("R2", 79.0, True, 88.0, 84.4, 1, "retained"),
        ("R1", 82.0, True, 70.0, 74.8, 2, "ranked"),
        ("R4", 100.0, False, None, None, None, "eliminated"),
        ("R3", 50.0, False, None, None, None, "not_qualified"),
    ]  # fmt: skip
    assert lines["R1"]["interview_criteria"] == {
        "I1": {"mean": 42.0, "spread": 4.0},
        "I2": {"mean": 28.0, "spread": 4.0},
    }
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = close_interviews(call=call, actor=None, note="Poste attribué à R2.")
    assert sorted((o.application.receipt_number, o.decision, o.rank, o.interview_score, o.combined_score) for o in outcomes) == [
        ("R1", "ranked", 2, 70, Decimal("74.80")),
        ("R2", "retained", 1, 88, Decimal("84.40")),
        ("R3", "not_qualified", None, None, None),
        ("R4", "eliminated", None, None, None),
    ]  # fmt: skip
    staff.refresh_from_db()
    assert staff.stage == Stage.DECIDED
    assert list(AuditEntry.objects.filter(action__in=["shortlist", "close_interviews"]).values_list("action", flat=True).order_by("pk")) == ["shortlist", "close_interviews"]  # fmt: skip
    # The retained candidate's notice gives both scores and the final one.
    notice = next(m for m in mail.outbox if m.to == [applications["R2"].applicant_email])
    assert "Note d'entretien : 88,00 / 100" in notice.body
    assert "Note finale : 84,40 / 100" in notice.body


def test_shortlisting_refuses_the_unqualified_and_closing_waits_for_every_interview(
    call, applications, people, staff
):
    from nidaa.evaluation.errors import EvaluationError

    with pytest.raises(
        EvaluationError,
        match="Seules les candidatures techniquement qualifiées peuvent être retenues sur la liste restreinte : R3.",
    ):
        shortlist(call=call, receipts=["R1", "R3"], actor=None)
    assert not Interview.objects.exists()
    shortlist(call=call, receipts=["R1", "R2"], actor=None)
    score_interview(
        application=applications["R2"],
        evaluator=people["assigned"],
        entries={"I1": ("50", ""), "I2": ("35", "")},
    )
    with pytest.raises(
        EvaluationError,
        match="Toutes les personnes de la liste restreinte n'ont pas encore de note d'entretien : R1.",
    ):
        close_interviews(call=call, actor=None)
    with pytest.raises(
        EvaluationError, match="Votre fiche d'entretien pour cette candidature est déjà soumise."
    ):
        score_interview(
            application=applications["R2"],
            evaluator=people["assigned"],
            entries={"I1": ("1", ""), "I2": ("1", "")},
        )
    with pytest.raises(EvaluationError, match="Déclarez d'abord que vous n'avez pas de conflit d'intérêts"):
        score_interview(
            application=applications["R1"],
            evaluator=people["conflicted"],
            entries={"I1": ("1", ""), "I2": ("1", "")},
        )
    with pytest.raises(EvaluationError, match="La fiche d'entretien n'est pas complète.") as refused:
        score_interview(
            application=applications["R1"],
            evaluator=people["chair"],
            entries={"I1": ("61", ""), "I2": ("", "")},
        )
    assert refused.value.problems == [
        "I1: la note 61 dépasse le maximum de I1 (60)",
        "I2: la note '' n'est pas un nombre",
    ]
    assert InterviewScore.objects.count() == 2


INTERVIEW_PAGES = {
    # page: statuses for PERSONAS (owner, member, chair, assigned, conflicted, unassigned, applicant, outsider, anonymous)
    "interviews": (200, 200, 200, 200, 200, 404, 404, 404, 302),
    "interview_sheet": (404, 404, 200, 200, 404, 404, 404, 404, 302),
}


@pytest.mark.parametrize("page", sorted(INTERVIEW_PAGES))
def test_permission_matrix_of_the_interview_pages(page, call, applications, people, staff):
    shortlist(call=call, receipts=["R1", "R2"], actor=None)
    url = (
        reverse("evaluation:interviews", args=[call.pk])
        if page == "interviews"
        else reverse("evaluation:interview_sheet", args=[applications["R1"].pk])
    )
    statuses = tuple(client_for(people[persona]).get(url).status_code for persona in PERSONAS)
    assert dict(zip(PERSONAS, statuses, strict=True)) == dict(
        zip(PERSONAS, INTERVIEW_PAGES[page], strict=True)
    )


def test_an_application_off_the_shortlist_has_no_interview_sheet(call, applications, people, staff):
    shortlist(call=call, receipts=["R2"], actor=None)
    url = reverse("evaluation:interview_sheet", args=[applications["R1"].pk])
    assert client_for(people["chair"]).get(url).status_code == 404


def test_a_call_without_interview_stage_has_no_interview_page(call, graded, people):
    assert (
        client_for(people["chair"]).get(reverse("evaluation:interviews", args=[call.pk])).status_code == 404
    )


@pytest.mark.parametrize("persona", ["owner", "member", "assigned", "conflicted"])
def test_only_the_chair_shortlists_schedules_and_closes(persona, call, applications, people, staff):
    url = reverse("evaluation:interviews", args=[call.pk])
    response = client_for(people[persona]).post(url, {"action": "shortlist", "receipt": ["R1", "R2"]})
    assert response.status_code == 404
    staff.refresh_from_db()
    assert (staff.stage, Interview.objects.count()) == (Stage.SCORING, 0)


def test_the_committee_runs_the_interviews_in_the_pages(
    call, applications, people, staff, django_capture_on_commit_callbacks
):
    r1, r2 = applications["R1"], applications["R2"]
    r2.languages = ["ar"]
    r2.save(update_fields=["languages"])
    chair = client_for(people["chair"])
    url = reverse("evaluation:interviews", args=[call.pk])
    page = chair.get(url).content.decode()
    assert page.count('name="receipt"') == 2  # the qualified: R1 and R2
    assert chair.post(url, {"action": "shortlist", "receipt": ["R1", "R2"]}).status_code == 302
    staff.refresh_from_db()
    assert staff.stage == Stage.INTERVIEW
    # The time typed is Morocco's, said so in the reader's language (not "Africa/Casablanca").
    assert '<label for="i-starts">Date et heure (heure du Maroc)</label>' in chair.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        chair.post(
            url,
            {
                "action": "schedule",
                "application": r1.pk,
                "starts_at": "2027-01-12T10:30",
                "place": "Siège, Rabat",
            },
        )
        chair.post(
            url,
            {
                "action": "schedule",
                "application": r2.pk,
                "starts_at": "2027-01-12T11:30",
                "online_link": "https://visio.exemple.ma/r2",
            },
        )
    interview = Interview.objects.get(application=r1)
    assert interview.starts_at == datetime(2027, 1, 12, 10, 30, tzinfo=CASABLANCA)
    french, arabic = mail.outbox
    assert (french.to, french.subject) == (
        [r1.applicant_email],
        "Entretien pour votre candidature à « Recrutement de formateurs en égalité de genre »",
    )
    assert "Date et heure : 12 janvier 2027, 10:30" in french.body
    assert "Lieu : Siège, Rabat" in french.body
    assert arabic.to == [r2.applicant_email] and arabic.extra_headers["Content-Language"] == "ar"
    assert "التاريخ والوقت: 12 يناير 2027، 11:30" in arabic.body
    assert "عن بُعد: https://visio.exemple.ma/r2" in arabic.body
    # Each evaluator scores from the page (b declared a conflict for R1, c for R2).
    for persona, receipt in (("assigned", "R1"), ("chair", "R1"), ("assigned", "R2"), ("conflicted", "R2")):
        name = {"assigned": "a", "conflicted": "b", "chair": "c"}[persona]
        i1, i2 = INTERVIEWS[(name, receipt)]
        sheet = reverse("evaluation:interview_sheet", args=[applications[receipt].pk])
        response = client_for(people[persona]).post(
            sheet, {"points-I1": str(i1), "points-I2": str(i2), "comment-I1": "Bon"}
        )
        assert response.status_code == 302
    page = chair.get(url).content.decode()
    text = html.unescape(squeeze(re.sub(r"<[^>]+>", " ", page)))
    # The chair's own column: R1 submitted, R2 their conflict.
    assert (text.count("Déposée"), text.count("Conflit d'intérêts déclaré")) == (1, 1)
    chair.post(url, {"action": "close", "note": "Poste attribué."})
    staff.refresh_from_db()
    assert staff.stage == Stage.DECIDED
    assert Outcome.objects.get(application=r2).decision == "retained"
    results = chair.get(reverse("evaluation:results", args=[call.pk])).content.decode()
    assert '<th scope="col">Note d\'entretien</th><th scope="col">Note finale</th>' in results


def test_the_command_line_shortlists_every_qualified_and_decides(capsys, call, applications, people, staff):
    assert main(["evaluation", "close", "--call", str(call.pk), "--stage", "technical"]) == 0
    assert sorted(Interview.objects.values_list("application__receipt_number", flat=True)) == ["R1", "R2"]
    for (name, receipt), (i1, i2) in INTERVIEWS.items():
        evaluator = people[{"a": "assigned", "b": "conflicted", "c": "chair"}[name]]
        score_interview(
            application=applications[receipt],
            evaluator=evaluator,
            entries={"I1": (str(i1), ""), "I2": (str(i2), "")},
        )
    capsys.readouterr()
    assert main(["evaluation", "close", "--call", str(call.pk), "--stage", "interview"]) == 0
    assert capsys.readouterr().out.strip() == f"evaluation of call {call.pk} decided; retained: R2"
    assert main(["evaluation", "results", "--call", str(call.pk), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first = data["applications"][0]
    assert (first["receipt"], first["shortlisted"], first["interview_score"], first["combined_score"], first["decision"]) == ("R2", True, 88.0, 84.4, "retained")  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_minutes_show_the_shortlist_and_the_interviews(language, call, applications, people, staff):
    interviewed(call, applications, people)
    schedule_interview(
        application=applications["R1"],
        starts_at=datetime(2027, 1, 12, 10, 30, tzinfo=CASABLANCA),
        place="Rabat",
        actor=None,
    )
    close_interviews(call=call, actor=None)
    text = squeeze(pdf_text(minutes_pdf(staff, language)))
    expected = {
        "fr": ["Liste restreinte et entretiens", "Note finale = 40 % note du dossier + 60 % note d'entretien",
               "I1 44.00 40.00 — → 42.00", "Note d'entretien 70.00", "Note finale 74.80", "12 janvier 2027, 10:30"],
        "ar": ["القائمة المختصرة والمقابلات", "الحافز", "التواصل", "I1 44.00 40.00 — → 42.00", "74.80", "84.40",
               # a line mixing directions: pypdfium2 reads its runs in visual order
               "Rabat · 10:30 ،2027 يناير 12"],
    }[language]  # fmt: skip
    for fragment in expected:
        assert fragment in text
    document = docx.Document(io.BytesIO(minutes_docx(staff, language)))
    paragraphs = [p.text for p in document.paragraphs]
    assert {"fr": "Liste restreinte et entretiens", "ar": "القائمة المختصرة والمقابلات"}[
        language
    ] in paragraphs
    assert any(p.startswith("R1 · Salma Benali — ") and "42.00" in p and "74.80" in p for p in paragraphs)


def test_the_results_workbook_adds_the_interview_columns_and_scores(call, applications, people, staff):
    from openpyxl import load_workbook

    from nidaa.evaluation.exports import results_xlsx

    interviewed(call, applications, people)
    workbook = load_workbook(io.BytesIO(results_xlsx(compute_results(staff))), read_only=True)
    results, _scores, interviews = workbook.worksheets
    rows = list(results.iter_rows(values_only=True))
    assert rows[0][-4:] == ("Rang", "Décision", "Retenu sur la liste restreinte", "Note d'entretien")
    assert rows[1][0:2] + rows[1][-4:] == ("R2", "Youssef El Idrissi", 1, "retained", "oui", 88)
    assert interviews.title == "Notes d'entretien"
    # In the order the applications came (R2 before R1), then by evaluator.
    assert list(interviews.iter_rows(values_only=True))[1] == ("R2", "a@committee.ma", "I1", 50, "Clair")


def test_in_blind_mode_the_shortlist_form_shows_receipts_only(call, applications, people):
    set_grid(call=call, spec=parse_grid_spec({**STAFF_GRID, "blind": True}), actor=None)
    imported(call)
    page = client_for(people["chair"]).get(reverse("evaluation:interviews", args=[call.pk])).content.decode()
    assert page.count('name="receipt"') == 2
    assert "Salma Benali" not in page and "Youssef El Idrissi" not in page


def test_the_grid_editor_sets_and_shows_the_interview_stage(call, member):
    data = {
        "method": "cqs", "technical_weight": "70", "financial_weight": "30", "pass_mark": "60", "budget": "",
        "disagreement_percent": "20", "retain": "1",
        "code": ["C1", ""], "label_fr": ["Profil", ""], "label_ar": ["المؤهلات", ""], "label_en": ["Profile", ""],
        "max": ["100", ""], "parent": ["", ""],
        "interview": "on", "file_weight": "30", "interview_weight": "70",
        "i_code": ["I1", "I2", ""], "i_label_fr": ["Motivation", "Communication", ""],
        "i_label_ar": ["الحافز", "التواصل", ""], "i_label_en": ["Motivation", "Communication", ""],
        "i_max": ["50", "50", ""],
    }  # fmt: skip
    url = reverse("evaluation:grid", args=[call.pk])
    assert client_for(member).post(url, data).status_code == 302
    evaluation = Evaluation.objects.get(call=call)
    assert (evaluation.interview, evaluation.file_weight, evaluation.interview_weight) == (True, 30, 70)
    assert list(evaluation.interview_criteria.values_list("code", "max_points", "label_ar")) == [
        ("I1", Decimal(50), "الحافز"),
        ("I2", Decimal(50), "التواصل"),
    ]
    page = client_for(member).get(url)
    assert [row["code"] for row in page.context["interview_rows"]] == ["I1", "I2", "", "", "", ""]
    assert '<input type="checkbox" name="interview" checked>' in page.content.decode()
    # Unticked, the stage goes.
    data.pop("interview")
    assert client_for(member).post(url, data).status_code == 302
    evaluation.refresh_from_db()
    assert (evaluation.interview, evaluation.interview_criteria.count()) == (False, 0)


def test_the_refused_receipts_are_listed_as_arabic_writes_a_list(call, applications, people, staff):
    from django.utils import translation

    from nidaa.evaluation.errors import EvaluationError

    with translation.override("ar"):
        with pytest.raises(EvaluationError) as refused:
            shortlist(call=call, receipts=["R1", "R3", "R4"], actor=None)
        expected = translation.gettext("Only the technically qualified can be shortlisted: %(receipts)s.")
    assert str(refused.value) == expected % {"receipts": "R3، R4"}
