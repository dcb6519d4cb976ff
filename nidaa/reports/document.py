"""The mission's final report ("rapport de formation" / "تقرير التكوين") in
French or Arabic, as PDF (``common.pdf``: WeasyPrint, Arabic shaped right to
left, the charts as HTML bars) and as editable DOCX (``common.docx``: right
to left paragraphs in Arabic, the same charts as PNG pictures).

Everything printed is read from the stored records when the report is made
(the call, the plan, attendance, the questionnaires' results, the narrative,
the action plan): regenerating after a correction prints the corrected report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from nidaa.common.docx import BidiDocument
from nidaa.common.pdf import render_pdf
from nidaa.missions.models import Attendance, Mission, Module, Session
from nidaa.reports.charts import charts_png, figure, mission_charts
from nidaa.reports.models import Action, Narrative
from nidaa.reports.results import Results, compute_results

LANGUAGES = ("fr", "ar")
# Past this many names the attendance lists leave the report for a spreadsheet:
# WeasyPrint lays out about 7 pages a second, and 140,000 names are 700 pages.
ANNEX_NAMES = 4000
# Past this many sessions the table of sessions held prints one row per module
# and zone (its venues and dates listed) and the sessions one by one, with
# their attendance and results, are a sheet of that spreadsheet: WeasyPrint
# spent most of a 400-session report laying out the 4,400 cells of that table.
SESSION_ROWS = 100
OTHER = {"fr": "ar", "ar": "fr"}


def _day(value: date | None) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else "—"


@dataclass(frozen=True)
class Report:
    language: str
    title: str
    context: dict[str, Any]


def result_headers() -> list[str]:
    return [
        _("Group"),
        _("Paired"),
        _("Pre only"),
        _("Post only"),
        _("Mean before (%)"),
        _("Mean after (%)"),
        _("Gain (points)"),
        _("Improved (%)"),
        _("Satisfaction (%)"),
    ]


def session_headers() -> list[str]:
    return [
        _("Date"),
        _("Module"),
        _("Zone"),
        _("Venue"),
        _("Planned"),
        _("Present"),
        _("Paired"),
        _("Mean before (%)"),
        _("Mean after (%)"),
        _("Gain (points)"),
        _("Satisfaction (%)"),
    ]


def session_row(group: dict[str, Any], venue: str) -> list[str]:
    """One session held: its day, module, zone and venue, attendance and results."""
    return [
        _day(date.fromisoformat(group["date"])),
        group["module"],
        group["zone"],
        venue,
        str(group["planned"]),
        str(group["present"]),
        str(group["paired"]),
        figure(group["pre_mean"]),
        figure(group["post_mean"]),
        figure(group["gain"]),
        figure(group["satisfaction"]),
    ]


def _modules_and_zones(sessions: list[Session]) -> list[list[str]]:
    """One row per module and zone, in the plan's order: its venues, how many
    sessions and their dates."""
    groups: dict[tuple[int, int, int, int], list[Session]] = {}
    for s in sessions:
        groups.setdefault((s.module.position, s.module_id, s.zone.position, s.zone_id), []).append(s)
    rows = []
    for key in sorted(groups):
        held = groups[key]
        venues = list(dict.fromkeys(s.venue for s in held if s.venue))
        days = list(dict.fromkeys(s.date for s in held))
        rows.append(
            [
                held[0].module.title,
                held[0].zone.name,
                " ; ".join(venues),
                str(len(held)),
                ", ".join(_day(day) for day in days),
            ]
        )
    return rows


def result_row(label: str, group: dict[str, Any]) -> list[str]:
    return [
        label,
        str(group["paired"]),
        str(group["pre_only"]),
        str(group["post_only"]),
        figure(group["pre_mean"]),
        figure(group["post_mean"]),
        figure(group["gain"]),
        figure(group["improved_share"]),
        figure(group["satisfaction"]),
    ]


def attendance_row(label: str, group: dict[str, Any]) -> list[str]:
    rate = 100.0 * group["present"] / group["planned"] if group["planned"] else None
    return [label, str(group["planned"]), str(group["present"]), figure(rate)]


def result_tables(figures: dict[str, Any]) -> list[tuple[str, list[list[str]]]]:
    """The tabulation as the results page and the report show it: one
    (heading, rows) per breakdown, the whole mission first."""
    return [
        (_("Whole mission"), [result_row(_("All participants"), figures["overall"])]),
        (_("By module"), [result_row(g["module"], g) for g in figures["by_module"]]),
        (_("By zone"), [result_row(g["zone"], g) for g in figures["by_zone"]]),
        (_("By sex"), [result_row(sex_label(sex), g) for sex, g in figures["by_sex"].items()]),
        (_("By category"), [result_row(category_label(c), g) for c, g in figures["by_category"].items()]),
    ]


def sex_label(sex: str) -> str:
    return {"female": _("Women"), "male": _("Men")}[sex]


def category_label(name: str) -> str:
    return _("Unspecified") if name == "unspecified" else name


def _narrative(narrative: Narrative | None, part: str, language: str) -> tuple[str, str]:
    """The part in the report's language, else the one written in the other (and a note saying so)."""
    if narrative is None:
        return "", ""
    own = getattr(narrative, f"{part}_{language}")
    if own:
        return own, ""
    other = getattr(narrative, f"{part}_{OTHER[language]}")
    if other:
        note = _("Written in Arabic.") if OTHER[language] == "ar" else _("Written in French.")
        return other, note
    return "", ""


