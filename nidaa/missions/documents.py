"""The documents a mission produces: printable attendance sheets (PDF) and
planned-versus-present tables (.xlsx)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

import openpyxl

from nidaa.missions.attendance_sheet import attendance_sheets
from nidaa.missions.models import Session
from nidaa.missions.selectors import totals_by, totals_by_breakdown


def attendance_sheets_pdf(*, sessions: Iterable[Session], lang: str) -> bytes:
    """One A4 sheet (or more) per session (``missions.attendance_sheet``):
    headers in French and Arabic, a line per expected participant with their
    names in both scripts, blank lines for walk-ins, a signature column per
    half-day. ``lang`` "ar" lays the columns right to left."""
    return attendance_sheets(sessions=sessions, lang=lang)


def _append(sheet: Any, row: list[Any]) -> None:
    """Append a row whose texts stay texts: a module or zone named "=HYPERLINK(...)"
    must not become a formula in the issuer's Excel."""
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@"):
            cell.data_type = "s"


def halves(session: dict[str, Any], half_day_sessions: set[int]) -> tuple[int | None, int | None]:
    """The morning and afternoon counts of a session ticked per half-day; blanks otherwise."""
    if session["id"] not in half_day_sessions:
        return (None, None)
    return (session["present_half_days"]["morning"], session["present_half_days"]["afternoon"])


def attendance_xlsx(*, summary: dict[str, Any], half_day_sessions: set[int], labels: dict[str, str]) -> bytes:
    """Planned versus present per session, and by zone, sex and category, as a
    workbook. A session of ``half_day_sessions`` (ticked per half-day) fills
    the morning and afternoon columns; the others leave them blank."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = labels["sessions"][:31]
    _append(
        sheet,
        [labels["date"], labels["module"], labels["zone"], labels["planned"], labels["present"],
         labels["female_planned"], labels["female_present"], labels["male_planned"], labels["male_present"], labels["morning_present"],
         labels["afternoon_present"]]
    )  # fmt: skip
    for s in summary["sessions"]:
        _append(
            sheet,
            [s["date"], s["module"], s["zone"], s["planned"], s["present"],
             s["by_sex"]["female"]["planned"], s["by_sex"]["female"]["present"],
             s["by_sex"]["male"]["planned"], s["by_sex"]["male"]["present"],
             *halves(s, half_day_sessions)]
        )  # fmt: skip
    for title, groups in (
        (labels["zone"], totals_by(summary["sessions"], "zone")),
        (labels["sex"], totals_by_breakdown(summary["sessions"], "by_sex")),
        (labels["category"], totals_by_breakdown(summary["sessions"], "by_category")),
    ):
        part = book.create_sheet(title[:31])
        _append(part, [title, labels["planned"], labels["present"]])
        for name, counts in groups.items():
            _append(part, [labels.get(name, name), counts["planned"], counts["present"]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
