"""Word .docx (OOXML) read straight from its XML with lxml.

Body paragraphs and tables in document order (a table row is one line, its
cells separated by tabs; a one-cell layout row keeps its paragraphs),
text boxes after the paragraph that anchors them, list numbering rendered
("1.", "a)", "- " for bullets), headers first and footers last (once each).
Reading the XML directly is several times faster than python-docx and sees
text boxes and content controls that python-docx skips.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from nidaa.tor.document import Document, ReadError
from nidaa.tor.formats.zipsafe import SafeZip
from nidaa.tor.normalize import is_page_number, normalize, table_row_lines

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


P, TBL, TR, TC, SDT, SDT_CONTENT = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("sdt"), _w("sdtContent")
T, TAB, BR, CR, TXBX = _w("t"), _w("tab"), _w("br"), _w("cr"), _w("txbxContent")
NO_BREAK_HYPHEN, BREAKS = _w("noBreakHyphen"), (_w("br"), _w("cr"))
P_PR, NUM_PR, P_STYLE, VAL = _w("pPr"), _w("numPr"), _w("pStyle"), _w("val")
NUM_ID, ILVL = _w("numId"), _w("ilvl")
SKIPPED = {_w("del"), _w("moveFrom"), _w("instrText"), _w("delInstrText"), _w("pPr"), _w("rPr")}
SKIPPED |= {_w("footnoteReference"), _w("endnoteReference"), _w("commentReference")}
ALTERNATE, FALLBACK = f"{{{MC}}}AlternateContent", f"{{{MC}}}Fallback"
MAIN_TYPES = ("wordprocessingml.document.main", "ms-word.document.macroenabled.main", "template.main")
_HEADER_PART = re.compile(r"^word/(header|footer)(\d*)\.xml$")


@dataclass
class _Numbering:
    """List numbering: numId -> abstract levels, and the running counters."""

    levels: dict[str, dict[int, tuple[str, str, int]]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)
    styles: _StyleNumbering | None = None

    def style_num(self, style_id: str) -> tuple[str, int] | None:
        """The list (numId, level) a paragraph style carries, itself or
        through the styles it is based on; None for a style without one."""
        return self.styles.numbering_of(style_id) if self.styles is not None else None

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [level[2] - 1 for _, level in sorted(levels.items())])
        while len(counters) <= ilvl:
            counters.append(0)
        fmt, text, _ = levels.get(ilvl, ("bullet", "", 1))
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(counters)):  # a new item restarts its sub-lists
            counters[deeper] = levels.get(deeper, ("", "", 1))[2] - 1
        if fmt == "bullet":
            return "- "
        if fmt == "none" or not text:
            return ""

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            value = counters[level] if level < len(counters) else 1
            return _format_number(value, levels.get(level, ("decimal", "", 1))[0])

        return _LEVEL_PLACEHOLDER.sub(number, text).strip() + " "


_LEVEL_PLACEHOLDER = re.compile(r"%(\d)")


def _format_number(value: int, fmt: str) -> str:
    if fmt in {"lowerLetter", "upperLetter"}:
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(97 + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in {"lowerRoman", "upperRoman"}:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def _roman(value: int) -> str:
    result = ""
    for amount, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while value >= amount:
            result += digits
            value -= amount
    return result


def _attr(element: etree._Element | None, name: str) -> str | None:
    return None if element is None else element.get(_w(name))


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(VAL)


def _load_numbering(package: SafeZip) -> _Numbering:
    numbering = _Numbering()
    if "word/numbering.xml" in package.names:
        root = package.xml("word/numbering.xml")
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren(_w("abstractNum")):
            levels = {}
            for level in node.iterchildren(_w("lvl")):
                start = _attr(level.find(_w("start")), "val") or "1"
                ilvl = _attr(level, "ilvl") or "0"
                levels[min(int(ilvl), 8) if ilvl.isdigit() else 0] = (
                    _attr(level.find(_w("numFmt")), "val") or "decimal",
                    _attr(level.find(_w("lvlText")), "val") or "",
                    min(int(start), 10_000) if start.isdigit() else 1,
                )
            abstract[_attr(node, "abstractNumId") or ""] = levels
        for node in root.iterchildren(_w("num")):
            ref = _attr(node.find(_w("abstractNumId")), "val") or ""
            numbering.levels[_attr(node, "numId") or ""] = abstract.get(ref, {})
    if "word/styles.xml" in package.names:
        numbering.styles = _StyleNumbering(package)
    return numbering


_STYLE = b"<w:style "
_STYLE_END = b"</w:style>"
_STYLE_ID = re.compile(rb'w:styleId="([^"]*)"')
_BASED_ON = re.compile(rb'<w:basedOn w:val="([^"]*)"')
_NUM_ID = re.compile(rb'<w:numId w:val="([^"]*)"')
_ILVL = re.compile(rb'<w:ilvl w:val="(\d+)"')

# Per style id: its own list numbering (numId, level) when it has a w:numPr,
# and the style it is based on; absent keys are styles without either.
OwnNumbering = dict[str, tuple[str | None, int | None]]


class _StyleNumbering:
    """Which paragraph styles carry list numbering, through the styles they
    are based on. styles.xml is large (350 KB in Word's default template)
    and a document uses a handful of its styles, so with Word's usual "w:"
    spelling only the styles a paragraph names (and those they are based on)
    are looked up, with byte searches, and styles.xml is inflated only as far
    as the last of them (Word's list styles come in its first 30 KB); any
    other spelling goes through the XML parser once for all styles.

    When two styles share an id, the first one defines it (ECMA-376 Part 1,
    17.7.4.17: the first instance keeps the identifier)."""

    def __init__(self, package: SafeZip) -> None:
        self.chunks = package.stream("word/styles.xml")
        self.data = bytearray()  # styles.xml as far as it has been inflated
        self.own: OwnNumbering = {}
        self.based_on: dict[str, str] = {}
        self.defined: set[str] = set()  # ids whose first definition has been read
        self.looked_up: set[str] = set()
        self.resolved: dict[str, tuple[str, int] | None] = {}
        namespace = f'xmlns:w="{W}"'.encode()
        while not (_STYLE in self.data and namespace in self.data) and self._more():
            pass
        self.fast = _STYLE in self.data and namespace in self.data
        if not self.fast:
            self._parse(package)

    def _more(self) -> bool:
        """Inflate the next piece of styles.xml; False at its end."""
        data = next(self.chunks, None)
        if data is None:
            return False
        self.data += data
        return True

    def _parse(self, package: SafeZip) -> None:
        for style in package.xml("word/styles.xml").iterchildren(_w("style")):
            style_id = _attr(style, "styleId") or ""
            if style_id in self.defined:
                continue
            self.defined.add(style_id)
            num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if num_pr is not None:
                level = _attr(num_pr.find(_w("ilvl")), "val")
                self.own[style_id] = (
                    _attr(num_pr.find(_w("numId")), "val"),
                    int(level) if level and level.isdigit() else None,
                )
            parent = _attr(style.find(_w("basedOn")), "val")
            if parent:
                self.based_on[style_id] = parent

    def _look_up(self, style_id: str) -> None:
        """Fill ``own`` and ``based_on`` for one style id from the first
        <w:style> element that has it, inflating more of styles.xml as needed."""
        if not self.fast or style_id in self.looked_up:
            return
        self.looked_up.add(style_id)
        needle = b'w:styleId="' + style_id.encode("utf-8") + b'"'
        if "\ufffd" in style_id or _STYLE in needle:  # undecodable bytes, markup in a name: scan all
            self._scan_all()
            return
        position = 0
        while True:
            found = self.data.find(needle, position)
            if found == -1:
                position = max(0, len(self.data) - len(needle) + 1)  # a needle cut at the end
                if not self._more():
                    return
                continue
            start = self.data.rfind(_STYLE, 0, found)
            if start != -1:
                end = self._piece_end(start + len(_STYLE))
                if self._read_style(bytes(self.data[start + len(_STYLE) : end]), style_id):
                    return
            position = found + 1

    def _piece_end(self, start: int) -> int:
        """Where the <w:style> element opened before ``start`` ends: at the
        next one, or at the end of styles.xml."""
        while True:
            end = self.data.find(_STYLE, start)
            if end != -1:
                return end
            if not self._more():
                return len(self.data)

    def _scan_all(self) -> None:
        while self._more():
            pass
        for piece in bytes(self.data).split(_STYLE)[1:]:
            self._read_style(piece, None)
        self.fast = False  # everything is known now

    def _read_style(self, piece: bytes, wanted: str | None) -> bool:
        """Record the style ``piece`` defines (unless its id was defined
        before); False when it is not the ``wanted`` one."""
        chunk = piece[: piece.find(_STYLE_END)]
        id_match = _STYLE_ID.search(chunk)
        if id_match is None:
            return False
        key = id_match.group(1).decode("utf-8", "replace")
        if wanted is not None and key != wanted:
            return False
        if key in self.defined:
            return True
        self.defined.add(key)
        parent_match = _BASED_ON.search(chunk)
        if parent_match:
            self.based_on[key] = parent_match.group(1).decode("utf-8", "replace")
        if b"<w:numPr" in chunk:
            num_id, ilvl = _NUM_ID.search(chunk), _ILVL.search(chunk)
            self.own[key] = (
                num_id.group(1).decode() if num_id else None,
                int(ilvl.group(1)) if ilvl else None,
            )
        return True

    def numbering_of(self, style_id: str) -> tuple[str, int] | None:
        if style_id not in self.resolved:
            self.resolved[style_id] = self._resolve(style_id)
        return self.resolved[style_id]

    def _resolve(self, style_id: str) -> tuple[str, int] | None:
        self._look_up(style_id)
        own, based_on = self.own, self.based_on
        if style_id not in own and style_id not in based_on:
            return None
        seen, current = set(), style_id
        while current and current not in own and current not in seen:
            seen.add(current)
            current = based_on.get(current, "")
            self._look_up(current)
        if current in own and own[current][0]:
            return (own[current][0] or "0", own[current][1] or 0)
        return None


# What the run walker does with an element, by tag (w:t, the commonest, is tested first).
_TEXT, _BOX, _CHOICE, _SKIP = "text", "box", "choice", "skip"
_RUN_TEXT = {TAB: "\t", BR: "\n", CR: "\n", NO_BREAK_HYPHEN: "-"}
_RUN_ACTIONS = {tag: _TEXT for tag in _RUN_TEXT} | {TXBX: _BOX, ALTERNATE: _CHOICE}
_RUN_ACTIONS |= {tag: _SKIP for tag in SKIPPED}


class _Reader:
    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering

    def blocks(self, container: etree._Element) -> list[str]:
        """The lines of a body, cell, text box, header or footer."""
        lines: list[str] = []
        for child in container:
            tag = child.tag
            if tag == P:
                lines.extend(self.paragraph(child))
            elif tag == TBL:
                lines.extend(self.table(child))
            elif tag == ALTERNATE:
                choice = next(iter(child), None)
                if choice is not None:
                    lines.extend(self.blocks(choice))
            elif tag in SKIPPED or not isinstance(tag, str):
                continue
            else:  # w:sdt, w:sdtContent, w:customXml, w:ins...: look inside
                lines.extend(self.blocks(child))
        return lines

    def paragraph(self, paragraph: etree._Element) -> list[str]:
        pieces: list[str] = []
        boxes: list[str] = []
        self._runs(paragraph, pieces, boxes)
        text = "".join(pieces)
        lines = []
        if text.strip():
            lines.append(self._label(paragraph) + text)
        elif pieces or not boxes:
            lines.append("")  # an empty paragraph is a paragraph break
        return lines + boxes

    def _runs(self, element: etree._Element, pieces: list[str], boxes: list[str]) -> None:
        for child in element:
            tag = child.tag
            if tag == T:
                pieces.append(child.text or "")
                continue
            action = _RUN_ACTIONS.get(tag)
            if action is None:
                # w:r, w:hyperlink, w:ins, w:smartTag...: look inside (an empty
                # element, such as w:proofErr or w:bookmarkStart, holds nothing)
                if isinstance(tag, str) and len(child):
                    self._runs(child, pieces, boxes)
            elif action is _TEXT:
                pieces.append(_RUN_TEXT[tag])
            elif action is _BOX:
                boxes.extend(line for line in self.blocks(child) if line.strip())
            elif action is _CHOICE:
                choice = next((c for c in child if c.tag != FALLBACK), None)
                if choice is not None:
                    self._runs(choice, pieces, boxes)
            # _SKIP: deleted text, field codes, properties, note references

    def _label(self, paragraph: etree._Element) -> str:
        properties = paragraph.find(P_PR)
        if properties is None:
            return ""
        num_pr = properties.find(NUM_PR)
        style_element = properties.find(P_STYLE)
        style = None if style_element is None else style_element.get(VAL)
        num_id, ilvl = self.numbering.style_num(style or "") or (None, 0)
        if num_pr is not None:
            num_id = _val(num_pr.find(NUM_ID)) or num_id
            level = _val(num_pr.find(ILVL))
            ilvl = int(level) if level and level.isdigit() else ilvl
        return self.numbering.label(num_id, min(ilvl, 8)) if num_id else ""

    def table(self, table: etree._Element) -> list[str]:
        lines: list[str] = []
        for row in table.iter(TR):
            if row.getparent() is not None and _enclosing_table(row) is not table:
                continue  # nested table rows are read with their cell
            cells = [self.blocks(cell) for cell in row.iter(TC) if _enclosing_row(cell) is row]
            lines.extend(table_row_lines(cells))
        return lines


def _enclosing_table(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != TBL:
        parent = parent.getparent()
    return parent


def _enclosing_row(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != TR:
        parent = parent.getparent()
    return parent


def _main_part(package: SafeZip) -> str:
    if "[Content_Types].xml" in package.names:
        types = package.xml("[Content_Types].xml")
        for override in types.iterchildren(f"{{{CT}}}Override"):
            content_type = (override.get("ContentType") or "").lower()
            if any(kind in content_type for kind in MAIN_TYPES):
                return (override.get("PartName") or "").lstrip("/")
    return "word/document.xml"


def read(data: bytes, archive: zipfile.ZipFile | None = None) -> Document:
    """A .docx file's normalised text (``archive``: ``data`` already opened by the format check)."""
    package = SafeZip(data, ".docx", archive)
    main = _main_part(package)
    if main not in package.names:
        raise ReadError("corrupt", "the .docx file has no document part")
    reader = _Reader(_load_numbering(package))
    body = package.xml(main).find(_w("body"))
    lines = reader.blocks(body) if body is not None else []
    furniture: dict[str, list[str]] = {"header": [], "footer": []}
    for name in sorted(package.names):
        match = _HEADER_PART.match(name)
        if match:
            for line in reader.blocks(package.xml(name)):
                # The same banner repeats in first-page/even/odd variants.
                if line.strip() and not is_page_number(line) and line not in furniture[match.group(1)]:
                    furniture[match.group(1)].append(line)
    parts = [furniture["header"], lines, furniture["footer"]]
    text = normalize("\n\n".join("\n".join(part) for part in parts if part))
    if not text:
        raise ReadError("empty", "the document has no text")
    return Document(text=text, format="docx")
