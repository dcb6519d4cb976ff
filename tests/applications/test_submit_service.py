import hashlib
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nidaa.applications.models import Application, ApplicationStatus, ApplicationVersion
from nidaa.applications.services import (
    DeadlinePassed,
    IncompleteApplication,
    InvalidFiles,
    submit_application,
)
from nidaa.common.models import AuditEntry
from tests.applications.conftest import PDF, docx_bytes, docx_upload, pdf_upload


def _files():
    return {"cv": pdf_upload("CV Amina.pdf"), "cover_letter": docx_upload("../../etc/lettre.docx")}


def test_submission_stores_files_under_their_sha256_with_original_names_kept(call, applicant):
    version = submit_application(call=call, applicant=applicant, files=_files())

    application = version.application
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.channel == "web"
    assert application.receipt_number.startswith(f"NDA-{call.pk}-")
    assert len(application.receipt_number) == len(f"NDA-{call.pk}-") + 6
    stored = {f.piece: f for f in version.files.all()}
    cv_sha = hashlib.sha256(PDF).hexdigest()
    letter_sha = hashlib.sha256(docx_bytes()).hexdigest()
    assert stored["cv"].file.name == f"applications/{cv_sha[:2]}/{cv_sha}"
    assert stored["cv"].original_name == "CV Amina.pdf"
    assert stored["cv"].content_type == "pdf"
    assert stored["cv"].size == len(PDF)
    assert stored["cover_letter"].file.name == f"applications/{letter_sha[:2]}/{letter_sha}"
    assert stored["cover_letter"].original_name == "lettre.docx"
    assert stored["cover_letter"].content_type == "docx"
    with default_storage.open(stored["cv"].file.name) as handle:
        assert handle.read() == PDF
    entry = AuditEntry.objects.get(object_type="applications.application", object_id=application.pk)
    assert (entry.action, entry.from_state, entry.to_state) == ("submit", "draft", "submitted")


def test_late_submission_is_refused_even_if_the_form_was_opened_before(call, applicant):
    with pytest.raises(DeadlinePassed):
        submit_application(
            call=call, applicant=applicant, files=_files(), now=call.deadline + timedelta(seconds=1)
        )
    assert Application.objects.count() == 0


def test_incomplete_application_is_refused_naming_the_missing_pieces(call, applicant):
    with pytest.raises(IncompleteApplication) as excinfo:
        submit_application(call=call, applicant=applicant, files={"cv": pdf_upload()})
    assert excinfo.value.missing == ["cover_letter"]
    assert Application.objects.count() == 0


def test_renamed_executable_is_refused(call, applicant):
    exe = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100)
    with pytest.raises(InvalidFiles) as excinfo:
        submit_application(call=call, applicant=applicant, files={"cv": exe, "cover_letter": docx_upload()})
    assert excinfo.value.problems == {"cv": "type"}
    assert Application.objects.count() == 0


def test_too_large_file_is_refused(call, applicant, settings):
    settings.NIDAA_APPLICATION_MAX_BYTES = 10
    with pytest.raises(InvalidFiles) as excinfo:
        submit_application(call=call, applicant=applicant, files=_files())
    assert excinfo.value.problems == {"cv": "size", "cover_letter": "size"}


def test_resubmission_creates_version_two_and_keeps_version_one(call, applicant):
    first = submit_application(call=call, applicant=applicant, files=_files())
    second = submit_application(
        call=call,
        applicant=applicant,
        files={"cv": pdf_upload("CV v2.pdf", PDF + b"% v2\n"), "cover_letter": docx_upload()},
    )

    assert Application.objects.count() == 1
    assert second.application_id == first.application_id
    versions = list(ApplicationVersion.objects.order_by("number").values_list("number", "is_latest"))
    assert versions == [(1, False), (2, True)]
    assert [f.original_name for f in first.files.order_by("piece")] == ["lettre.docx", "CV Amina.pdf"]
    assert [f.original_name for f in second.files.order_by("piece")] == [
        "Lettre de motivation.docx",
        "CV v2.pdf",
    ]


def test_acknowledgement_email_lists_every_file_with_its_sha256(
    call, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version = submit_application(call=call, applicant=applicant, files=_files())

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    receipt = version.application.receipt_number
    assert message.to == ["amina@example.org"]
    assert receipt in message.subject
    assert f"{receipt}" in message.body
    cv_sha = hashlib.sha256(PDF).hexdigest()
    letter_sha = hashlib.sha256(docx_bytes()).hexdigest()
    assert "CV Amina.pdf (" in message.body
    assert f"sha256 {cv_sha})" in message.body
    assert "lettre.docx (" in message.body
    assert f"sha256 {letter_sha})" in message.body


def test_zip_and_flate_bombs_sent_as_pieces_are_refused_without_being_inflated(call, applicant):
    # Issue 10, item 2: a 306 KB .odt whose mimetype inflates to 300 MiB, and
    # a 600 KB PDF whose stream inflates to 600 MiB, were inflated (or accepted);
    # here a tenth of that, as refused.
    from tests.hostile import pdf_flate_bomb, zip_bomb_member

    files = {
        "cv": SimpleUploadedFile("cv.pdf", pdf_flate_bomb(10)),
        "cover_letter": SimpleUploadedFile("lettre.odt", zip_bomb_member(10)),
    }

    with pytest.raises(InvalidFiles) as excinfo:
        submit_application(call=call, applicant=applicant, files=files)

    assert excinfo.value.problems == {"cv": "type", "cover_letter": "type"}
    assert Application.objects.count() == 0


def test_the_receipt_email_links_back_to_the_receipt_and_dates_it_in_the_applicants_language(
    call, applicant, django_capture_on_commit_callbacks, settings
):
    settings.NIDAA_SITE_URL = "https://nidaa.example.org"
    applicant.preferred_language = "ar"
    applicant.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        version = submit_application(call=call, applicant=applicant, files=_files())

    body = mail.outbox[0].body
    assert (
        f"وصل الإيداع وحالة ترشيحك: https://nidaa.example.org/ar/applications/{version.application_id}/receipt/"
        in body
    )
    local = timezone.localtime(version.submitted_at, ZoneInfo(call.timezone))
    assert f"{local.day} " in body
    assert f"{local.year}، {local:%H:%M:%S} (بتوقيت المغرب)" in body
