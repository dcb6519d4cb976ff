"""Writes on missions: creation from a call, status, deliverables and their
files, instalments, the workshop plan, participants and attendance.

Every function takes keyword-only arguments, runs in one transaction and
writes the audit trail; imports check every row first and store nothing when
one is wrong, so a file is imported whole or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal
from typing import IO, Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from nidaa.applications.models import Application
from nidaa.calls.models import Call
from nidaa.common.budget import Budget, BudgetExceeded, run_within
from nidaa.common.filetypes import detect_document_type, sha256_of
from nidaa.common.storage import save_content_addressed
from nidaa.common.tasks import enqueue_on_commit
from nidaa.common.workflow import apply_transition, write_audit
from nidaa.directory.models import Territory
from nidaa.missions.models import (
    Attendance,
    AttendanceScan,
    Deliverable,
    DeliverableComment,
    DeliverableFile,
    DeliverableStatus,
    Instalment,
    Mission,
    Module,
    Participant,
    ParticipantCategory,
    Session,
    Zone,
    deliverable_storage_name,
    scan_storage_name,
)
from nidaa.missions.workflow import DELIVERABLE_WORKFLOW, FACILITATOR, ISSUER, MISSION_WORKFLOW
from nidaa.sheets import values
from nidaa.sheets.columns import ATTENDANCE_SYNONYMS, PARTICIPANT_SYNONYMS, PLAN_SYNONYMS, Header, find_header
from nidaa.sheets.columns import override as override_header
from nidaa.sheets.participants import Existing, Record, RowError, read_participants
from nidaa.sheets.participants import Result as ParticipantsResult
from nidaa.sheets.reader import SheetError, Table, read_table
from nidaa.sheets.text import fold, name_key


def invite_facilitator_task(mission_id: int) -> None:
    """Queued on commit; the task itself lives in ``missions.tasks`` (imported
    late: tasks import this module)."""
    from nidaa.missions.tasks import invite_facilitator

    invite_facilitator(mission_id)


# Deliverables are reports, tools, scans: the application pieces' types.
DELIVERABLE_TYPES = ("pdf", "docx", "odt", "xlsx", "jpeg", "png")
SCAN_TYPES = ("pdf", "jpeg", "png")
MAX_FILE_BYTES = 25 * 1024 * 1024


class MissionError(Exception):
    """A write refused for a reason the user can fix; ``code`` names it (the
    web pages translate it), ``str()`` says it in English (the command line)."""

    MESSAGES = {
        "application_of_another_call": "the application {detail} is not one of this call's",
        "file_too_large": "the file is larger than 25 MB",
        "file_type": "the file is not a PDF, Word, OpenDocument, Excel, JPEG or PNG document",
        "not_facilitator": "only the mission's facilitator submits deliverables",
        "already_accepted": "the deliverable is already accepted",
        "comment_required": "say what must change",
        "deliverable_of_another_mission": "the deliverable is not one of this mission's",
        "not_payable": "the instalment's deliverable is not accepted yet",
        "plan_header": "no header row with the columns module, zone and date",
        "participants_header": 'no header row naming the participants\' names (e.g. "Nom et prénom", "الاسم الكامل")',
        "attendance_header": "no header row with the columns participant and present",
        "unknown_column": "--map: no column {detail!r} in the header",
        "unknown_zone": "no zone {detail!r} in the plan",
        "participant_of_another_mission": "the participant is not one of this mission's",
        "missing_name": "a name is needed",
        "phone": "not a phone number: {detail!r}",
        "session_has_attendance": "the session has attendance recorded",
        "session_place_fixed": "the session has attendance recorded: its module and zone stay",
        "participant_zone_fixed": "the participant has attendance recorded: their zone stays",
        "participant_erased": "the participant's data are erased",
        "duplicate_phone": "the phone number is already {detail}'s",
    }

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        template = self.MESSAGES.get(code)
        if template is None:  # a spreadsheet error: its reader's message is in detail
            message = detail or code
        else:
            message = template.format(detail=detail)
        super().__init__(message)


# --- the mission --------------------------------------------------------------


def user_with_verified_email(email: str) -> Any | None:
    """The active account whose verified address is ``email``: an address typed
    at sign-up but never confirmed must not open someone else's mission."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            pk__in=EmailAddress.objects.filter(email__iexact=email, verified=True).values("user_id"),
        )
        .first()
    )


LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def guess_language(*, call: Call, application: Application | None) -> str:
    """The retained applicant's language as far as Nidaa knows it: their
    account's, else the call's (a call written in Arabic is answered in Arabic),
    else the site's."""
    if application is not None and application.applicant is not None:
        return str(application.applicant.preferred_language)
    if call.document_language in LANGUAGE_CODES:
        return str(call.document_language)
    return str(settings.LANGUAGE_CODE)