def _attendance_lists(mission: Mission) -> dict[int, list[str]]:
    """Per session, who was present (code and name), in the sheets' order."""
    names: dict[int, list[str]] = {}
    for session_id, code, latin, arabic, erased in (
        Attendance.objects.filter(session__mission=mission, present=True)
        .order_by("session_id", "participant__name_key", "participant_id")
        .values_list(
            "session_id",
            "participant__code",
            "participant__name_latin",
            "participant__name_arabic",
            "participant__erased",
        )
    ):
        name = _("(erased)") if erased else " · ".join(part for part in (latin, arabic) if part)
        names.setdefault(session_id, []).append(f"{code} {name}".strip())
    return names


def build_report(mission: Mission, language: str, results: Results | None = None) -> Report:
    """The report's content in ``language``, as plain data both formats print."""
    if language not in LANGUAGES:
        raise ValueError(language)
    with translation.override(language):
        return _build(mission, language, results or compute_results(mission))


def _build(mission: Mission, language: str, results: Results) -> Report:
    call = mission.call
    figures = results.figures
    organization = mission.organization
    sessions = list(
        Session.objects.filter(mission=mission)
        .select_related("module", "zone")
        .order_by("date", "start_time", "zone__position", "module__position", "id")
    )
    venues = {s.pk: s.venue for s in sessions}
    by_session = figures["by_session"]
    compact = (
        ([_("Module"), _("Zone"), _("Venue"), _("Sessions"), _("Dates")], _modules_and_zones(sessions))
        if len(by_session) > SESSION_ROWS
        else None
    )
    names = Attendance.objects.filter(session__mission=mission, present=True).count()
    present_lists = _attendance_lists(mission) if names <= ANNEX_NAMES else None
    narrative = Narrative.objects.filter(mission=mission).first()
    parts = []
    for part, heading in (
        ("course", _("Course of the sessions")),
        ("conclusions", _("Conclusions")),
        ("recommendations", _("Recommendations")),
    ):
        text, note = _narrative(narrative, part, language)
        parts.append(
            {"heading": heading, "paragraphs": [p for p in text.splitlines() if p.strip()], "note": note}
        )
    actions = [
        [a.title, a.owner, _day(a.due_date), a.get_status_display()]
        for a in Action.objects.filter(mission=mission).order_by("due_date", "position", "pk")
    ]
    facilitator = mission.facilitator_name or (
        mission.facilitator.get_full_name() or mission.facilitator.email if mission.facilitator else ""
    )
    results_tables = result_tables(figures)
    context = {
        "title": _("Final report"),
        "mission": mission,
        "call": call,
        "organization": organization.name_ar
        if language == "ar" and organization.name_ar
        else organization.name,
        "facilitator": facilitator,
        "period": f"{_day(mission.start_date)} – {_day(mission.end_date)}",
        "generated": _day(timezone.localdate()),
        "project": call.project,
        "objectives": [str(o) for o in call.objectives if str(o).strip()],
        "modules": [
            {"title": m.title, "objectives": m.objectives}
            for m in Module.objects.filter(mission=mission).order_by("position", "pk")
        ],
        "session_headers": session_headers() if compact is None else compact[0],
        "sessions": [session_row(g, venues.get(g["id"], "")) for g in by_session]
        if compact is None
        else compact[1],
        "sessions_apart": _(
            "The %(count)s sessions one by one, with their attendance and results, are the sheet "
            "“Sessions” of the spreadsheet “Attendance lists”, downloaded beside the report."
        )
        % {"count": formats.number_format(len(sessions), force_grouping=True)}
        if compact is not None
        else "",
        "attendance_headers": [_("Group"), _("Planned"), _("Present"), _("Attendance (%)")],
        "attendance_tables": [
            (_("By zone"), [attendance_row(g["zone"], g) for g in figures["by_zone"]]),
            (_("By sex"), [attendance_row(sex_label(x), g) for x, g in figures["by_sex"].items()]),
            (
                _("By category"),
                [attendance_row(category_label(c), g) for c, g in figures["by_category"].items()],
            ),
            (_("Whole mission"), [attendance_row(_("All participants"), figures["overall"])]),
        ],
        "result_headers": result_headers(),
        "results_tables": results_tables,
        "charts": mission_charts(results, language=language),
        "narrative": parts,
        "action_headers": [_("Action"), _("Owner"), _("Due date"), _("Status")],
        "actions": actions,
        "annex": [
            {
                "session": f"{_day(s.date)} · {s.module.title} · {s.zone.name}",
                "names": present_lists.get(s.pk, []),
            }
            for s in sessions
        ]
        if present_lists is not None
        else [],
        "annex_apart": _(
            "The attendance lists (%(count)s names) are too long to print in the report: they are "
            "the spreadsheet “Attendance lists”, downloaded beside the report."
        )
        % {"count": formats.number_format(names, force_grouping=True)}
        if present_lists is None
        else "",
        "definitions": _(
            "Scores are the share of knowledge questions answered right. A participant counts as "
            "paired for a module when they answered both its pre-test and its post-test; means, gain "
            "and the share who improved are over paired participants; satisfaction is the mean of the "
            "final questionnaire's rating answers as a share of the scale's maximum."
        ),
    }
    return Report(language=language, title=str(context["title"]), context=context)


