"""The workshop plan (proposed, imported, edited session by session) and the calendar."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from nidaa.accounts.selectors import signed_in
from nidaa.missions.forms import PlanForm, SessionEditForm, SessionForm, UploadForm
from nidaa.missions.models import Module, Session, Zone
from nidaa.missions.selectors import sessions_for
from nidaa.missions.services.errors import MissionError
from nidaa.missions.services.plan import (
    add_session,
    apply_plan,
    delete_session,
    import_plan,
    propose_plan,
    update_session,
)
from nidaa.missions.views.helpers import error_text, mission_access, row_error_text, session_access


@login_required
def plan(request: HttpRequest, mission_id: int) -> HttpResponse:
    """The workshop plan: proposed from the call's figures, edited by hand or imported."""
    access = mission_access(request, mission_id)
    mission = access.mission
    proposal = propose_plan(call=mission.call)
    plan_form = PlanForm(
        initial={
            "modules": "\n".join(_("Module %(n)s") % {"n": n} for n in range(1, proposal.modules + 1)),
            "zones": "\n".join(proposal.zones),
            "days_per_module": proposal.days_per_module,
            "first_day": mission.start_date or timezone.localdate(),
            "expected": proposal.participants_per_zone or 0,
        }
    )
    session_form = SessionForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "propose":
            plan_form = PlanForm(request.POST)
            if plan_form.is_valid():
                created = apply_plan(
                    mission=mission, modules=plan_form.lines("modules"), zones=plan_form.lines("zones"),
                    days_per_module=plan_form.cleaned_data["days_per_module"], first_day=plan_form.cleaned_data["first_day"],
                    start=plan_form.cleaned_data["start"], end=plan_form.cleaned_data["end"],
                    expected=plan_form.cleaned_data["expected"], actor=signed_in(request.user),
                )  # fmt: skip
                messages.success(request, _("%(n)s sessions are planned.") % {"n": len(created)})
                return redirect("missions:plan", mission_id=mission.pk)
        elif action == "session":
            session_form = SessionForm(request.POST)
            if session_form.is_valid():
                data = session_form.cleaned_data
                add_session(
                    mission=mission, module_title=data["module"], zone_name=data["zone"], day_date=data["date"],
                    start=data["start"], end=data["end"], venue=data["venue"], expected=data["expected"], actor=signed_in(request.user),
                )  # fmt: skip
                messages.success(request, _("The session is added."))
                return redirect("missions:plan", mission_id=mission.pk)
        elif action == "delete":
            try:
                doomed = Session.objects.select_related("module", "zone", "mission").get(
                    pk=request.POST.get("session", ""), mission=mission
                )
            except (Session.DoesNotExist, ValueError) as error:
                raise Http404 from error
            try:
                delete_session(session=doomed, actor=signed_in(request.user))
                messages.success(request, _("The session is taken out of the plan."))
            except MissionError as error:
                messages.error(request, error_text(error))
            return redirect("missions:plan", mission_id=mission.pk)
        elif action == "import":
            upload_form = UploadForm(request.POST, request.FILES)
            if upload_form.is_valid():
                try:
                    report = import_plan(
                        mission=mission,
                        data=upload_form.cleaned_data["file"].read(),
                        actor=signed_in(request.user),
                    )
                except MissionError as error:
                    messages.error(request, error_text(error))
                else:
                    if report.errors:
                        return render(
                            request, "missions/import_errors.html",
                            {"mission": mission, "errors": [(e.row, row_error_text(e)) for e in report.errors], "back": "plan"},
                        )  # fmt: skip
                    messages.success(request, _("%(n)s sessions are imported.") % {"n": report.imported})
                    return redirect("missions:plan", mission_id=mission.pk)
            else:
                messages.error(request, " ".join(str(e) for e in upload_form.errors.get("file", [])))
        else:
            raise Http404
    sessions = list(sessions_for(mission=mission))
    context = {
        "access": access,
        "mission": mission,
        "sessions": sessions,
        "plan_form": plan_form,
        "session_form": session_form,
        "upload_form": UploadForm(),
        "proposal": proposal,
    }
    return render(request, "missions/plan.html", context)


@login_required
def calendar(request: HttpRequest, mission_id: int) -> HttpResponse:
    """The sessions day by day."""
    access = mission_access(request, mission_id)
    days: dict[date, list[Session]] = {}
    for session in sessions_for(mission=access.mission):
        days.setdefault(session.date, []).append(session)
    return render(
        request, "missions/calendar.html", {"mission": access.mission, "access": access, "days": days}
    )


@login_required
def calendar_ics(request: HttpRequest, mission_id: int) -> HttpResponse:
    """The sessions as an iCalendar file (times in Africa/Casablanca)."""
    access = mission_access(request, mission_id)
    zone = ZoneInfo(access.mission.call.timezone or "Africa/Casablanca")
    cal = Calendar()
    cal.add("prodid", "-//Nidaa//missions//")
    cal.add("version", "2.0")
    for session in sessions_for(mission=access.mission):
        event = Event()
        event.add("uid", f"session-{session.pk}@nidaa")
        event.add("summary", f"{session.module.title} · {session.zone.name}")
        event.add("dtstart", datetime.combine(session.date, session.start_time or time(9), tzinfo=zone))
        event.add("dtend", datetime.combine(session.date, session.end_time or time(17), tzinfo=zone))
        if session.venue:
            event.add("location", session.venue)
        event.add("dtstamp", timezone.now())
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mission-{access.mission.pk}.ics"'
    return response


@login_required
def session_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    """Edit a session of the plan (the issuer's members and the facilitator)."""
    session, access = session_access(request, session_id)
    mission = access.mission
    modules = list(Module.objects.filter(mission=mission).values_list("pk", "title"))
    zones = list(Zone.objects.filter(mission=mission).values_list("pk", "name"))
    form = SessionEditForm(
        request.POST or None,
        modules=modules,
        zones=zones,
        initial={
            "module": session.module_id, "zone": session.zone_id, "day": session.day, "date": session.date,
            "start": session.start_time, "end": session.end_time, "venue": session.venue,
            "expected": session.expected,
        },
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update_session(
                session=session, actor=signed_in(request.user),
                module=Module.objects.get(pk=data["module"], mission=mission),
                zone=Zone.objects.get(pk=data["zone"], mission=mission),
                day=data["day"], day_date=data["date"], start=data["start"], end=data["end"],
                venue=data["venue"], expected=data["expected"],
            )  # fmt: skip
        except MissionError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The session is updated."))
            return redirect("missions:plan", mission_id=mission.pk)
    return render(
        request,
        "missions/session_edit.html",
        {"access": access, "mission": mission, "session": session, "form": form},
    )