@transaction.atomic
def create_mission(
    *,
    call: Call,
    actor: Any,
    application: Application | None = None,
    facilitator_name: str = "",
    facilitator_email: str = "",
    facilitator_language: str = "",
    title: str = "",
) -> Mission:
    """A mission for ``call``: from its retained application, or with the
    retained applicant given by hand (name and e-mail). Its deliverables are
    the call's extracted deliverables, to be dated by the issuer. The
    facilitator is written to in ``facilitator_language`` (else
    ``guess_language``)."""
    if application is not None and application.call_id != call.pk:
        raise MissionError("application_of_another_call", application.receipt_number)
    facilitator = None
    if application is not None:
        facilitator = application.applicant
        facilitator_name = facilitator_name or application.applicant_name or application.firm_name
        facilitator_email = facilitator_email or application.applicant_email
    facilitator_email = facilitator_email.strip().lower()
    if facilitator is None and facilitator_email:
        # Someone who applied by e-mail and has an account since is linked at once.
        facilitator = user_with_verified_email(facilitator_email)
    mission = Mission.objects.create(
        call=call,
        organization_id=call.organization_id,
        retained_application=application,
        facilitator=facilitator,
        facilitator_name=facilitator_name[:255],
        facilitator_email=facilitator_email,
        facilitator_language=(
            facilitator_language
            if facilitator_language in LANGUAGE_CODES
            else guess_language(call=call, application=application)
        ),
        title=(title or call.title)[:500],
    )
    Deliverable.objects.bulk_create(
        Deliverable(mission=mission, position=i, title=str(text)[:1000])
        for i, text in enumerate(call.deliverables or [])
        if str(text).strip()
    )
    if facilitator is None and facilitator_email:
        enqueue_on_commit(invite_facilitator_task, mission.pk)
    write_audit(
        obj=mission,
        actor=actor,
        action="create",
        to_state=mission.status,
        data={"call": call.pk, "application": application.pk if application else None},
    )
    return mission


@transaction.atomic
def update_mission(
    *,
    mission: Mission,
    actor: Any,
    amount: Decimal | None,
    start_date: date | None,
    end_date: date | None,
    facilitator_name: str,
    facilitator_email: str,
    focal_point: Any | None = None,
) -> Mission:
    """The contract's terms as the issuer sets them."""
    mission.amount = amount
    mission.start_date = start_date
    mission.end_date = end_date
    mission.facilitator_name = facilitator_name[:255]
    facilitator_email = facilitator_email.strip().lower()
    if facilitator_email != mission.facilitator_email:
        mission.facilitator_email = facilitator_email
        mission.facilitator = user_with_verified_email(facilitator_email) if facilitator_email else None
        if mission.facilitator is None and facilitator_email:
            enqueue_on_commit(invite_facilitator_task, mission.pk)
    mission.focal_point = focal_point
    mission.save(
        update_fields=[
            "amount", "start_date", "end_date", "facilitator_name", "facilitator_email", "facilitator",
            "focal_point",
        ]
    )  # fmt: skip
    write_audit(obj=mission, actor=actor, action="update")
    return mission


@transaction.atomic
def change_mission_status(*, mission: Mission, target: str, actor: Any, role: str) -> Mission:
    apply_transition(
        workflow=MISSION_WORKFLOW, obj=mission, field="status", target=target, actor=actor, role=role
    )
    return mission


# --- deliverables, files, instalments ------------------------------------------


@transaction.atomic
def set_deliverable_due_date(*, deliverable: Deliverable, due_date: date | None, actor: Any) -> Deliverable:
    deliverable.due_date = due_date
    deliverable.reminded = ""
    deliverable.save(update_fields=["due_date", "reminded"])
    write_audit(obj=deliverable, actor=actor, action="set_due_date", data={"due_date": str(due_date or "")})
    return deliverable


def _store(
    upload: IO[bytes], *, name_for: Callable[[str], str], allowed: tuple[str, ...]
) -> tuple[str, str, int, str]:
    """Check an upload by content and store it under its hash: (kind, sha256, size, stored name)."""
    upload.seek(0, 2)
    size = upload.tell()
    upload.seek(0)
    if size > MAX_FILE_BYTES:
        raise MissionError("file_too_large")
    kind = detect_document_type(upload)
    if kind not in allowed:
        raise MissionError("file_type")
    upload.seek(0)
    digest = sha256_of(iter(lambda: upload.read(1024 * 1024), b""))
    upload.seek(0)
    name = name_for(digest)
    stored = save_content_addressed(name, File(upload), sha256=digest, size=size)
    return kind, digest, size, stored


