"""The participants' list, import (preview, then import), correction and erasure."""

from __future__ import annotations

import hashlib
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nidaa.accounts.selectors import signed_in
from nidaa.missions.forms import FIELD_LABELS, ParticipantForm, UploadForm
from nidaa.missions.models import Participant, Zone
from nidaa.missions.services.errors import MissionError
from nidaa.missions.services.participants import (
    erase_participant,
    import_participants,
    preview_participants,
    update_participant,
)
from nidaa.missions.views.helpers import error_text, issuer_access, mission_access, row_error_text
from nidaa.sheets.participants import FIELDS

PARTICIPANTS_PER_PAGE = 100
_SHA = re.compile(r"^[0-9a-f]{64}$")


@login_required
def participants(request: HttpRequest, mission_id: int) -> HttpResponse:
    """The mission's participants (only its issuer and facilitator see them)."""
    access = mission_access(request, mission_id)
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


def _stored_upload(upload: UploadedFile) -> str:
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
    access = mission_access(request, mission_id)
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
            report = import_participants(
                mission=mission,
                data=data,
                actor=signed_in(request.user),
                zone=zone,
                keep_rows=keep,
                mapping=mapping,
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
        header, result = preview_participants(
            mission=mission, data=data, zone=zone, keep_rows=keep, mapping=mapping
        )
    except MissionError as error:
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
    access = mission_access(request, mission_id)
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
            update_participant(participant=participant, actor=signed_in(request.user), zone=zone, **data)
        except MissionError as error:
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
@require_POST
def participant_erase(request: HttpRequest, mission_id: int, participant_id: int) -> HttpResponse:
    """Erase a participant's personal data on their request (the issuer only); counts stay."""
    mission = issuer_access(request, mission_id).mission
    try:
        participant = Participant.objects.get(pk=participant_id, mission=mission)
    except Participant.DoesNotExist as error:
        raise Http404 from error
    erase_participant(participant=participant, actor=signed_in(request.user))
    messages.success(request, _("The participant's personal data are erased."))
    return redirect("missions:participants", mission_id=mission.pk)
