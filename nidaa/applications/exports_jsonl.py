"""JSON Lines exports: one dict per submitted application (the triage inbox's
messages: ``nidaa.inbox.exports_jsonl``). Streams in chunks with a fixed number
of queries per chunk, whatever the number of rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from nidaa.applications.models import Application, ApplicationFile, ApplicationStatus, ApplicationVersion

CHUNK = 500


def local_iso(value: Any) -> str | None:
    # ISO 8601 with the offset of the site's zone (Africa/Casablanca).
    return timezone.localtime(value).isoformat() if value is not None else None


def export_applications(
    *, organization_id: int | None = None, call_id: int | None = None
) -> QuerySet[Application]:
    """Submitted applications, by call then receipt order, with what a line needs."""
    queryset = Application.objects.filter(status=ApplicationStatus.SUBMITTED)
    if organization_id is not None:
        queryset = queryset.filter(call__organization_id=organization_id)
    if call_id is not None:
        queryset = queryset.filter(call_id=call_id)
    return (
        queryset.select_related("call", "applicant")
        .only(
            "id",
            "receipt_number",
            "applicant_name",
            "applicant_email",
            "received_at",
            "is_late",
            "missing_pieces",
            "version_count",
            "call",
            "applicant",
            "call__id",
            "call__title",
            "applicant__id",
            "applicant__first_name",
            "applicant__last_name",
            "applicant__username",
            "applicant__email",
        )
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=ApplicationVersion.objects.select_related("message")
                .only("id", "application_id", "number", "channel", "is_latest", "message__message_id")
                .order_by("number"),
                to_attr="ordered_versions",
            ),
            Prefetch(
                "all_files",
                queryset=ApplicationFile.objects.filter(version__is_latest=True)
                .only("id", "application_id", "piece", "original_name")
                .order_by("id"),
                to_attr="latest_files",
            ),
        )
        .order_by("call_id", "id")
    )


def application_line(application: Application) -> dict[str, Any]:
    versions: list[ApplicationVersion] = application.ordered_versions  # type: ignore[attr-defined]
    latest = versions[-1] if versions else None
    pieces: dict[str, list[str]] = {}
    for item in application.latest_files:  # type: ignore[attr-defined]
        pieces.setdefault(item.piece, []).append(item.original_name)
    user = application.applicant
    message_ids = []
    for version in versions:
        # The reverse one-to-one raises when a version has no message.
        message = getattr(version, "message", None)
        if message is not None:
            message_ids.append(message.message_id)
    return {
        "receipt": application.receipt_number,
        "call_id": application.call_id,
        "call_title": application.call.title,
        "applicant_name": application.applicant_name
        or (user.get_full_name() or user.get_username() if user else ""),
        "applicant_email": application.applicant_email or (user.email if user else ""),
        "channel": latest.channel if latest else None,
        "received_at": local_iso(application.received_at),
        "late": application.is_late,
        "pieces": pieces,
        "missing": list(application.missing_pieces),
        "versions": application.version_count,
        "message_ids": message_ids,
    }


def application_lines(
    *, organization_id: int | None = None, call_id: int | None = None
) -> Iterator[dict[str, Any]]:
    queryset = export_applications(organization_id=organization_id, call_id=call_id)
    for application in queryset.iterator(chunk_size=CHUNK):
        yield application_line(application)
