"""The e-mail side for the issuer: the triage inbox (messages matched to no
call, assigned by hand or set aside) and the mailbox settings.

Objects come through ``mail_selectors``: a message or a mailbox the user may
not reach is a 404, like a missing one. Admins and editors work the triage
inbox; only admins connect mailboxes. Views validate, call one service, and
redirect.
"""

from __future__ import annotations

import io
import os
import tempfile
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from nidaa.accounts.models import User
from nidaa.accounts.selectors import signed_in
from nidaa.calls.models import RequiredDocument
from nidaa.common.downloads import attachment_response
from nidaa.common.filetypes import mime_type
from nidaa.inbox import imap
from nidaa.inbox import selectors as mail_selectors
from nidaa.inbox.forms import AssignForm, ImportMessagesForm, MailboxForm
from nidaa.inbox.intake import IntakeSummary, RawItem, ingest_messages
from nidaa.inbox.models import InboundMessage, Mailbox, MessageState
from nidaa.inbox.services import connect_mailbox, update_mailbox
from nidaa.inbox.triage import MessageNotFileable, discard_message, file_message
from nidaa.mailintake import classify_attachments
from nidaa.mailintake.files import NotAMessage, messages_in

MESSAGES_PER_PAGE = 50
# The Content-Type of a downloaded attachment, from the type read in its bytes.


def _message_or_404(request: HttpRequest, message_id: int) -> InboundMessage:
    try:
        return mail_selectors.get_unfiled_message_for(user=request.user, message_id=message_id)
    except InboundMessage.DoesNotExist as error:
        raise Http404 from error


def _mailbox_or_404(request: HttpRequest, mailbox_id: int) -> Mailbox:
    try:
        return mail_selectors.get_mailbox_for(user=request.user, mailbox_id=mailbox_id)
    except Mailbox.DoesNotExist as error:
        raise Http404 from error


def _parsed(message: InboundMessage) -> Any:
    return mail_selectors.parsed_message(message)


# --- triage inbox ---------------------------------------------------------------


@login_required
@require_safe
def triage_inbox(request: HttpRequest) -> HttpResponse:
    if not mail_selectors.triage_organizations_for(request.user).exists():
        raise Http404
    set_aside = request.GET.get("show") == "set-aside"
    state = MessageState.DISCARDED if set_aside else MessageState.TRIAGE
    page = Paginator(
        mail_selectors.unfiled_messages_for(user=request.user, state=state), MESSAGES_PER_PAGE
    ).get_page(request.GET.get("page"))
    labels = dict(RequiredDocument.choices)
    rows = [
        {
            "message": message,
            "attachments": [
                (item.get("name", ""), labels.get(item.get("piece", ""), "")) for item in message.attachments
            ],
        }
        for message in page.object_list
    ]
    return render(
        request,
        "applications/triage_inbox.html",
        {
            "rows": rows,
            "page": page,
            "querystring": "show=set-aside" if set_aside else "",
            "showing_set_aside": set_aside,
            "can_manage_mailboxes": mail_selectors.mailbox_organizations_for(request.user).exists(),
            "import_form": ImportMessagesForm(
                organizations=mail_selectors.triage_organizations_for(request.user)
            ),
        },
    )


@login_required
@require_POST
def import_messages(request: HttpRequest) -> HttpResponse:
    """File an uploaded .eml or .mbox as ``nidaa mail import`` does: matched
    messages become applications, the others wait in the triage inbox."""
    organizations = mail_selectors.triage_organizations_for(request.user)
    if not organizations.exists():
        raise Http404
    form = ImportMessagesForm(request.POST, request.FILES, organizations=organizations)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("inbox:triage")
    upload = form.cleaned_data["file"]
    try:
        summary = _ingest_upload(
            upload, organization=form.cleaned_data["organization"], actor=signed_in(request.user)
        )
    except NotAMessage:
        messages.error(request, _("This file is neither an e-mail message (.eml) nor a mailbox (.mbox)."))
        return redirect("inbox:triage")
    messages.success(
        request,
        _(
            "Messages read: %(read)s · new: %(new)s · filed as applications: %(filed)s (late: %(late)s) · "
            "waiting here: %(triage)s · already stored: %(duplicates)s · not readable: %(failed)s."
        )
        % {
            name: getattr(summary, name)
            for name in ("read", "new", "filed", "late", "triage", "duplicates", "failed")
        },
    )
    return redirect("inbox:triage")


