"""The issuer's side of applications: per call the list, counts, zip and .xlsx;
an application's page; file downloads (also the applicant's own files).

Every object is loaded through ``access``: a call or an application the user
may not reach is a 404, exactly like a missing one. A sealed call shows how
many applications arrived and nothing else; its archives and export answer
403, its applications and files are not found.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from nidaa.accounts.forms import LANGUAGE_CHOICES
from nidaa.accounts.models import User
from nidaa.applications import access, exports
from nidaa.applications.models import Application, ApplicationFile
from nidaa.applications.services import required_pieces
from nidaa.calls.models import Call
from nidaa.common.downloads import attachment_response
from nidaa.common.filetypes import MIME_TYPES
from nidaa.common.models import AuditEntry

AUDIT_ACTIONS = {"submit": gettext_lazy("Submitted")}
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


def _user(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _call_or_404(request: HttpRequest, call_id: int) -> Call:
    try:
        return access.get_call_for_applications(user=request.user, call_id=call_id)
    except Call.DoesNotExist as error:
        raise Http404 from error


def _opened_applications(request: HttpRequest, call: Call) -> Any:
    try:
        return access.applications_for_call(user=request.user, call=call)
    except access.Sealed as error:
        raise PermissionDenied(_("The applications are sealed until the deadline.")) from error


def _table(call: Call, applications: Any) -> exports.ApplicationTable:
    return exports.application_table(
        call=call,
        pieces=required_pieces(call),
        applications=applications,
        files=access.latest_files_for(applications=applications),
    )


@login_required
@require_safe
def call_applications(request: HttpRequest, call_id: int) -> HttpResponse:
    call = _call_or_404(request, call_id)
    context: dict[str, Any] = {"call": call}
    try:
        applications = access.applications_for_call(user=request.user, call=call)
    except access.Sealed as sealed:
        context.update(sealed=sealed, count=access.count_applications(user=request.user, call=call))
    else:
        context.update(sealed=None, table=_table(call, applications))
    return render(request, "applications/issuer_call.html", context)


@login_required
@require_safe
def call_zip(request: HttpRequest, call_id: int) -> FileResponse:
    call = _call_or_404(request, call_id)
    applications = _opened_applications(request, call)
    archive = exports.zip_file(
        call=call,
        applications=applications,
        files=access.latest_files_for(applications=applications),
        language=exports.issuer_language(call=call, user=_user(request)),
    )
    return attachment_response(
        archive, filename=f"applications-{call.pk}.zip", content_type="application/zip"
    )


@login_required
@require_safe
def call_xlsx(request: HttpRequest, call_id: int) -> FileResponse:
    call = _call_or_404(request, call_id)
    workbook = exports.xlsx_file(table=_table(call, _opened_applications(request, call)))
    return attachment_response(
        workbook, filename=f"applications-{call.pk}.xlsx", content_type=MIME_TYPES["xlsx"]
    )


def _application_or_404(request: HttpRequest, application_id: int) -> Application:
    try:
        return access.get_application_for_issuer(user=request.user, application_id=application_id)
    except Application.DoesNotExist as error:
        raise Http404 from error


@login_required
@require_safe
def application(request: HttpRequest, application_id: int) -> HttpResponse:
    item = _application_or_404(request, application_id)
    audit = AuditEntry.objects.filter(
        object_type=Application._meta.label_lower, object_id=item.pk
    ).select_related("actor")
    return render(
        request,
        "applications/issuer_application.html",
        {
            "application": item,
            "call": item.call,
            "zone": exports.call_zone(item.call).key,
            "versions": [
                {
                    "version": version,
                    "missing": [exports.piece_label(code) for code in version.missing_pieces or []],
                    "files": [
                        {"record": record, "label": exports.piece_label(record.piece)}
                        for record in version.files.all()
                    ],
                }
                for version in item.versions.all()
            ],
            "applicant_languages": [str(LANGUAGE_NAMES.get(code, code)) for code in item.languages or []],
            "audit": [
                {
                    "at": entry.at,
                    "who": entry.actor.get_username() if entry.actor else "—",
                    "action": AUDIT_ACTIONS.get(entry.action, entry.action),
                    "version": entry.data.get("version"),
                }
                for entry in audit
            ],
            "missing": [exports.piece_label(code) for code in item.missing_pieces or []],
        },
    )


@login_required
@require_safe
def application_zip(request: HttpRequest, application_id: int) -> FileResponse:
    item = _application_or_404(request, application_id)
    latest = [version for version in item.versions.all() if version.is_latest]
    archive = exports.zip_file(
        call=item.call,
        applications=[item],
        files=latest[0].files.all() if latest else [],
        language=exports.issuer_language(call=item.call, user=_user(request)),
    )
    return attachment_response(archive, filename=f"{item.receipt_number}.zip", content_type="application/zip")


@login_required
@require_safe
def download_file(request: HttpRequest, file_id: int) -> FileResponse:
    try:
        record = access.get_application_file_for(user=request.user, file_id=file_id)
    except ApplicationFile.DoesNotExist as error:
        raise Http404 from error
    try:
        handle = record.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return attachment_response(
        handle, filename=record.original_name or record.piece, content_type=exports.content_type_for(record)
    )
