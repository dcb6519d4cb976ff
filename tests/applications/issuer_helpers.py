"""Calls and applications for the issuer-side tests (test_issuer_*.py).

Web applications go through ``submit_application``; e-mailed ones (late or
incomplete, which the web form refuses) through ``record_version``, i.e.
``record_versions``, the path by which the mail intake (and the web form) makes
a version, with the pieces given instead of classified from the attachments
(classification is tested in tests/mailintake and tests/inbox).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from nidaa.accounts.models import Role
from nidaa.applications.models import (
    Application,
    ApplicationChannel,
    ApplicationFile,
    ApplicationStatus,
    ApplicationVersion,
    application_file_upload_to,
)
from nidaa.applications.services import (
    new_receipt_number,
    record_version,
    required_pieces,
    stored_file,
    submit_application,
)
from nidaa.calls.models import Call, CallStatus
from nidaa.evaluation.models import EvaluatorAssignment
from tests.applications.conftest import PDF, docx_bytes, docx_upload, pdf_upload
from tests.factories import CallFactory, MembershipFactory, UserFactory

REQUIRED = ["cv", "cover_letter"]


def issuer_call(org, *, opened: bool, sealed: bool = True, **fields) -> Call:
    """A published call of ``org``: its deadline an hour ago (``opened``) or in three days."""
    now = timezone.now()
    fields.setdefault("required_documents", REQUIRED)
    return CallFactory(
        organization=org,
        status=fields.pop("status", CallStatus.PUBLISHED),
        deadline=fields.pop("deadline", now - timedelta(hours=1) if opened else now + timedelta(days=3)),
        sealed=sealed,
        **fields,
    )


def web_application(call: Call, user, *, files=None, at: datetime | None = None) -> ApplicationVersion:
    """Submitted through the service, two hours before the deadline (so also for past deadlines)."""
    if at is None:
        at = (call.deadline or timezone.now()) - timedelta(hours=2)
    if files is None:
        files = {"cv": pdf_upload("cv.pdf"), "cover_letter": docx_upload("lettre.docx")}
    return submit_application(call=call, applicant=user, files=files, now=at)


def emailed_application(
    call: Call, *, email: str, name: str, files: dict[str, tuple[str, bytes]], late: bool = False
) -> ApplicationVersion:
    """An e-mailed application as the intake files it: a sender without an
    account, flagged late or incomplete instead of refused."""
    application = Application.objects.create(
        call=call,
        channel=ApplicationChannel.EMAIL,
        receipt_number=new_receipt_number(call),
        applicant_email=email,
        applicant_name=name,
    )
    received = (call.deadline or timezone.now()) + (timedelta(hours=1) if late else -timedelta(hours=3))
    return record_version(
        application=application,
        received_at=received,
        channel=ApplicationChannel.EMAIL,
        actor=None,
        files=[
            stored_file(piece=piece, upload=ContentFile(data, name=filename))
            for piece, (filename, data) in files.items()
        ],
        required=required_pieces(call),
        is_late=late,
    )


def draft_application(call: Call, user) -> ApplicationFile:
    """A draft with one draft file (no version): the applicant's alone. No
    service writes drafts yet, so the rows are built here."""
    application = Application.objects.create(
        call=call,
        applicant=user,
        status=ApplicationStatus.DRAFT,
        receipt_number=new_receipt_number(call),
        applicant_email=user.email,
        applicant_name="Brouillon Secret",
    )
    return draft_file(application, name="brouillon.pdf")


def draft_file(application: Application, *, name: str, data: bytes = PDF) -> ApplicationFile:
    """A file waiting in the application's draft (``version`` empty)."""
    sha256 = hashlib.sha256(data).hexdigest()
    record = ApplicationFile(
        application=application,
        version=None,
        piece="cv",
        original_name=name,
        size=len(data),
        sha256=sha256,
        content_type="pdf",
    )
    record.file.name = default_storage.save(application_file_upload_to(record, name), ContentFile(data))
    record.save()
    return record


def assigned_evaluator(org, call: Call, username: str = "assessor"):
    user = MembershipFactory(user=UserFactory(username=username), organization=org, role=Role.EVALUATOR).user
    EvaluatorAssignment.objects.create(call=call, evaluator=user)
    return user


__all__ = [
    "PDF",
    "REQUIRED",
    "assigned_evaluator",
    "docx_bytes",
    "draft_application",
    "draft_file",
    "emailed_application",
    "issuer_call",
    "web_application",
]