def _ingest_upload(upload: UploadedFile, *, organization: Any, actor: User | None) -> IntakeSummary:
    # An mbox is read as a stream from a file: a large upload is already on
    # disk (TemporaryUploadedFile); a small one, in memory, is written out.
    path = getattr(upload, "temporary_file_path", lambda: None)()
    with tempfile.TemporaryDirectory(dir=settings.FILE_UPLOAD_TEMP_DIR) as folder:
        if path is None:
            path = os.path.join(folder, "upload")
            with open(path, "wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
        items = (
            RawItem(raw=raw, received_at=received_at, received_source="mbox" if received_at else "")
            for raw, received_at in messages_in(path)
        )
        summary = IntakeSummary()
        ingest_messages(
            organization=organization,
            items=items,
            actor=actor,
            summary=summary,
            on_error=lambda index, item, error: None,
        )
    if summary.read == 0:
        raise NotAMessage("no message in the file")
    return summary


@login_required
@require_safe
def triage_message(request: HttpRequest, message_id: int) -> HttpResponse:
    message = _message_or_404(request, message_id)
    return _render_message(request, message, AssignForm(calls=_calls(message)))


def _calls(message: InboundMessage) -> Any:
    return mail_selectors.assignable_calls(organization=message.organization)


def _render_message(
    request: HttpRequest, message: InboundMessage, form: AssignForm, status: int = 200
) -> HttpResponse:
    parsed = _parsed(message)
    labels = dict(RequiredDocument.choices)
    attachments = [
        {
            "index": index,
            "name": attachment.filename or "",
            "size": len(attachment.data),
            "piece": labels.get(piece, "") if piece else "",
        }
        for index, (attachment, piece) in enumerate(_classified(parsed))
    ]
    return render(
        request,
        "applications/triage_message.html",
        {
            "message": message,
            "parsed": parsed,
            "attachments": attachments,
            "form": form,
            "account_applications": list(mail_selectors.account_applications_from(message)),
        },
        status=status,
    )


def _classified(parsed: Any) -> list[tuple[Any, str]]:
    """Each attachment, in message order, with the piece it looks like (read
    with no call to favour: the message has none yet)."""
    return [
        (attachment, "" if piece == "other" else piece)
        for attachment, piece in classify_attachments(parsed.attachments, required=(), body=parsed.body)
    ]


@login_required
@require_safe
def triage_attachment(request: HttpRequest, message_id: int, index: int) -> FileResponse:
    message = _message_or_404(request, message_id)
    parsed = _parsed(message)
    if not 0 <= index < len(parsed.attachments):
        raise Http404
    attachment = parsed.attachments[index]
    # The parser already told the type by content (common.filetypes).
    return attachment_response(
        io.BytesIO(attachment.data),
        filename=attachment.filename or f"attachment-{index + 1}",
        content_type=mime_type(attachment.kind),
    )


@login_required
@require_POST
def assign_message(request: HttpRequest, message_id: int) -> HttpResponse:
    message = _message_or_404(request, message_id)
    form = AssignForm(request.POST, calls=_calls(message))
    if not form.is_valid():
        return _render_message(request, message, form, status=400)
    call = form.cleaned_data["call"]
    try:
        version = file_message(message=message, call=call, actor=signed_in(request.user))
    except MessageNotFileable:
        form.add_error(
            "call",
            _(
                "This message cannot be filed to that call (it has no sender address, or it is filed already)."
            ),
        )
        return _render_message(request, message, form, status=400)
    messages.success(
        request,
        _("The message was filed to “%(call)s” as version %(number)s of the application %(receipt)s.")
        % {"call": call.title, "number": version.number, "receipt": version.application.receipt_number},
    )
    return redirect("inbox:triage")


@login_required
@require_POST
def set_aside_message(request: HttpRequest, message_id: int) -> HttpResponse:
    message = _message_or_404(request, message_id)
    try:
        discard_message(message=message, actor=signed_in(request.user))
    except MessageNotFileable:
        messages.info(request, _("This message was already set aside."))
    else:
        messages.success(request, _("The message was set aside; you can still file it later."))
    return redirect("inbox:triage")


# --- mailboxes ------------------------------------------------------------------


@login_required
@require_safe
def mailbox_list(request: HttpRequest) -> HttpResponse:
    if not mail_selectors.mailbox_organizations_for(request.user).exists():
        raise Http404
    return render(
        request,
        "applications/mailbox_list.html",
        {"mailboxes": mail_selectors.mailboxes_for(user=request.user)},
    )


@login_required
def mailbox_create(request: HttpRequest) -> HttpResponse:
    organizations = mail_selectors.mailbox_organizations_for(request.user)
    if not organizations.exists():
        raise Http404
    return _mailbox_form(request, Mailbox(), organizations)


@login_required
def mailbox_edit(request: HttpRequest, mailbox_id: int) -> HttpResponse:
    mailbox = _mailbox_or_404(request, mailbox_id)
    return _mailbox_form(request, mailbox, mail_selectors.mailbox_organizations_for(request.user))


def _mailbox_form(request: HttpRequest, mailbox: Mailbox, organizations: Any) -> HttpResponse:
    is_new = mailbox.pk is None
    form = MailboxForm(request.POST or None, instance=mailbox, organizations=organizations)
    check: imap.ConnectionCheck | None = None
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif request.POST.get("action") == "test":
            # Each test opens a connection to a host the admin typed: limited per user.
            if is_ratelimited(
                request,
                group="mailbox-test",
                key="user",
                rate=settings.RATE_LIMIT_MAILBOX_TEST,
                increment=True,
            ):
                return render(request, "429.html", status=429)
            check = imap.check_connection(**form.settings())
        else:
            data = form.cleaned_data
            fields = {name: data[name] for name in ("address", "use_ssl", "username", "folder", "is_active")}
            fields.update(host=data["host"], port=data["port"], password=data.get("password") or "")
            if is_new:
                saved = connect_mailbox(
                    organization=data["organization"], actor=signed_in(request.user), **fields
                )
                messages.success(request, _("The mailbox is connected; it is read every five minutes."))
            else:
                saved = update_mailbox(mailbox=mailbox, actor=signed_in(request.user), **fields)
                messages.success(request, _("The mailbox settings were saved."))
            return redirect("inbox:mailbox_edit", mailbox_id=saved.pk)
    # The status (last poll, last error) as stored: validating the form
    # copied the posted values onto ``mailbox``.
    stored = None if is_new else Mailbox.objects.get(pk=mailbox.pk)
    return render(
        request,
        "applications/mailbox_form.html",
        {"form": form, "mailbox": stored, "check": check},
        status=status,
    )
