"""``nidaa evaluation ...``: the command-line contract, end to end on the
worked example (see conftest.py and tests/scoring/test_methods.py)."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core import mail
from django.db import connections
from openpyxl import load_workbook

from nidaa.calls.models import CallStatus
from nidaa.cli import main
from nidaa.common.models import AuditEntry
from nidaa.evaluation.decisions import moderate
from nidaa.evaluation.models import ConflictDeclaration, Evaluation, Outcome, Score, ScoreSheet, Stage
from tests.evaluation.conftest import GRID, SCORE_HEADER, score_rows, write_csv
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    # A management command run from the command line closes the database
    # connections when it ends; in a test that would end the test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)


def run(capsys, *args: str) -> tuple[int, str, str]:
    """``nidaa evaluation ARGS``, through the console script's dispatch."""
    try:
        code = main(["evaluation", *args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def results(capsys, call) -> dict:
    code, out, err = run(capsys, "results", "--call", str(call.pk), "--format", "json")
    assert (code, err) == (0, "")
    return json.loads(out)


def by_receipt(capsys, call) -> dict:
    return {line["receipt"]: line for line in results(capsys, call)["applications"]}


def test_grid_set_from_a_file_is_shown_in_the_same_shape(capsys, call, applications, grid_file):
    assert run(capsys, "grid", "--call", str(call.pk), str(grid_file))[0] == 0
    code, out, _err = run(capsys, "grid", "--call", str(call.pk), "--show")
    shown = json.loads(out)
    assert code == 0
    assert {key: shown[key] for key in GRID} == GRID | {"criteria": shown["criteria"]}
    assert [(c["code"], c.get("max"), c.get("eliminatory", False)) for c in shown["criteria"]] == [
        ("C1", 30, False), ("C2", 40, False), ("C3", 30, False), ("E1", None, True),
    ]  # fmt: skip
    assert shown["criteria"][1]["label"] == {"fr": "Méthodologie", "ar": "المنهجية", "en": "Methodology"}


def test_a_grid_whose_weights_do_not_add_up_is_refused(capsys, call, tmp_path):
    path = tmp_path / "grid.json"
    path.write_text(json.dumps(GRID | {"financial_weight": 20}))
    code, _out, err = run(capsys, "grid", "--call", str(call.pk), str(path))
    assert code == 1
    assert "the technical and financial weights must add up to 100" in err
    assert not Evaluation.objects.exists()


def test_the_grid_freezes_with_the_first_score_and_a_change_needs_a_reason(
    capsys, call, graded, scores_csv, tmp_path
):
    assert run(capsys, "scores", "import", str(scores_csv), "--call", str(call.pk))[0] == 0
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(GRID | {"pass_mark": 60}))
    code, _out, err = run(capsys, "grid", "--call", str(call.pk), str(changed))
    assert code == 1
    assert "changing the grid needs a reason" in err
    code, _out, _err = run(
        capsys, "grid", "--call", str(call.pk), str(changed), "--reason", "Erreur de saisie"
    )
    assert code == 0
    entry = AuditEntry.objects.filter(action="set_grid").order_by("-id").first()
    assert (entry.data["reason"], entry.data["before"]["pass_mark"], entry.data["after"]["pass_mark"]) == (
        "Erreur de saisie", 70, 60,
    )  # fmt: skip


def test_scores_import_then_results_follow_the_worked_example(capsys, call, graded, scores_csv):
    code, out, err = run(capsys, "scores", "import", str(scores_csv), "--call", str(call.pk))
    assert (code, out.strip(), err) == (0, "11 sheets, 44 scores, 1 conflicts imported", "")
    lines = by_receipt(capsys, call)
    # Nobody is ranked before the prices: every application by technical score.
    assert list(lines) == ["R4", "R1", "R2", "R3"]
    r1, r2, r3, r4 = (lines[r] for r in ("R1", "R2", "R3", "R4"))
    assert r1["criteria"]["C2"] == {
        "mean": 34.0,
        "median": 34.0,
        "spread": 2.0,
        "disagreement": False,
        "consensus": None,
    }
    assert r1["technical_score"] == 82.0
    assert r2["criteria"]["C1"] == {
        "mean": 24.0,
        "median": 24.0,
        "spread": 8.0,
        "disagreement": True,
        "consensus": None,
    }
    assert (r2["technical_score"], r2["qualified"]) == (79.0, True)
    assert (r3["technical_score"], r3["qualified"], r3["decision"]) == (50.0, False, "not_qualified")
    assert (r4["eliminated_by"], r4["decision"], r4["applicant"]) == (["E1"], "eliminated", "مريم العلوي")
    # Before the financial opening: no amount, no financial score.
    assert [(r["amount"], r["financial_score"], r["rank"]) for r in (r1, r2)] == [(None, None, None)] * 2
    assert set(r1) == {
        "receipt", "applicant", "compliant", "eliminated_by", "criteria", "technical_score", "qualified",
        "amount", "financial_score", "combined_score", "rank", "decision",
    }  # fmt: skip
    assert ConflictDeclaration.objects.filter(has_conflict=True).count() == 1


def test_the_full_committee_qcbs_70_30(
    capsys, call, graded, scores_csv, tmp_path, django_capture_on_commit_callbacks
):
    run(capsys, "scores", "import", str(scores_csv), "--call", str(call.pk))
    moderate(
        application=call.applications.get(receipt_number="R2"),
        criterion_code="C1",
        consensus="24",
        reason="Écart de 8 points discuté en séance",
        actor=None,
    )
    prices = write_csv(
        tmp_path / "prices.csv",
        ["application", "amount", "currency", "rate"],
        [["R1", "200000", "MAD", ""], ["R2", "15000", "EUR", "10"]],
    )
    code, _out, err = run(capsys, "prices", "import", str(prices), "--call", str(call.pk))
    assert code == 1
    assert "stay closed until the chair closes the technical evaluation" in err

    assert run(capsys, "close", "--call", str(call.pk), "--stage", "technical")[0] == 0
    assert run(capsys, "prices", "import", str(prices), "--call", str(call.pk))[:2] == (
        0,
        "2 amounts recorded\n",
    )
    with django_capture_on_commit_callbacks(execute=True):
        code, out, _err = run(capsys, "close", "--call", str(call.pk), "--stage", "financial", "--notify-all")
    assert (code, out.strip()) == (0, f"evaluation of call {call.pk} decided; retained: R2")

    lines = by_receipt(capsys, call)
    assert [(r, lines[r]["amount"], lines[r]["financial_score"], lines[r]["combined_score"], lines[r]["rank"], lines[r]["decision"]) for r in lines] == [
        ("R2", 150000.0, 100.0, 85.3, 1, "retained"),
        ("R1", 200000.0, 75.0, 79.9, 2, "ranked"),
        ("R4", None, None, None, None, "eliminated"),
        ("R3", None, None, None, None, "not_qualified"),
    ]  # fmt: skip
    assert lines["R2"]["criteria"]["C1"]["consensus"] == 24.0
    call.refresh_from_db()
    assert call.status == CallStatus.AWARDED
    assert Evaluation.objects.get(call=call).stage == Stage.DECIDED
    assert dict(Outcome.objects.values_list("application__receipt_number", "rank")) == {
        "R1": 2, "R2": 1, "R3": None, "R4": None,
    }  # fmt: skip
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        (a.applicant_email, subject)
        for a, subject in [
            (call.applications.get(receipt_number="R2"), f"Votre candidature à « {call.title} » est retenue"),
            *(
                (call.applications.get(receipt_number=r), f"Résultat de votre candidature à « {call.title} »")
                for r in ("R1", "R3", "R4")
            ),
        ]
    )
    assert "Rang : 2" in next(
        m.body
        for m in mail.outbox
        if m.to[0].startswith(call.applications.get(receipt_number="R1").applicant_email)
    )


