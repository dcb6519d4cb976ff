"""The mission pages. Every view loads the mission through
``get_mission_for_user`` (issuer's admins/editors, or the facilitator): anyone
else gets a 404, exactly as for a missing mission. Views validate a form, call
one service and redirect."""

from __future__ import annotations

import hashlib
import re
from datetime import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nidaa.accounts.selectors import EDIT_ROLES, organizations_for
from nidaa.applications.models import Application, ApplicationStatus
from nidaa.calls.models import Call, CallStatus
from nidaa.calls.selectors import calls_for_organizations
from nidaa.common.downloads import attachment_response
from nidaa.common.filetypes import mime_type
from nidaa.common.workflow import TransitionNotAllowed
from nidaa.missions import services
from nidaa.missions.documents import attendance_sheets_pdf, attendance_xlsx
from nidaa.missions.forms import (
    FIELD_LABELS,
    CommentForm,
    DueDateForm,
    InstalmentForm,
    MissionCreateForm,
    MissionTermsForm,
    ParticipantForm,
    PlanForm,
    ReviewForm,
    SessionEditForm,
    SessionForm,
    UploadForm,
    WalkInForm,
)
from nidaa.missions.models import (
    Attendance,
    AttendanceScan,
    Deliverable,
    DeliverableFile,
    DeliverableStatus,
    Instalment,
    Mission,
    MissionStatus,
    Module,
    Participant,
    Session,
    Zone,
)
from nidaa.missions.selectors import (
    MissionAccess,
    attendance_summary,
    get_mission_for_user,
    get_session_for_user,
    half_day_session_ids,
    missions_for,
    session_roster,
    sessions_for,
    totals_by,
    totals_by_breakdown,
)
from nidaa.missions.workflow import DELIVERABLE_WORKFLOW, MISSION_WORKFLOW
from nidaa.sheets.participants import FIELDS, RowError

PARTICIPANTS_PER_PAGE = 100
_SHA = re.compile(r"^[0-9a-f]{64}$")


def _access(request: HttpRequest, mission_id: int) -> MissionAccess:
    try:
        return get_mission_for_user(user=request.user, mission_id=mission_id)
    except Mission.DoesNotExist as error:
        raise Http404 from error


def _issuer(request: HttpRequest, mission_id: int) -> MissionAccess:
    """The mission for its issuer's admins and editors only (the facilitator gets a 404 too)."""
    access = _access(request, mission_id)
    if not access.is_issuer:
        raise Http404
    return access


def _session(request: HttpRequest, session_id: int) -> tuple[Session, MissionAccess]:
    try:
        return get_session_for_user(user=request.user, session_id=session_id)
    except Session.DoesNotExist as error:
        raise Http404 from error


def error_text(error: services.MissionError) -> str:
    """A refused write, in the user's language."""
    texts = {
        "file_too_large": _("The file is larger than 25 MB."),
        "file_type": _("The file is not a PDF, Word, OpenDocument, Excel, JPEG or PNG document."),
        "already_accepted": _("This deliverable is already accepted."),
        "comment_required": _("Say what must change."),
        "not_payable": _("The instalment's deliverable is not accepted yet."),
        "plan_header": _("No header row with the columns module, zone and date was found."),
        "participants_header": _("No header row naming the participants' names was found."),
        "attendance_header": _("No header row with the columns participant and present was found."),
        "unknown_zone": _("This zone is not in the plan."),
        "missing_name": _("A name is needed."),
        "phone": _("This is not a phone number."),
        "session_has_attendance": _("This session has attendance recorded: it stays in the plan."),
        "session_place_fixed": _(
            "This session has attendance recorded: its module and zone stay. Add a new session instead."
        ),
        "participant_zone_fixed": _("This participant has attendance recorded: their zone stays."),
        "participant_erased": _("This participant's personal data are erased."),
        "duplicate_phone": _("Another participant of the mission has this phone number."),
        "sheet_too_large": _("The file is too large."),
        "sheet_too_many_rows": _("The sheet has too many rows."),
        "sheet_not_a_sheet": _("This is not an .xlsx or .csv file."),
        "sheet_old_xls": _("Old .xls files cannot be read: save the sheet as .xlsx or .csv."),
        "sheet_damaged": _("The .xlsx file is damaged."),
        "sheet_zip_bomb": _("The .xlsx file is too large once uncompressed."),
        "sheet_empty": _("The sheet is empty."),
        "sheet_too_costly": _("The sheet could not be read within the time and memory allowed."),
        "sheet_encoding": _("The .csv file's text encoding is not recognised: save it as UTF-8."),
    }
    return texts.get(error.code, _("This cannot be done."))


