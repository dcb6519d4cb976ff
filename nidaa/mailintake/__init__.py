"""E-mail intake without Django: read a raw message or an mbox, classify the
attached files into the pieces a call asks for, and find the call a message
applies to. The Django side (storage, IMAP polling, the CLI) builds on this.
"""

from nidaa.mailintake.bounded import parse_message_within_budget, parse_messages_within_budget
from nidaa.mailintake.classify import PIECES, classify_attachments
from nidaa.mailintake.match import CallKey, CallMatcher, Match, match_call
from nidaa.mailintake.mbox import iter_mbox
from nidaa.mailintake.message import Attachment, ParsedMessage, parse_message

__all__ = [
    "PIECES",
    "Attachment",
    "CallKey",
    "CallMatcher",
    "Match",
    "ParsedMessage",
    "classify_attachments",
    "iter_mbox",
    "match_call",
    "parse_message",
    "parse_message_within_budget",
    "parse_messages_within_budget",
]
