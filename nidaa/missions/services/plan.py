"""The workshop plan: modules x zones x sessions, proposed from the call, edited, imported."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.db import transaction

from nidaa.accounts.models import User
from nidaa.calls.models import Call
from nidaa.common.workflow import write_audit
from nidaa.directory.models import Territory
from nidaa.folding import word_key
from nidaa.missions.models import Attendance, Mission, Module, Session, Zone
from nidaa.missions.services.changes import apply_changes
from nidaa.missions.services.errors import MissionError
from nidaa.missions.services.sheets import ImportReport, read_sheet
from nidaa.sheets import values
from nidaa.sheets.columns import PLAN_SYNONYMS, find_header
from nidaa.sheets.participants import RowError


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
    folded = word_key(name)
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
    start: time | None, end: time | None, expected: int, actor: User | None,
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
    end: time | None, venue: str, expected: int, actor: User | None, day: int = 1,
) -> Session:  # fmt: skip
    session = Session.objects.create(
        mission=mission, module=_module(mission, module_title), zone=_zone(mission, zone_name), day=day,
        date=day_date, start_time=start, end_time=end, venue=venue[:500], expected=expected,
    )  # fmt: skip
    write_audit(obj=mission, actor=actor, action="add_session", data={"session": session.pk})
    return session


@transaction.atomic
def delete_session(*, session: Session, actor: User | None) -> None:
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


@transaction.atomic
def update_session(
    *, session: Session, actor: User | None, module: Module, zone: Zone, day: int, day_date: date,
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
    changed = apply_changes(
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
def import_plan(*, mission: Mission, data: bytes, actor: User | None) -> ImportReport:
    """One session per row: module, zone (a place name or territory code),
    date, start, end, venue, expected. Nothing is created if a row is wrong."""
    table = read_sheet(data)
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
        key = (word_key(module), word_key(zone))
        days[key] = days.get(key, 0) + 1
        add_session(
            mission=mission, module_title=module, zone_name=zone, day_date=day_date, start=start, end=end,
            venue=venue, expected=expected, actor=actor, day=days[key],
        )  # fmt: skip
        report.imported += 1
    return report