def report_pdf(mission: Mission, language: str, results: Results | None = None) -> bytes:
    report = build_report(mission, language, results)
    return render_pdf("reports/report.html", report.context, language=language)


def report_docx(mission: Mission, language: str, results: Results | None = None) -> bytes:
    report = build_report(mission, language, results)
    with translation.override(language):
        return _docx(report)


def _docx(report: Report) -> bytes:
    c = report.context
    document = BidiDocument(rtl=report.language == "ar")
    document.heading(report.title, 0)
    document.para(c["mission"].title)
    document.para(f"{c['organization']} — {c['call'].title}")
    if c["call"].reference:
        document.para(_("Reference: %(reference)s") % {"reference": c["call"].reference})
    if c["facilitator"]:
        document.para(_("Facilitator: %(name)s") % {"name": c["facilitator"]})
    document.para(_("Period: %(period)s") % {"period": c["period"]})
    document.para(_("Generated on %(day)s") % {"day": c["generated"]})
    document.page_break()
    document.heading(_("Context and objectives"), 1)
    if c["project"]:
        document.para(c["project"])
    for objective in c["objectives"]:
        document.para(f"• {objective}")
    for module in c["modules"]:
        document.para(module["title"] + (f" — {module['objectives']}" if module["objectives"] else ""))
    document.heading(_("Sessions held"), 1)
    if c["sessions_apart"]:
        document.para(c["sessions_apart"])
    document.table(c["session_headers"], c["sessions"])
    document.heading(_("Attendance"), 1)
    for heading, rows in c["attendance_tables"]:
        document.heading(heading, 2)
        document.table(c["attendance_headers"], rows)
    document.heading(_("Questionnaire results"), 1)
    document.para(c["definitions"])
    for heading, rows in c["results_tables"]:
        document.heading(heading, 2)
        document.table(c["result_headers"], rows)
    for chart, png in zip(c["charts"], charts_png(c["charts"], language=report.language), strict=True):
        document.heading(chart.title, 3)
        document.picture(png, width_cm=16)
    for part in c["narrative"]:
        document.heading(part["heading"], 1)
        if part["note"]:
            document.para(part["note"])
        for paragraph in part["paragraphs"] or ["—"]:
            document.para(paragraph)
    document.heading(_("Action plan"), 1)
    if c["actions"]:
        document.table(c["action_headers"], c["actions"])
    else:
        document.para("—")
    document.page_break()
    document.heading(_("Annex: attendance lists"), 1)
    if c["annex_apart"]:
        document.para(c["annex_apart"])
    for item in c["annex"]:
        document.heading(item["session"], 3)
        document.para(" ; ".join(item["names"]) or "—")
    return document.save()
