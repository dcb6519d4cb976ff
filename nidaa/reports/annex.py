"""The report's annex as a spreadsheet: the attendance lists (who was present
at each session), for missions whose lists are too long to print in the
report (``document.ANNEX_NAMES``), and the sessions one by one with their
attendance and results, for missions whose report prints one row per module
and zone (``document.SESSION_ROWS``); openpyxl's write-only mode streams the rows."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
from django.utils import translation
from django.utils.translation import gettext as _

from nidaa.missions.models import Attendance, Mission, Session
from nidaa.reports.document import session_headers
from nidaa.reports.results import cached_results

# The figures of a session's row, as numbers (the headers are ``document.session_headers``).
FIGURES = ("planned", "present", "paired", "pre_mean", "post_mean", "gain", "satisfaction")


def attendance_lists_xlsx(mission: Mission, language: str) -> bytes:
    with translation.override(language):
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet(title=_("Attendance lists")[:31])
        if translation.get_language_bidi():
            sheet.sheet_view.rightToLeft = True
        sheet.append(
            [_("Date"), _("Module"), _("Zone"), _("Code"), _("Name (Latin script)"), _("Name (Arabic script)"),
             _("Category"), _("Walk-in")]
        )  # fmt: skip
        yes = _("yes")
        erased = _("(erased)")
        for day, module, zone, code, latin, arabic, category, walk_in, was_erased in (
            Attendance.objects.filter(session__mission=mission, present=True)
            .order_by("session__date", "session__start_time", "session_id", "participant__name_key", "participant_id")
            .values_list(
                "session__date", "session__module__title", "session__zone__name", "participant__code",
                "participant__name_latin", "participant__name_arabic", "category__name", "walk_in",
                "participant__erased",
            )
        ):  # fmt: skip
            sheet.append(
                [day, module, zone, code, erased if was_erased else latin, "" if was_erased else arabic,
                 category or "", yes if walk_in else ""]
            )  # fmt: skip
        sessions = book.create_sheet(title=_("Sessions")[:31])
        if translation.get_language_bidi():
            sessions.sheet_view.rightToLeft = True
        sessions.append(session_headers())
        venues = dict(Session.objects.filter(mission=mission).values_list("pk", "venue"))
        for group in cached_results(mission).figures["by_session"]:
            sessions.append(
                [date.fromisoformat(group["date"]), group["module"], group["zone"], venues.get(group["id"], ""),
                 *(group[key] for key in FIGURES)]
            )  # fmt: skip
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
