"""An uploaded sheet read under a budget, and what an import reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nidaa.common.budget import Budget, BudgetExceeded, run_within
from nidaa.missions.services.errors import MissionError
from nidaa.sheets.columns import Header
from nidaa.sheets.participants import Record, RowError
from nidaa.sheets.reader import SheetError, Table, read_table


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


def read_sheet(data: bytes) -> Table:
    try:
        return run_within(SHEET_BUDGET, read_table, data)
    except SheetError as error:
        raise MissionError(f"sheet_{error.code}", str(error)) from error
    except BudgetExceeded as exceeded:
        raise MissionError(
            "sheet_too_costly", f"the sheet could not be read within its budget ({exceeded.reason})"
        ) from exceeded


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