def row_error_text(error: RowError) -> str:
    texts = {
        "missing_name": _("no name"),
        "sex": _("sex not recognised: %(value)s"),
        "phone": _("not a phone number: %(value)s"),
        "email": _("not an e-mail address: %(value)s"),
        "yes_no": _("yes or no expected: %(value)s"),
        "zone": _("zone not in the plan: %(value)s"),
        "no_zone": _("no zone given"),
        "missing_module": _("no module"),
        "date": _("not a date: %(value)s"),
        "start": _("not a time: %(value)s"),
        "end": _("not a time: %(value)s"),
        "time": _("not a time: %(value)s"),
        "expected": _("not a number: %(value)s"),
        "participant": _("no participant of the session matches: %(value)s"),
        "missing_participant": _("no participant given"),
        "presence": _("present or absent expected: %(value)s"),
    }
    return texts.get(error.code, error.message) % {"value": error.value}


# --- missions ------------------------------------------------------------------------


@login_required
def mission_list(request: HttpRequest) -> HttpResponse:
    """The missions the user runs for their organisation or facilitates."""
    missions = missions_for(request.user).order_by("-created_at", "-id")[:200]
    return render(request, "missions/list.html", {"missions": missions})


def retained_application(calls: QuerySet[Call], application_id: str | None) -> Application | None:
    """A submitted application to one of ``calls`` (the user's organisations'),
    by id; anything else is ignored, as if no application were named."""
    if not application_id or not application_id.isdigit():
        return None
    return (
        Application.objects.select_related("call", "applicant")
        .filter(pk=int(application_id), call__in=calls.values("pk"), status=ApplicationStatus.SUBMITTED)
        .first()
    )


