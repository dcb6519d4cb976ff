"""A deliverable's page (versions, review, comments, due date) and its files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nidaa.accounts.selectors import signed_in
from nidaa.common.downloads import attachment_response
from nidaa.common.filetypes import mime_type
from nidaa.common.models import AuditEntry
from nidaa.common.workflow import TransitionNotAllowed
from nidaa.missions.forms import CommentForm, DueDateForm, ReviewForm, UploadForm
from nidaa.missions.models import Deliverable, DeliverableFile, DeliverableStatus
from nidaa.missions.selectors import MissionAccess
from nidaa.missions.services.deliverables import (
    comment_deliverable,
    review_deliverable,
    set_deliverable_due_date,
    submit_deliverable_file,
)
from nidaa.missions.services.errors import MissionError
from nidaa.missions.views.helpers import error_text, mission_access
from nidaa.missions.workflow import DELIVERABLE_WORKFLOW


def _deliverable(access: MissionAccess, deliverable_id: int) -> Deliverable:
    try:
        return Deliverable.objects.get(pk=deliverable_id, mission=access.mission)
    except Deliverable.DoesNotExist as error:
        raise Http404 from error


@login_required
def deliverable_detail(request: HttpRequest, mission_id: int, deliverable_id: int) -> HttpResponse:
    """A deliverable: its versions, comments and history; the facilitator
    uploads, the issuer accepts or asks for changes."""
    access = mission_access(request, mission_id)
    deliverable = _deliverable(access, deliverable_id)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "upload" and not access.is_issuer:
                upload_form = UploadForm(request.POST, request.FILES)
                if upload_form.is_valid():
                    upload = upload_form.cleaned_data["file"]
                    submit_deliverable_file(
                        deliverable=deliverable, upload=upload, original_name=upload.name or "",
                        actor=signed_in(request.user), role=access.role,
                    )  # fmt: skip
                    messages.success(request, _("The new version is submitted."))
                else:
                    messages.error(request, " ".join(str(e) for e in upload_form.errors.get("file", [])))
            elif action == "review" and access.is_issuer:
                review = ReviewForm(request.POST)
                if review.is_valid():
                    review_deliverable(
                        deliverable=deliverable, accept=review.cleaned_data["decision"] == "accept",
                        comment=review.cleaned_data["comment"], actor=signed_in(request.user), role=access.role,
                    )  # fmt: skip
                    messages.success(request, _("Your decision is recorded."))
            elif action == "due" and access.is_issuer:
                due = DueDateForm(request.POST)
                if due.is_valid():
                    set_deliverable_due_date(
                        deliverable=deliverable,
                        due_date=due.cleaned_data["due_date"],
                        actor=signed_in(request.user),
                    )
                    messages.success(request, _("The due date is saved."))
            elif action == "comment":
                comment = CommentForm(request.POST)
                if comment.is_valid():
                    comment_deliverable(
                        deliverable=deliverable,
                        text=comment.cleaned_data["text"],
                        actor=signed_in(request.user),
                    )
            else:
                raise Http404
        except MissionError as error:
            messages.error(request, error_text(error))
        except TransitionNotAllowed:
            messages.error(request, _("This change of status is not allowed."))
        return redirect("missions:deliverable", mission_id=mission_id, deliverable_id=deliverable.pk)
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
    access = mission_access(request, mission_id)
    try:
        record = DeliverableFile.objects.get(pk=file_id, deliverable__mission=access.mission)
    except DeliverableFile.DoesNotExist as error:
        raise Http404 from error
    return attachment_response(
        record.file.open("rb"), filename=record.original_name, content_type=mime_type(record.content_type)
    )
