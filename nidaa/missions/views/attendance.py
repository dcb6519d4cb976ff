"""Attendance: the door page (a session's ticks), the printed sheet, scans, the planned-versus-present report."""

from __future__ import annotations

from datetime import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nidaa.accounts.selectors import signed_in
from nidaa.common.downloads import attachment_response
from nidaa.common.filetypes import mime_type
from nidaa.missions.documents import attendance_sheets_pdf, attendance_xlsx
from nidaa.missions.forms import UploadForm, WalkInForm
from nidaa.missions.models import Attendance, AttendanceScan, Session
from nidaa.missions.selectors import (
    attendance_summary,
    half_day_session_ids,
    session_roster,
    totals_by,
    totals_by_breakdown,
)
from nidaa.missions.services.attendance import add_walk_in, attach_scan, import_attendance, record_attendance
from nidaa.missions.services.errors import MissionError
from nidaa.missions.views.helpers import error_text, mission_access, row_error_text, session_access

# What the door page ticks: the whole day, or one half-day of a session that spans the day.
HALVES = {"day": ("morning", "afternoon"), "am": ("morning",), "pm": ("afternoon",)}
AFTERNOON_FROM = time(13, 0)


def half_labels() -> list[tuple[str, str]]:
    return [("day", _("Whole day")), ("am", _("Morning")), ("pm", _("Afternoon"))]


def door_half(session: Session, asked: str | None) -> str:
    """The half-day ticked at the door: as asked; else, on the session's day,
    the half-day of the clock; else the whole day (attendance typed afterwards)."""
    if not session.spans_day:
        return "day"
    if asked in HALVES:
        return asked
    now = timezone.localtime()
    if now.date() != session.date:
        return "day"
    return "pm" if now.time() >= AFTERNOON_FROM else "am"


def ticked_for(attendance: Attendance, half: str) -> bool:
    return all(getattr(attendance, name) for name in HALVES[half])


@login_required
def session_attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    """Attendance at the door, on a phone: tick who is here, add walk-ins."""
    session, access = session_access(request, session_id)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "tick":
            half = door_half(session, request.POST.get("half"))
            roster = session_roster(session=session)
            present = {v for v in request.POST.getlist("present") if v.isdigit()}
            for participant, attendance in roster:
                ticked = str(participant.pk) in present
                if attendance is None and not ticked:
                    continue
                if attendance is not None and ticked_for(attendance, half) == ticked:
                    continue
                morning, afternoon = (
                    (ticked if name in HALVES[half] else bool(attendance and getattr(attendance, name)))
                    for name in ("morning", "afternoon")
                )
                record_attendance(
                    session=session, participant=participant, present=ticked, actor=signed_in(request.user),
                    morning=morning, afternoon=afternoon,
                )  # fmt: skip
            messages.success(request, _("Attendance is saved."))
            back = reverse("missions:session", args=[session.pk])
            return redirect(back if half == "day" else f"{back}?half={half}")
        elif action == "walk_in":
            form = WalkInForm(request.POST)
            if form.is_valid():
                try:
                    add_walk_in(session=session, actor=signed_in(request.user), **form.cleaned_data)
                    messages.success(request, _("The walk-in is added and marked present."))
                except MissionError as error:
                    messages.error(request, error_text(error))
        elif action in ("import", "scan"):
            upload_form = UploadForm(request.POST, request.FILES)
            if not upload_form.is_valid():
                messages.error(request, " ".join(str(e) for e in upload_form.errors.get("file", [])))
            else:
                upload = upload_form.cleaned_data["file"]
                try:
                    if action == "scan":
                        attach_scan(
                            session=session,
                            upload=upload,
                            original_name=upload.name or "",
                            actor=signed_in(request.user),
                        )
                        messages.success(request, _("The signed sheet is attached."))
                    else:
                        report = import_attendance(
                            session=session, data=upload.read(), actor=signed_in(request.user)
                        )
                        if report.errors:
                            return render(
                                request, "missions/import_errors.html",
                                {"mission": access.mission, "session": session,
                                 "errors": [(e.row, row_error_text(e)) for e in report.errors], "back": "session"},
                            )  # fmt: skip
                        messages.success(
                            request, _("%(n)s attendance rows are imported.") % {"n": report.imported}
                        )
                except MissionError as error:
                    messages.error(request, error_text(error))
        else:
            raise Http404
        return redirect("missions:session", session_id=session.pk)
    roster = session_roster(session=session)
    half = door_half(session, request.GET.get("half"))
    context = {
        "access": access,
        "mission": access.mission,
        "session": session,
        "half": half,
        "halves": [(code, label) for code, label in half_labels() if session.spans_day],
        "rows": [(p, a, a is not None and ticked_for(a, half)) for p, a in roster],
        "roster": roster,
        "present_count": sum(1 for _p, a in roster if a is not None and a.present),
        "morning_count": sum(1 for _p, a in roster if a is not None and a.morning),
        "afternoon_count": sum(1 for _p, a in roster if a is not None and a.afternoon),
        "walk_in_form": WalkInForm(),
        "upload_form": UploadForm(),
        "scans": AttendanceScan.objects.filter(session=session),
    }
    return render(request, "missions/session.html", context)


