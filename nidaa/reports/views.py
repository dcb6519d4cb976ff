"""The results page, the narrative, the action plan and the final report of a
mission. Every view loads the mission through ``missions.selectors``
(issuer's admins and editors, or the facilitator): anyone else gets a 404,
exactly as for a missing mission. Views validate, call one service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nidaa.accounts.selectors import signed_in
from nidaa.common.filetypes import mime_type
from nidaa.common.workflow import TransitionNotAllowed
from nidaa.missions.models import Mission
from nidaa.missions.selectors import MissionAccess, get_mission_for_user
from nidaa.missions.services.errors import MissionError
from nidaa.missions.workflow import FACILITATOR
from nidaa.reports import services
from nidaa.reports.annex import attendance_lists_xlsx
from nidaa.reports.charts import mission_charts
from nidaa.reports.document import (
    LANGUAGES,
    attendance_row,
    result_headers,
    result_tables,
)
from nidaa.reports.forms import ActionForm, NarrativeForm, ReportSubmitForm
from nidaa.reports.kept import kept_name, report_version, stored_report, worker_runs
from nidaa.reports.models import Action, Narrative
from nidaa.reports.results import cached_results
from nidaa.reports.services import ACTION_WORKFLOW
from nidaa.reports.tasks import queue_reports

FORMATS = ("pdf", "docx", "xlsx")


def _access(request: HttpRequest, mission_id: int) -> MissionAccess:
    try:
        return get_mission_for_user(user=request.user, mission_id=mission_id)
    except Mission.DoesNotExist as error:
        raise Http404 from error


@login_required
def results(request: HttpRequest, mission_id: int) -> HttpResponse:
    """The questionnaires' results: tables and charts, from the cached tabulation."""
    access = _access(request, mission_id)
    computed = cached_results(access.mission)
    figures = computed.figures
    language = request.LANGUAGE_CODE
    tables = result_tables(figures)
    context = {
        "access": access,
        "mission": access.mission,
        "headers": result_headers(),
        "tables": tables,
        "attendance": [attendance_row(_("All participants"), figures["overall"])],
        "charts": mission_charts(computed, language=language),
    }
    return render(request, "reports/results.html", context)


@login_required
def narrative(request: HttpRequest, mission_id: int) -> HttpResponse:
    """The facilitator writes the report's prose; the issuer reads it here."""
    access = _access(request, mission_id)
    instance = Narrative.objects.filter(mission=access.mission).first() or Narrative(mission=access.mission)
    can_edit = access.role == FACILITATOR
    if request.method == "POST":
        if not can_edit:
            raise Http404
        form = NarrativeForm(request.POST, instance=instance)
        if form.is_valid():
            services.save_narrative(
                mission=access.mission, texts=form.cleaned_data, actor=signed_in(request.user)
            )
            messages.success(request, _("The narrative is saved."))
            return redirect("reports:narrative", mission_id=access.mission.pk)
    else:
        form = NarrativeForm(instance=instance)
    context = {"access": access, "mission": access.mission, "form": form, "can_edit": can_edit,
               "narrative": instance}  # fmt: skip
    return render(request, "reports/narrative.html", context)


@login_required
def actions(request: HttpRequest, mission_id: int) -> HttpResponse:
    """The action plan: its lines, a form to add one, each line's next statuses."""
    access = _access(request, mission_id)
    if request.method == "POST":
        form = ActionForm(request.POST)
        if form.is_valid():
            services.add_action(mission=access.mission, actor=signed_in(request.user), **form.cleaned_data)
            messages.success(request, _("The action is added to the plan."))
            return redirect("reports:actions", mission_id=access.mission.pk)
    else:
        form = ActionForm()
    rows = [
        (action, ACTION_WORKFLOW.allowed_targets(action.status, access.role))
        for action in Action.objects.filter(mission=access.mission).order_by("due_date", "position", "pk")
    ]
    labels = dict(Action._meta.get_field("status").choices or [])
    context = {"access": access, "mission": access.mission, "form": form, "rows": rows, "labels": labels}
    return render(request, "reports/actions.html", context)


@login_required
@require_POST
def action_status(request: HttpRequest, mission_id: int, action_id: int) -> HttpResponse:
    access = _access(request, mission_id)
    action = Action.objects.filter(mission=access.mission, pk=action_id).first()
    if action is None:
        raise Http404
    try:
        services.change_action_status(
            action=action,
            target=request.POST.get("status", ""),
            actor=signed_in(request.user),
            role=access.role,
        )
    except TransitionNotAllowed:
        messages.error(request, _("This action cannot move to that status."))
    return redirect("reports:actions", mission_id=access.mission.pk)


@login_required
def report(request: HttpRequest, mission_id: int) -> HttpResponse:
    """The final report: downloads in French and Arabic, and (for the
    facilitator) handing it in as a deliverable. With a worker, opening the
    page has the report for the records as they are printed in the
    background, if it is not kept yet (a change made in another app, such as
    a corrected answer, queues nothing by itself)."""
    access = _access(request, mission_id)
    if worker_runs() and not default_storage.exists(
        kept_name(access.mission, report_version(access.mission), "fr", "pdf")
    ):
        queue_reports(access.mission.pk)
    form = ReportSubmitForm(mission=access.mission) if access.role == FACILITATOR else None
    return render(request, "reports/report_page.html",
                  {"access": access, "mission": access.mission, "form": form})  # fmt: skip


@login_required
@require_POST
def report_submit(request: HttpRequest, mission_id: int) -> HttpResponse:
    access = _access(request, mission_id)
    if access.role != FACILITATOR:
        raise Http404
    form = ReportSubmitForm(request.POST, mission=access.mission)
    if not form.is_valid():
        return render(request, "reports/report_page.html",
                      {"access": access, "mission": access.mission, "form": form}, status=400)  # fmt: skip
    deliverable = form.cleaned_data["deliverable"]
    language = form.cleaned_data["language"]
    try:
        services.submit_report(
            deliverable=deliverable,
            language=language,
            content=stored_report(access.mission, language, "pdf"),
            actor=signed_in(request.user),
            role=access.role,
        )
    except (MissionError, TransitionNotAllowed):
        messages.error(request, _("This deliverable cannot take a new version."))
        return redirect("reports:report", mission_id=access.mission.pk)
    messages.success(request, _("The report is handed in; the issuer can now accept it."))
    return redirect("missions:deliverable", mission_id=access.mission.pk, deliverable_id=deliverable.pk)


@login_required
def report_download(request: HttpRequest, mission_id: int, fmt: str) -> HttpResponse:
    """The report as kept for the records as they are (printed now if it is
    not yet), or its attendance lists as a spreadsheet made now, in ``?lang=fr|ar``."""
    access = _access(request, mission_id)
    language = request.GET.get("lang", "fr")
    if fmt not in FORMATS or language not in LANGUAGES:
        raise Http404
    if fmt == "xlsx":
        data = attendance_lists_xlsx(access.mission, language)
    else:
        data = stored_report(access.mission, language, fmt)
    response = HttpResponse(data, content_type=mime_type(fmt))
    name = "presence" if fmt == "xlsx" else "rapport"
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-mission-{access.mission.pk}-{language}.{fmt}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
