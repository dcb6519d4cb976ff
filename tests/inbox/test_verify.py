"""``nidaa applications verify``: every stored file re-hashed against its row,
missing files and files no row names (orphans) reported, old orphans removed
on request."""

import hashlib
import io
import json
import os
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from nidaa.applications.models import ApplicationFile
from nidaa.applications.services import submit_application
from nidaa.cli import main as nidaa_main
from nidaa.inbox.integrity import verify_storage
from nidaa.inbox.models import InboundMessage
from tests.applications.conftest import PDF, docx_bytes, docx_upload, pdf_upload
from tests.factories import UserFactory

RAW_MESSAGE = (
    b"From: amina@example.org\r\nSubject: Candidature\r\nMessage-ID: <1@example.org>\r\n\r\nBonjour\r\n"
)
# A fixed clock for the tests that print an orphan's age.
NOW = datetime(2026, 1, 5, 12, 30, tzinfo=UTC)


def verify(*args: str) -> tuple[int, str]:
    """Run the command; (exit status, stdout)."""
    out = io.StringIO()
    try:
        call_command("applications_verify", *args, stdout=out)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue()
    return 0, out.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def version(open_call, applicant):
    return submit_application(
        call=open_call, applicant=applicant, files={"cv": pdf_upload(), "cover_letter": docx_upload()}
    )


@pytest.fixture
def message(open_call):
    digest = sha(RAW_MESSAGE)
    name = default_storage.save(f"mail/{digest[:2]}/{digest}.eml", ContentFile(RAW_MESSAGE))
    return InboundMessage.objects.create(
        organization=open_call.organization,
        message_id="<1@example.org>",
        sha256=digest,
        raw=name,
        size=len(RAW_MESSAGE),
        received_at=timezone.now(),
        received_source="import",
    )


def stored_cv(version) -> ApplicationFile:
    return version.files.get(piece="cv")


def orphan(name: str, data: bytes, modified: datetime) -> str:
    saved = default_storage.save(name, ContentFile(data))
    os.utime(default_storage.path(saved), (modified.timestamp(), modified.timestamp()))
    return saved


def test_clean_storage_exits_0_with_a_summary(version, message):
    status, out = verify()

    total = len(PDF) + len(docx_bytes()) + len(RAW_MESSAGE)
    assert status == 0
    assert out == f"3 files checked (3 rows, {total} bytes): 0 mismatched, 0 missing, 0 orphaned\n"


def test_cli_maps_applications_verify_to_the_command(version, capsys):
    assert nidaa_main(["applications", "verify"]) == 0
    assert capsys.readouterr().out.endswith("0 mismatched, 0 missing, 0 orphaned\n")


def test_a_flipped_byte_is_reported_as_a_mismatch_with_the_rows_ids(version):
    cv = stored_cv(version)
    path = default_storage.path(cv.file.name)
    with open(path, "r+b") as handle:
        handle.seek(3)
        handle.write(b"X")
    flipped = PDF[:3] + b"X" + PDF[4:]

    status, out = verify()

    assert status == 1
    assert out.splitlines()[0] == (
        f"mismatch  {cv.file.name}  application file (id {cv.pk}, application_id {version.application_id}, "
        f"version_id {version.pk}): expected sha256 {sha(PDF)}, found {sha(flipped)}"
    )
    assert out.splitlines()[1].endswith(": 1 mismatched, 0 missing, 0 orphaned")


def test_a_row_whose_file_is_gone_is_reported_missing(version, message):
    cv = stored_cv(version)
    default_storage.delete(cv.file.name)
    default_storage.delete(message.raw.name)

    status, out = verify()

    assert status == 1
    assert out.splitlines() == [
        f"missing   {cv.file.name}  application file (id {cv.pk}, application_id {version.application_id}, "
        f"version_id {version.pk})",
        f"missing   {message.raw.name}  inbound message (id {message.pk}, "
        f"organization_id {message.organization_id})",
        f"1 files checked (3 rows, {len(docx_bytes())} bytes): 0 mismatched, 2 missing, 0 orphaned",
    ]


def test_a_file_no_row_names_is_reported_as_an_orphan_with_size_and_age(version, monkeypatch):
    name = orphan("applications/ab/abcdef", b"x" * 2048, NOW - timedelta(minutes=30))
    monkeypatch.setattr(timezone, "now", lambda: NOW)

    status, out = verify()

    assert status == 1
    assert out.splitlines()[0] == f"orphan    {name}  (2.0 KB, 30 min old)"
    assert out.splitlines()[1].endswith(": 0 mismatched, 0 missing, 1 orphaned")
    assert default_storage.exists(name)


