"""PDF with a text layer, through PDFium (pypdfium2): fast and robust.

Each page's text comes as positioned line fragments; fragments on the same
baseline make a line (a wide gap between them is a table column and becomes
a tab). The page geometry then says which lines continue a paragraph (no
paragraph gap after the line, and the line reaches the right margin), the
running headers, footers and page numbers are dropped, and the paragraphs
are rebuilt with :func:`nidaa.tor.normalize.reflow`.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium

from nidaa.folding import ARABIC_BLOCK
from nidaa.tor.document import Document, ReadError
from nidaa.tor.normalize import furniture_indices, is_list_item, normalize, reflow

MAX_PAGES = 500
LOOSE_EM = 1.2  # a loose character box's height, in em
# PDFium is not thread-safe; the web app may read documents from threads.
_LOCK = threading.Lock()


@dataclass
class _Line:
    text: str
    left: float
    right: float
    top: float
    bottom: float
    # Where the line's last table cell starts (after its last column gap), left to right; -1: no cell.
    cell: float = -1.0


# PDFium ends a line broken after a hyphen with U+FFFE instead of a line
# break ("dévelop\ufffepement"): it ends the line here and the hyphen is put
# back, so the reflow mends the word as it does for every format.
_LINE = re.compile(r"[^\r\n\ufffe]+\ufffe?")
_SPACE_RUN = re.compile(r" +")


def _page_lines(page: pdfium.PdfPage) -> list[_Line]:
    """The page's lines as PDFium orders its characters (``get_text_range``).

    Lines used to be assembled from PDFium's text rectangles, each read back
    with ``get_text_bounded``; producers that kern glyph by glyph (Chromium's
    "Save as PDF") give rectangles that overlap, and each overlap read its
    letters twice ("TeTermes", "L e p rog ra m m e"). Characters are read
    once here, in order; only the geometry comes from their boxes: the line's
    extent from its first and last characters, and a tab where the space
    between two words is wider than 1.5 line heights (a table column).
    """
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        if len(text) != textpage.count_chars():  # never seen; then indices cannot be trusted for boxes
            text = text.replace("\r", "")
            return [_Line(line, 0.0, 0.0, 0.0, 0.0) for line in text.split("\n") if line.strip()]
        lines: list[_Line] = []
        for match in _LINE.finditer(text):
            raw = match.group(0)
            hyphenated = raw.endswith("\ufffe")
            raw = raw.removesuffix("\ufffe")
            first = match.start() + len(raw) - len(raw.lstrip())
            last = match.start() + len(raw.rstrip()) - 1
            if last < first:
                continue
            boxes = [textpage.get_charbox(first, loose=True), textpage.get_charbox(last, loose=True)]
            left = min(box[0] for box in boxes)
            right = max(box[2] for box in boxes)
            # Loose boxes span the font's ascent to descent, about 1.2 em; the layout
            # rules (paragraph gap, column gap) are in em, as the text rectangles were.
            middle = (min(box[1] for box in boxes) + max(box[3] for box in boxes)) / 2
            height = max((max(box[3] for box in boxes) - min(box[1] for box in boxes)) / LOOSE_EM, 1.0)
            bottom, top = middle - height / 2, middle + height / 2
            line = text[first : last + 1]
            rtl = bool(ARABIC_BLOCK.search(line))
            if rtl:
                line = _logical_order(textpage, line, first)
            spaces = list(_SPACE_RUN.finditer(line))
            gaps = []
            for space in spaces:
                before = _extent(textpage, first, line, space.start() - 1, -1, rtl=rtl)
                after = _extent(textpage, first, line, space.end(), 1, rtl=rtl)
                # left to right or right to left (Arabic), the gap is between the two words
                gaps.append(max(after[0] - before[1], before[0] - after[1]))
            # A column gap is wide for the font and wide for the line: justified text
            # stretches every space of a line alike, so its gaps are not columns.
            # (the usual gap: the lower median of the line's gaps without its widest)
            usual = sorted(gaps)[(len(gaps) - 2) // 2] if len(gaps) >= 2 else 0.0
            pieces: list[str] = []
            position = 0
            cell = -1.0
            for space, gap in zip(spaces, gaps, strict=True):
                column = gap > 1.5 * height and gap > 2.5 * usual
                pieces.append(line[position : space.start()])
                pieces.append("\t" if column else space.group(0))
                position = space.end()
                if column and not rtl:
                    cell = _extent(textpage, first, line, space.end(), 1, rtl=rtl)[0]
            pieces.append(line[position:] + ("-" if hyphenated else ""))
            # PDFium marks a hyphen at the end of a line as U+0002.
            lines.append(_Line("".join(pieces).replace("\x02", "-"), left, right, top, bottom, cell))
        return lines
    finally:
        textpage.close()


def _extent(
    textpage: pdfium.PdfTextPage, first: int, line: str, end: int, step: int, *, rtl: bool
) -> tuple[float, float]:
    """(left, right) of the word whose end (``step`` -1: last letter; 1: first letter)
    is at ``end`` in ``line``. In a line with Arabic (``rtl``) it spans the word's
    two end letters: words drawn visually do not have their edges where the
    index order suggests, and numbers run left to right inside the line."""
    other = end
    if rtl:
        while 0 <= other + step < len(line) and not line[other + step].isspace():
            other += step
    boxes = [textpage.get_charbox(first + end, loose=True)]
    if other != end:
        boxes.append(textpage.get_charbox(first + other, loose=True))
    return min(box[0] for box in boxes), max(box[2] for box in boxes)


_TOKEN = re.compile(r"\S{2,}")


def _logical_order(textpage: pdfium.PdfTextPage, line: str, first: int) -> str:
    """A line holding Arabic with each word's letters in reading order.

    PDFium gives the words of such a line in order, but the letters of some
    words as drawn (left to right) when the producer wrote them visually
    (Chromium, fpdf2): "فيظوت" for "توظيف", "ma.example.amal@tadrib" for
    "tadrib@amal.example.ma". Letters are put in the order of their boxes:
    right to left in an Arabic word, left to right in any other.

    An Arabic word a producer wrote in reading order (LibreOffice's and Word's
    export: its first letter drawn right of its last) is kept as it is: the
    letters of a ligature share one glyph, whose box PDFium splits among them
    left to right, so sorting them would swap them ("الاستراتجيي" for
    "الاستراتيجي", "الحملية" for "المحلية").
    """
    chars = list(line)
    for token in _TOKEN.finditer(line):
        centres = []
        for index in range(first + token.start(), first + token.end()):
            box = textpage.get_charbox(index, loose=True)
            centres.append((box[0] + box[2]) / 2)
        arabic = bool(ARABIC_BLOCK.search(token.group(0)))
        if arabic and centres[0] > centres[-1]:
            continue  # already in reading order
        order = sorted(range(len(centres)), key=lambda k: -centres[k] if arabic else centres[k])  # stable
        ordered = "".join(token.group(0)[k] for k in order)
        if not arabic:  # a final "." of the Arabic sentence is drawn at the left end of "16:00."
            core = ordered.lstrip(_NEUTRAL)
            ordered = core + ordered[: len(ordered) - len(core)]
        chars[token.start() : token.end()] = list(ordered)
    return "".join(chars)


_NEUTRAL = ".,;:!?،؛)("


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
        # Two lines in one larger font (a heading wrapped over two lines, as a word
        # processor sets it) are as far apart as their size says, not the body's.
        scale = _same_size_scale(line, following, layout)
        if pitch <= 0 or layout.pitch <= 0:
            flags.append(None)
        elif pitch > layout.pitch * scale * 1.2 + 1 or pitch > 2 * layout.height * scale:
            flags.append(False)
        elif is_list_item(following.text):
            flags.append(None)
        elif "\t" in following.text:
            flags.append(False)  # the next table row (a wrapped cell's next line has no tab)
        elif line.cell >= 0 and abs(following.left - line.cell) <= max(layout.height, 1.0):
            # A table cell's text wrapped under it (a word processor's table): the row goes on.
            flags.append(True)
        elif line.right >= layout.right - 0.12 * width or line.text.rstrip().endswith(","):
            flags.append(True)
        else:
            flags.append(None)
    flags.append(None)
    return flags


def _same_size_scale(line: _Line, following: _Line, layout: _Layout) -> float:
    """How much larger than the body's the two lines' common glyph height is
    (1.0 when they differ in size, or are body text or smaller)."""
    heights = sorted((line.top - line.bottom, following.top - following.bottom))
    if layout.height <= 0 or heights[0] <= 0 or heights[1] > heights[0] * 1.15:
        return 1.0
    return max(1.0, heights[0] / layout.height)


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
    # Whether the PDF has a text layer is decided on everything read, before page
    # furniture is dropped: a text layer of running lines only is not a scan.
    printable = sum(1 for page in texts for line in page for char in line if not char.isspace())
    if printable < 20 * min(len(pages), 3):
        raise ReadError("needs_ocr", "scanned: needs OCR")
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
    if not text:
        raise ReadError("empty", "the document has no text")
    return Document(text=text, format="pdf", pages=count, warnings=warnings)
