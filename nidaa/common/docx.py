"""Editable Word documents in French, Arabic or English (python-docx), shared
by every document Nidaa writes as DOCX (evaluation minutes, mission reports).

In Arabic, paragraphs run right to left (``w:bidi``) and so do their runs
(``w:rtl``, with Amiri as the complex-script font), tables are laid out from
the right (``w:bidiVisual``): Word and LibreOffice then order and shape the
text themselves; it is stored in logical order, never reversed.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

# What follows w:bidi in a paragraph's properties (ECMA-376, CT_PPrBase).
AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


class BidiDocument:
    """A python-docx document that writes every paragraph, heading and table
    right to left when ``rtl``."""

    def __init__(self, *, rtl: bool, size: int = 10) -> None:
        self.rtl = rtl
        self.document = Document()
        style = self.document.styles["Normal"]
        style.font.name = "Amiri" if rtl else "DejaVu Sans"
        style.font.size = Pt(size)

    def bidi(self, paragraph: Any) -> Any:
        # Elements go where the schema orders them, not appended; a
        # right-to-left paragraph starts at the right without an alignment.
        if self.rtl:
            p_pr = paragraph._p.get_or_add_pPr()
            if p_pr.find(qn("w:bidi")) is None:
                p_pr.insert_element_before(OxmlElement("w:bidi"), *AFTER_BIDI)
            for run in paragraph.runs:
                r_pr = run._r.get_or_add_rPr()
                r_pr.get_or_add_rtl()
                r_pr.get_or_add_rFonts().set(qn("w:cs"), "Amiri")
        return paragraph

    def heading(self, text: str, level: int) -> Any:
        return self.bidi(self.document.add_heading(text, level=level))

    def para(self, text: str) -> Any:
        return self.bidi(self.document.add_paragraph(text))

    def table(self, headers: list[str], rows: list[list[str]]) -> Any:
        grid = self.document.add_table(rows=1, cols=len(headers))
        grid.style = "Table Grid"
        if self.rtl:
            grid._tbl.tblPr.get_or_add_bidiVisual()
        for cell, text in zip(grid.rows[0].cells, headers, strict=True):
            cell.text = str(text)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.bold = True
                self.bidi(paragraph)
        for values in rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                cell.text = str(text)
                for paragraph in cell.paragraphs:
                    self.bidi(paragraph)
        return grid

    def picture(self, png: bytes, *, width_cm: float) -> Any:
        self.document.add_picture(io.BytesIO(png), width=Cm(width_cm))
        return self.bidi(self.document.paragraphs[-1])

    def page_break(self) -> None:
        self.document.add_page_break()

    def save(self) -> bytes:
        target = io.BytesIO()
        self.document.save(target)
        return target.getvalue()
