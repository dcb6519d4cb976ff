"""Writes on applications."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone

from nidaa.accounts.models import Profile, User
from nidaa.applications.emails import send_acknowledgement
from nidaa.applications.models import (
    ApplicantKind,
    Application,
    ApplicationChannel,
    ApplicationFile,
    ApplicationStatus,
    ApplicationVersion,
    application_file_upload_to,
)
from nidaa.calls.models import Call, CallStatus, RequiredDocument
from nidaa.common.filetypes import detect_document_type, sha256_of
from nidaa.common.models import AuditEntry
from nidaa.common.storage import save_content_addressed
from nidaa.common.workflow import audit_entry, write_audit

logger = logging.getLogger(__name__)

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class ApplicationRefused(Exception):
    """The submission was not accepted; nothing was stored."""


class CallNotOpen(ApplicationRefused):
    """The call is not published."""


class DeadlinePassed(ApplicationRefused):
    """The request arrived after the call's deadline (server clock)."""


@dataclass
class IncompleteApplication(ApplicationRefused):
    missing: list[str]


@dataclass
class InvalidFiles(ApplicationRefused):
    # piece code -> "type" (not an accepted document) or "size" (too large)
    problems: dict[str, str] = field(default_factory=dict)


def required_pieces(call: Call) -> list[str]:
    """The call's required pieces from the vocabulary, in the call's order
    (free-text ``other:...`` pieces have no upload slot yet)."""
    known = set(RequiredDocument.values)
    return [code for code in dict.fromkeys(call.required_documents or []) if code in known]


def max_application_bytes() -> int:
    return int(getattr(settings, "NIDAA_APPLICATION_MAX_BYTES", 20 * 1024 * 1024))


def _check_files(files: dict[str, UploadedFile]) -> dict[str, str]:
    problems: dict[str, str] = {}
    limit = max_application_bytes()
    for piece, upload in files.items():
        if (upload.size or 0) > limit:
            problems[piece] = "size"
        elif detect_document_type(upload) is None:
            problems[piece] = "type"
    return problems


def _sha256(upload: File) -> str:
    upload.seek(0)
    sha256 = sha256_of(upload.chunks())
    upload.seek(0)
    return sha256


@dataclass
class Identity:
    """Who applies, as typed in the form (prefilled from the profile)."""

    kind: str = ApplicantKind.PERSON
    name: str = ""
    phone: str = ""
    firm_name: str = ""
    languages: list[str] = field(default_factory=list)
    region_id: int | None = None

    def apply_to(self, application: Application) -> list[str]:
        """Copy onto ``application``; returns the changed field names."""
        values = {
            "applicant_kind": self.kind,
            "applicant_name": self.name[:255],
            "phone": self.phone[:40],
            "firm_name": self.firm_name[:255] if self.kind == ApplicantKind.FIRM else "",
            "languages": list(self.languages),
            "region_id": self.region_id,
        }
        changed = []
        for name, value in values.items():
            if value != getattr(application, name) and (value or name != "applicant_name"):
                setattr(application, name, value)
                changed.append(name.removesuffix("_id"))
        return changed


def identity_for(*, applicant: User, application: Application | None = None) -> Identity:
    """The identity to prefill: the application's own if it has one, else the
    applicant's name and profile (languages, first region)."""
    if application is not None and application.applicant_name:
        return Identity(
            kind=application.applicant_kind,
            name=application.applicant_name,
            phone=application.phone,
            firm_name=application.firm_name,
            languages=list(application.languages),
            region_id=application.region_id,
        )
    identity = Identity(name=applicant.get_full_name() or applicant.get_username())
    profile = Profile.objects.filter(user=applicant).first()
    if profile is not None:
        identity.languages = list(profile.languages)
        region = profile.regions.order_by("name_fr").first()
        identity.region_id = region.pk if region else None
    return identity


def _check_open(call: Call, now: datetime) -> None:
    """Refuse unless the call is open at ``now`` (``Call.is_open_at``: a deadline
    equal to now has passed, as the apply page and the catalogue say)."""
    if call.status != CallStatus.PUBLISHED:
        raise CallNotOpen()
    if not call.is_open_at(now):
        raise DeadlinePassed()


def kept_files(*, application: Application | None) -> dict[str, ApplicationFile]:
    """For each piece, the file a submission keeps when no new one is uploaded:
    the draft's, else the latest submitted version's."""
    if application is None or application.pk is None:
        return {}
    kept: dict[str, ApplicationFile] = {}
    latest = application.all_files.filter(version__is_latest=True).order_by("id")
    for item in latest:
        kept.setdefault(item.piece, item)
    for item in application.all_files.filter(version__isnull=True).order_by("id"):
        kept[item.piece] = item
    return kept


