"""Attendance: ticked at the door, imported from a sheet, signed sheets scanned."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from django.db import transaction

from nidaa.accounts.models import User
from nidaa.common.workflow import write_audit
from nidaa.folding import ARABIC_BLOCK, word_key
from nidaa.missions.models import Attendance, AttendanceScan, Mission, Participant, Session, scan_storage_name
from nidaa.missions.services.errors import MissionError
from nidaa.missions.services.files import SCAN_TYPES, store_upload
from nidaa.missions.services.participants import categories_by_name, next_code_number
from nidaa.missions.services.sheets import ImportReport, read_sheet
from nidaa.sheets import values
from nidaa.sheets.columns import ATTENDANCE_SYNONYMS, find_header
from nidaa.sheets.participants import RowError
from nidaa.sheets.text import name_key


@transaction.atomic
def record_attendance(
    *, session: Session, participant: Participant, present: bool, actor: User | None,
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
    *, session: Session, name: str, actor: User | None, sex: str = "", phone: str = "", category: str = ""
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
    arabic = bool(ARABIC_BLOCK.search(name))
    categories = categories_by_name(session.mission, {category} if category else set())
    participant = Participant.objects.create(
        mission_id=session.mission_id, zone_id=session.zone_id, code=f"P{next_code_number(session.mission):05d}",
        name_latin="" if arabic else name, name_arabic=name if arabic else "", sex=sex if sex in ("female", "male") else "",
        phone=normalised_phone, name_key="" if arabic else name_key(name), name_ar_key=name_key(name) if arabic else "",
        category_id=categories.get(word_key(category)) if category else None, walk_in=True,
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
def import_attendance(*, session: Session, data: bytes, actor: User | None) -> ImportReport:
    """A sheet with a ``participant`` column (name, phone or code) and a
    ``present`` column (both half-days), or a column per half-day
    (``present_am`` / ``present_pm``, "Matin", "مساء"...), or all three (a
    half-day's column then wins for that half-day); a row that matches nobody
    in the mission is an error, and then nothing is recorded."""
    table = read_sheet(data)
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
def attach_scan(
    *, session: Session, upload: IO[bytes], original_name: str, actor: User | None
) -> AttendanceScan:
    """The signed paper sheet, scanned (PDF or image), kept as evidence."""
    kind, digest, size, stored = store_upload(
        upload,
        name_for=scan_storage_name,
        allowed=SCAN_TYPES,
    )
    scan = AttendanceScan.objects.create(
        session=session, original_name=original_name[:255], file=stored, size=size, sha256=digest,
        content_type=kind, uploaded_by=actor,
    )  # fmt: skip
    write_audit(obj=session.mission, actor=actor, action="attach_scan", data={"session": session.pk})
    return scan