@transaction.atomic
def submit_deliverable_file(
    *, deliverable: Deliverable, upload: IO[bytes], original_name: str, actor: Any, role: str
) -> DeliverableFile:
    """The facilitator's new version of a deliverable: checked by content,
    stored by hash, and the deliverable moves to "submitted"."""
    if role != FACILITATOR:
        raise MissionError("not_facilitator")
    deliverable = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
    if deliverable.status == DeliverableStatus.ACCEPTED:
        raise MissionError("already_accepted")
    kind, digest, size, stored = _store(
        upload,
        name_for=deliverable_storage_name,
        allowed=DELIVERABLE_TYPES,
    )
    number = (deliverable.files.aggregate(n=Max("version"))["n"] or 0) + 1
    version = DeliverableFile.objects.create(
        deliverable=deliverable,
        version=number,
        original_name=original_name[:255],
        file=stored,
        size=size,
        sha256=digest,
        content_type=kind,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if deliverable.status != DeliverableStatus.SUBMITTED:
        apply_transition(
            workflow=DELIVERABLE_WORKFLOW,
            obj=deliverable,
            field="status",
            target=DeliverableStatus.SUBMITTED,
            actor=actor,
            role=role,
            data={"version": number},
        )
    else:
        write_audit(obj=deliverable, actor=actor, action="new_version", data={"version": number})
    return version


@transaction.atomic
def review_deliverable(
    *, deliverable: Deliverable, accept: bool, comment: str, actor: Any, role: str
) -> Deliverable:
    """The issuer accepts a submitted deliverable or asks for changes (with a comment)."""
    deliverable = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
    if not accept and not comment.strip():
        raise MissionError("comment_required")
    target = DeliverableStatus.ACCEPTED if accept else DeliverableStatus.CHANGES_REQUESTED
    extra: list[str] = []
    if accept:
        deliverable.accepted_at = timezone.now()
        deliverable.accepted_by = actor
        extra = ["accepted_at", "accepted_by"]
    apply_transition(
        workflow=DELIVERABLE_WORKFLOW,
        obj=deliverable,
        field="status",
        target=target,
        actor=actor,
        role=role,
        extra_update_fields=extra,
    )
    if comment.strip():
        DeliverableComment.objects.create(deliverable=deliverable, author=actor, text=comment.strip()[:5000])
    return deliverable


@transaction.atomic
def comment_deliverable(*, deliverable: Deliverable, text: str, actor: Any) -> DeliverableComment:
    if not text.strip():
        raise MissionError("comment_required")
    return DeliverableComment.objects.create(deliverable=deliverable, author=actor, text=text.strip()[:5000])


@transaction.atomic
def add_instalment(
    *, mission: Mission, label: str, amount: Decimal, deliverable: Deliverable | None, actor: Any
) -> Instalment:
    if deliverable is not None and deliverable.mission_id != mission.pk:
        raise MissionError("deliverable_of_another_mission")
    position = mission.instalments.count()
    instalment = Instalment.objects.create(
        mission=mission, position=position, label=label[:255], amount=amount, deliverable=deliverable
    )
    write_audit(obj=mission, actor=actor, action="add_instalment", data={"instalment": instalment.pk})
    return instalment


@transaction.atomic
def mark_instalment_paid(*, instalment: Instalment, paid_on: date, actor: Any) -> Instalment:
    if not is_payable(instalment):
        raise MissionError("not_payable")
    instalment.paid_at = paid_on
    instalment.save(update_fields=["paid_at"])
    write_audit(
        obj=instalment.mission, actor=actor, action="pay_instalment", data={"instalment": instalment.pk}
    )
    return instalment


def is_payable(instalment: Instalment) -> bool:
    """Payable: not tied to a deliverable, or its deliverable is accepted."""
    return instalment.deliverable_id is None or (
        instalment.deliverable is not None and instalment.deliverable.status == DeliverableStatus.ACCEPTED
    )


# --- the workshop plan ----------------------------------------------------------


@dataclass
class PlanProposal:
    modules: int
    days_per_module: int
    zones: list[str]
    participants_per_zone: int | None


_PLAN_FIGURES = re.compile(r"(\d+)\s*jours?\s*/\s*(\d+)\s*modules?\s*/\s*(\d+)\s*r[eé]gions?", re.I)
_PER_ZONE = re.compile(r"(\d+)\s*participant\S*\s*par\s*(?:zone|r[eé]gion|site|commune)", re.I)
_ONE_DAY_PER_ZONE = re.compile(
    r"(?:une|1)\s*journ[ée]e?s?\s*(?:de formation\s*)?par\s*zone|1\s*jour\s*par\s*zone", re.I
)
_MODULES = re.compile(r"(\d+)\s*modules?\b", re.I)


def propose_plan(*, call: Call) -> PlanProposal:
    """The plan the call's text states: "02 JOURS / 03 MODULES / 02 REGIONS",
    "une journée par zone", "25 participants par zone", and its places. The
    user edits it before anything is created."""
    text = call.text[:500_000]
    zones = [str(place) for place in (call.locations or []) if str(place).strip()][:20]
    modules, days = 1, 1
    figures = _PLAN_FIGURES.search(text)
    if figures:
        days, modules = int(figures[1]), int(figures[2])
    else:
        found = _MODULES.search(text)
        if found and 0 < int(found[1]) <= 20:
            modules = int(found[1])
        if _ONE_DAY_PER_ZONE.search(text):
            days = 1
    per_zone = None
    found = _PER_ZONE.search(text)
    if found:
        per_zone = int(found[1])
    elif call.participants and zones:
        per_zone = call.participants // len(zones)
    return PlanProposal(
        modules=max(1, min(modules, 20)),
        days_per_module=max(1, min(days, 10)),
        zones=zones,
        participants_per_zone=per_zone,
    )


def _territory_for(name: str) -> Territory | None:
    folded = fold(name)
    if not folded:
        return None
    territory = Territory.objects.filter(code=name.strip()).first()
    if territory:
        return territory
    for candidate in Territory.objects.filter(name_fr__iexact=name.strip()).order_by("kind")[:1]:
        return candidate
    for candidate in Territory.objects.filter(name_ar=name.strip())[:1]:
        return candidate
    return None


def _zone(mission: Mission, name: str) -> Zone:
    name = " ".join(name.split())[:200]
    zone = Zone.objects.filter(mission=mission, name__iexact=name).first()
    if zone is None:
        territory = _territory_for(name)
        by_code = Zone.objects.filter(mission=mission, territory__code=name).first()
        if by_code:
            return by_code
        zone = Zone.objects.create(
            mission=mission, name=territory.name_fr if territory and territory.code == name else name,
            territory=territory, position=Zone.objects.filter(mission=mission).count(),
        )  # fmt: skip
    return zone


def _module(mission: Mission, title: str) -> Module:
    title = " ".join(title.split())[:500]
    module = Module.objects.filter(mission=mission, title__iexact=title).first()
    if module is None:
        module = Module.objects.create(
            mission=mission, title=title, position=Module.objects.filter(mission=mission).count()
        )
    return module


@transaction.atomic
def apply_plan(
    *, mission: Mission, modules: list[str], zones: list[str], days_per_module: int, first_day: date,
    start: time | None, end: time | None, expected: int, actor: Any,
) -> list[Session]:  # fmt: skip
    """Modules x zones x days, one session each, on consecutive working days
    from ``first_day`` (each zone's sessions follow one another)."""
    created: list[Session] = []
    module_rows = [_module(mission, title) for title in modules if title.strip()]
    zone_rows = [_zone(mission, name) for name in zones if name.strip()]
    for zone in zone_rows:
        current = first_day
        for module in module_rows:
            for day in range(1, days_per_module + 1):
                while current.weekday() == 6:  # no workshops on Sundays
                    current += timedelta(days=1)
                created.append(
                    Session(
                        mission=mission,
                        module=module,
                        zone=zone,
                        day=day,
                        date=current,
                        start_time=start,
                        end_time=end,
                        expected=expected,
                    )  # fmt: skip
                )
                current += timedelta(days=1)
    Session.objects.bulk_create(created)
    write_audit(obj=mission, actor=actor, action="plan", data={"sessions": len(created)})
    return created


@transaction.atomic
def add_session(
    *, mission: Mission, module_title: str, zone_name: str, day_date: date, start: time | None,
    end: time | None, venue: str, expected: int, actor: Any, day: int = 1,
) -> Session:  # fmt: skip
    session = Session.objects.create(
        mission=mission, module=_module(mission, module_title), zone=_zone(mission, zone_name), day=day,
        date=day_date, start_time=start, end_time=end, venue=venue[:500], expected=expected,
    )  # fmt: skip
    write_audit(obj=mission, actor=actor, action="add_session", data={"session": session.pk})
    return session


@transaction.atomic
def delete_session(*, session: Session, actor: Any) -> None:
    """Take a session out of the plan; one with attendance recorded stays (it is evidence)."""
    if Attendance.objects.filter(session=session).exists() or session.scans.exists():
        raise MissionError("session_has_attendance")
    write_audit(
        obj=session.mission,
        actor=actor,
        action="delete_session",
        data={"module": session.module.title, "zone": session.zone.name, "date": session.date.isoformat()},
    )
    session.delete()


def _changes(obj: Any, values: dict[str, Any]) -> list[str]:
    """Set ``values`` on ``obj``; the names of the fields that changed."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


@transaction.atomic
def update_session(
    *, session: Session, actor: Any, module: Module, zone: Zone, day: int, day_date: date,
    start: time | None, end: time | None, venue: str, expected: int,
) -> list[str]:  # fmt: skip
    """Edit a session of the plan; the names of the fields changed (audited).
    Its date, times, venue and expected count can always change (workshops
    are postponed); its module and zone cannot once attendance or a signed
    sheet is recorded: who was expected and what they signed for would no
    longer match. A session planned in the wrong place is then left as
    evidence and a new one added."""
    if module.mission_id != session.mission_id or zone.mission_id != session.mission_id:
        raise MissionError("unknown_zone")
    moves = session.module_id != module.pk or session.zone_id != zone.pk
    if moves and (Attendance.objects.filter(session=session).exists() or session.scans.exists()):
        raise MissionError("session_place_fixed")
    changed = _changes(
        session,
        {"module": module, "zone": zone, "day": day, "date": day_date, "start_time": start,
         "end_time": end, "venue": venue[:500], "expected": expected},
    )  # fmt: skip
    if changed:
        session.save(update_fields=changed)
        write_audit(
            obj=session.mission, actor=actor, action="update_session",
            data={"session": session.pk, "fields": changed},
        )  # fmt: skip
    return changed


@transaction.atomic
def update_participant(
    *, participant: Participant, actor: Any, zone: Zone, name_latin: str, name_arabic: str, sex: str,
    category: str, organization_name: str, commune: str, phone: str, email: str, disability: bool,
    consent: bool,
) -> list[str]:  # fmt: skip
    """Correct a participant; the names of the fields changed (audited, without
    their values: the audit log keeps no personal data). An erased participant
    stays erased; their zone cannot change once attendance is recorded (they
    were expected there). A change of sex or category is copied to their
    attendance, which the planned-versus-present counts read."""
    if participant.erased:
        raise MissionError("participant_erased")
    name_latin, name_arabic = " ".join(name_latin.split())[:255], " ".join(name_arabic.split())[:255]
    if not name_latin and not name_arabic:
        raise MissionError("missing_name")
    try:
        normalised_phone = values.phone(phone) or ""
    except ValueError as error:
        raise MissionError("phone", phone) from error
    if zone.mission_id != participant.mission_id:
        raise MissionError("unknown_zone")
    if zone.pk != participant.zone_id and participant.attendances.exists():
        raise MissionError("participant_zone_fixed")
    if normalised_phone:
        other = (
            Participant.objects.filter(mission_id=participant.mission_id, phone=normalised_phone)
            .exclude(pk=participant.pk)
            .values_list("code", flat=True)
            .first()
        )
        if other is not None:
            raise MissionError("duplicate_phone", other)
    category_id = (
        _categories(participant.mission, {category.strip()})[fold(category)] if category.strip() else None
    )
    changed = _changes(
        participant,
        {"zone": zone, "name_latin": name_latin, "name_arabic": name_arabic, "sex": sex if sex in ("female", "male") else "",
         "category_id": category_id, "organization_name": organization_name.strip()[:255],
         "commune": commune.strip()[:200], "phone": normalised_phone, "email": email.strip(),
         "disability": disability, "consent": consent,
         "name_key": name_key(name_latin), "name_ar_key": name_key(name_arabic)},
    )  # fmt: skip
    if changed:
        participant.save(update_fields=changed)
        if {"sex", "category_id"} & set(changed):
            Attendance.objects.filter(participant=participant).update(
                sex=participant.sex, category_id=participant.category_id
            )
        write_audit(
            obj=participant.mission, actor=actor, action="update_participant",
            data={"participant": participant.code, "fields": [n for n in changed if not n.endswith("_key")]},
        )  # fmt: skip
    return changed


@dataclass
class ImportReport:
    rows: int = 0
    imported: int = 0
    duplicates: list[tuple[Record, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    header: Header | None = None
    present: int = 0


# An uploaded sheet is read in a child process under a time and memory budget
# (``common.budget``): the size, row and zip caps are the first line, this is
# the one a hostile file cannot get past (20,000 rows read in about a second).
SHEET_BUDGET = Budget(seconds=30.0, memory_bytes=768 * 1024 * 1024)


def _table(data: bytes) -> Table:
    try:
        return run_within(SHEET_BUDGET, read_table, data)
    except SheetError as error:
        raise MissionError(f"sheet_{error.code}", str(error)) from error
    except BudgetExceeded as exceeded:
        raise MissionError(
            "sheet_too_costly", f"the sheet could not be read within its budget ({exceeded.reason})"
        ) from exceeded


@transaction.atomic
def import_plan(*, mission: Mission, data: bytes, actor: Any) -> ImportReport:
    """One session per row: module, zone (a place name or territory code),
    date, start, end, venue, expected. Nothing is created if a row is wrong."""
    table = _table(data)
    header = find_header(table, PLAN_SYNONYMS)
    if header is None or not {"module", "zone", "date"} <= set(header.mapping.values()):
        raise MissionError("plan_header")
    report = ImportReport(header=header)
    parsed: list[tuple[str, str, date, time | None, time | None, str, int]] = []
    for row in table.rows[header.index + 1 :]:
        report.rows += 1
        cells = {
            name: row.cells[pos] if pos < len(row.cells) else None for pos, name in header.mapping.items()
        }
        module, zone = values.text(cells.get("module")), values.text(cells.get("zone"))
        if not module:
            report.errors.append(RowError(row.number, "missing_module"))
        if not zone:
            report.errors.append(RowError(row.number, "no_zone"))
        try:
            day_date = values.day(cells.get("date"))
            start, end = values.clock(cells.get("start")), values.clock(cells.get("end"))
        except ValueError as error:
            report.errors.append(RowError(row.number, str(error), values.text(cells.get(str(error)))))
            continue
        expected_text = values.text(cells.get("expected"))
        if expected_text and not expected_text.isdigit():
            report.errors.append(RowError(row.number, "expected", expected_text))
            continue
        if module and zone:
            parsed.append(
                (module, zone, day_date, start, end, values.text(cells.get("venue")), int(expected_text or 0))
            )
    if report.errors:
        transaction.set_rollback(True)
        return report
    days: dict[tuple[str, str], int] = {}
    for module, zone, day_date, start, end, venue, expected in sorted(parsed, key=lambda p: p[2]):
        key = (fold(module), fold(zone))
        days[key] = days.get(key, 0) + 1
        add_session(
            mission=mission, module_title=module, zone_name=zone, day_date=day_date, start=start, end=end,
            venue=venue, expected=expected, actor=actor, day=days[key],
        )  # fmt: skip
        report.imported += 1
    return report


# --- participants -----------------------------------------------------------------


RowError.MESSAGES.update(
    {
        "missing_module": "no module",
        "date": "not a date: {value!r}",
        "start": "not a time: {value!r}",
        "end": "not a time: {value!r}",
        "time": "not a time: {value!r}",
        "expected": "not a number: {value!r}",
        "participant": "no participant of the session matches: {value!r}",
        "missing_participant": "no participant given",
        "presence": "present or absent expected: {value!r}",
    }
)


class ZoneResolver:
    """A record's zone: its zone column (a zone's name or its territory's code
    or names), else its commune (the zone containing it), else the default."""

    def __init__(self, mission: Mission, default: str = "") -> None:
        self.zones = list(Zone.objects.filter(mission=mission).select_related("territory"))
        self.keys: dict[str, str] = {}
        self.by_territory: dict[int, str] = {}
        for zone in self.zones:
            self.keys.setdefault(fold(zone.name), zone.name)
            if zone.territory is not None:
                self.by_territory[zone.territory.pk] = zone.name
                for key in (zone.territory.code, zone.territory.name_fr, zone.territory.name_ar):
                    if key:
                        self.keys.setdefault(fold(key), zone.name)
        self.default = self.keys.get(fold(default)) if default else None
        self._communes: dict[str, list[tuple[int, int | None]]] | None = None

    def _commune_index(self) -> dict[str, list[tuple[int, int | None]]]:
        if self._communes is None:
            self._communes = {}
            parents = dict(Territory.objects.values_list("pk", "parent_id"))
            for pk, name_fr, name_ar in Territory.objects.filter(kind="commune").values_list(
                "pk", "name_fr", "name_ar"
            ):
                for key in (fold(name_fr), fold(name_ar)):
                    if key:
                        self._communes.setdefault(key, []).append((pk, parents.get(pk)))
            self._parents = parents
        return self._communes

    def __call__(self, record: Record) -> str | None:
        if record.zone:
            return self.keys.get(fold(record.zone))
        if record.commune:
            key = fold(record.commune)
            if key in self.keys:
                return self.keys[key]
            if self.by_territory:
                for pk, _parent in self._commune_index().get(key, []):
                    node: int | None = pk
                    for _ in range(5):
                        if node is None:
                            break
                        if node in self.by_territory:
                            return self.by_territory[node]
                        node = self._parents.get(node)
        return self.default if self.default else (self.zones[0].name if len(self.zones) == 1 else None)


def existing_keys(mission: Mission) -> Existing:
    existing = Existing()
    for code, phone, key, ar_key in Participant.objects.filter(mission=mission, erased=False).values_list(
        "code", "phone", "name_key", "name_ar_key"
    ):
        if phone:
            existing.phones.setdefault(phone, code)
        for k in (key, ar_key):
            if k:
                existing.names.setdefault(k, code)
    return existing


def preview_participants(
    *, mission: Mission, data: bytes, overrides: dict[str, str] | None = None, zone: str = "",
    keep_rows: tuple[int, ...] = (), mapping: dict[int, str] | None = None,
) -> tuple[Header, ParticipantsResult]:  # fmt: skip
    """What an import would do, without storing anything: the header found
    (or overridden), the records, duplicates and errors."""
    table = _table(data)
    header = find_header(table, PARTICIPANT_SYNONYMS)
    if header is None:
        raise MissionError("participants_header")
    if overrides:
        try:
            header = override_header(header, overrides)
        except KeyError as error:
            raise MissionError("unknown_column", str(error.args[0])) from error
    if mapping is not None:  # the user's choices on the preview page, column by column
        header = Header(header.row_number, header.index, header.labels, dict(mapping))
    if not {"name", "name_ar", "first_name", "last_name"} & set(header.mapping.values()):
        raise MissionError("participants_header")
    resolver = ZoneResolver(mission, zone)
    if zone and resolver.default is None:
        raise MissionError("unknown_zone", zone)
    result = read_participants(
        table, header, existing=existing_keys(mission), resolve_zone=resolver, keep_rows=keep_rows
    )
    return header, result


@transaction.atomic
def import_participants(
    *, mission: Mission, data: bytes, actor: Any, overrides: dict[str, str] | None = None, zone: str = "",
    keep_rows: tuple[int, ...] = (), mapping: dict[int, str] | None = None,
) -> ImportReport:  # fmt: skip
    """Import a participants' sheet: every row checked first; with any error
    nothing is stored; duplicates (of a row above or of a participant already
    in the mission) are listed and left out unless the user kept them."""
    # One import at a time per mission: two at once could both miss a duplicate.
    Mission.objects.select_for_update().filter(pk=mission.pk).first()
    header, result = preview_participants(
        mission=mission, data=data, overrides=overrides, zone=zone, keep_rows=keep_rows, mapping=mapping
    )
    report = ImportReport(rows=result.rows, duplicates=result.duplicates, errors=result.errors, header=header)
    if result.errors:
        return report
    zones = {z.name: z.pk for z in Zone.objects.filter(mission=mission)}
    categories = _categories(mission, {r.category for r in result.records if r.category})
    start = _next_code_number(mission)
    Participant.objects.bulk_create(
        [
            Participant(
                mission=mission,
                zone_id=zones[r.zone],
                code=f"P{start + i:05d}",
                name_latin=r.name_latin[:255],
                name_arabic=r.name_arabic[:255],
                sex=r.sex,
                category_id=categories.get(fold(r.category)),
                organization_name=r.organization,
                commune=r.commune,
                phone=r.phone,
                email=r.email,
                disability=r.disability,
                consent=r.consent,
                name_key=r.name_key[:255],
                name_ar_key=r.name_ar_key[:255],
            )  # fmt: skip
            for i, r in enumerate(result.records)
        ],
        batch_size=1000,
    )
    report.imported = len(result.records)
    write_audit(
        obj=mission,
        actor=actor,
        action="import_participants",
        data={"rows": report.rows, "imported": report.imported, "duplicates": len(report.duplicates)},
    )
    return report


def _categories(mission: Mission, names: set[str]) -> dict[str, int]:
    """The organisation's categories by folded name, adding the ones a sheet names."""
    known = {
        fold(c.name): c.pk
        for c in ParticipantCategory.objects.filter(organization_id=mission.organization_id)
    }
    for name in sorted(names):
        if fold(name) not in known:
            category = ParticipantCategory.objects.create(
                organization_id=mission.organization_id, name=name[:200]
            )
            known[fold(name)] = category.pk
    return known