def test_delete_orphans_older_than_removes_only_the_old_ones(version, monkeypatch):
    old = orphan("applications/aa/old", b"old", NOW - timedelta(minutes=11))
    young = orphan("mail/bb/young.eml", b"young", NOW - timedelta(minutes=9))
    monkeypatch.setattr(timezone, "now", lambda: NOW)

    status, out = verify("--delete-orphans-older-than", "10")

    assert out.splitlines()[:2] == [
        f"orphan    {old}  (3 bytes, 11 min old, deleted)",
        f"orphan    {young}  (5 bytes, 9 min old)",
    ]
    assert out.splitlines()[2].endswith(": 0 mismatched, 0 missing, 2 orphaned (1 deleted)")
    assert not default_storage.exists(old)
    assert default_storage.exists(young)
    # The young one may be an upload in flight: still a problem, not removed.
    assert status == 1
    assert verify("--delete-orphans-older-than", "0")[0] == 0
    assert not default_storage.exists(young)


def test_referenced_files_are_never_deleted_as_orphans(version, message):
    status, _out = verify("--delete-orphans-older-than", "0")

    assert status == 0
    for item in version.files.all():
        assert default_storage.exists(item.file.name)
    assert default_storage.exists(message.raw.name)


def test_json_output_is_one_object_per_problem_then_the_summary(version, message, monkeypatch):
    cv = stored_cv(version)
    with open(default_storage.path(cv.file.name), "ab") as handle:
        handle.write(b"tail")
    default_storage.delete(message.raw.name)
    stray = orphan("mail/cd/stray.eml", b"stray", NOW - timedelta(minutes=5))
    monkeypatch.setattr(timezone, "now", lambda: NOW)

    status, out = verify("--json")

    assert status == 1
    assert [json.loads(line) for line in out.splitlines()] == [
        {
            "kind": "mismatch",
            "path": cv.file.name,
            "row": "application_file",
            "ids": {"id": cv.pk, "application_id": version.application_id, "version_id": version.pk},
            "expected_sha256": sha(PDF),
            "actual_sha256": sha(PDF + b"tail"),
            "size": len(PDF) + 4,
            "modified_at": None,
            "age_seconds": None,
            "deleted": False,
        },
        {
            "kind": "missing",
            "path": message.raw.name,
            "row": "inbound_message",
            "ids": {"id": message.pk, "organization_id": message.organization_id},
            "expected_sha256": "",
            "actual_sha256": "",
            "size": None,
            "modified_at": None,
            "age_seconds": None,
            "deleted": False,
        },
        {
            "kind": "orphan",
            "path": stray,
            "row": "",
            "ids": {},
            "expected_sha256": "",
            "actual_sha256": "",
            "size": 5,
            "modified_at": "2026-01-05T12:25:00+00:00",
            "age_seconds": 300,
            "deleted": False,
        },
        {
            "kind": "summary",
            "rows_checked": 3,
            "files_checked": 2,
            "bytes_checked": len(PDF) + 4 + len(docx_bytes()),
            "problems": {"mismatch": 1, "missing": 1, "orphan": 1},
            "orphans_deleted": 0,
            "clean": False,
        },
    ]


def test_a_file_shared_by_two_applications_is_read_once_and_is_no_orphan(open_call, version):
    other = UserFactory(username="karim")
    submit_application(
        call=open_call, applicant=other, files={"cv": pdf_upload(), "cover_letter": docx_upload()}
    )

    report = verify_storage()

    assert report.problems == []
    assert (report.rows_checked, report.files_checked) == (4, 2)
    assert report.bytes_checked == len(PDF) + len(docx_bytes())


def test_files_outside_the_application_folders_are_left_alone(version):
    default_storage.save("tors/ab/some-tor.pdf", ContentFile(PDF))

    assert verify_storage(delete_orphans_older_than=timedelta(0)).problems == []
    assert default_storage.exists("tors/ab/some-tor.pdf")


def test_works_on_a_storage_without_local_paths(settings, open_call, applicant):
    # InMemoryStorage has no path(): it stands for S3-style storages here.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    version = submit_application(
        call=open_call, applicant=applicant, files={"cv": pdf_upload(), "cover_letter": docx_upload()}
    )
    default_storage.save("applications/zz/stray", ContentFile(b"stray"))
    default_storage.delete(version.files.get(piece="cover_letter").file.name)

    report = verify_storage(delete_orphans_older_than=timedelta(0))

    assert [(p.kind, p.path, p.deleted) for p in report.problems] == [
        ("missing", version.files.get(piece="cover_letter").file.name, False),
        ("orphan", "applications/zz/stray", True),
    ]
    assert not default_storage.exists("applications/zz/stray")
