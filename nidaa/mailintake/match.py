"""Which call a message applies to.

By the call's prescribed subject, else by its reference written in the
subject or the body, else by the address it was sent to when that address
belongs to one candidate call only. Everything the comparison needs is
folded once when a ``CallMatcher`` is built, and the lookups go through
dictionaries keyed by a word or a few characters, so matching one message
does not grow with the number of calls.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from threading import Lock

from nidaa.mailintake.message import ParsedMessage
from nidaa.mailintake.text import fold_text, strip_prefixes, words

BODY_CHARS = 20_000  # a reference further down is in a quoted thread or a signature
MIN_REFERENCE = 4  # characters of a compacted reference: "AO 3" is too little to tell calls apart
PREFIX = 4

# Parts of a prescribed subject that the candidate fills in: "[Nom Prénom]",
# "<nom du candidat>", "NOM et Prénom", "اسم المترشح".
_PLACEHOLDER = re.compile(
    r"\[[^\]]*\]|<[^>]*>|\{[^}]*\}|«\s*[^»]*(?:nom|name|اسم)[^»]*»|\((?:[^)]*(?:nom|name|اسم)[^)]*)\)|"
    r"(?<![a-z])(?:(?:le|votre|son|your|the)\s+)?(?:nom\s*(?:et|&|/|-)?\s*prenoms?|prenoms?\s*(?:et|&|/|-)?\s*nom|"
    r"nom\s+(?:du|de\s+la|de\s+l)\s*\S+|full\s+name|name\s+of\s+(?:the\s+)?\S+|\S+'s\s+name|"
    r"(?:applicant|candidate|consultant)\s+name|your\s+name|nom\s+complet)(?![a-z])|"
    r"الاسم(?:\s+(?:الكامل|و\s*النسب|والنسب))?|اسم\s+\S+|الاسم\s+الشخصي"
)
_NUMBER_SIGN = re.compile(r"(?<![a-z0-9])(?:n\s*[°º]|n[o°º]?\s*\.|no|nr|num(?:ero)?\.?|n|#|رقم)\s*(?=\d)")
_ORDINALS = str.maketrans({"º": " ", "ª": " "})  # letters to Python, number signs to writers
_TOKEN = re.compile(r"[^\W\d_]+|\d+")


@dataclass(frozen=True)
class CallKey:
    """What identifies a call in an e-mail."""

    id: int
    subject: str
    reference: str
    addresses: tuple[str, ...]
    title: str


@dataclass(frozen=True)
class Match:
    call_id: int
    by: str  # "subject" | "reference" | "address"


@dataclass(frozen=True)
class _SubjectKey:
    call_id: int
    segments: tuple[str, ...]  # in order, each " word word " padded
    length: int


def subject_segments(subject: str) -> tuple[str, ...]:
    """A prescribed subject as the folded word runs left once its
    placeholders are taken out."""
    folded, _ = strip_prefixes(fold_text(subject))
    return tuple(segment for part in _PLACEHOLDER.split(folded) if (segment := words(part)))


def message_subject(subject: str) -> str:
    folded, _ = strip_prefixes(fold_text(subject))
    return words(folded)


_Form = tuple[str, set[int], set[int]]


def _compact(text: str) -> tuple[_Form, _Form]:
    """A text's words and numbers run together, with the offsets where its
    tokens start and end; twice: as written, and with leading zeros
    dropped from numbers (AO 3/2024 is AO 03/2024)."""
    folded = _NUMBER_SIGN.sub(" ", fold_text(text)).translate(_ORDINALS)
    tokens = _TOKEN.findall(folded)
    raw = _form(tokens)
    if not any(token[0] == "0" for token in tokens):
        return raw, raw
    return raw, _form([token.lstrip("0") or "0" if token[0] == "0" else token for token in tokens])


def _form(tokens: list[str]) -> _Form:
    ends = list(accumulate(map(len, tokens)))
    starts = [end - len(token) for end, token in zip(ends, tokens, strict=True)]
    return "".join(tokens), set(starts), set(ends)


def reference_forms(reference: str) -> tuple[str, str] | None:
    """A reference compacted as written and without leading zeros; None when
    it is too short or has no digit to tell calls apart."""
    (raw, _, _), (stripped, _, _) = _compact(reference)
    if len(raw) < MIN_REFERENCE or not any(char.isdigit() for char in raw):
        return None
    return raw, stripped


class CallMatcher:
    """The calls of an organisation, folded once, to match many messages."""

    def __init__(self, calls: Iterable[CallKey]) -> None:
        self._subjects: dict[str, list[_SubjectKey]] = {}
        self._references: tuple[dict[str, list[tuple[str, int]]], dict[str, list[tuple[str, int]]]] = ({}, {})
        self._addresses: dict[str, set[int]] = {}
        calls = list(calls)
        keys: list[tuple[_SubjectKey, set[str]]] = []
        frequency: Counter[str] = Counter()
        for call in calls:
            segments = subject_segments(call.subject) if call.subject else ()
            if segments:
                key = _SubjectKey(call.id, tuple(f" {s} " for s in segments), sum(len(s) for s in segments))
                subject_words = {word for segment in segments for word in segment.split()}
                keys.append((key, subject_words))
                frequency.update(subject_words)
        for key, subject_words in keys:
            # Filed under its rarest word: every word of a key is in a matching
            # subject, and "candidature" would bring up half the calls.
            rarest = min(subject_words, key=lambda word: (frequency[word], -len(word), word))
            self._subjects.setdefault(rarest, []).append(key)
        for call in calls:
            forms = reference_forms(call.reference) if call.reference else None
            if forms:
                for index, form in enumerate(forms):
                    self._references[index].setdefault(form[:PREFIX], []).append((form, call.id))
            for address in call.addresses:
                address = address.strip().lower()
                if address:
                    self._addresses.setdefault(address, set()).add(call.id)

    def match(self, message: ParsedMessage) -> Match | None:
        """See ``match_call``."""
        candidates: set[int] | None = None
        by_subject = self._by_subject(message.subject)
        if len(by_subject) == 1:
            return Match(by_subject.pop(), "subject")
        if by_subject:
            candidates = by_subject
        for text in (message.subject, message.body[:BODY_CHARS]):
            by_reference = self._by_reference(text, candidates)
            if len(by_reference) == 1:
                return Match(by_reference.pop(), "reference")
            if by_reference:
                candidates = by_reference
                break
        by_address = self._by_address(message.recipients, candidates)
        if len(by_address) == 1:
            return Match(by_address.pop(), "address")
        return None

    def _by_subject(self, subject: str) -> set[int]:
        text = f" {message_subject(subject)} "
        best = 0
        found: set[int] = set()
        for word in set(text.split()):
            for key in self._subjects.get(word, ()):
                if key.length < best or not _in_order(text, key.segments):
                    continue
                if key.length > best:
                    best, found = key.length, set()
                found.add(key.call_id)
        return found

    def _by_reference(self, text: str, candidates: set[int] | None) -> set[int]:
        if not text or not (self._references[0] or self._references[1]):
            return set()
        best = 0
        found: set[int] = set()
        for index, (compact, starts, ends) in enumerate(_compact(text)):
            table = self._references[index]
            for start in starts:
                for reference, call_id in table.get(compact[start : start + PREFIX], ()):
                    if candidates is not None and call_id not in candidates:
                        continue
                    if len(reference) < best or start + len(reference) not in ends:
                        continue
                    if not compact.startswith(reference, start):
                        continue
                    if len(reference) > best:
                        best, found = len(reference), set()
                    found.add(call_id)
        return found

    def _by_address(self, recipients: Sequence[str], candidates: set[int] | None) -> set[int]:
        found: set[int] = set()
        for address in recipients:
            found |= self._addresses.get(address.lower(), set())
        return found & candidates if candidates is not None else found


def _in_order(text: str, segments: tuple[str, ...]) -> bool:
    position = 0
    for segment in segments:
        at = text.find(segment, position)
        if at < 0:
            return False
        position = at + len(segment) - 1  # segments share the space between them
    return True


_cache: dict[tuple[int, ...], tuple[tuple[CallKey, ...], CallMatcher]] = {}
_cache_lock = Lock()


def match_call(message: ParsedMessage, calls: Sequence[CallKey]) -> Match | None:
    """The call a message applies to, or None (it then waits in triage).

    1. subject: the call's prescribed subject (placeholders such as "[Nom]"
       left out) found in the message's subject once Re:/Fwd:/TR:/رد: are
       stripped, folding case, accents, punctuation and spaces; the longest
       prescribed subject wins;
    2. reference: the call's reference in the subject, then in the body,
       whatever its spacing, N°/No/º and slashes or dashes;
    3. address: the message was sent to one of the call's submission
       addresses, and that address belongs to one candidate call only.

    Several calls equally good at a step are the candidates of the next
    steps. Build a ``CallMatcher`` once to match many messages; this
    function keeps the matchers of the last few call lists it was given.
    """
    calls = tuple(calls)
    key = tuple(map(id, calls))  # the cache holds the calls, so their ids stay theirs
    with _cache_lock:
        cached = _cache.get(key)
    if cached is None:
        cached = (calls, CallMatcher(calls))
        with _cache_lock:
            if len(_cache) >= 8:
                _cache.pop(next(iter(_cache)))
            _cache[key] = cached
    return cached[1].match(message)
