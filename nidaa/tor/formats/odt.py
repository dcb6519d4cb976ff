"""OpenDocument text (.odt, LibreOffice) read from content.xml with lxml:
paragraphs and headings in order, list items with a "- " bullet, table rows
as tab-separated lines, frames and text boxes in place, the master page's
header first and footer last."""

from __future__ import annotations

import zipfile

from lxml import etree

from nidaa.tor.document import Document, ReadError
from nidaa.tor.formats.zipsafe import SafeZip
from nidaa.tor.normalize import is_page_number, normalize, table_row_lines

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
ODT_MIMETYPES = (
    b"application/vnd.oasis.opendocument.text",
    b"application/vnd.oasis.opendocument.text-template",
)


def _t(name: str) -> str:
    return f"{{{TEXT}}}{name}"


PARAGRAPHS = {_t("p"), _t("h")}
LIST, LIST_ITEM, LIST_HEADER = _t("list"), _t("list-item"), _t("list-header")
TABLE_ROW, TABLE_CELL = f"{{{TABLE}}}table-row", f"{{{TABLE}}}table-cell"
TABLE_TAG = f"{{{TABLE}}}table"
# Inline things whose text is not document text: notes (read elsewhere would
# be nicer, but they interrupt a sentence), annotations, change tracking.
INLINE_SKIPPED = {_t("note"), f"{{{OFFICE}}}annotation", _t("tracked-changes"), _t("bookmark-ref")}


class _Reader:
    def blocks(self, container: etree._Element, bullet: str = "") -> list[str]:
        lines: list[str] = []
        for child in container:
            tag = child.tag
            if tag in PARAGRAPHS:
                lines.extend(self.paragraph(child, bullet))
                bullet = ""  # only an item's first paragraph carries the bullet
            elif tag == LIST:
                for item in child:
                    if item.tag in (LIST_ITEM, LIST_HEADER):
                        lines.extend(self.blocks(item, "- " if item.tag == LIST_ITEM else ""))
            elif tag == TABLE_TAG:
                lines.extend(self.table(child))
            elif tag in INLINE_SKIPPED or not isinstance(tag, str):
                continue
            else:  # sections, frames, text boxes, table headers...: look inside
                lines.extend(self.blocks(child, bullet))
        return lines

    def paragraph(self, paragraph: etree._Element, bullet: str) -> list[str]:
        pieces: list[str] = []
        frames: list[str] = []
        if paragraph.text:
            pieces.append(paragraph.text)
        self._inline(paragraph, pieces, frames)
        text = "".join(pieces)
        lines = [bullet + text] if text.strip() else ([""] if not frames else [])
        return lines + frames

    def _inline(self, element: etree._Element, pieces: list[str], frames: list[str]) -> None:
        for child in element:
            tag = child.tag
            if tag == _t("s"):
                count = child.get(_t("c"), "1")
                pieces.append(" " * min(int(count) if count.isdigit() else 1, 100))
            elif tag == _t("tab"):
                pieces.append("\t")
            elif tag == _t("line-break"):
                pieces.append("\n")
            elif tag in INLINE_SKIPPED or not isinstance(tag, str):
                pass
            elif tag.startswith("{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"):
                # A frame anchored in the paragraph: its text box paragraphs
                # come after the paragraph.
                frames.extend(line for line in self.blocks(child) if line.strip())
            else:
                if child.text:
                    pieces.append(child.text)
                self._inline(child, pieces, frames)
            if child.tail:
                pieces.append(child.tail)

    def table(self, table: etree._Element) -> list[str]:
        lines: list[str] = []
        for row in table.iter(TABLE_ROW):
            if _enclosing(row, TABLE_TAG) is not table:
                continue
            cells = [self.blocks(cell) for cell in row if cell.tag == TABLE_CELL]
            lines.extend(table_row_lines(cells))
        return lines


def _enclosing(element: etree._Element, tag: str) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def read(data: bytes, archive: zipfile.ZipFile | None = None) -> Document:
    """An .odt file's normalised text (``archive``: ``data`` already opened by the format check)."""
    package = SafeZip(data, ".odt", archive)
    if "content.xml" not in package.names:
        raise ReadError("corrupt", "the .odt file has no content part")
    reader = _Reader()
    body = package.xml("content.xml").find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    lines = reader.blocks(body) if body is not None else []
    header: list[str] = []
    footer: list[str] = []
    if "styles.xml" in package.names:
        styles = package.xml("styles.xml")
        for kind, target in (("header", header), ("footer", footer)):
            for part in styles.iter(f"{{{STYLE}}}{kind}"):
                for line in reader.blocks(part):
                    if line.strip() and not is_page_number(line) and line not in target:
                        target.append(line)
    text = normalize("\n\n".join("\n".join(part) for part in (header, lines, footer) if part))
    if not text:
        raise ReadError("empty", "the document has no text")
    return Document(text=text, format="odt")