def test_prices_for_an_unqualified_application_are_refused(capsys, call, graded, scores_csv, tmp_path):
    run(capsys, "scores", "import", str(scores_csv), "--call", str(call.pk))
    run(capsys, "close", "--call", str(call.pk), "--stage", "technical")
    prices = write_csv(
        tmp_path / "prices.csv",
        ["application", "amount", "currency"],
        [["R1", "200000", ""], ["R3", "90000", "MAD"]],
    )
    code, _out, err = run(capsys, "prices", "import", str(prices), "--call", str(call.pk))
    assert code == 1
    assert err.splitlines() == [
        "CommandError: Nothing was imported: 1 errors.",
        "row 3: R3 is not qualified: its offer stays closed",
    ]
    assert not call.applications.filter(financial_offer__isnull=False).exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ["x@nowhere.ma", "R1", "C1", "10", "", ""],
            "row 2: unknown evaluator 'x@nowhere.ma' (not on this call's committee)",
        ),
        (["a@committee.ma", "R9", "C1", "10", "", ""], "row 2: unknown application 'R9'"),
        (["a@committee.ma", "R1", "C9", "10", "", ""], "row 2: unknown criterion 'C9'"),
        (["a@committee.ma", "R1", "C1", "31", "", ""], "row 2: the score 31 is above the maximum of C1 (30)"),
        (["a@committee.ma", "R1", "C1", "-1", "", ""], "row 2: the score -1 is negative"),
        (["a@committee.ma", "R1", "C1", "dix", "", ""], "row 2: the score 'dix' is not a number"),
        (["a@committee.ma", "R1", "E1", "7", "", ""], "row 2: criterion E1 is eliminatory: pass or fail"),
        (["a@committee.ma", "R1", "C1", "10", "", "yes"], "row 2: a score where a conflict is declared"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_imported(capsys, call, graded, tmp_path, row, message):
    good = [r for r in score_rows() if r[1] != "R1" or r[0] != "a@committee.ma"]
    path = write_csv(tmp_path / "scores.csv", SCORE_HEADER, [row, *good])
    code, _out, err = run(capsys, "scores", "import", str(path), "--call", str(call.pk))
    assert code == 1
    assert message in err.splitlines()
    assert (ScoreSheet.objects.count(), Score.objects.count(), ConflictDeclaration.objects.count()) == (
        0,
        0,
        0,
    )


def test_an_incomplete_sheet_is_refused(capsys, call, graded, tmp_path):
    path = write_csv(tmp_path / "scores.csv", SCORE_HEADER, [["a@committee.ma", "R1", "C1", "10", "", ""]])
    code, _out, err = run(capsys, "scores", "import", str(path), "--call", str(call.pk))
    assert code == 1
    assert "row 2: the sheet starting here misses criteria C2, C3, E1" in err.splitlines()
    assert Score.objects.count() == 0


def test_scores_import_reads_xlsx(capsys, call, graded, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(SCORE_HEADER)
    for row in score_rows():
        sheet.append(
            [
                row[0],
                row[1],
                row[2],
                float(row[3]) if row[3] not in ("", "pass", "fail") else row[3],
                row[4],
                row[5],
            ]
        )
    path = tmp_path / "scores.xlsx"
    workbook.save(path)
    assert run(capsys, "scores", "import", str(path), "--call", str(call.pk))[:2] == (
        0, "11 sheets, 44 scores, 1 conflicts imported\n",
    )  # fmt: skip
    assert by_receipt(capsys, call)["R1"]["technical_score"] == 82.0


def test_results_as_jsonl_and_xlsx(capsys, call, graded, scores_csv, tmp_path):
    run(capsys, "scores", "import", str(scores_csv), "--call", str(call.pk))
    code, out, _err = run(capsys, "results", "--call", str(call.pk), "--format", "jsonl")
    assert code == 0
    assert [json.loads(line)["receipt"] for line in out.splitlines()] == ["R4", "R1", "R2", "R3"]
    target = tmp_path / "results.xlsx"
    assert run(capsys, "results", "--call", str(call.pk), "--format", "xlsx", "-o", str(target))[0] == 0
    workbook = load_workbook(io.BytesIO(target.read_bytes()), read_only=True)
    results_rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert results_rows[2][:8] == ("R1", "Salma Benali", "yes", None, 26, 34, 22, 82)
    assert len(list(workbook.worksheets[1].iter_rows(values_only=True))) == 1 + 44


def test_assign_invites_an_address_without_account(capsys, call, org, django_capture_on_commit_callbacks):
    from nidaa.accounts.models import Invitation, Membership
    from nidaa.accounts.services import accept_invitation

    with django_capture_on_commit_callbacks(execute=True):
        code, out, _err = run(
            capsys, "assign", "--call", str(call.pk), "nouvelle@experte.ma", "--chair", "a@committee.ma"
        )
    assert (code, out.splitlines()) == (0, ["nouvelle@experte.ma", "a@committee.ma (chair)"])
    # The organisation's invitation (the members page's), not an account made in advance.
    invitation = Invitation.objects.get(email="nouvelle@experte.ma")
    assert (invitation.organization_id, invitation.role, invitation.inviter) == (org.pk, "evaluator", None)
    assert [m.to for m in mail.outbox] == [["nouvelle@experte.ma"]]
    token = re.search(r"/accounts/invitations/([-\w]+)/", mail.outbox[0].body).group(1)
    # The previous chair (c) is no longer chair: one chair per call.
    assert list(
        call.evaluator_assignments.filter(is_chair=True).values_list("evaluator__email", flat=True)
    ) == ["a@committee.ma"]
    # Accepting the invitation seats the new member on the call's committee.
    user = UserFactory(email="nouvelle@experte.ma")
    accept_invitation(token=token, user=user)
    assert list(Membership.objects.filter(user=user).values_list("organization_id", "role")) == [
        (org.pk, "evaluator")
    ]
    assert call.evaluator_assignments.get(evaluator=user).is_chair is False


def test_assign_refuses_an_account_of_another_organisation(capsys, call, outsider):
    code, _out, err = run(capsys, "assign", "--call", str(call.pk), outsider.email)
    assert code == 1
    assert f"{outsider.email} has an account but is not a member of" in err
