"""What every field reader shares: the document being read (``Doc``: its text views, sections, the
fields read so far with their evidence and confidence), e-mail addresses, and "key: value" rows."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from nidaa.tor.places import Gazetteer
from nidaa.tor.sections import Section
from nidaa.tor.text import Views, kw

EMAIL = re.compile(
    r"(?<![\w.+\-])[a-z0-9][a-z0-9._%+\-]*@[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.[a-z]{2,}",
)


def email_matches(folded: str) -> Iterator[re.Match[str]]:
    """``EMAIL.finditer(folded)``, run only on the lines holding an "@": an
    address never spans a line, and the pattern, which may start at any letter
    or digit, costs more over a whole text than the lines that can hold one."""
    at = folded.find("@")
    while at != -1:
        start = folded.rfind("\n", 0, at) + 1
        end = folded.find("\n", at)
        if end == -1:
            end = len(folded)
        yield from EMAIL.finditer(folded, start, end)
        at = folded.find("@", end)


DEFAULT_TIMEZONE = "Africa/Casablanca"


Span = tuple[int, int]


@dataclass
class Doc:
    views: Views
    sections: list[Section]
    gazetteer: Gazetteer | None
    fields: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.views.text

    @property
    def masked(self) -> str:
        return self.views.masked

    @property
    def folded(self) -> str:
        return self.views.folded

    def of_role(self, *roles: str) -> list[Section]:
        return [s for s in self.sections if s.role in roles or any(r in roles for r in s.also)]

    def role_at(self, offset: int) -> str | None:
        """The role of the section holding ``offset`` (binary search: extractors
        ask once per date or address, and a hostile text has thousands)."""
        index = bisect_right(self._heading_starts, offset)
        return self.sections[index - 1].role if index else None

    def set(self, name: str, value: Any, spans: Iterable[Span] = (), confidence: float = 0.0) -> None:
        self.fields[name] = value
        spans = [s for s in spans if s[0] < s[1]]
        if value not in (None, [], "") and spans:
            self.evidence[name] = spans
        if value not in (None, [], ""):
            self.confidence[name] = round(confidence, 2)

    def line_bounds(self, offset: int) -> Span:
        """The line holding ``offset``, found by binary search over the line
        breaks rather than by scanning the line (quadratic on a long line of
        dates or addresses)."""
        index = bisect_left(self._newlines, offset)
        start = self._newlines[index - 1] + 1 if index else 0
        end = self._newlines[index] if index < len(self._newlines) else len(self.text)
        return start, end

    @cached_property
    def _newlines(self) -> list[int]:
        return [m.start() for m in re.finditer("\n", self.text)]

    @cached_property
    def _heading_starts(self) -> list[int]:
        return [section.heading_start for section in self.sections]


# The key starts at the line's first non-space (possessive indent), so a long
# run of spaces is not split three ways between indent, key and gap.
_KV_LINE = re.compile(r"(?m)^[ \t]*+([^\s|:][^\n\t|:]{1,49}?)[ \t]*(?:\t|\s\|\s|:)[ \t]*+([^\n]+)$")


def kv_lines(doc: Doc, limit: int | None = None) -> list[tuple[str, str, Span]]:
    """Table rows "key<TAB>value" / "key | value" / short "Key: value" lines."""
    rows = []
    end_at = len(doc.text) if limit is None else limit
    for match in _KV_LINE.finditer(doc.masked, 0, end_at):
        key = doc.folded[match.start(1) : match.end(1)].strip(" *#")
        rows.append((key, match.group(2), (match.start(2), match.end(2))))
    return rows


PARTNER_CUES = re.compile(
    kw(
        r"en partenariat avec",
        r"partenariat entre",
        r"finance(?:e)? par",
        r"sur financement",
        r"cofinance(?:e)? par",
        r"avec l'appui(?: financier| technique)? (?:de|du|des)",
        r"avec le soutien(?: financier)? (?:de|du|des)",
        r"grace au soutien (?:de|du|des)",
        r"soutenu(?:e)? par",
        r"funded by",
        r"with funding from",
        r"funding from",
        r"grant from",
        r"الممول(?:ة)? من طرف",
        r"الممول(?:ة)? من قبل",
        r"بتمويل من",
        r"co-funded by",
        r"financed by",
        r"in partnership with",
        r"with (?:the )?(?:financial )?support (?:of|from)",
        r"supported by",
        r"consortium (?:reunissant|compose de|forme de|composed of|of)[^:\n]{0,40}:?",
        r"بشراكة مع",
        r"بشراكة بين",
        r"بدعم من",
        r"بتمويل من",
        r"بتعاون مع",
        r"بشراكة و دعم",
    )
)
