"""The document's text with the extractor's evidence passages marked.

Plain functions over the text and the ``evidence`` mapping
(``{field: [{"start": int, "end": int}, ...]}``, offsets into the text).
Every piece of text is escaped; only the ``<mark>`` tags are markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Span:
    field: str
    n: int
    start: int
    end: int

    @property
    def mark_id(self) -> str:
        return f"ev-{self.field}-{self.n}"


def spans_from(evidence: Any, text_length: int, order: tuple[str, ...] = ()) -> list[Span]:
    """Valid spans in text order; on the same passage, fields listed in
    ``order`` come first. Malformed entries are ignored."""
    spans = []
    if not isinstance(evidence, dict):
        return []
    for field, items in evidence.items():
        if not isinstance(items, list) or not str(field).isidentifier():
            continue
        for n, item in enumerate(items):
            try:
                start, end = int(item["start"]), int(item["end"])
            except (KeyError, TypeError, ValueError):
                continue
            if 0 <= start < end <= text_length:
                spans.append(Span(str(field), n, start, end))
    rank = {name: i for i, name in enumerate(order)}
    return sorted(spans, key=lambda s: (s.start, -s.end, rank.get(s.field, len(rank)), s.field, s.n))


def marked_text(text: str, evidence: Any, order: tuple[str, ...] = ()) -> SafeString:
    """The text, escaped, with ``<mark id="ev-<field>-<n>">`` around each passage.

    Passages often coincide (title and call type, deadline and its text) or
    overlap: the first one gets the mark and the others an empty
    ``<span id="ev-<field>-<n>">`` at its start, so every passage has its
    anchor.
    """
    groups: list[tuple[Span, list[Span]]] = []
    for span in spans_from(evidence, len(text), order):
        if groups and span.start < groups[-1][0].end:
            groups[-1][1].append(span)
        else:
            groups.append((span, []))
    pieces: list[SafeString] = []
    position = 0
    for span, aliases in groups:
        pieces.append(format_html("{}", text[position : span.start]))
        anchors = format_html_join(
            "", '<span id="{}" class="ev-alias"></span>', ((a.mark_id,) for a in aliases)
        )
        pieces.append(
            format_html(
                '<mark id="{}" data-field="{}">{}{}</mark>',
                span.mark_id,
                span.field,
                anchors,
                text[span.start : span.end],
            )
        )
        position = span.end
    pieces.append(format_html("{}", text[position:]))
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def passages_by_field(text: str, evidence: Any) -> dict[str, list[dict[str, str]]]:
    """For each field, its passages: ``{"id": mark id, "text": quoted passage}``."""
    passages: dict[str, list[dict[str, str]]] = {}
    for span in sorted(spans_from(evidence, len(text)), key=lambda s: (s.field, s.n)):
        passages.setdefault(span.field, []).append({"id": span.mark_id, "text": text[span.start : span.end]})
    return passages