class AddressNotVerified(ApplicationRefused):
    """An application was e-mailed from the account's address, which the
    account has not proved it owns: it may not take that application over."""


def address_verified(applicant: User, email: str) -> bool:
    """Whether ``applicant`` proved it reads ``email``: allauth's confirmation,
    a key signed with SECRET_KEY (which production refuses to run without) or a
    code, sent to that address. A sign-up or a From header proves nothing."""
    return EmailAddress.objects.filter(user=applicant, email__iexact=email, verified=True).exists()


def find_application(*, call: Call, applicant: User) -> Application | None:
    """The applicant's application to the call (by account, or by the
    address of an earlier e-mailed one once the account has verified that
    address: taking it over shows its earlier versions), without locking."""
    email = (getattr(applicant, "email", "") or "").strip().lower()
    mine = Q(applicant=applicant)
    if email and address_verified(applicant, email):
        mine |= Q(applicant__isnull=True, applicant_email=email)
    return Application.objects.filter(call=call).filter(mine).order_by("id").first()


def save_draft(
    *,
    call: Call,
    applicant: User,
    files: dict[str, UploadedFile],
    identity: Identity | None = None,
    now: datetime | None = None,
) -> Application:
    """Keep an unfinished application: the identity and whatever files were
    uploaded, checked like a submission's but with no completeness check.
    A draft replaces the earlier draft's file for the same piece; submitted
    versions are never touched."""
    now = now or timezone.now()
    _check_open(call, now)
    required = required_pieces(call)
    files = {piece: upload for piece, upload in files.items() if piece in required and upload}
    problems = _check_files(files)
    if problems:
        raise InvalidFiles(problems=problems)
    with transaction.atomic():
        application = _application_for(call=call, applicant=applicant)
        changed = identity.apply_to(application) if identity else []
        if changed:
            application.save(update_fields=[*changed, "updated_at"])
        for piece, upload in files.items():
            application.all_files.filter(version__isnull=True, piece=piece).delete()
            store_file(application=application, piece=piece, upload=upload)
        write_audit(
            obj=application,
            actor=applicant,
            action="save_draft",
            from_state=application.status,
            to_state=application.status,
            data={"files": {piece: _sha256(upload) for piece, upload in files.items()}},
        )
    return application


def keep_acceptable_uploads(
    *, call: Call, applicant: User, files: dict[str, UploadedFile], now: datetime | None = None
) -> list[str]:
    """After a refused submission or draft (a file too large or of the wrong
    type, a piece missing, a field in error), keep as draft files the uploads
    that were acceptable, so that one rejected file does not make the
    applicant choose every other one again (four file pickers on a phone).
    Returns the pieces kept; nothing is kept once the call no longer takes
    applications."""
    required = required_pieces(call)
    files = {piece: upload for piece, upload in files.items() if piece in required and upload}
    problems = _check_files(files)
    acceptable = {piece: upload for piece, upload in files.items() if piece not in problems}
    if not acceptable:
        return []
    try:
        save_draft(call=call, applicant=applicant, files=acceptable, now=now)
    except ApplicationRefused:
        return []
    return [piece for piece in required if piece in acceptable]


def submit_application(
    *,
    call: Call,
    applicant: User,
    files: dict[str, UploadedFile],
    identity: Identity | None = None,
    now: datetime | None = None,
) -> ApplicationVersion:
    """Submit (or resubmit) ``applicant``'s application to ``call`` with one
    file per required piece: the uploaded one, else the draft's, else the
    latest version's. Refuses with an ``ApplicationRefused`` if the call is
    not published, the deadline has passed by the server clock, a piece is
    missing, or a file is too large or not an accepted document; nothing is
    stored then. A resubmission is a new version; earlier ones are kept, the
    latest counts."""
    now = now or timezone.now()
    _check_open(call, now)
    required = required_pieces(call)
    files = {piece: upload for piece, upload in files.items() if piece in required and upload}
    kept = kept_files(application=find_application(call=call, applicant=applicant))
    missing = [piece for piece in required if piece not in files and piece not in kept]
    if missing:
        raise IncompleteApplication(missing=missing)
    problems = _check_files(files)
    if problems:
        raise InvalidFiles(problems=problems)

    with transaction.atomic():
        application = _application_for(call=call, applicant=applicant)
        # Read again under the lock: a draft saved meanwhile in another tab counts.
        kept = kept_files(application=application)
        if identity:
            changed = identity.apply_to(application)
            if changed:
                application.save(update_fields=[*changed, "updated_at"])
        records = []
        for piece in required:
            if piece in files:
                records.append(stored_file(piece=piece, upload=files[piece]))
            elif piece in kept:
                records.append(_kept_file(kept[piece]))
        application.all_files.filter(version__isnull=True).delete()
        version = record_version(
            application=application,
            received_at=now,
            channel=ApplicationChannel.WEB,
            actor=applicant,
            files=records,
            required=required,
        )
        version_id = version.pk
        transaction.on_commit(lambda: send_acknowledgement(version_id=version_id))
    return version


