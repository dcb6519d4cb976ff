"""The issuer's call pages: the dashboard, importing a ToR, reviewing and
correcting what the reader found, moving a call through its workflow."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nidaa.accounts.models import User
from nidaa.accounts.selectors import EDIT_ROLES, organizations_for, role_in
from nidaa.calls import selectors, services
from nidaa.calls.evidence import marked_text, passages_by_field
from nidaa.calls.forms import CallForm, ImportForm
from nidaa.calls.models import Call, CallStatus
from nidaa.calls.views.public import STATUS_ACTION_LABELS, _status_actions
from nidaa.common.workflow import TransitionNotAllowed
from nidaa.tor.document import ReadError

CALLS_PER_PAGE = 50

# What each ReadError code means to the person who uploaded the file.
READ_ERROR_MESSAGES = {
    "unsupported_type": gettext_lazy(
        "This type of file is not supported: upload a .docx, .pdf, .odt, .html, .md or .txt document."
    ),
    "too_large": gettext_lazy("The document is too large."),
    "corrupt": gettext_lazy("The document is damaged and cannot be opened."),
    "encrypted": gettext_lazy("The document is protected by a password: upload an unprotected copy."),
    "empty": gettext_lazy("The document contains no text."),
    "needs_ocr": gettext_lazy(
        "The document is a scan (scanned: needs OCR): its text cannot be read. "
        "Upload the original Word or PDF file, or a text version."
    ),
    "unsafe": gettext_lazy("The document was refused because it looks unsafe (e.g. a compressed bomb)."),
    "too_costly": gettext_lazy(
        "Reading the document took more time or memory than a document may use: it was refused. "
        "Upload a simpler copy (e.g. a Word or text version)."
    ),
    "internal": gettext_lazy(
        "The document could not be read because of an error on our side; it has been reported. "
        "Try another format (e.g. a Word or text version)."
    ),
}


def read_error_message(error: ReadError) -> str:
    message = READ_ERROR_MESSAGES.get(error.code)
    return str(message) if message else error.message


# Below this confidence (in %) the review page marks a field "check first" and lists it at the
# top: the reader's fallbacks (issuer from an e-mail domain, deliverables from the mission's
# object, a title no cue named) sit there.
LOW_CONFIDENCE_PERCENT = 60


def _percent(value: Any) -> int | None:
    try:
        return round(float(value) * 100)
    except (TypeError, ValueError):
        return None


def _user(request: HttpRequest) -> User:
    # Only called behind @login_required.
    assert isinstance(request.user, User)
    return request.user


def _status_label(value: str) -> str:
    return str(CallStatus(value).label) if value in CallStatus.values else value


# The audit trail names what happened: the status buttons' labels, and the
# actions that have no button (a call is created by importing its document).
AUDIT_ACTION_LABELS = {**STATUS_ACTION_LABELS, "import": gettext_lazy("Imported from its document")}


def _status_changes(call: Call) -> list[dict[str, Any]]:
    """The audit trail's status changes, labelled in the reader's language."""
    return [
        {
            "at": entry.at,
            "who": entry.actor.get_username() if entry.actor else "—",
            "action": AUDIT_ACTION_LABELS.get(entry.action, entry.action),
            "source": _status_label(entry.from_state) if entry.from_state else "—",
            "target": _status_label(entry.to_state),
        }
        for entry in selectors.status_history_for(call=call)
        if entry.to_state
    ]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    calls = selectors.calls_for_user(user=request.user)
    page = Paginator(calls, CALLS_PER_PAGE).get_page(request.GET.get("page"))
    can_import = organizations_for(request.user, EDIT_ROLES).exists()
    return render(
        request, "calls/dashboard.html", {"page": page, "calls": page.object_list, "can_import": can_import}
    )


@login_required
def import_call(request: HttpRequest) -> HttpResponse:
    organizations = organizations_for(request.user, EDIT_ROLES)
    if not organizations.exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data, filename = form.document()
        try:
            call = services.import_tor(
                organization=form.cleaned_data["organization"],
                data=data,
                filename=filename,
                actor=_user(request),
            )
        except ReadError as error:
            form.add_error("file" if form.cleaned_data.get("file") else "text", read_error_message(error))
        else:
            if call.extraction.get("implausible"):
                # A PDF whose text layer is garbage (letter-spaced, no words of
                # any language we read): the file is kept, the fields are not to be trusted.
                messages.warning(
                    request,
                    _(
                        "The document's text looks garbled (letters spaced apart or no recognisable words): "
                        "the fields below are probably wrong. The file is kept; if you can, import the "
                        "original Word or text version instead."
                    ),
                )
            else:
                messages.success(request, _("The document was read: check each field before publishing."))
            return redirect("calls:review", call_id=call.pk)
    return render(request, "calls/import.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def review(request: HttpRequest, call_id: int) -> HttpResponse:
    try:
        call = selectors.get_call_for_user(user=request.user, call_id=call_id, roles=EDIT_ROLES)
    except Call.DoesNotExist as error:
        raise Http404 from error
    if not call.is_editable:
        messages.info(request, _("This call can no longer be edited."))
        return redirect("calls:detail", call_id=call.pk)
    role = role_in(request.user, call.organization)
    warnings: list[services.PublicationWarning] | None = None
    # The deadline is typed and shown in the call's own time zone.
    with timezone.override(ZoneInfo(call.timezone)):
        if request.method == "POST":
            form = CallForm(request.POST, initial=CallForm.initial_for(call))
            if form.is_valid():
                publish = "publish" in request.POST and call.status == CallStatus.DRAFT
                try:
                    with transaction.atomic():
                        services.update_call(call=call, actor=_user(request), changes=form.changes())
                        if publish:
                            services.publish_call(
                                call=call,
                                actor=_user(request),
                                confirmed=request.POST.get("confirm_publish") == "yes",
                            )
                except services.PublicationNeedsConfirmation as refused:
                    # Nothing was saved (one transaction): the form keeps what was typed.
                    call.refresh_from_db()
                    warnings = refused.warnings
                    form.add_error(
                        None,
                        _("The call was not published: read the warnings below and confirm, or correct it."),
                    )
                except services.DeadlineRemoved:
                    call.refresh_from_db()
                    form.add_error(
                        "deadline",
                        _("Applications have been received: the deadline can be extended, not removed."),
                    )
                except services.DeadlineShortened:
                    call.refresh_from_db()
                    form.add_error(
                        "deadline",
                        _(
                            "Applications have been received: the deadline can be extended, not brought forward."
                        ),
                    )
                except services.SealBroken:
                    call.refresh_from_db()
                    form.add_error(
                        "sealed",
                        _("Applications have been received: they stay sealed until the deadline."),
                    )
                else:
                    messages.success(request, _("The call was published.") if publish else _("Saved."))
                    return redirect("calls:review", call_id=call.pk)
        else:
            form = CallForm(initial=CallForm.initial_for(call))
        if warnings is None and call.status == CallStatus.DRAFT:
            warnings = services.publication_warnings(call=call)
        passages = passages_by_field(call.text, call.extraction.get("evidence"))
        confidence = call.extraction.get("confidence") or {}
        rows: list[dict[str, Any]] = []
        for bound in form:
            source = "required_documents" if bound.name == "other_documents" else bound.name
            percent = _percent(confidence.get(source)) if bound.name != "other_documents" else None
            rows.append(
                {
                    "field": bound,
                    "passages": passages.get(source, []) if bound.name != "other_documents" else [],
                    "confidence": percent,
                    "low": percent is not None and percent < LOW_CONFIDENCE_PERCENT,
                }
            )
        # The fields the reader was least sure of, least sure first: the issuer checks them first.
        check_first = sorted((row for row in rows if row["low"]), key=lambda row: row["confidence"])
        return render(
            request,
            "calls/review.html",
            {
                "call": call,
                "form": form,
                "rows": rows,
                "check_first": check_first,
                "marked_text": marked_text(
                    call.text, call.extraction.get("evidence"), services.EDITABLE_FIELDS
                ),
                "actions": _status_actions(call, role, exclude=frozenset({"publish"})),
                "publication_warnings": warnings or [],
                "revisions": selectors.revisions_for(call=call),
                "audit": _status_changes(call),
            },
            status=400 if form.errors else 200,
        )


@login_required
@require_POST
def change_status(request: HttpRequest, call_id: int) -> HttpResponse:
    try:
        call = selectors.get_call_for_user(user=request.user, call_id=call_id, roles=EDIT_ROLES)
    except Call.DoesNotExist as error:
        raise Http404 from error
    target = request.POST.get("target", "")
    if target == CallStatus.CANCELLED and request.POST.get("confirm") != "yes":
        # Cancelling is never one click: the form asks to tick a confirmation.
        messages.error(request, _("The call was not cancelled: tick the box to confirm."))
    else:
        try:
            services.change_call_status(
                call=call,
                target=target,
                actor=_user(request),
                reason=request.POST.get("reason", ""),
            )
        except TransitionNotAllowed:
            messages.error(request, _("This change of status is not allowed."))
        except services.PublicationNeedsConfirmation as refused:
            # The review page shows the same warnings next to a box to confirm.
            messages.error(
                request,
                _("The call was not published: %(reasons)s")
                % {"reasons": " ".join(warning.message for warning in refused.warnings)},
            )
            return redirect("calls:review", call_id=call.pk)
        except services.CancellationReasonMissing:
            messages.error(
                request, _("The call was not cancelled: say why, applicants will read the reason.")
            )
        else:
            messages.success(
                request, _("Status changed to “%(status)s”.") % {"status": call.get_status_display()}
            )
    if call.is_editable:
        return redirect("calls:review", call_id=call.pk)
    return redirect("calls:detail", call_id=call.pk)
