"""The final report kept in the storage under the version of the records it
prints, as ``evaluation.minutes`` keeps the minutes: printed once (after a
change in the task queue when a worker runs, else at the first download),
then read back; a correction to any record it prints makes a new name, and
the old file of the same language and format is deleted when the new one is
kept."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import Max

from nidaa.common.kept import keep
from nidaa.common.kept import read as read_kept
from nidaa.missions.models import Attendance, Mission
from nidaa.reports import document
from nidaa.reports.models import Action, Narrative
from nidaa.reports.results import cached_results, records_version

FORMATS = ("pdf", "docx")
# Part of the kept files' names: a change of the report's layout or wording
# that the records do not show makes new files.
LAYOUT = "1"


def report_version(mission: Mission) -> str:
    """A key that changes whenever a record the report prints changes: the
    results' records version (responses, attendance, participants, and the
    plan's modules, zones, categories and sessions and the rating questions'
    labels: ``results.labels_shown``) and what the report reads beside the
    tabulation, read whole where no timestamp says it changed (the mission,
    call and organisation's row, the narrative's time, the action plan, and
    the attendance lists when the report prints them). A dozen small queries;
    the 400 sessions' rows are the largest."""
    parts: list[Any] = [records_version(mission)]
    parts.append(
        Mission.objects.filter(pk=mission.pk)
        .values_list(
            "title",
            "facilitator_name",
            "facilitator__first_name",
            "facilitator__last_name",
            "facilitator__email",
            "start_date",
            "end_date",
            "organization__name",
            "organization__name_ar",
            "call__title",
            "call__reference",
            "call__project",
            "call__objectives",
        )
        .get()
    )
    parts.append(Narrative.objects.filter(mission=mission).aggregate(t=Max("updated_at"))["t"])
    parts.append(
        list(
            Action.objects.filter(mission=mission)
            .order_by("pk")
            .values_list("pk", "title", "owner", "due_date", "status", "position")
        )
    )
    present = Attendance.objects.filter(session__mission=mission, present=True)
    count = present.count()
    parts.append(count)
    if count <= document.ANNEX_NAMES:  # printed in the annex: a corrected name is a new report
        parts.append(
            list(
                present.order_by("pk").values_list(
                    "pk",
                    "session_id",
                    "participant__code",
                    "participant__name_latin",
                    "participant__name_arabic",
                    "participant__erased",
                )
            )
        )
    text = "|".join(str(part) for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def kept_name(mission: Mission, version: str, language: str, fmt: str) -> str:
    # The version is a 32-hex digest: the names cannot be guessed.
    return f"reports/{mission.pk}/{LAYOUT}-{version}-{language}.{fmt}"


def keep_report(
    mission: Mission, language: str, fmt: str, version: str | None = None
) -> tuple[str, bytes | None]:
    """The kept file's name for the records as they are, printing and keeping
    it first when missing (and deleting the older ones of this language and
    format); returns the name and the bytes when printed now, else ``None``."""
    if language not in document.LANGUAGES or fmt not in FORMATS:
        raise ValueError(f"{language}.{fmt}")
    name = kept_name(mission, version or report_version(mission), language, fmt)
    makers: dict[str, Callable[..., bytes]] = {"pdf": document.report_pdf, "docx": document.report_docx}
    data = keep(
        name, lambda: makers[fmt](mission, language, cached_results(mission)), replaces=f"-{language}.{fmt}"
    )
    return name, data


def stored_report(mission: Mission, language: str, fmt: str) -> bytes:
    """The report as kept for the records as they are (printed now if it is not yet)."""
    name, data = keep_report(mission, language, fmt)
    return read_kept(name) if data is None else data


def generate_reports(*, mission_id: int) -> int:
    """Print and keep the mission's report in both languages and formats (the
    task queue's job after a change); returns how many were printed now."""
    mission = (
        Mission.objects.select_related("call", "organization", "facilitator").filter(pk=mission_id).first()
    )
    if mission is None:
        return 0
    version = report_version(mission)
    printed = 0
    for language in document.LANGUAGES:
        for fmt in FORMATS:
            printed += keep_report(mission, language, fmt, version)[1] is not None
    return printed


def worker_runs() -> bool:
    """Whether a task worker runs (a broker is configured): then the reports
    are printed in the background after a change; in-process (huey's
    immediate mode) the first download prints them."""
    return not settings.HUEY.get("immediate")