@login_required
def mission_create(request: HttpRequest) -> HttpResponse:
    """A mission for one of the organisation's closed or awarded calls, the
    retained applicant given by hand (the evaluation fills it when it retains one)."""
    calls = calls_for_organizations(organizations=organizations_for(request.user, EDIT_ROLES)).filter(
        status__in=[CallStatus.CLOSED, CallStatus.AWARDED, CallStatus.PUBLISHED]
    )[:500]
    choices = [(c.pk, c.title[:120]) for c in calls]
    editable = calls_for_organizations(organizations=organizations_for(request.user, EDIT_ROLES))
    retained = retained_application(
        editable, request.POST.get("application") or request.GET.get("application")
    )
    initial: dict[str, Any] = {
        "call": request.GET.get("call"),
        "facilitator_language": settings.LANGUAGE_CODE,
    }
    if retained is not None:
        initial.update(
            call=retained.call_id,
            application=retained.pk,
            facilitator_name=retained.applicant_name or retained.firm_name,
            facilitator_email=retained.applicant_email,
            facilitator_language=services.guess_language(call=retained.call, application=retained),
        )
    form = MissionCreateForm(request.POST or None, calls=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            call = editable.get(pk=form.cleaned_data["call"])
        except Call.DoesNotExist as error:
            raise Http404 from error
        mission = services.create_mission(
            call=call,
            actor=request.user,
            application=retained if retained is not None and retained.call_id == call.pk else None,
            facilitator_name=form.cleaned_data["facilitator_name"],
            facilitator_email=form.cleaned_data["facilitator_email"],
            facilitator_language=form.cleaned_data["facilitator_language"],
        )
        messages.success(request, _("The mission is created."))
        return redirect("missions:detail", mission_id=mission.pk)
    return render(request, "missions/create.html", {"form": form, "has_calls": bool(choices)})


def _status_action_label(source: str, target: str) -> str:
    if target == MissionStatus.RUNNING:
        return _("Reopen the mission") if source == MissionStatus.DELIVERED else _("Start the mission")
    labels: dict[str, str] = {
        MissionStatus.DELIVERED: _("Mark as delivered"),
        MissionStatus.CLOSED: _("Close the mission"),
        MissionStatus.CANCELLED: _("Cancel the mission"),
    }
    return labels.get(target, target)


@login_required
def mission_detail(request: HttpRequest, mission_id: int) -> HttpResponse:
    """The mission: its terms, status, deliverables, what is payable, the plan in short."""
    access = _access(request, mission_id)
    mission = access.mission
    deliverables = list(
        Deliverable.objects.filter(mission=mission)
        .annotate(versions=Count("files"))
        .order_by("position", "id")
    )
    instalments = list(Instalment.objects.filter(mission=mission).select_related("deliverable"))
    rows = [(i, services.is_payable(i)) for i in instalments]
    payable = sum((i.amount for i, ok in rows if ok and i.paid_at is None), start=0)
    context = {
        "access": access,
        "mission": mission,
        "deliverables": deliverables,
        "instalments": rows,
        "payable": payable,
        "targets": [
            (target, _status_action_label(mission.status, target))
            for target in MISSION_WORKFLOW.allowed_targets(mission.status, access.role)
        ],
        "sessions": sessions_for(mission=mission).count(),
        "participants": Participant.objects.filter(mission=mission).count(),
        "terms_form": MissionTermsForm(
            initial={
                "facilitator_name": mission.facilitator_name,
                "facilitator_email": mission.facilitator_email,
                "amount": mission.amount,
                "start_date": mission.start_date,
                "end_date": mission.end_date,
            }
        ),
        "instalment_form": InstalmentForm(deliverables=[(d.pk, d.title[:80]) for d in deliverables]),
    }
    return render(request, "missions/detail.html", context)


@login_required
@require_POST
def mission_terms(request: HttpRequest, mission_id: int) -> HttpResponse:
    mission = _issuer(request, mission_id).mission
    form = MissionTermsForm(request.POST)
    if form.is_valid():
        services.update_mission(
            mission=mission,
            actor=request.user,
            amount=form.cleaned_data["amount"],
            start_date=form.cleaned_data["start_date"],
            end_date=form.cleaned_data["end_date"],
            facilitator_name=form.cleaned_data["facilitator_name"],
            facilitator_email=form.cleaned_data["facilitator_email"],
            focal_point=mission.focal_point or request.user,
        )
        messages.success(request, _("The mission's terms are saved."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("missions:detail", mission_id=mission.pk)


@login_required
@require_POST
def mission_status(request: HttpRequest, mission_id: int) -> HttpResponse:
    access = _access(request, mission_id)
    try:
        services.change_mission_status(
            mission=access.mission,
            target=request.POST.get("target", ""),
            actor=request.user,
            role=access.role,
        )
        messages.success(request, _("The mission's status is changed."))
    except TransitionNotAllowed:
        messages.error(request, _("This change of status is not allowed."))
    return redirect("missions:detail", mission_id=mission_id)


@login_required
@require_POST
def instalment_add(request: HttpRequest, mission_id: int) -> HttpResponse:
    mission = _issuer(request, mission_id).mission
    deliverables = {d.pk: d for d in Deliverable.objects.filter(mission=mission)}
    form = InstalmentForm(request.POST, deliverables=[(pk, d.title) for pk, d in deliverables.items()])
    if form.is_valid():
        services.add_instalment(
            mission=mission,
            label=form.cleaned_data["label"],
            amount=form.cleaned_data["amount"],
            deliverable=deliverables.get(form.cleaned_data["deliverable"])
            if form.cleaned_data["deliverable"]
            else None,
            actor=request.user,
        )
        messages.success(request, _("The instalment is added."))
    else:
        messages.error(request, _("Check the instalment's label and amount."))
    return redirect("missions:detail", mission_id=mission.pk)


@login_required
@require_POST
def instalment_paid(request: HttpRequest, mission_id: int, instalment_id: int) -> HttpResponse:
    mission = _issuer(request, mission_id).mission
    try:
        instalment = Instalment.objects.select_related("deliverable", "mission").get(
            pk=instalment_id, mission=mission
        )
    except Instalment.DoesNotExist as error:
        raise Http404 from error
    try:
        services.mark_instalment_paid(instalment=instalment, paid_on=timezone.localdate(), actor=request.user)
        messages.success(request, _("The instalment is marked as paid."))
    except services.MissionError as error:
        messages.error(request, error_text(error))
    return redirect("missions:detail", mission_id=mission.pk)


# --- deliverables --------------------------------------------------------------------


def _deliverable(access: MissionAccess, deliverable_id: int) -> Deliverable:
    try:
        return Deliverable.objects.get(pk=deliverable_id, mission=access.mission)
    except Deliverable.DoesNotExist as error:
        raise Http404 from error


@login_required
def deliverable_detail(request: HttpRequest, mission_id: int, deliverable_id: int) -> HttpResponse:
    """A deliverable: its versions, comments and history; the facilitator
    uploads, the issuer accepts or asks for changes."""
    access = _access(request, mission_id)
    deliverable = _deliverable(access, deliverable_id)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "upload" and not access.is_issuer:
                upload_form = UploadForm(request.POST, request.FILES)
                if upload_form.is_valid():
                    upload = upload_form.cleaned_data["file"]
                    services.submit_deliverable_file(
                        deliverable=deliverable, upload=upload, original_name=upload.name or "",
                        actor=request.user, role=access.role,
                    )  # fmt: skip
                    messages.success(request, _("The new version is submitted."))
                else:
                    messages.error(request, " ".join(str(e) for e in upload_form.errors.get("file", [])))
            elif action == "review" and access.is_issuer:
                review = ReviewForm(request.POST)
                if review.is_valid():
                    services.review_deliverable(
                        deliverable=deliverable, accept=review.cleaned_data["decision"] == "accept",
                        comment=review.cleaned_data["comment"], actor=request.user, role=access.role,
                    )  # fmt: skip
                    messages.success(request, _("Your decision is recorded."))
            elif action == "due" and access.is_issuer:
                due = DueDateForm(request.POST)
                if due.is_valid():
                    services.set_deliverable_due_date(
                        deliverable=deliverable, due_date=due.cleaned_data["due_date"], actor=request.user
                    )
                    messages.success(request, _("The due date is saved."))
            elif action == "comment":
                comment = CommentForm(request.POST)
                if comment.is_valid():
                    services.comment_deliverable(
                        deliverable=deliverable, text=comment.cleaned_data["text"], actor=request.user
                    )
            else:
                raise Http404
        except services.MissionError as error:
            messages.error(request, error_text(error))
        except TransitionNotAllowed:
            messages.error(request, _("This change of status is not allowed."))
        return redirect("missions:deliverable", mission_id=mission_id, deliverable_id=deliverable.pk)
    from nidaa.common.models import AuditEntry

    history = AuditEntry.objects.filter(
        object_type=Deliverable._meta.label_lower, object_id=deliverable.pk
    ).select_related("actor")[:50]
    context = {
        "access": access,
        "mission": access.mission,
        "deliverable": deliverable,
        "files": deliverable.files.select_related("uploaded_by"),
        "comments": deliverable.comments.select_related("author"),
        "history": [(entry, _history_label(entry.action, entry.to_state)) for entry in history],
        "can_review": access.is_issuer
        and "accepted" in DELIVERABLE_WORKFLOW.allowed_targets(deliverable.status, access.role),
        "upload_form": UploadForm(),
        "review_form": ReviewForm(),
        "comment_form": CommentForm(),
        "due_form": DueDateForm(initial={"due_date": deliverable.due_date}),
    }
    return render(request, "missions/deliverable.html", context)


def _history_label(action: str, to_state: str) -> str:
    """A line of a deliverable's history in the reader's language."""
    if to_state in DeliverableStatus.values:
        return str(DeliverableStatus(to_state).label)
    labels: dict[str, str] = {
        "new_version": _("New version"),
        "set_due_date": _("Due date changed"),
    }
    return labels.get(action, action)


@login_required
def deliverable_file(request: HttpRequest, mission_id: int, file_id: int) -> FileResponse:
    access = _access(request, mission_id)
    try:
        record = DeliverableFile.objects.get(pk=file_id, deliverable__mission=access.mission)
    except DeliverableFile.DoesNotExist as error:
        raise Http404 from error
    return attachment_response(
        record.file.open("rb"), filename=record.original_name, content_type=mime_type(record.content_type)
    )


# --- the plan and the calendar -----------------------------------------------------------


@login_required
def plan(request: HttpRequest, mission_id: int) -> HttpResponse:
    """The workshop plan: proposed from the call's figures, edited by hand or imported."""
    access = _access(request, mission_id)
    mission = access.mission
    proposal = services.propose_plan(call=mission.call)
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
                created = services.apply_plan(
                    mission=mission, modules=plan_form.lines("modules"), zones=plan_form.lines("zones"),
                    days_per_module=plan_form.cleaned_data["days_per_module"], first_day=plan_form.cleaned_data["first_day"],
                    start=plan_form.cleaned_data["start"], end=plan_form.cleaned_data["end"],
                    expected=plan_form.cleaned_data["expected"], actor=request.user,
                )  # fmt: skip
                messages.success(request, _("%(n)s sessions are planned.") % {"n": len(created)})
                return redirect("missions:plan", mission_id=mission.pk)
        elif action == "session":
            session_form = SessionForm(request.POST)
            if session_form.is_valid():
                data = session_form.cleaned_data
                services.add_session(
                    mission=mission, module_title=data["module"], zone_name=data["zone"], day_date=data["date"],
                    start=data["start"], end=data["end"], venue=data["venue"], expected=data["expected"], actor=request.user,
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
                services.delete_session(session=doomed, actor=request.user)
                messages.success(request, _("The session is taken out of the plan."))
            except services.MissionError as error:
                messages.error(request, error_text(error))
            return redirect("missions:plan", mission_id=mission.pk)
        elif action == "import":
            upload_form = UploadForm(request.POST, request.FILES)
            if upload_form.is_valid():
                try:
                    report = services.import_plan(
                        mission=mission, data=upload_form.cleaned_data["file"].read(), actor=request.user
                    )
                except services.MissionError as error:
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
    access = _access(request, mission_id)
    days: dict[Any, list[Session]] = {}
    for session in sessions_for(mission=access.mission):
        days.setdefault(session.date, []).append(session)
    return render(
        request, "missions/calendar.html", {"mission": access.mission, "access": access, "days": days}
    )


@login_required
def calendar_ics(request: HttpRequest, mission_id: int) -> HttpResponse:
    """The sessions as an iCalendar file (times in Africa/Casablanca)."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event

    access = _access(request, mission_id)
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


# --- participants --------------------------------------------------------------------------


@login_required
def participants(request: HttpRequest, mission_id: int) -> HttpResponse:
    """The mission's participants (only its issuer and facilitator see them)."""
    access = _access(request, mission_id)
    people = (
        Participant.objects.filter(mission=access.mission)
        .select_related("zone", "category")
        .order_by("zone__position", "name_key", "name_ar_key", "id")
    )
    query = request.GET.get("q", "").strip()[:100]
    if query:
        people = people.filter(
            Q(name_latin__icontains=query)
            | Q(name_arabic__icontains=query)
            | Q(code__iexact=query)
            | Q(phone__contains=query)
        )
    page = Paginator(people, PARTICIPANTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "missions/participants.html",
        {
            "access": access,
            "mission": access.mission,
            "page": page,
            "query": query,
            "upload_form": UploadForm(),
        },
    )


def _stored_upload(upload: Any) -> str:
    """Keep an uploaded sheet under its hash while the user checks the preview."""
    data = upload.read()
    digest = hashlib.sha256(data).hexdigest()
    name = f"imports/{digest[:2]}/{digest}"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))
    return digest


@login_required
def participants_import(request: HttpRequest, mission_id: int) -> HttpResponse:
    """Upload a sheet, check the columns found and the duplicates, then confirm:
    nothing is stored before the confirmation, and then all or nothing."""
    access = _access(request, mission_id)
    mission = access.mission
    if request.method != "POST":
        return redirect("missions:participants", mission_id=mission.pk)
    if "file" in request.FILES:
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for e in form.errors.get("file", [])))
            return redirect("missions:participants", mission_id=mission.pk)
        digest = _stored_upload(form.cleaned_data["file"])
    else:
        digest = request.POST.get("upload", "")
        if not _SHA.match(digest) or not default_storage.exists(f"imports/{digest[:2]}/{digest}"):
            raise Http404
    with default_storage.open(f"imports/{digest[:2]}/{digest}", "rb") as handle:
        data = handle.read()
    mapping: dict[int, str] | None = None
    if "col_0" in request.POST:
        mapping = {}
        for key, value in request.POST.dict().items():
            if (
                key.startswith("col_")
                and key[4:].isdigit()
                and value in FIELDS
                and value not in mapping.values()
            ):
                mapping[int(key[4:])] = value
    keep = tuple(int(v) for v in request.POST.getlist("keep") if v.isdigit())
    zone = request.POST.get("zone", "")[:200]
    try:
        if request.POST.get("confirm") == "1":
            report = services.import_participants(
                mission=mission, data=data, actor=request.user, zone=zone, keep_rows=keep, mapping=mapping
            )
            if not report.errors:
                # The sheet holds personal data: it is kept only while the user checks the preview.
                default_storage.delete(f"imports/{digest[:2]}/{digest}")
                messages.success(
                    request,
                    _("%(imported)s participants imported, %(duplicates)s duplicates left out.")
                    % {"imported": report.imported, "duplicates": len(report.duplicates)},
                )
                return redirect("missions:participants", mission_id=mission.pk)
        header, result = services.preview_participants(
            mission=mission, data=data, zone=zone, keep_rows=keep, mapping=mapping
        )
    except services.MissionError as error:
        messages.error(request, error_text(error))
        return redirect("missions:participants", mission_id=mission.pk)
    columns = [(i, label, header.mapping.get(i, "")) for i, label in enumerate(header.labels)]
    context = {
        "access": access,
        "mission": mission,
        "upload": digest,
        "columns": columns,
        "fields": list(FIELD_LABELS.items()),
        "result": result,
        "errors": [(e.row, row_error_text(e)) for e in result.errors],
        "zone": zone,
        "zones": mission.zones.all(),
        "header_row": header.row_number,
    }
    return render(request, "missions/participants_import.html", context)