def _kept_file(source: ApplicationFile) -> ApplicationFile:
    """The same stored file for a new version: a new row (unsaved), no new bytes."""
    return ApplicationFile(
        piece=source.piece,
        original_name=source.original_name,
        file=source.file.name,
        size=source.size,
        sha256=source.sha256,
        content_type=source.content_type,
    )


def new_receipt_number(call: Call) -> str:
    # One read of the system's random source rather than one per character
    # (get_random_string's secrets.choice): an e-mail import makes thousands.
    # 256 is a multiple of the alphabet's 32 letters, so every letter is as likely.
    letters = "".join(RECEIPT_ALPHABET[byte % len(RECEIPT_ALPHABET)] for byte in secrets.token_bytes(6))
    return f"NDA-{call.pk}-{letters}"


def _application_for(*, call: Call, applicant: User) -> Application:
    """The applicant's application to the call, created if needed and locked
    (``select_for_update``) so that two submissions number their versions in
    turn. A user who e-mailed before signing in finds that application."""
    application = find_application(call=call, applicant=applicant)
    email = (applicant.email or "").strip().lower()
    if application is None and Application.objects.filter(call=call, applicant_email=email).exists():
        raise AddressNotVerified()
    if application is None:
        application, _created = Application.objects.get_or_create(
            call=call,
            applicant=applicant,
            defaults={
                "receipt_number": new_receipt_number(call),
                "applicant_email": (applicant.email or "").strip().lower(),
                "applicant_name": applicant.get_full_name() or applicant.get_username(),
            },
        )
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.applicant_id is None:
        application.applicant = applicant
        application.save(update_fields=["applicant", "updated_at"])
    return application


# What a submitted version copies onto its application (see record_latest_version).
APPLICATION_FLAGS = ("status", "is_late", "missing_pieces", "version_count", "received_at")


def pieces_missing(*, required: Sequence[str], files: Iterable[ApplicationFile]) -> list[str]:
    """The required pieces none of ``files`` is, in the call's order."""
    present = {f.piece for f in files}
    return [piece for piece in required if piece not in present]


def record_latest_version(*, application: Application, version: ApplicationVersion) -> str:
    """Copy the flags of ``version``, now the latest, onto ``application``
    (not saved: the caller saves ``APPLICATION_FLAGS``); returns the status the
    application had. Shared by web submission and e-mail intake, so both mean
    the same by late, incomplete and version count."""
    from_state = application.status
    application.status = ApplicationStatus.SUBMITTED
    application.is_late = version.is_late
    application.missing_pieces = version.missing_pieces
    application.version_count = version.number
    application.received_at = version.submitted_at
    return from_state


def submission_audit_data(*, version: ApplicationVersion, files: Iterable[ApplicationFile]) -> dict[str, Any]:
    """The details of a version's "submit" audit entry (files by piece: the
    last stored file of a piece names it)."""
    return {
        "version": version.number,
        "channel": version.channel,
        "late": version.is_late,
        "files": {f.piece: f.sha256 for f in files},
    }


@dataclass
class NewVersion:
    """What arrived for ``application`` at ``received_at`` by ``channel``: its
    file rows, not yet inserted (their bytes stored or being stored).
    ``record_versions`` sets ``version``."""

    application: Application  # stored, or new and unsaved (inserted then)
    received_at: datetime
    channel: str
    is_late: bool
    required: Sequence[str]
    files: list[ApplicationFile]
    version: ApplicationVersion | None = None


