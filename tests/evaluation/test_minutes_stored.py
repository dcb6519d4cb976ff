"""The minutes are printed once per records version and kept in the storage:
the next downloads read the kept file; any change to the records makes a new
one and drops the old; with a worker, the decision queues the printing."""

from __future__ import annotations

from unittest import mock

from django.core.files.storage import default_storage
from django.urls import reverse

from nidaa.evaluation import decisions, minutes
from nidaa.evaluation.committee import unassign_evaluator
from nidaa.evaluation.decisions import close_financial, close_technical, import_prices
from nidaa.evaluation.minutes import generate_minutes, stored_minutes
from nidaa.evaluation.results import records_version, touch
from nidaa.evaluation.sheets import import_scores
from tests.conftest import client_for
from tests.evaluation.conftest import score_rows
from tests.evaluation.test_minutes import decided, numbered, pdf_text  # noqa: F401 (fixture)


def kept(call_id):
    folder = f"evaluation/minutes/{call_id}"
    return sorted(default_storage.listdir(folder)[1]) if default_storage.exists(folder) else []


def test_the_download_prints_once_then_serves_the_kept_file(decided, call, committee):  # noqa: F811
    url = reverse("evaluation:minutes", args=[call.pk, "ar", "pdf"])
    with mock.patch.object(minutes, "minutes_pdf", wraps=minutes.minutes_pdf) as printer:
        first = client_for(committee["c"]).get(url)
        again = client_for(committee["c"]).get(url)
    assert (first.status_code, again.status_code, printer.call_count) == (200, 200, 1)
    assert b"".join(first.streaming_content) == b"".join(again.streaming_content)
    assert kept(call.pk) == [f"{minutes.LAYOUT}-{records_version(decided)}-ar.pdf"]


def test_a_change_to_the_records_prints_anew_and_drops_the_old_file(decided, call):  # noqa: F811
    before = stored_minutes(decided, "fr", "pdf")
    old_version = records_version(decided)
    decided.decision_note = "Le comité retient R2 à l'unanimité."
    decided.save(update_fields=["decision_note"])
    touch(call_id=call.pk)
    after = stored_minutes(decided, "fr", "pdf")
    assert "Le comité retient R2 à l'unanimité." in pdf_text(after)
    assert "Le comité retient R2 à l'unanimité." not in pdf_text(before)
    assert kept(call.pk) == [f"{minutes.LAYOUT}-{records_version(decided)}-fr.pdf"]
    assert records_version(decided) != old_version


def test_the_task_prints_every_language_and_format(decided, call):  # noqa: F811
    assert generate_minutes(call_id=call.pk) == 6
    version = records_version(decided)
    assert kept(call.pk) == sorted(
        f"{minutes.LAYOUT}-{version}-{language}.{fmt}"
        for language in ("fr", "ar", "en")
        for fmt in ("pdf", "docx")
    )


def test_an_undecided_evaluation_prints_nothing(call, graded):
    assert generate_minutes(call_id=call.pk) == 0
    assert kept(call.pk) == []


def test_with_a_worker_the_decision_queues_the_printing(
    call, graded, applications, settings, django_capture_on_commit_callbacks
):
    import_scores(call=call, rows=numbered(score_rows(), ("evaluator", "application", "criterion", "score", "comment", "conflict")), actor=None)  # fmt: skip
    close_technical(call=call, actor=None)
    import_prices(call=call, rows=numbered([["R1", "200000", "MAD", ""], ["R2", "150000", "MAD", ""]], ("application", "amount", "currency", "rate")), actor=None)  # fmt: skip
    settings.HUEY = {**settings.HUEY, "immediate": False}
    with (
        mock.patch.object(decisions, "generate_minutes_task") as task,
        mock.patch.object(decisions, "send_outcome_notices_task"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        close_financial(call=call, actor=None)
    task.assert_called_once_with(call.pk)


def test_a_change_of_committee_prints_anew(decided, call, committee):  # noqa: F811
    stored_minutes(decided, "fr", "pdf")
    before = records_version(decided)
    unassign_evaluator(call=call, evaluator=committee["b"], actor=None)
    assert records_version(decided) != before
    assert "B Évaluateur" not in pdf_text(stored_minutes(decided, "fr", "pdf"))