def _next_code_number(mission: Mission) -> int:
    last = Participant.objects.filter(mission=mission).aggregate(m=Max("code"))["m"]
    return int(last[1:]) + 1 if last and last[1:].isdigit() else 1


@transaction.atomic
def erase_participant(*, participant: Participant, actor: Any) -> Participant:
    """Erase what identifies a participant (on their request); their zone, sex,
    category and attendance stay, so the counts do not change."""
    participant.name_latin = participant.name_arabic = participant.organization_name = ""
    participant.commune = participant.phone = participant.email = ""
    participant.name_key = participant.name_ar_key = ""
    participant.disability = False
    participant.erased = True
    participant.save(
        update_fields=[
            "name_latin", "name_arabic", "organization_name", "commune", "phone", "email", "name_key",
            "name_ar_key", "disability", "erased",
        ]
    )  # fmt: skip
    write_audit(obj=participant, actor=actor, action="erase")
    return participant


# --- attendance -----------------------------------------------------------------------


@transaction.atomic
def record_attendance(
    *, session: Session, participant: Participant, present: bool, actor: Any,
    morning: bool | None = None, afternoon: bool | None = None,
) -> Attendance:  # fmt: skip
    """Tick (or untick) a participant at a session. A half-day not given
    follows ``present``. At a session that spans the day (``Session.spans_day``)
    the half-days are ticked separately and ``present`` means at least one of
    them; at a shorter one there is one tick, and both half-days follow it."""
    if participant.mission_id != session.mission_id:
        raise MissionError("participant_of_another_mission")
    morning = present if morning is None else morning
    afternoon = present if afternoon is None else afternoon
    if session.spans_day:
        present = morning or afternoon
    else:
        morning = afternoon = present
    attendance, _created = Attendance.objects.update_or_create(
        session=session,
        participant=participant,
        defaults={
            "present": present,
            "morning": morning,
            "afternoon": afternoon,
            "walk_in": participant.walk_in or participant.zone_id != session.zone_id,
            "sex": participant.sex,
            "category_id": participant.category_id,
        },
    )
    return attendance


