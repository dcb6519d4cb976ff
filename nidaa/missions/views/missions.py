"""The missions list, a mission's creation, its page, terms, status and instalments."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nidaa.accounts.selectors import EDIT_ROLES, organizations_for, signed_in
from nidaa.applications.models import Application, ApplicationStatus
from nidaa.calls.models import Call, CallStatus
from nidaa.calls.selectors import calls_for_organizations
from nidaa.common.workflow import TransitionNotAllowed
from nidaa.missions.forms import InstalmentForm, MissionCreateForm, MissionTermsForm
from nidaa.missions.models import Deliverable, Instalment, MissionStatus, Participant
from nidaa.missions.selectors import missions_for, sessions_for
from nidaa.missions.services.deliverables import add_instalment, is_payable, mark_instalment_paid
from nidaa.missions.services.errors import MissionError
from nidaa.missions.services.mission import (
    change_mission_status,
    create_mission,
    guess_language,
    update_mission,
)
from nidaa.missions.views.helpers import error_text, issuer_access, mission_access
from nidaa.missions.workflow import MISSION_WORKFLOW


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
            facilitator_language=guess_language(call=retained.call, application=retained),
        )
    form = MissionCreateForm(request.POST or None, calls=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            call = editable.get(pk=form.cleaned_data["call"])
        except Call.DoesNotExist as error:
            raise Http404 from error
        mission = create_mission(
            call=call,
            actor=signed_in(request.user),
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
    access = mission_access(request, mission_id)
    mission = access.mission
    deliverables = list(
        Deliverable.objects.filter(mission=mission)
        .annotate(versions=Count("files"))
        .order_by("position", "id")
    )
    instalments = list(Instalment.objects.filter(mission=mission).select_related("deliverable"))
    rows = [(i, is_payable(i)) for i in instalments]
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
    mission = issuer_access(request, mission_id).mission
    form = MissionTermsForm(request.POST)
    if form.is_valid():
        user = signed_in(request.user)
        update_mission(
            mission=mission,
            actor=user,
            amount=form.cleaned_data["amount"],
            start_date=form.cleaned_data["start_date"],
            end_date=form.cleaned_data["end_date"],
            facilitator_name=form.cleaned_data["facilitator_name"],
            facilitator_email=form.cleaned_data["facilitator_email"],
            focal_point=mission.focal_point or user,
        )
        messages.success(request, _("The mission's terms are saved."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("missions:detail", mission_id=mission.pk)


@login_required
@require_POST
def mission_status(request: HttpRequest, mission_id: int) -> HttpResponse:
    access = mission_access(request, mission_id)
    try:
        change_mission_status(
            mission=access.mission,
            target=request.POST.get("target", ""),
            actor=signed_in(request.user),
            role=access.role,
        )
        messages.success(request, _("The mission's status is changed."))
    except TransitionNotAllowed:
        messages.error(request, _("This change of status is not allowed."))
    return redirect("missions:detail", mission_id=mission_id)


@login_required
@require_POST
def instalment_add(request: HttpRequest, mission_id: int) -> HttpResponse:
    mission = issuer_access(request, mission_id).mission
    deliverables = {d.pk: d for d in Deliverable.objects.filter(mission=mission)}
    form = InstalmentForm(request.POST, deliverables=[(pk, d.title) for pk, d in deliverables.items()])
    if form.is_valid():
        add_instalment(
            mission=mission,
            label=form.cleaned_data["label"],
            amount=form.cleaned_data["amount"],
            deliverable=deliverables.get(form.cleaned_data["deliverable"])
            if form.cleaned_data["deliverable"]
            else None,
            actor=signed_in(request.user),
        )
        messages.success(request, _("The instalment is added."))
    else:
        messages.error(request, _("Check the instalment's label and amount."))
    return redirect("missions:detail", mission_id=mission.pk)


@login_required
@require_POST
def instalment_paid(request: HttpRequest, mission_id: int, instalment_id: int) -> HttpResponse:
    mission = issuer_access(request, mission_id).mission
    try:
        instalment = Instalment.objects.select_related("deliverable", "mission").get(
            pk=instalment_id, mission=mission
        )
    except Instalment.DoesNotExist as error:
        raise Http404 from error
    try:
        mark_instalment_paid(
            instalment=instalment, paid_on=timezone.localdate(), actor=signed_in(request.user)
        )
        messages.success(request, _("The instalment is marked as paid."))
    except MissionError as error:
        messages.error(request, error_text(error))
    return redirect("missions:detail", mission_id=mission.pk)
