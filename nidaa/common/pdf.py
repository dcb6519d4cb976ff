"""PDF documents: HTML → PDF for the documents laid out like pages (evaluation
minutes, mission reports), and a canvas drawn directly for long tables
(attendance sheets) where a layout engine is too slow.

WeasyPrint lays the page out with Pango, and HarfBuzz shapes Arabic, so a
right-to-left page (``dir="rtl"``) prints joined, correctly ordered letters;
the fonts are Debian's (Amiri for Arabic, DejaVu Sans for Latin, see
scripts/system-deps.sh), found through fontconfig. Nothing is fetched over
the network: only ``data:`` addresses are read, and ``file:`` ones when a
``base_url`` (a local directory of fonts or images) is given, so nothing a
user typed can make the server call out or read its own files.
"""

from __future__ import annotations

from typing import Any, Literal

from django.template.loader import render_to_string
from django.utils import translation
from fpdf import FPDF

from nidaa.folding import ARABIC_ALL_BLOCKS

# Debian's fonts (scripts/system-deps.sh): DejaVu Sans for Latin text, Amiri for
# any text holding Arabic (its Latin glyphs carry the digits and names mixed in).
FONT_FILES = {
    ("latin", ""): "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ("latin", "B"): "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ("arabic", ""): "/usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf",
    ("arabic", "B"): "/usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Bold.ttf",
}
POINT = 25.4 / 72  # millimetres


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """The PDF of ``html``."""
    from weasyprint import HTML  # imported late: loading Pango costs ~0.3 s
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"file", "data"} if base_url else {"data"}, allow_redirects=False)
    pdf = HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return bytes(pdf)


def render_pdf(template: str, context: dict[str, Any], *, language: str) -> bytes:
    """Render ``template`` in ``language`` and print it to PDF bytes."""
    with translation.override(language):
        html = render_to_string(
            template,
            {**context, "LANGUAGE_CODE": language, "LANGUAGE_BIDI": translation.get_language_bidi()},
        )
    return html_to_pdf(html)


def has_arabic(text: str) -> bool:
    return ARABIC_ALL_BLOCKS.search(text) is not None


class Canvas(FPDF):
    """An A4 PDF drawn cell by cell with fpdf2: a long table prints about a
    hundred times faster than through WeasyPrint's layout.

    ``text_cell`` picks the face by script: a text holding Arabic is set in
    Amiri and shaped by HarfBuzz (uharfbuzz), its runs ordered right to left by
    fpdf2's bidi algorithm, so letters are joined and a PDF reader extracts
    them in logical order; Latin text is set in DejaVu Sans unshaped (shaped
    DejaVu comes out glyph by glyph under extraction, a screen reader's view).
    Nothing is fetched: the fonts are files of Debian packages."""

    def __init__(self, *, orientation: Literal["portrait", "landscape"] = "portrait") -> None:
        super().__init__(orientation="L" if orientation == "landscape" else "P", unit="mm", format="A4")
        for (family, style), path in FONT_FILES.items():
            self.add_font(family, style, path)
        self.set_auto_page_break(False)
        self._shaping = False

    def text_cell(
        self,
        width: float,
        height: float,
        text: str,
        *,
        size: float = 9,
        bold: bool = False,
        align: Literal["L", "C", "R"] = "L",
        border: Literal[0, 1] | str = 0,
        fill: bool = False,
    ) -> None:
        """A one-line cell at the current position (the position then moves right);
        text too wide for the cell is cut at a character boundary, never overflowing."""
        arabic = has_arabic(text)
        if arabic != self._shaping:
            self.set_text_shaping(arabic)
            self._shaping = arabic
        size = size + 1 if arabic else size  # Amiri's letters are smaller than DejaVu's
        self.set_font("arabic" if arabic else "latin", "B" if bold else "", size)
        room = width - 2 * self.c_margin
        # Measured only when it might not fit: no glyph of these faces is wider than 1 em.
        if len(text) * size * POINT > room and self.get_string_width(text) > room:
            text = self.fitted(text, room)
        self.cell(width, height, text, border=border, align=align, fill=fill)

    def fitted(self, text: str, room: float) -> str:
        """The longest beginning of ``text`` (with an ellipsis) that fits ``room`` millimetres."""
        low, high = 0, len(text)
        while low < high:  # binary search: string widths grow with the prefix
            middle = (low + high + 1) // 2
            if self.get_string_width(text[:middle].rstrip() + "…") <= room:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + "…"

    def to_bytes(self) -> bytes:
        return bytes(self.output())