@transaction.atomic
def add_walk_in(
    *, session: Session, name: str, actor: Any, sex: str = "", phone: str = "", category: str = ""
) -> Participant:
    """Someone who came without being on the list: added to the mission (in
    the session's zone, as a walk-in) and recorded present."""
    name = " ".join(name.split())[:255]
    if not name:
        raise MissionError("missing_name")
    try:
        normalised_phone = values.phone(phone) or ""
    except ValueError as error:
        raise MissionError("phone", phone) from error
    Mission.objects.select_for_update().filter(pk=session.mission_id).first()
    arabic = bool(re.search("[\u0600-\u06ff]", name))
    categories = _categories(session.mission, {category} if category else set())
    participant = Participant.objects.create(
        mission_id=session.mission_id, zone_id=session.zone_id, code=f"P{_next_code_number(session.mission):05d}",
        name_latin="" if arabic else name, name_arabic=name if arabic else "", sex=sex if sex in ("female", "male") else "",
        phone=normalised_phone, name_key="" if arabic else name_key(name), name_ar_key=name_key(name) if arabic else "",
        category_id=categories.get(fold(category)) if category else None, walk_in=True,
    )  # fmt: skip
    Attendance.objects.create(
        session=session, participant=participant, present=True, morning=True, afternoon=True, walk_in=True,
        sex=participant.sex, category_id=participant.category_id,
    )  # fmt: skip
    write_audit(
        obj=session.mission,
        actor=actor,
        action="walk_in",
        data={"session": session.pk, "participant": participant.pk},
    )
    return participant