@login_required
def session_sheet(request: HttpRequest, session_id: int) -> HttpResponse:
    """The printable attendance sheet (PDF, French and Arabic headers)."""
    session, _access_ = session_access(request, session_id)
    lang = request.GET.get("lang", "ar" if (request.LANGUAGE_CODE or "").startswith("ar") else "fr")
    pdf = attendance_sheets_pdf(sessions=[session], lang="ar" if lang == "ar" else "fr")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="presence-{session.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def scan_download(request: HttpRequest, scan_id: int) -> FileResponse:
    try:
        scan = AttendanceScan.objects.select_related("session").get(pk=scan_id)
    except AttendanceScan.DoesNotExist as error:
        raise Http404 from error
    session_access(request, scan.session_id)
    return attachment_response(
        scan.file.open("rb"), filename=scan.original_name, content_type=mime_type(scan.content_type)
    )


def _labels() -> dict[str, str]:
    return {
        "sessions": _("Sessions"),
        "date": _("Date"),
        "module": _("Module"),
        "zone": _("Zone"),
        "sex": _("Sex"),
        "category": _("Category"),
        "planned": _("Planned"),
        "present": _("Present"),
        "female_planned": _("Women planned"),
        "female_present": _("Women present"),
        "male_planned": _("Men planned"),
        "male_present": _("Men present"),
        "morning_present": _("Present in the morning"),
        "afternoon_present": _("Present in the afternoon"),
        "female": _("Female"),
        "male": _("Male"),
        "unspecified": _("Not given"),
    }


@login_required
def attendance_report(request: HttpRequest, mission_id: int) -> HttpResponse:
    """Planned versus present, by session, zone, sex and category."""
    access = mission_access(request, mission_id)
    summary = attendance_summary(mission=access.mission)
    labels = _labels()
    halves = half_day_session_ids(mission=access.mission)
    context = {
        "access": access,
        "mission": access.mission,
        # "halves": the session's half-day counts, or None when it has one tick.
        "sessions": [
            {**s, "halves": s["present_half_days"] if s["id"] in halves else None}
            for s in summary["sessions"]
        ],
        "half_days": bool(halves),
        "by_zone": totals_by(summary["sessions"], "zone"),
        "by_sex": [(labels[k], v) for k, v in totals_by_breakdown(summary["sessions"], "by_sex").items()],
        "by_category": [
            (labels.get(k, k) if k == "unspecified" else k, v)
            for k, v in totals_by_breakdown(summary["sessions"], "by_category").items()
        ],
    }
    return render(request, "missions/attendance.html", context)


@login_required
def attendance_report_xlsx(request: HttpRequest, mission_id: int) -> HttpResponse:
    access = mission_access(request, mission_id)
    data = attendance_xlsx(
        summary=attendance_summary(mission=access.mission),
        half_day_sessions=half_day_session_ids(mission=access.mission),
        labels=_labels(),
    )
    response = HttpResponse(data, content_type=mime_type("xlsx"))
    response["Content-Disposition"] = f'attachment; filename="presence-mission-{access.mission.pk}.xlsx"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
