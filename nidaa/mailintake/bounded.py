"""Reading e-mail under a time and memory budget (``nidaa.common.budget``).

Every message that reaches the application (IMAP polls, ``nidaa mail
import``, the triage import, the triage pages that re-read a stored message)
is read here. A batch is read in one child process; if the batch passes its
budget, each of its messages is read again alone, so one hostile message
costs its own budget and keeps no other out. A message that passes its
budget alone is kept whole all the same, as unreadable ("too_costly"): it
waits in the triage inbox, which says why it shows no text.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from nidaa.common.budget import Budget, BudgetExceeded, run_within
from nidaa.mailintake.message import ParsedMessage, parse_message, unreadable_message

logger = logging.getLogger(__name__)

MIB = 1024 * 1024
# The first stage's cap: mail servers refuse messages past 25-50 MB; a bigger
# one is stored whole but not read ("too_large"), so no budget is spent on it.
MAX_MESSAGE_BYTES = 64 * MIB
# One message: a 20 MB application reads in about a second with linear code.
MESSAGE_BUDGET = Budget(seconds=20.0, memory_bytes=512 * MIB)
# A batch adds, per megabyte and per message, this time, and memory per
# raw byte (decoded attachments and text are a few copies of the raw bytes).
SECONDS_PER_MIB = 1.0
SECONDS_PER_MESSAGE = 0.05
MEMORY_PER_RAW_BYTE = 6


def parse_message_within_budget(raw: bytes, *, received_at: datetime | None = None) -> ParsedMessage:
    """``parse_message`` under ``MESSAGE_BUDGET`` (scaled to the message's
    size); an unreadable ``ParsedMessage`` when it passes it."""
    [parsed] = parse_messages_within_budget([(raw, received_at)])
    return parsed


def parse_messages_within_budget(
    messages: Sequence[tuple[bytes, datetime | None]], *, budget: Budget | None = None
) -> list[ParsedMessage]:
    """Each ``(raw, received_at)`` read as ``parse_message`` reads it, in order
    (``budget``: ``MESSAGE_BUDGET`` by default, before scaling)."""
    if not messages:
        return []
    budget = budget or MESSAGE_BUDGET
    if any(len(raw) > MAX_MESSAGE_BYTES for raw, _ in messages):
        # The others are read; the oversized ones are kept unread.
        small = [message for message in messages if len(message[0]) <= MAX_MESSAGE_BYTES]
        read = iter(parse_messages_within_budget(small, budget=budget))
        return [
            unreadable_message(raw, received_at=received_at, reason="too_large")
            if len(raw) > MAX_MESSAGE_BYTES
            else next(read)
            for raw, received_at in messages
        ]
    size = sum(len(raw) for raw, _ in messages)
    scaled = budget.scaled(
        extra_seconds=SECONDS_PER_MIB * size / MIB + SECONDS_PER_MESSAGE * len(messages),
        extra_bytes=MEMORY_PER_RAW_BYTE * size,
    )
    try:
        return run_within(scaled, _parse_all, list(messages))
    except BudgetExceeded as exceeded:
        if len(messages) > 1:
            logger.info("a batch of %d messages passed its budget; reading them one by one", len(messages))
            return [
                parsed
                for message in messages
                for parsed in parse_messages_within_budget([message], budget=budget)
            ]
        raw, received_at = messages[0]
        logger.warning(
            "message %s passed its reading budget (%s); kept whole, unread",
            unreadable_message(raw, received_at=received_at, reason="").sha256,
            exceeded.reason,
        )
        return [unreadable_message(raw, received_at=received_at, reason="too_costly")]


def _parse_all(messages: list[tuple[bytes, datetime | None]]) -> list[ParsedMessage]:
    return [parse_message(raw, received_at=received_at) for raw, received_at in messages]