# A column per half-day, as a sheet typed back from the paper one names them.
HALF_DAY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "present_am": (
        "present am", "present matin", "presente matin", "presence matin", "presence du matin", "matin",
        "signature matin", "morning", "am", "present morning", "attended morning",
        "الحضور صباحا", "حاضر صباحا", "صباحا", "الفتره الصباحيه", "حضور الصباح", "التوقيع صباحا",
    ),
    "present_pm": (
        "present pm", "present apres midi", "presente apres midi", "presence apres midi",
        "presence de l apres midi", "apres midi", "signature apres midi", "afternoon", "pm",
        "present afternoon", "attended afternoon",
        "الحضور مساء", "حاضر مساء", "مساء", "الفتره المسائيه", "حضور المساء", "التوقيع مساء",
    ),
}  # fmt: skip
ATTENDANCE_COLUMNS = {**ATTENDANCE_SYNONYMS, **HALF_DAY_SYNONYMS}
PRESENCE_FIELDS = ("present", "present_am", "present_pm")


@dataclass(frozen=True)
class Mark:
    participant: Participant
    present: bool
    morning: bool | None
    afternoon: bool | None


@transaction.atomic
def import_attendance(*, session: Session, data: bytes, actor: Any) -> ImportReport:
    """A sheet with a ``participant`` column (name, phone or code) and a
    ``present`` column (both half-days), or a column per half-day
    (``present_am`` / ``present_pm``, "Matin", "مساء"...), or all three (a
    half-day's column then wins for that half-day); a row that matches nobody
    in the mission is an error, and then nothing is recorded."""
    table = _table(data)
    header = find_header(table, ATTENDANCE_COLUMNS)
    fields = set(header.mapping.values()) if header is not None else set()
    if header is None or "participant" not in fields or not fields & set(PRESENCE_FIELDS):
        raise MissionError("attendance_header")
    people = list(Participant.objects.filter(mission_id=session.mission_id, erased=False))
    index: dict[str, Participant] = {}
    for p in people:
        for key in (p.code.lower(), p.phone, p.name_key, p.name_ar_key):
            if key:
                index.setdefault(key, p)
    report = ImportReport(header=header)
    marks: list[Mark] = []
    for row in table.rows[header.index + 1 :]:
        report.rows += 1
        cells = {
            name: row.cells[pos] if pos < len(row.cells) else None for pos, name in header.mapping.items()
        }
        who = values.text(cells.get("participant"))
        if not who:
            report.errors.append(RowError(row.number, "missing_participant"))
            continue
        try:
            phone = values.phone(who)
        except ValueError:
            phone = None
        person = index.get(who.lower()) or (index.get(phone) if phone else None) or index.get(name_key(who))
        if person is None:
            report.errors.append(RowError(row.number, "participant", who))
            continue
        ticks: dict[str, bool] = {}
        for name in PRESENCE_FIELDS:
            if name in fields:
                try:
                    ticks[name] = values.presence(cells.get(name))
                except ValueError:
                    report.errors.append(RowError(row.number, "presence", values.text(cells.get(name))))
        if len(ticks) < len(fields & set(PRESENCE_FIELDS)):
            continue
        present = ticks.get("present", False)
        morning, afternoon = ticks.get("present_am"), ticks.get("present_pm")
        if "present" not in ticks:
            # Only half-day columns: a half-day without its column was not attended.
            morning, afternoon = bool(morning), bool(afternoon)
            present = morning or afternoon
        marks.append(Mark(person, present, morning, afternoon))
    if report.errors:
        return report
    for mark in marks:
        attendance = record_attendance(
            session=session, participant=mark.participant, present=mark.present, actor=actor,
            morning=mark.morning, afternoon=mark.afternoon,
        )  # fmt: skip
        report.imported += 1
        report.present += int(attendance.present)
    write_audit(
        obj=session.mission,
        actor=actor,
        action="import_attendance",
        data={"session": session.pk, "rows": report.rows},
    )
    return report


@transaction.atomic
def attach_scan(*, session: Session, upload: IO[bytes], original_name: str, actor: Any) -> AttendanceScan:
    """The signed paper sheet, scanned (PDF or image), kept as evidence."""
    kind, digest, size, stored = _store(
        upload,
        name_for=scan_storage_name,
        allowed=SCAN_TYPES,
    )
    scan = AttendanceScan.objects.create(
        session=session, original_name=original_name[:255], file=stored, size=size, sha256=digest,
        content_type=kind, uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    write_audit(obj=session.mission, actor=actor, action="attach_scan", data={"session": session.pk})
    return scan


__all__ = ["ISSUER", "FACILITATOR"]
