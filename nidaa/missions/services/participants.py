"""The mission's participants: imported from a sheet, corrected, erased."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from nidaa.accounts.models import User
from nidaa.common.workflow import write_audit
from nidaa.directory.models import Territory
from nidaa.folding import word_key
from nidaa.missions.models import Attendance, Mission, Participant, ParticipantCategory, Zone
from nidaa.missions.services.changes import apply_changes
from nidaa.missions.services.errors import MissionError
from nidaa.missions.services.sheets import ImportReport, read_sheet
from nidaa.sheets import values
from nidaa.sheets.columns import PARTICIPANT_SYNONYMS, Header, find_header
from nidaa.sheets.columns import override as override_header
from nidaa.sheets.participants import Existing, Record, read_participants
from nidaa.sheets.participants import Result as ParticipantsResult
from nidaa.sheets.text import name_key


@transaction.atomic
def update_participant(
    *, participant: Participant, actor: User | None, zone: Zone, name_latin: str, name_arabic: str, sex: str,
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
        categories_by_name(participant.mission, {category.strip()})[word_key(category)]
        if category.strip()
        else None
    )
    changed = apply_changes(
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


class ZoneResolver:
    """A record's zone: its zone column (a zone's name or its territory's code
    or names), else its commune (the zone containing it), else the default."""

    def __init__(self, mission: Mission, default: str = "") -> None:
        self.zones = list(Zone.objects.filter(mission=mission).select_related("territory"))
        self.keys: dict[str, str] = {}
        self.by_territory: dict[int, str] = {}
        for zone in self.zones:
            self.keys.setdefault(word_key(zone.name), zone.name)
            if zone.territory is not None:
                self.by_territory[zone.territory.pk] = zone.name
                for key in (zone.territory.code, zone.territory.name_fr, zone.territory.name_ar):
                    if key:
                        self.keys.setdefault(word_key(key), zone.name)
        self.default = self.keys.get(word_key(default)) if default else None
        self._communes: dict[str, list[tuple[int, int | None]]] | None = None

    def _commune_index(self) -> dict[str, list[tuple[int, int | None]]]:
        if self._communes is None:
            self._communes = {}
            parents = dict(Territory.objects.values_list("pk", "parent_id"))
            for pk, name_fr, name_ar in Territory.objects.filter(kind="commune").values_list(
                "pk", "name_fr", "name_ar"
            ):
                for key in (word_key(name_fr), word_key(name_ar)):
                    if key:
                        self._communes.setdefault(key, []).append((pk, parents.get(pk)))
            self._parents = parents
        return self._communes

    def __call__(self, record: Record) -> str | None:
        if record.zone:
            return self.keys.get(word_key(record.zone))
        if record.commune:
            key = word_key(record.commune)
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
    table = read_sheet(data)
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
    *, mission: Mission, data: bytes, actor: User | None, overrides: dict[str, str] | None = None, zone: str = "",
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
    categories = categories_by_name(mission, {r.category for r in result.records if r.category})
    start = next_code_number(mission)
    Participant.objects.bulk_create(
        [
            Participant(
                mission=mission,
                zone_id=zones[r.zone],
                code=f"P{start + i:05d}",
                name_latin=r.name_latin[:255],
                name_arabic=r.name_arabic[:255],
                sex=r.sex,
                category_id=categories.get(word_key(r.category)),
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


def categories_by_name(mission: Mission, names: set[str]) -> dict[str, int]:
    """The organisation's categories by folded name, adding the ones a sheet names."""
    known = {
        word_key(c.name): c.pk
        for c in ParticipantCategory.objects.filter(organization_id=mission.organization_id)
    }
    for name in sorted(names):
        if word_key(name) not in known:
            category = ParticipantCategory.objects.create(
                organization_id=mission.organization_id, name=name[:200]
            )
            known[word_key(name)] = category.pk
    return known


def next_code_number(mission: Mission) -> int:
    last = Participant.objects.filter(mission=mission).aggregate(m=Max("code"))["m"]
    return int(last[1:]) + 1 if last and last[1:].isdigit() else 1


@transaction.atomic
def erase_participant(*, participant: Participant, actor: User | None) -> Participant:
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
