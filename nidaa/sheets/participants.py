"""A table of participants into records, row errors and duplicates.

Nothing here touches a database: the caller passes what the mission already
holds (``Existing``) and decides what to store. A duplicate is the same phone
(in any Moroccan format) or the same name with or without accents, in another
case or word order, as a row above or a participant already in the mission.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from nidaa.sheets import values
from nidaa.sheets.columns import Header
from nidaa.sheets.reader import Table
from nidaa.sheets.text import has_arabic, name_key

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
FIELDS = (
    "name", "first_name", "last_name", "name_ar", "sex", "category", "organization", "commune",
    "zone", "phone", "email", "disability", "consent", "code",
)  # fmt: skip


@dataclass(frozen=True)
class RowError:
    row: int
    code: str  # missing_name, sex, phone, email, yes_no, zone, no_header
    value: str = ""

    MESSAGES = {
        "missing_name": "no name",
        "sex": "sex not recognised: {value!r}",
        "phone": "not a phone number: {value!r}",
        "email": "not an e-mail address: {value!r}",
        "yes_no": "yes or no expected: {value!r}",
        "zone": "zone not in the plan: {value!r}",
        "no_zone": "no zone given",
        "category": "category not in the organisation's list: {value!r}",
    }

    @property
    def message(self) -> str:
        return self.MESSAGES[self.code].format(value=self.value)


@dataclass
class Record:
    row: int
    name_latin: str = ""
    name_arabic: str = ""
    sex: str = ""
    category: str = ""
    organization: str = ""
    commune: str = ""
    zone: str = ""
    phone: str = ""
    email: str = ""
    disability: bool = False
    consent: bool = False
    code: str = ""

    # Read several times per row (duplicates, then storage): folded once.
    @functools.cached_property
    def name_key(self) -> str:
        return name_key(self.name_latin)

    @functools.cached_property
    def name_ar_key(self) -> str:
        return name_key(self.name_arabic)


@dataclass(frozen=True)
class Duplicate:
    row: int
    reason: str  # "phone" or "name"
    of_row: int | None = None  # a row above in the file
    of_participant: str | None = None  # or a participant already in the mission (their code)


@dataclass
class Existing:
    """What the mission already holds, keyed for duplicate detection."""

    phones: dict[str, str] = field(default_factory=dict)  # E.164 -> participant code
    names: dict[str, str] = field(default_factory=dict)  # name key -> participant code


@dataclass
class Result:
    rows: int = 0
    records: list[Record] = field(default_factory=list)  # to import
    duplicates: list[tuple[Record, Duplicate]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def read_participants(
    table: Table,
    header: Header,
    *,
    existing: Existing | None = None,
    resolve_zone: Callable[[Record], str | None] | None = None,
    keep_rows: Iterable[int] = (),
) -> Result:
    """Every non-blank row below the header as a record, an error or a
    duplicate. ``resolve_zone`` gives a record's zone name (None: no zone
    matches); ``keep_rows`` are rows the user decided are not duplicates."""
    existing = existing or Existing()
    keep = set(keep_rows)
    result = Result()
    seen_phones: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for row in table.rows[header.index + 1 :]:
        result.rows += 1
        cells = {
            name: row.cells[pos] if pos < len(row.cells) else None for pos, name in header.mapping.items()
        }
        record, errors = _record(row.number, cells)
        if not errors and resolve_zone is not None:
            zone = resolve_zone(record)
            if zone is None:
                errors.append(RowError(row.number, "zone" if record.zone else "no_zone", record.zone))
            else:
                record.zone = zone
        if errors:
            result.errors.extend(errors)
            continue
        duplicate = None if row.number in keep else _duplicate(record, existing, seen_phones, seen_names)
        if duplicate:
            result.duplicates.append((record, duplicate))
            continue
        if record.phone:
            seen_phones.setdefault(record.phone, row.number)
        for key in (record.name_key, record.name_ar_key):
            if key:
                seen_names.setdefault(key, row.number)
        result.records.append(record)
    return result


def _duplicate(
    record: Record, existing: Existing, phones: dict[str, int], names: dict[str, int]
) -> Duplicate | None:
    if record.phone:
        if record.phone in existing.phones:
            return Duplicate(record.row, "phone", of_participant=existing.phones[record.phone])
        if record.phone in phones:
            return Duplicate(record.row, "phone", of_row=phones[record.phone])
    for key in (record.name_key, record.name_ar_key):
        if not key:
            continue
        if key in existing.names:
            return Duplicate(record.row, "name", of_participant=existing.names[key])
        if key in names:
            return Duplicate(record.row, "name", of_row=names[key])
    return None


def _record(number: int, cells: dict[str, values.Cell]) -> tuple[Record, list[RowError]]:
    record = Record(row=number)
    errors: list[RowError] = []
    get = {name: values.text(cells.get(name)) for name in FIELDS}
    full = get["name"]
    if get["first_name"] or get["last_name"]:
        # "Nom" + "Prénom" in two columns ("Nom" is also the full name's synonym).
        full = " ".join(part for part in (get["last_name"] or get["name"], get["first_name"]) if part)
    for part in (full, get["name_ar"]):
        if not part:
            continue
        if has_arabic(part) and not record.name_arabic:
            record.name_arabic = " ".join(part.split())
        elif not has_arabic(part) and not record.name_latin:
            record.name_latin = " ".join(part.split())
    if not (record.name_latin or record.name_arabic):
        errors.append(RowError(number, "missing_name"))
    try:
        record.sex = values.sex(cells.get("sex")) or ""
    except ValueError:
        errors.append(RowError(number, "sex", get["sex"]))
    try:
        record.phone = values.phone(cells.get("phone")) or ""
    except ValueError:
        errors.append(RowError(number, "phone", get["phone"]))
    if get["email"] and not _EMAIL.match(get["email"]):
        errors.append(RowError(number, "email", get["email"]))
    record.email = get["email"].lower() if get["email"] and _EMAIL.match(get["email"]) else ""
    for name in ("disability", "consent"):
        try:
            setattr(record, name, bool(values.yes_no(cells.get(name))))
        except ValueError:
            errors.append(RowError(number, "yes_no", get[name]))
    record.category = get["category"][:200]
    record.organization = get["organization"][:255]
    record.commune = get["commune"][:200]
    record.zone = get["zone"][:200]
    record.code = get["code"][:20]
    return record, errors
