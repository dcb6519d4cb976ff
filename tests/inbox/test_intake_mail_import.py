import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command

from nidaa.applications.models import Application
from nidaa.inbox.models import InboundMessage
from tests.inbox.mail_fixtures import (
    DEADLINE,
    SUBJECT,
    as_bytes,
    build_message,
    complete_attachments,
    mbox_bytes,
    pdf_bytes,
)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("mail_import", *args, stdout=out, stderr=err)
    except CommandError as raised:
        error = raised
    return out.getvalue(), err.getvalue(), error


@pytest.fixture
def mailbox_file(tmp_path):
    """An mbox of four messages: complete on time, the same one again, one
    incomplete delivered after the deadline (its Date header says before), one
    for no call."""
    on_time = DEADLINE - timedelta(hours=1)
    complete = as_bytes(
        build_message(subject=SUBJECT, attachments=complete_attachments(), message_id="<a@x>")
    )
    late = as_bytes(
        build_message(
            subject=SUBJECT,
            sender=("Youssef Benali", "youssef@example.net"),
            # "From " at the start of a body line must survive the mbox quoting.
            body="Bonjour,\nFrom Rabat, voici mon CV.\n",
            date=DEADLINE - timedelta(minutes=5),
            attachments=[("CV Youssef.pdf", pdf_bytes("y"))],
            message_id="<b@x>",
        )
    )
    stray = as_bytes(build_message(subject="Question", to=["info@example.org"], message_id="<c@x>"))
    path = tmp_path / "inbox.mbox"
    path.write_bytes(
        mbox_bytes(
            [
                (complete, on_time),
                (complete, on_time),
                (late, DEADLINE + timedelta(minutes=2)),
                (stray, on_time),
            ]
        )
    )
    return path


def test_mbox_import_files_flags_and_triages_with_a_summary(org, call, mailbox_file):
    out, err, error = run(str(mailbox_file), "--org", org.slug)

    assert (err, error) == ("", None)
    assert out.splitlines() == [
        f"{mailbox_file}: 4 messages",
        "read 4 · new 3 · duplicates 1 · filed 2 · late 1 · incomplete 1 · triage 1 · failed 0",
    ]
    late = InboundMessage.objects.get(message_id="<b@x>")
    assert (late.received_at, late.received_source) == (DEADLINE + timedelta(minutes=2), "mbox")
    youssef = Application.objects.get(applicant_email="youssef@example.net")
    assert (youssef.is_late, youssef.missing_pieces) == (True, ["methodology_note", "financial_offer"])
    with late.raw.open("rb") as handle:
        raw = handle.read()
    assert b"\nFrom Rabat, voici mon CV." in raw
    assert b">From Rabat" not in raw


def test_importing_the_same_mbox_again_stores_nothing_new(org, call, mailbox_file):
    run(str(mailbox_file), "--org", org.slug)

    out, _err, error = run(str(mailbox_file), "--org", org.slug)

    assert error is None
    assert out.splitlines()[-1] == (
        "read 4 · new 0 · duplicates 4 · filed 0 · late 0 · incomplete 0 · triage 0 · failed 0"
    )
    assert InboundMessage.objects.count() == 3


def test_an_eml_file_is_read_as_one_message_received_by_its_header_time(org, call, tmp_path):
    received = datetime(2025, 1, 6, 20, 0, tzinfo=UTC)
    path = tmp_path / "candidature.eml"
    path.write_bytes(as_bytes(build_message(subject=SUBJECT, received=received)))

    out, err, error = run(str(path), "--org", org.slug)

    assert (err, error) == ("", None)
    message = InboundMessage.objects.get()
    assert (message.received_at, message.received_source, message.state) == (received, "received", "filed")


def test_bad_files_are_reported_one_by_one_and_the_others_still_imported(org, call, tmp_path, mailbox_file):
    corrupt = tmp_path / "scan.eml"
    corrupt.write_bytes(pdf_bytes("not a message"))
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.mbox"

    out, err, error = run(str(corrupt), str(missing), str(empty), str(mailbox_file), "--org", org.slug)

    assert err.splitlines() == [
        f"{corrupt}: error: not an e-mail message (no header block)",
        f"{missing}: error: no such file",
        f"{empty}: error: empty file",
    ]
    assert out.splitlines()[-1] == (
        "read 4 · new 3 · duplicates 1 · filed 2 · late 1 · incomplete 1 · triage 1 · failed 0"
    )
    assert str(error) == "3 of 4 files could not be imported"
    assert InboundMessage.objects.count() == 3


def test_unknown_organisation_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="no such organisation"):
        call_command("mail_import", str(tmp_path / "x.mbox"), "--org", "nope")


def test_the_nidaa_cli_exit_status_is_1_when_a_file_failed(org, call, tmp_path):
    from nidaa.cli import main

    corrupt = tmp_path / "scan.eml"
    corrupt.write_bytes(b"\x00\x01binary")

    with pytest.raises(SystemExit) as excinfo:
        main(["mail", "import", str(corrupt), "--org", org.slug])

    assert excinfo.value.code == 1


def test_a_message_that_fails_is_reported_and_the_rest_of_the_mbox_imported(
    org, call, mailbox_file, monkeypatch
):
    from nidaa.inbox import writer

    real_save = writer.save_content_addressed

    def disk_full_for_the_late_one(name, content, **kwargs):
        if b"<b@x>" in content.read():
            raise OSError("disk full")
        return real_save(name, content, **kwargs)

    monkeypatch.setattr(writer, "save_content_addressed", disk_full_for_the_late_one)

    out, err, error = run(str(mailbox_file), "--org", org.slug)

    assert err.splitlines() == [f"{mailbox_file}: message 3: error: OSError('disk full')"]
    assert out.splitlines()[-1] == (
        "read 4 · new 2 · duplicates 1 · filed 1 · late 0 · incomplete 0 · triage 1 · failed 1"
    )
    assert str(error) == "1 of 4 messages could not be imported"
    assert sorted(InboundMessage.objects.values_list("message_id", flat=True)) == ["<a@x>", "<c@x>"]
