"""Who really wrote a forwarded message.

An issuer's assistant often forwards applications that reached a personal
address to the intake mailbox. Forwarded inline, the original sender only
survives as a "From:" / "De :" / "من:" line under a marker such as
"---------- Forwarded message ---------" (Gmail), "-------- Message
transféré --------" (Thunderbird), "Début du message réexpédié :" (Apple
Mail) or Outlook's underscore line. The markers that only mean "quoted
message" (Outlook's "-----Original Message-----", the underscores, a bare
header block) count only when the subject says Fwd:/TR:.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nidaa.mailintake.headers import EMAIL_ADDRESS, clean_text
from nidaa.mailintake.text import fold_text

MAX_LINES = 400  # a forward marker further down is a quoted thread, not this message's

_STRONG = re.compile(
    r"^[\s>]*(?:[-_=]{2,}\s*)?(?:forwarded (?:message|e-?mail)|message transfere|courriel transfere|"
    r"message transmis|message reexpedie|debut du message reexpedie|begin forwarded message|"
    r"weitergeleitete nachricht|mensaje reenviado|mensagem encaminhada|"
    r"الرساله المعاد توجيهها|رساله معاد توجيهها|الرساله المحوله|رساله محوله)\s*:?\s*(?:[-_=]{2,})?\s*$"
)
_WEAK = re.compile(
    r"^[\s>]*(?:[-_=]{2,}\s*(?:original message|message d'origine|message original|الرساله الاصليه)"
    r"\s*[-_=]{2,}|_{8,}|-{8,})\s*$"
)
_FROM = re.compile(r"^[\s>*]*(?:from|de|von|من|expediteur|sender|envoye par)\s*[*]*\s*:")
_HEADER = re.compile(
    r"^[\s>*]*(?:sent|envoye|date|to|a|an|cc|subject|objet|sujet|betreff|gesendet|"
    r"التاريخ|تاريخ|الى|الموضوع|ارسلت|ارسل)\s*[*]*\s*:"
)
_TO = re.compile(r"^[\s>*]*(?:to|a|an|cc|الى|نسخه)\s*[*]*\s*:")
_NAME_JUNK = "\"'<>[]()*:; \t"


@dataclass
class Forwarded:
    """The original sender of a message forwarded inline."""

    name: str
    email: str
    recipients: list[str] = field(default_factory=list)


def find_inline_forward(body: str, *, subject_says_forward: bool) -> Forwarded | None:
    """The first forwarded message's sender in a body, or None."""
    if not body:
        return None
    lines = body.splitlines()[:MAX_LINES]
    folded = [fold_text(line) for line in lines]
    start = None
    for index, line in enumerate(folded):
        if _STRONG.match(line):
            start = index + 1
            break
        if not subject_says_forward:
            continue
        if _WEAK.match(line):
            start = index + 1
            break
        if _FROM.match(line) and any(_HEADER.match(following) for following in folded[index + 1 : index + 5]):
            start = index
            break
    if start is None:
        return None
    for index in range(start, min(start + 12, len(lines))):
        if not _FROM.match(folded[index]):
            continue
        name, address = _name_and_address(lines[index].split(":", 1)[1] if ":" in lines[index] else "")
        if not address:
            return None
        recipients: list[str] = []
        for following in range(index + 1, min(index + 10, len(lines))):
            if not folded[following].strip():
                break
            if _TO.match(folded[following]):
                recipients.extend(found.lower() for found in EMAIL_ADDRESS.findall(lines[following]))
        return Forwarded(name=name, email=address, recipients=recipients)
    return None


def _name_and_address(value: str) -> tuple[str, str]:
    value = clean_text(value)
    match = EMAIL_ADDRESS.search(value)
    if match is None:
        return "", ""
    name = value[: match.start()].replace("mailto:", "").strip(_NAME_JUNK)
    if not name:
        # "amina@example.ma (Amina Benali)"
        name = value[match.end() :].strip(_NAME_JUNK)
    if name.lower() == match.group().lower():
        name = ""
    return name, match.group().lower()
