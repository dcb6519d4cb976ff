from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nidaa.applications.forms import ApplicationForm
from nidaa.applications.models import Application
from nidaa.applications.selectors import applications_for, get_application_for
from nidaa.applications.services import (
    ApplicationRefused,
    CallNotOpen,
    DeadlinePassed,
    IncompleteApplication,
    InvalidFiles,
    max_application_bytes,
    required_pieces,
    submit_application,
)
from nidaa.calls.models import Call, CallStatus, RequiredDocument
from nidaa.calls.selectors import get_visible_call


def _refusal_message(error: ApplicationRefused) -> str:
    if isinstance(error, DeadlinePassed):
        return _("The deadline has passed: applications are no longer accepted.")
    if isinstance(error, CallNotOpen):
        return _("This call is not open for applications.")
    return _("The application could not be submitted. Please correct the errors below.")


@login_required
def apply(request: HttpRequest, call_id: int) -> HttpResponse:
    try:
        call = get_visible_call(user=request.user, call_id=call_id)
    except Call.DoesNotExist as exc:
        raise Http404 from exc
    pieces = required_pieces(call)
    error = ""
    if call.status != CallStatus.PUBLISHED:
        error = _refusal_message(CallNotOpen())
    elif not _is_open(call):
        error = _refusal_message(DeadlinePassed())
    posted = request.method == "POST"
    form = ApplicationForm(request.POST if posted else None, request.FILES if posted else None, pieces=pieces)
    status = 200
    if request.method == "POST" and form.is_valid():
        files = {piece: upload for piece, upload in form.cleaned_data.items() if upload}
        try:
            version = submit_application(call=call, applicant=request.user, files=files)
        except ApplicationRefused as exc:
            error = _refusal_message(exc)
            status = 400
            _add_piece_errors(form, exc)
        else:
            return redirect("applications:receipt", application_id=version.application_id)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "applications/apply.html",
        {
            "call": call,
            "form": form,
            "error": error,
            "is_open": _is_open(call),
            "max_bytes": max_application_bytes(),
        },
        status=status,
    )


def _is_open(call: Call) -> bool:
    return call.status == CallStatus.PUBLISHED and (call.deadline is None or timezone.now() <= call.deadline)


def _add_piece_errors(form: ApplicationForm, error: ApplicationRefused) -> None:
    labels = dict(RequiredDocument.choices)
    if isinstance(error, IncompleteApplication):
        for piece in error.missing:
            form.add_error(piece, _("Missing piece: %(piece)s.") % {"piece": labels.get(piece, piece)})
    elif isinstance(error, InvalidFiles):
        for piece, problem in error.problems.items():
            if problem == "size":
                message = _("This file is too large.")
            else:
                message = _(
                    "This file must be a PDF, Word (.docx), OpenDocument (.odt), Excel (.xlsx), JPEG or PNG document."
                )
            form.add_error(piece, message)


@login_required
def receipt(request: HttpRequest, application_id: int) -> HttpResponse:
    try:
        application = get_application_for(applicant=request.user, application_id=application_id)
    except Application.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "applications/receipt.html", {"application": application})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request, "applications/mine.html", {"applications": applications_for(applicant=request.user)}
    )
