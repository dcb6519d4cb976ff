from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from nidaa.accounts.selectors import signed_in
from nidaa.applications.forms import ApplicationForm
from nidaa.applications.models import Application
from nidaa.applications.selectors import applications_for, get_application_for
from nidaa.applications.services import (
    AddressNotVerified,
    ApplicationRefused,
    CallNotOpen,
    DeadlinePassed,
    IncompleteApplication,
    InvalidFiles,
    find_application,
    identity_for,
    keep_acceptable_uploads,
    kept_files,
    max_application_bytes,
    required_pieces,
    save_draft,
    submit_application,
)
from nidaa.calls.models import Call, CallStatus, RequiredDocument
from nidaa.calls.selectors import get_visible_call


def _refusal_message(error: ApplicationRefused) -> str:
    if isinstance(error, DeadlinePassed):
        return _("The deadline has passed: applications are no longer accepted.")
    if isinstance(error, CallNotOpen):
        return _("This call is not open for applications.")
    if isinstance(error, AddressNotVerified):
        return _(
            "An application was e-mailed from your address: confirm the address (the link we e-mailed you) "
            "to continue it here."
        )
    return _("The application could not be submitted. Please correct the errors below.")


@login_required
@ratelimit(
    key="user_or_ip", rate=lambda group, request: settings.RATE_LIMIT_APPLY, method="POST", block=False
)
def apply(request: HttpRequest, call_id: int) -> HttpResponse:
    """The application form: save a draft or submit (again) before the deadline."""
    try:
        call = get_visible_call(user=request.user, call_id=call_id)
    except Call.DoesNotExist as exc:
        raise Http404 from exc
    if getattr(request, "limited", False):
        return render(request, "429.html", status=429)
    pieces = required_pieces(call)
    error = ""
    if call.status != CallStatus.PUBLISHED:
        error = _refusal_message(CallNotOpen())
    elif not call.is_open_at(timezone.now()):
        error = _refusal_message(DeadlinePassed())
    application = find_application(call=call, applicant=signed_in(request.user))
    posted = request.method == "POST"
    form = ApplicationForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        pieces=pieces,
        initial=ApplicationForm.initial_from(
            identity_for(applicant=signed_in(request.user), application=application)
        ),
    )
    status = 200
    kept_pieces: list[str] = []
    if posted and form.is_valid():
        draft = request.POST.get("action") == "draft"
        try:
            # Judged by the request's arrival, not by when its upload finished.
            arrived = getattr(request, "received_at", None)
            if draft:
                save_draft(
                    call=call,
                    applicant=signed_in(request.user),
                    files=form.uploads(),
                    identity=form.identity(),
                    now=arrived,
                )
            else:
                version = submit_application(
                    call=call,
                    applicant=signed_in(request.user),
                    files=form.uploads(),
                    identity=form.identity(),
                    now=arrived,
                )
        except ApplicationRefused as exc:
            error = _refusal_message(exc)
            status = 400
            _add_piece_errors(form, exc)
            kept_pieces = _keep_acceptable(request, call, arrived)
        else:
            if draft:
                messages.success(request, _("Your draft was saved. It is not submitted yet."))
                return redirect("applications:apply", call_id=call.pk)
            return redirect("applications:receipt", application_id=version.application_id)
    elif posted:
        status = 400
        kept_pieces = _keep_acceptable(request, call, getattr(request, "received_at", None))
    if kept_pieces:
        # Read again: the files just kept belong to a draft that may be new.
        application = find_application(call=call, applicant=signed_in(request.user))
    kept = kept_files(application=application)
    return render(
        request,
        "applications/apply.html",
        {
            "call": call,
            "form": form,
            "identity_fields": [form[name] for name in IDENTITY_FIELDS],
            "piece_fields": [(form[piece], kept.get(piece), piece in kept_pieces) for piece in pieces],
            "kept_pieces": kept_pieces,
            "application": application,
            "error": error,
            "is_open": call.is_open_at(timezone.now()),
            "max_bytes": max_application_bytes(),
        },
        status=status,
    )


def _keep_acceptable(request: HttpRequest, call: Call, arrived: Any) -> list[str]:
    """The acceptable files of a refused form, kept as draft files (so they
    need not be chosen again); none when the call is closed."""
    if not call.is_open_at(timezone.now()):
        return []
    files = {
        name: upload for name in request.FILES if isinstance(upload := request.FILES.get(name), UploadedFile)
    }
    return keep_acceptable_uploads(call=call, applicant=signed_in(request.user), files=files, now=arrived)


IDENTITY_FIELDS = ("applicant_kind", "applicant_name", "firm_name", "phone", "languages", "region")


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
        application = get_application_for(applicant=signed_in(request.user), application_id=application_id)
    except Application.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "applications/receipt.html", {"application": application})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "applications/mine.html",
        {"applications": applications_for(applicant=signed_in(request.user))},
    )