def record_versions(*, entries: Sequence[NewVersion], actor: User | None) -> list[ApplicationVersion]:
    """Make each entry a new version of its application, in the order given
    (inside the caller's transaction, the applications locked by the caller):
    the one path by which an application gets a version, for a web submission
    (one entry) and an e-mail batch alike, so both mean the same by version
    number, latest, late, incomplete and the "submit" audit entry. The caller
    then inserts the file rows (``insert_version_files``).

    A fixed number of queries whatever the number of entries: an e-mail import
    files thousands (the new applications, the versions and the audit entries
    are each one bulk_create, the stored applications' flags one executemany)."""
    if not entries:
        return []
    existing = list(
        {id(e.application): e.application for e in entries if e.application.pk is not None}.values()
    )
    created = list({id(e.application): e.application for e in entries if e.application.pk is None}.values())
    numbers = _last_version_numbers(existing)
    versions: list[ApplicationVersion] = []
    latest: dict[int, ApplicationVersion] = {}
    audits: list[tuple[Application, ApplicationVersion, list[ApplicationFile], str]] = []
    for entry in entries:
        application = entry.application
        number = numbers.get(id(application), 0) + 1
        numbers[id(application)] = number
        version = ApplicationVersion(
            application=application,
            number=number,
            submitted_at=entry.received_at,
            is_latest=False,
            channel=entry.channel,
            is_late=entry.is_late,
            missing_pieces=pieces_missing(required=entry.required, files=entry.files),
        )
        from_state = record_latest_version(application=application, version=version)
        entry.version = version
        versions.append(version)
        latest[id(application)] = version
        audits.append((application, version, entry.files, from_state))
    for version in latest.values():
        version.is_latest = True

    if created:
        Application.objects.bulk_create(created)
    if existing:
        now = timezone.now()
        for application in existing:
            application.updated_at = now
        _update_applications(existing)
        ApplicationVersion.objects.filter(application__in=[a.pk for a in existing], is_latest=True).update(
            is_latest=False
        )
    # bulk_create takes each new row's foreign key from the object it points to,
    # saved just above.
    ApplicationVersion.objects.bulk_create(versions)
    AuditEntry.objects.bulk_create(
        [
            audit_entry(
                obj=application,
                actor=actor,
                action="submit",
                from_state=from_state,
                to_state=application.status,
                data=submission_audit_data(version=version, files=files),
            )
            for application, version, files, from_state in audits
        ]
    )
    return versions


def insert_version_files(entries: Sequence[NewVersion]) -> None:
    """Insert the entries' file rows (their versions recorded), in one query."""
    records = []
    for entry in entries:
        assert entry.version is not None  # set by record_versions
        for record in entry.files:
            record.application_id = entry.version.application_id
            record.version = entry.version
            records.append(record)
    ApplicationFile.objects.bulk_create(records)


def record_version(
    *,
    application: Application,
    received_at: datetime,
    channel: str,
    actor: User | None,
    files: Sequence[ApplicationFile] = (),
    required: Sequence[str] = (),
    is_late: bool = False,
) -> ApplicationVersion:
    """``record_versions`` for one version with its files (from ``stored_file``),
    the rows inserted."""
    entry = NewVersion(
        application=application,
        received_at=received_at,
        channel=channel,
        is_late=is_late,
        required=required,
        files=list(files),
    )
    [version] = record_versions(entries=[entry], actor=actor)
    insert_version_files([entry])
    return version


def _update_applications(applications: list[Application]) -> None:
    """Write the flags of stored applications in one call: the same UPDATE by
    primary key for each row (executemany). Django's bulk_update builds, in
    Python, a CASE with a branch per row for every column: for a batch of
    applications that cost more than inserting all their versions."""
    meta = Application._meta
    by_name = {f.name: f for f in meta.concrete_fields}
    fields = [by_name[name] for name in (*APPLICATION_FLAGS, "applicant_name", "updated_at")]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    # Only quoted column names are formatted in; every value is a parameter.
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    rows = [
        [f.get_db_prep_save(getattr(a, f.attname), connection) for f in fields] + [a.pk] for a in applications
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _last_version_numbers(applications: list[Application]) -> dict[int, int]:
    """The last version number of each stored application, by ``id()`` of the object."""
    if not applications:
        return {}
    by_pk = {a.pk: id(a) for a in applications}
    numbers = (
        ApplicationVersion.objects.filter(application__in=list(by_pk))
        .order_by()
        .values_list("application")
        .annotate(last=Max("number"))
    )
    return {by_pk[pk]: last for pk, last in numbers}


def stored_file(*, piece: str, upload: File) -> ApplicationFile:
    """Store ``upload`` (an uploaded file, or ``ContentFile(data, name=...)``)
    under its sha256 as ``piece``; the row is returned unsaved, for
    ``record_version`` (or ``store_file``) to insert."""
    sha256 = _sha256(upload)
    record = ApplicationFile(
        piece=piece,
        original_name=PurePath(upload.name or "").name[:255] or piece,
        size=upload.size or 0,
        sha256=sha256,
        content_type=detect_document_type(upload) or "",
    )
    record.file.name = save_content_addressed(
        application_file_upload_to(record, ""), upload, sha256=sha256, size=record.size
    )
    return record


def store_file(*, application: Application, piece: str, upload: File) -> ApplicationFile:
    """Store ``upload`` as ``piece`` of ``application``'s draft."""
    record = stored_file(piece=piece, upload=upload)
    record.application_id = application.pk
    record.save()
    return record
