"""What applications mail: the receipt of a version (every file with its size
and sha256), the notices of a deadline extended and of a call cancelled."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage, get_connection, send_mail
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nidaa.applications.models import Application, ApplicationStatus, ApplicationVersion
from nidaa.calls.models import Call, RequiredDocument, document_fields
from nidaa.common.dates import with_seconds
from nidaa.common.zones import zone_label

logger = logging.getLogger(__name__)


def send_acknowledgement(*, version_id: int) -> None:
    """E-mail the applicant the receipt, listing every file with its size and sha256."""
    version = _versions_to_acknowledge([version_id]).get()
    message = _acknowledgement(version)
    if message is not None:
        message.send()


def send_acknowledgements(*, version_ids: Sequence[int]) -> int:
    """``send_acknowledgement`` for many versions (an e-mail intake batch):
    read in two queries and sent over one mail connection. A message the
    server refuses is logged and the others still go; returns how many went."""
    messages = [
        message
        for version in _versions_to_acknowledge(version_ids).order_by("pk")
        if (message := _acknowledgement(version)) is not None
    ]
    sent = 0
    if not messages:
        return sent
    with get_connection() as connection:
        for message in messages:
            try:
                sent += connection.send_messages([message]) or 0
            except Exception:
                logger.exception("Acknowledgement to %s could not be sent", message.to)
    return sent


def _versions_to_acknowledge(version_ids: Sequence[int]) -> QuerySet[ApplicationVersion]:
    # The call's ToR text and documents are not needed for a receipt.
    return (
        ApplicationVersion.objects.filter(pk__in=version_ids)
        .select_related("application__call", "application__applicant")
        .defer(*document_fields("application__call__"))
        .prefetch_related("files")
    )


def _acknowledgement(version: ApplicationVersion) -> EmailMessage | None:
    application = version.application
    applicant = application.applicant
    address = (applicant.email if applicant else "") or application.applicant_email
    if not address:
        return None
    # An e-mail sender without an account is answered in the call's language.
    call_language = application.call.document_language
    language = (
        applicant.preferred_language
        if applicant
        else (call_language if call_language in {"fr", "ar", "en"} else settings.LANGUAGE_CODE)
    )
    with translation.override(language):
        labels = dict(RequiredDocument.choices)
        lines = [
            _("Your application to “%(call)s” has been received.") % {"call": application.call.title},
            _("Receipt number: %(receipt)s") % {"receipt": application.receipt_number},
            _("Version %(number)s, received on %(at)s")
            % {
                "number": version.number,
                # To the second, as the language writes it, in the call's time zone.
                "at": with_seconds(
                    timezone.localtime(version.submitted_at, ZoneInfo(application.call.timezone))
                )
                + f" ({zone_label(application.call.timezone)})",
            },
            "",
            _("Files:"),
        ]
        for item in version.files.all():
            lines.append(
                f"- {labels.get(item.piece, item.piece)}: {item.original_name} "
                f"({filesizeformat(item.size)}, sha256 {item.sha256})"
            )
        lines.append("")
        if applicant is not None:
            receipt_url = reverse("applications:receipt", args=[application.pk])
            lines.append(
                _("Your receipt and its status: %(url)s") % {"url": settings.NIDAA_SITE_URL + receipt_url}
            )
        else:
            # A sender without an account follows the application once an
            # account has confirmed this address (the claim rule).
            signup_url = reverse("account_signup")
            lines.append(
                _("To follow it online, sign up with this address and confirm it: %(url)s")
                % {"url": settings.NIDAA_SITE_URL + signup_url}
            )
        subject = _("Application received: %(receipt)s") % {"receipt": application.receipt_number}
        return EmailMessage(subject, "\n".join(lines), None, [address])


def announce_deadline_extension(*, call_id: int) -> int:
    """Tell every applicant whose application to the call is still a draft
    that the deadline moved; returns how many were told. Each in their own
    language, once per extension (called after the extension commits)."""
    call = Call.objects.get(pk=call_id)
    if call.deadline is None:
        return 0
    drafts = (
        Application.objects.filter(call=call, status=ApplicationStatus.DRAFT, applicant__isnull=False)
        .select_related("applicant")
        .order_by("id")
    )
    sent = 0
    zone = ZoneInfo(call.timezone)
    for application in drafts:
        user = application.applicant
        if user is None or not user.email:
            continue
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            deadline = date_format(timezone.localtime(call.deadline, zone), "DATETIME_FORMAT")
            subject = _("Deadline extended: %(call)s") % {"call": call.title}
            body = "\n".join(
                [
                    _("The deadline of “%(call)s” has been extended to %(deadline)s (%(zone)s).")
                    % {"call": call.title, "deadline": deadline, "zone": zone_label(call.timezone)},
                    _("Your application is still a draft: submit it before then."),
                    "",
                    settings.NIDAA_SITE_URL + reverse("applications:apply", args=[call.pk]),
                ]
            )
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent


def announce_cancellation(*, call_id: int) -> int:
    """Tell everyone who applied to the call or holds a draft (online or by
    e-mail) that it was cancelled, and why; returns how many addresses were
    told. Each in their own language (the account's, else the call's
    document's), one message per address (called after the cancellation commits)."""
    call = Call.objects.get(pk=call_id)
    applications = (
        Application.objects.filter(call=call)
        .select_related("applicant")
        .order_by("id")
        .only("id", "applicant_email", "applicant__email", "applicant__preferred_language")
    )
    languages = {code for code, _name in settings.LANGUAGES}
    fallback = call.document_language if call.document_language in languages else settings.LANGUAGE_CODE
    recipients: dict[str, str] = {}
    for application in applications:
        user = application.applicant
        address = (user.email if user is not None else "") or application.applicant_email
        if address and address.lower() not in recipients:
            language = (user.preferred_language if user is not None else "") or fallback
            recipients[address.lower()] = language
    messages = []
    for address, language in recipients.items():
        with translation.override(language):
            subject = _("Call cancelled: %(call)s") % {"call": call.title}
            body = "\n".join(
                [
                    _("The issuer has cancelled the call “%(call)s”: applications are no longer accepted.")
                    % {"call": call.title},
                    "",
                    _("Reason given by the issuer:"),
                    call.cancellation_reason,
                    "",
                    # Reversed in the reader's language: /fr/, /ar/ or /en/.
                    settings.NIDAA_SITE_URL + reverse("calls:detail", args=[call.pk]),
                ]
            )
        messages.append(EmailMessage(subject, body, None, [address]))
    if messages:
        with get_connection() as connection:
            connection.send_messages(messages)
    return len(messages)