@login_required
def participant_edit(request: HttpRequest, mission_id: int, participant_id: int) -> HttpResponse:
    """Correct a participant (the issuer's members and the facilitator)."""
    access = _access(request, mission_id)
    mission = access.mission
    try:
        participant = Participant.objects.select_related("category").get(
            pk=participant_id, mission=mission, erased=False
        )
    except Participant.DoesNotExist as error:
        raise Http404 from error
    zones = list(Zone.objects.filter(mission=mission).values_list("pk", "name"))
    form = ParticipantForm(
        request.POST or None,
        zones=zones,
        initial={
            "name_latin": participant.name_latin, "name_arabic": participant.name_arabic, "sex": participant.sex,
            "category": participant.category.name if participant.category else "",
            "organization_name": participant.organization_name, "commune": participant.commune,
            "zone": participant.zone_id, "phone": participant.phone, "email": participant.email,
            "disability": participant.disability, "consent": participant.consent,
        },
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        zone = Zone.objects.get(pk=data.pop("zone"), mission=mission)
        try:
            services.update_participant(participant=participant, actor=request.user, zone=zone, **data)
        except services.MissionError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The participant is updated."))
            return redirect("missions:participants", mission_id=mission.pk)
    return render(
        request,
        "missions/participant_edit.html",
        {"access": access, "mission": mission, "participant": participant, "form": form},
    )


@login_required
def session_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    """Edit a session of the plan (the issuer's members and the facilitator)."""
    session, access = _session(request, session_id)
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
            services.update_session(
                session=session, actor=request.user,
                module=Module.objects.get(pk=data["module"], mission=mission),
                zone=Zone.objects.get(pk=data["zone"], mission=mission),
                day=data["day"], day_date=data["date"], start=data["start"], end=data["end"],
                venue=data["venue"], expected=data["expected"],
            )  # fmt: skip
        except services.MissionError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The session is updated."))
            return redirect("missions:plan", mission_id=mission.pk)
    return render(
        request,
        "missions/session_edit.html",
        {"access": access, "mission": mission, "session": session, "form": form},
    )


@login_required
@require_POST
def participant_erase(request: HttpRequest, mission_id: int, participant_id: int) -> HttpResponse:
    """Erase a participant's personal data on their request (the issuer only); counts stay."""
    mission = _issuer(request, mission_id).mission
    try:
        participant = Participant.objects.get(pk=participant_id, mission=mission)
    except Participant.DoesNotExist as error:
        raise Http404 from error
    services.erase_participant(participant=participant, actor=request.user)
    messages.success(request, _("The participant's personal data are erased."))
    return redirect("missions:participants", mission_id=mission.pk)


# --- attendance --------------------------------------------------------------------------


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
    session, access = _session(request, session_id)
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
                services.record_attendance(
                    session=session, participant=participant, present=ticked, actor=request.user,
                    morning=morning, afternoon=afternoon,
                )  # fmt: skip
            messages.success(request, _("Attendance is saved."))
            back = reverse("missions:session", args=[session.pk])
            return redirect(back if half == "day" else f"{back}?half={half}")
        elif action == "walk_in":
            form = WalkInForm(request.POST)
            if form.is_valid():
                try:
                    services.add_walk_in(session=session, actor=request.user, **form.cleaned_data)
                    messages.success(request, _("The walk-in is added and marked present."))
                except services.MissionError as error:
                    messages.error(request, error_text(error))
        elif action in ("import", "scan"):
            upload_form = UploadForm(request.POST, request.FILES)
            if not upload_form.is_valid():
                messages.error(request, " ".join(str(e) for e in upload_form.errors.get("file", [])))
            else:
                upload = upload_form.cleaned_data["file"]
                try:
                    if action == "scan":
                        services.attach_scan(
                            session=session,
                            upload=upload,
                            original_name=upload.name or "",
                            actor=request.user,
                        )
                        messages.success(request, _("The signed sheet is attached."))
                    else:
                        report = services.import_attendance(
                            session=session, data=upload.read(), actor=request.user
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
                except services.MissionError as error:
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
    session, _access_ = _session(request, session_id)
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
    _session(request, scan.session_id)
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
    access = _access(request, mission_id)
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
    access = _access(request, mission_id)
    data = attendance_xlsx(
        summary=attendance_summary(mission=access.mission),
        half_day_sessions=half_day_session_ids(mission=access.mission),
        labels=_labels(),
    )
    response = HttpResponse(data, content_type=mime_type("xlsx"))
    response["Content-Disposition"] = f'attachment; filename="presence-mission-{access.mission.pk}.xlsx"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
