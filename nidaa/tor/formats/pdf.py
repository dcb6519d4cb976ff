"""PDF with a text layer, through PDFium (pypdfium2): fast and robust.

Each page's text comes as positioned line fragments; fragments on the same
baseline make a line (a wide gap between them is a table column and becomes
a tab). The page geometry then says which lines continue a paragraph (no
paragraph gap after the line, and the line reaches the right margin), the
running headers, footers and page numbers are dropped, and the paragraphs
are rebuilt with :func:`nidaa.tor.normalize.reflow`.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium

from nidaa.tor.document import Document, ReadError
from nidaa.tor.normalize import furniture_indices, is_list_item, normalize, reflow

MAX_PAGES = 500
# PDFium is not thread-safe; the web app may read documents from threads.
_LOCK = threading.Lock()


@dataclass
class _Line:
    text: str
    left: float
    right: float
    top: float
    bottom: float


def _page_lines(page: pdfium.PdfPage) -> list[_Line]:
    textpage = page.get_textpage()
    try:
        lines: list[_Line] = []
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            text = textpage.get_text_bounded(left, bottom, right, top)
            # PDFium marks a hyphen at the end of a line as U+0002.
            text = text.replace("\x02", "-").replace("\r", "").replace("\n", " ")
            if not text.strip():
                continue
            height = max(top - bottom, 1.0)
            previous = lines[-1] if lines else None
            middle = (top + bottom) / 2
            if previous and previous.bottom <= middle <= previous.top and left >= previous.left:
                gap = left - previous.right
                joiner = "\t" if gap > 1.5 * height else (" " if gap > 0.15 * height else "")
                previous.text = (
                    (previous.text.rstrip() + joiner + text.lstrip()) if joiner else previous.text + text
                )
                previous.right = max(previous.right, right)
                previous.top, previous.bottom = max(previous.top, top), min(previous.bottom, bottom)
            else:
                lines.append(_Line(text, left, right, top, bottom))
        return lines
    finally:
        textpage.close()


@dataclass
class _Layout:
    """The document's body geometry: single line pitch, glyph height, margins."""

    pitch: float
    height: float
    left: float
    right: float

    @classmethod
    def of(cls, pages: list[list[_Line]]) -> _Layout:
        lines = [line for page in pages for line in page]
        pitches = Counter(
            round(a.top - b.top)
            for page in pages
            for a, b in zip(page, page[1:], strict=False)
            if a.top > b.top
        )
        # The body's single spacing is the smallest pitch that recurs (headings
        # and paragraph gaps only make larger ones).
        enough = max(2, sum(pitches.values()) // 10)
        recurring = sorted(pitch for pitch, count in pitches.items() if count >= enough)
        pitch = recurring[0] if recurring else (min(pitches) if pitches else 0)
        heights = sorted(line.top - line.bottom for line in lines)
        rights = sorted(line.right for line in lines)
        return cls(
            pitch=pitch,
            height=heights[len(heights) // 2] if heights else 0,
            left=min((line.left for line in lines), default=0),
            right=rights[int(len(rights) * 0.95)] if rights else 0,
        )


def _continuations(lines: list[_Line], layout: _Layout) -> list[bool | None]:
    """For each line, whether the layout says the next line continues it:
    True (no paragraph gap and the line reaches the right margin, or ends
    with a comma), False (a paragraph gap follows), None (let the text
    decide)."""
    width = max(layout.right - layout.left, 1.0)
    flags: list[bool | None] = []
    for line, following in zip(lines, lines[1:], strict=False):
        pitch = line.top - following.top
        if pitch <= 0 or layout.pitch <= 0:
            flags.append(None)
        elif pitch > layout.pitch * 1.2 + 1 or pitch > 2 * layout.height:
            flags.append(False)
        elif is_list_item(following.text):
            flags.append(None)
        elif line.right >= layout.right - 0.12 * width or line.text.rstrip().endswith(","):
            flags.append(True)
        else:
            flags.append(None)
    flags.append(None)
    return flags


def read(data: bytes) -> Document:
    """A PDF's normalised text. Raises ``needs_ocr`` for a scan."""
    with _LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            if "password" in str(error).lower():
                raise ReadError(
                    "encrypted", "the PDF is password-protected; send it without a password"
                ) from error
            raise ReadError("corrupt", f"the PDF is damaged ({error})") from error
        try:
            count = len(document)
            warnings = []
            if count > MAX_PAGES:
                warnings.append(f"only the first {MAX_PAGES} of {count} pages were read")
            pages: list[list[_Line]] = []
            for number in range(min(count, MAX_PAGES)):
                page = document[number]
                try:
                    pages.append(_page_lines(page))
                finally:
                    page.close()
        finally:
            document.close()
    if count == 0:
        raise ReadError("empty", "the PDF has no pages")
    texts = [[line.text for line in page] for page in pages]
    dropped = furniture_indices(texts)
    pages = [
        [line for i, line in enumerate(page) if i not in drop]
        for page, drop in zip(pages, dropped, strict=True)
    ]
    layout = _Layout.of(pages)
    all_lines: list[str] = []
    hints: list[bool | None] = []
    for page in pages:
        all_lines.extend(line.text for line in page)
        hints.extend(_continuations(page, layout))
    text = normalize("\n".join(reflow(all_lines, continues=hints)))
    printable = sum(1 for char in text if not char.isspace())
    if printable < 20 * min(len(pages), 3):
        raise ReadError("needs_ocr", "scanned: needs OCR")
    return Document(text=text, format="pdf", pages=count, warnings=warnings)
