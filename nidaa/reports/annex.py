"""The report's annex of attendance lists as a spreadsheet (who was present
at each session), for missions whose lists are too long to print in the
report (``document.ANNEX_NAMES``); openpyxl's write-only mode streams the rows."""

from __future__ import annotations

import io

import openpyxl
from django.utils import translation
from django.utils.translation import gettext as _

from nidaa.missions.models import Attendance, Mission


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
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
