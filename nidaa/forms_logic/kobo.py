"""Responses in the layout of a KoboToolbox export (.xlsx or .csv): one row
per submission, one column per question name (``grp/q1`` with its groups,
or the question's label), choices by name or by label. The participant is
found by a column the user names, matched by code, phone or name.

Plain Python: it runs in a child process under a budget and gets the
mission's participants as tuples. Every row is checked with the same rules
as the phone page (``answers.check_answers``); the caller stores nothing
when any row is in error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from nidaa.folding import word_key
from nidaa.forms_logic.answers import check_answers, score
from nidaa.forms_logic.definition import SELECTS, Form, FormQuestion
from nidaa.sheets import values as cell_values
from nidaa.sheets.reader import SheetError, read_table
from nidaa.sheets.text import name_key

MAX_ROWS = 100_000
MAX_COLUMNS = 1000
MAX_BYTES = 60 * 1024 * 1024
# Columns Kobo adds to every export: not questions, never an error.
KOBO_META = {"start", "end", "today", "deviceid", "username", "__version__", "meta/instanceid"}
SUBMISSION_TIME = ("_submission_time", "submission_time", "end")
DEFAULT_PARTICIPANT_COLUMNS = ("participant", "participant_code", "code", "name", "nom", "phone", "telephone")

# (pk, code, phone in E.164, name key of the Latin name, of the Arabic name, zone pk)
ParticipantRow = tuple[int, str, str, str, str, int]


@dataclass
class Matched:
    row: int
    participant_id: int
    values: dict[str, str]
    score: float | None
    knowledge_total: int
    knowledge_right: int
    submitted_at: datetime | None = None


@dataclass
class RowProblem:
    row: int
    code: str  # invalid_choice, required, constraint, not_a_number, not_an_integer, too_long, duplicate_participant
    question: str = ""
    value: str = ""


@dataclass
class ResponsesReport:
    rows: int = 0
    matched: list[Matched] = field(default_factory=list)
    unmatched: list[tuple[int, str]] = field(default_factory=list)  # (row, the participant as written)
    errors: list[RowProblem] = field(default_factory=list)
    # The whole file refused: "sheet_<code>", "no_participant_column", "no_question_column".
    fatal: str = ""
    fatal_detail: str = ""
    unknown_columns: list[str] = field(default_factory=list)
    imported: int = 0
    replaced: int = 0


def _column_of(form: Form) -> dict[str, str]:
    """Header (folded) → question name: the name, the group path, the labels."""
    columns: dict[str, str] = {}
    for question in form.questions:
        if question.type == "note":
            continue
        for label in question.label.values():
            columns.setdefault(word_key(label), question.name)
    for question in form.questions:
        if question.type == "note":
            continue
        columns[word_key(question.name)] = question.name
        if question.group:
            columns[word_key(f"{question.group}/{question.name}")] = question.name
    return columns


def _choice_lookup(form: Form) -> dict[str, dict[str, str]]:
    """{list name: {folded name or label: choice name}}."""
    lookup: dict[str, dict[str, str]] = {}
    for choice in form.choices:
        table = lookup.setdefault(choice.list_name, {})
        for label in choice.label.values():
            if label:
                table.setdefault(word_key(label), choice.name)
    for choice in form.choices:
        lookup[choice.list_name][word_key(choice.name)] = choice.name
        lookup[choice.list_name][choice.name] = choice.name
    return lookup


def _choices(question: FormQuestion, raw: str, lookup: dict[str, str]) -> str:
    """Names for what the export holds (names or labels); unknown words kept, to be refused."""
    whole = lookup.get(raw) or lookup.get(word_key(raw))
    if whole is not None:
        return whole
    if question.type == "select_one":
        return raw
    parts = [p for p in raw.replace(",", " ").replace(";", " ").split() if p]
    return " ".join(lookup.get(p) or lookup.get(word_key(p)) or p for p in parts)


class _Participants:
    def __init__(self, rows: list[ParticipantRow]) -> None:
        self.by_code: dict[str, int] = {}
        self.by_phone: dict[str, int] = {}
        self.by_name: dict[str, int | None] = {}  # None: two participants share the name
        for pk, code, phone, latin, arabic, _zone in rows:
            if code:
                self.by_code[code.strip().upper()] = pk
            if phone:
                self.by_phone[phone] = pk
            for key in {latin, arabic}:
                if key:
                    self.by_name[key] = None if key in self.by_name and self.by_name[key] != pk else pk

    def find(self, written: str) -> int | None:
        written = written.strip()
        if not written:
            return None
        found = self.by_code.get(written.upper())
        if found is not None:
            return found
        if any(ch.isdigit() for ch in written):
            try:
                phone = cell_values.phone(written)
            except ValueError:
                phone = None
            if phone and phone in self.by_phone:
                return self.by_phone[phone]
        return self.by_name.get(name_key(written))


def _submitted(cell: object) -> datetime | None:
    if isinstance(cell, datetime):
        return cell if cell.tzinfo else cell.replace(tzinfo=UTC)
    if isinstance(cell, str) and cell.strip():
        try:
            value = datetime.fromisoformat(cell.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None


def read_responses(
    data: bytes, form: Form, participant_column: str, participants: list[ParticipantRow]
) -> ResponsesReport:
    """Every row matched, checked and scored (nothing stored here)."""
    report = ResponsesReport()
    try:
        table = read_table(data, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS, max_bytes=MAX_BYTES)
    except SheetError as error:
        report.fatal, report.fatal_detail = f"sheet_{error.code}", str(error)
        return report
    header, *rows = table.rows
    headers = [cell_values.text(cell).strip() for cell in header.cells]
    folded = [word_key(h) for h in headers]
    wanted = (
        [word_key(participant_column)]
        if participant_column
        else [word_key(c) for c in DEFAULT_PARTICIPANT_COLUMNS]
    )
    who = next((folded.index(w) for w in wanted if w in folded), None)
    if who is None:
        report.fatal, report.fatal_detail = "no_participant_column", participant_column
        return report
    columns = _column_of(form)
    by_name = {q.name: q for q in form.questions}
    mapping: list[tuple[int, FormQuestion]] = []
    seen: set[str] = set()
    for index, key in enumerate(folded):
        if index == who or not key:
            continue
        name = columns.get(key)
        if name is None or name in seen:
            if key not in KOBO_META and not key.startswith("_") and "/" not in headers[index]:
                report.unknown_columns.append(headers[index])
            continue
        seen.add(name)
        mapping.append((index, by_name[name]))
    if not mapping:
        report.fatal = "no_question_column"
        return report
    when = next((folded.index(c) for c in SUBMISSION_TIME if c in folded), None)
    lookup = _choice_lookup(form)
    people = _Participants(participants)
    first_row: dict[int, int] = {}
    for row in rows:
        report.rows += 1
        cells = row.cells
        written = cell_values.text(cells[who]) if who < len(cells) else ""
        participant = people.find(written)
        if participant is None:
            report.unmatched.append((row.number, written))
            continue
        if participant in first_row:
            report.errors.append(
                RowProblem(row.number, "duplicate_participant", value=str(first_row[participant]))
            )
            continue
        first_row[participant] = row.number
        raw: dict[str, str] = {}
        for index, question in mapping:
            value = cell_values.text(cells[index]).strip() if index < len(cells) else ""
            if value and question.type in SELECTS:
                value = _choices(question, value, lookup.get(question.list_name, {}))
            raw[question.name] = value
        checked = check_answers(form, raw)
        if checked.errors:
            for name, code in checked.errors.items():
                report.errors.append(RowProblem(row.number, code, name, raw.get(name, "")[:100]))
            continue
        result = score(form, checked.values)
        report.matched.append(
            Matched(
                row=row.number,
                participant_id=participant,
                values=checked.values,
                score=result.percent,
                knowledge_total=result.total,
                knowledge_right=result.right,
                submitted_at=_submitted(cells[when]) if when is not None and when < len(cells) else None,
            )
        )
    return report
