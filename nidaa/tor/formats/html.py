"""HTML pages (and HTML e-mail bodies): block elements become lines, table
rows become tab-separated lines, list items get a "- " bullet, scripts and
styles are dropped."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from nidaa.tor.document import Document, ReadError
from nidaa.tor.formats import boilerplate
from nidaa.tor.formats.text import decode
from nidaa.tor.normalize import normalize

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\r\n\f]+")
# libxml2 checks each attribute against the element's others (quadratic): a
# tag of 300,000 attributes held a worker for minutes. The reader uses a few
# attributes (jusText's links, a menu's role), never those of a tag longer than
# 2,000 characters: such a tag loses them before parsing.
LONG_TAG = 2000
# The "<" and name that open a start or end tag.
_TAG_OPENING = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*+")
_DROPPED = {"script", "style", "noscript", "template", "head", "svg", "math", "object", "iframe", "select"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip


def decode_html(data: bytes) -> str:
    """The page's text: its BOM, else its <meta charset>, else the text
    detector."""
    match = _META_CHARSET.search(data[:4096])
    if match and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return decode(data)


def safe_markup(markup: str) -> str:
    """The markup without an XML declaration and with overlong tags' attributes dropped."""
    return without_attributes(_XML_DECLARATION.sub("", markup), at_least=LONG_TAG)


def without_attributes(markup: str, *, at_least: int = 0) -> str:
    """``markup`` with the attributes dropped from every tag whose attributes
    take ``at_least`` characters (every tag's by default: the e-mail reader
    needs none). One pass: each search starts where the last one
    ended, whatever "<" or quotes the attributes hold."""
    out: list[str] = []
    position = 0
    while (start := markup.find("<", position)) >= 0:
        opening = _TAG_OPENING.match(markup, start)
        if opening is None:  # text, a comment or a declaration: kept as it is
            out.append(markup[position : start + 1])
            position = start + 1
            continue
        end = markup.find(">", opening.end())
        if end < 0:
            break  # no tag ends after this point
        if end - opening.end() >= at_least:
            out += (markup[position:start], opening.group(), ">")
        else:
            out.append(markup[position : end + 1])
        position = end + 1
    out.append(markup[position:])
    return "".join(out)


def html_to_text(markup: str) -> str:
    """The text of an HTML document or fragment, one block per line."""
    return "\n".join(html_to_lines(safe_markup(markup)))


def html_to_lines(markup: str) -> list[str]:
    """The lines of ``safe_markup(markup)``, one block per line."""
    if not markup.strip():
        return []
    root = lxml.html.document_fromstring(markup)
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    def walk(element: etree._Element, preformatted: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if tag in _DROPPED or not tag:  # comments and processing instructions have no str tag
            return
        if tag == "br":
            flush()
        elif tag == "tr":
            flush()
            cells = [" ".join(_cell_text(cell).split()) for cell in element if _tag(cell) in {"td", "th"}]
            lines.append("\t".join(cells).strip())
            return
        elif tag in _BLOCKS:
            flush()
            if tag == "li":
                current.append("- ")
        if element.text:
            current.append(_pre(element.text) if preformatted or tag == "pre" else element.text)
        for child in element:
            walk(child, preformatted or tag == "pre")
            if child.tail:
                current.append(_pre(child.tail) if preformatted else child.tail)
        if tag in _BLOCKS:
            flush()

    walk(root, False)
    flush()
    return [line for line in lines if line]


def _pre(text: str) -> str:
    # Line breaks inside <pre> are real: keep them through the space folding.
    return text.replace("\n", "\x00")


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _cell_text(cell: etree._Element) -> str:
    for dropped in cell.iter(*_DROPPED):
        dropped.text = ""
    return cell.text_content()


def read(data: bytes) -> Document:
    """An .html/.htm file: a page's menus and footer trimmed (``boilerplate``)."""
    try:
        markup = safe_markup(decode_html(data))
        text = "\n".join(boilerplate.trim(markup, html_to_lines(markup)))
    except (etree.ParserError, ValueError) as error:
        raise ReadError("corrupt", f"the HTML page could not be parsed: {error}") from error
    text = normalize(text.replace("\x00", "\n"))
    if not text:
        raise ReadError("empty", "the document has no text")
    return Document(text=text, format="html")
