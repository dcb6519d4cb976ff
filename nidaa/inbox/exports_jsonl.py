"""JSON Lines export of the messages waiting in the triage inbox, one dict per
message; streams in chunks like the applications' export beside it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nidaa.applications.exports_jsonl import CHUNK, local_iso
from nidaa.inbox.models import InboundMessage, MessageState


def triage_line(message: InboundMessage) -> dict[str, Any]:
    return {
        "message_id": message.message_id,
        "from_name": message.from_name,
        "from_email": message.from_email,
        "to": list(message.to),
        "subject": message.subject,
        "received_at": local_iso(message.received_at),
        "received_source": message.received_source,
        "attachments": [
            {"name": item.get("name", ""), "type": item.get("type", ""), "size": item.get("size", 0)}
            for item in message.attachments
        ],
    }


def triage_lines(*, organization_id: int | None = None) -> Iterator[dict[str, Any]]:
    """Messages waiting in the triage inbox, oldest first."""
    queryset = InboundMessage.objects.filter(state=MessageState.TRIAGE)
    if organization_id is not None:
        queryset = queryset.filter(organization_id=organization_id)
    queryset = queryset.only(
        "id",
        "message_id",
        "from_name",
        "from_email",
        "to",
        "subject",
        "received_at",
        "received_source",
        "attachments",
    ).order_by("received_at", "id")
    for message in queryset.iterator(chunk_size=CHUNK):
        yield triage_line(message)
