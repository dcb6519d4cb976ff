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


def spans_from(evidence: Any, text_length: int) -> list[Span]:
    """Valid spans, in text order. Malformed entries are ignored."""
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
    return sorted(spans, key=lambda s: (s.start, -s.end, s.field))


def marked_text(text: str, evidence: Any) -> SafeString:
    """The text, escaped, with ``<mark id="ev-<field>-<n>">`` around each passage.

    Where passages overlap, the first one keeps the mark (the field still
    shows its quote beside the form).
    """
    pieces: list[SafeString] = []
    position = 0
    for span in spans_from(evidence, len(text)):
        if span.start < position:
            continue
        pieces.append(format_html("{}", text[position : span.start]))
        pieces.append(
            format_html(
                '<mark id="{}" data-field="{}">{}</mark>',
                span.mark_id,
                span.field,
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
