"""Render a plain-text ToR into the formats calls arrive in (.docx, .pdf,
.odt, .html, .eml), as a word processor or a mail client would: the tests
and the benchmark read these back and compare with the text.

Conventions, taken from how ToR .txt exports look:
- a run of two or more "key<TAB>value" or short "key: value" lines is a
  header block, rendered as a real two-column table (docx, odt, html);
- lines starting with "·", "•", "-", "*" are bullet list items;
- every other non-blank line is one paragraph.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess  # noqa: S404 - the test renders PDFs with Debian's Chromium
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
DEFAULT_BANNER = "Appel à candidatures — document de référence"

_BULLET = re.compile(r"^(\s*)[·•\-*▪]\s+(.*)$")
_KEY_VALUE = re.compile(r"^([^\t:.;]{1,40}?\s*:)\s+(\S.*)$")


@dataclass
class Block:
    kind: str  # "paragraph", "bullet", "table"
    text: str = ""
    level: int = 0
    rows: list[tuple[str, str]] | None = None


def _row(line: str) -> tuple[str, str] | None:
    if "\t" in line:
        key, _, value = line.strip().partition("\t")
        if key.strip() and value.strip():
            return key.strip(), value.strip()
        return None
    match = _KEY_VALUE.match(line.strip())
    return (match.group(1), match.group(2)) if match else None


def blocks(text: str, *, table: bool = True) -> list[Block]:
    """The text cut into paragraphs, bullet items and key/value tables."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    result: list[Block] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        if table:
            rows = []
            cursor = index
            while cursor < len(lines) and (row := _row(lines[cursor])):
                rows.append(row)
                cursor += 1
            if len(rows) >= 2:
                result.append(Block("table", rows=rows))
                index = cursor
                continue
        bullet = _BULLET.match(line)
        if bullet:
            result.append(Block("bullet", bullet.group(2).strip(), level=1 if bullet.group(1) else 0))
        else:
            result.append(Block("paragraph", line.strip()))
        index += 1
    return result


def to_docx(
    text: str, path: Path, *, table: bool = True, header: str | None = None, footer: str | None = None
) -> Path:
    """A Word document: header-block tables, bullet lists, paragraphs."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    for block in blocks(text, table=table):
        if block.kind == "table" and block.rows:
            grid = document.add_table(rows=len(block.rows), cols=2)
            for (key, value), row in zip(block.rows, grid.rows, strict=True):
                row.cells[0].text = key
                row.cells[1].text = value
        elif block.kind == "bullet":
            document.add_paragraph(block.text, style="List Bullet 2" if block.level else "List Bullet")
        else:
            document.add_paragraph(block.text)
    document.save(str(path))
    return path


def to_pdf(text: str, path: Path, *, banner: str | None = DEFAULT_BANNER, footer: bool = True) -> Path:
    """A PDF: paragraphs wrapped across lines and pages, a running banner
    at the top and "Page N / M" at the bottom of every page."""
    from fpdf import FPDF

    class _Pdf(FPDF):
        def header(self) -> None:
            if banner:
                self.set_font("DejaVu", size=8)
                self.cell(0, 5, banner, align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(4)
                self.set_font("DejaVu", size=11)

        def footer(self) -> None:
            if footer:
                self.set_y(-15)
                self.set_font("DejaVu", size=8)
                self.cell(0, 10, f"Page {self.page_no()} / {{nb}}", align="C")
                self.set_font("DejaVu", size=11)

    pdf = _Pdf(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for block in blocks(text, table=False):
        line = block.text if block.kind == "paragraph" else f"· {block.text}"
        row = _row(line) if "\t" in line else None
        if row:
            pdf.cell(55, 6, row[0])
            pdf.multi_cell(0, 6, row[1], new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_x(pdf.l_margin + (8 if block.level else 0))
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)  # paragraph spacing, as Word's "space after"
    pdf.output(str(path))
    return path


def to_odt(text: str, path: Path, *, table: bool = True) -> Path:
    """A LibreOffice document: tables, bullet lists, paragraphs."""
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import List, ListItem, P

    document = OpenDocumentText()
    current_list = None
    for block in blocks(text, table=table):
        if block.kind == "bullet":
            if current_list is None:
                current_list = List()
                document.text.addElement(current_list)
            item = ListItem()
            item.addElement(P(text=block.text))
            current_list.addElement(item)
            continue
        current_list = None
        if block.kind == "table" and block.rows:
            grid = Table(name=f"Table{id(block)}")
            grid.addElement(TableColumn(numbercolumnsrepeated=2))
            for key, value in block.rows:
                row = TableRow()
                for cell_text in (key, value):
                    cell = TableCell()
                    cell.addElement(P(text=cell_text))
                    row.addElement(cell)
                grid.addElement(row)
            document.text.addElement(grid)
        else:
            document.text.addElement(P(text=block.text))
    document.save(str(path))
    return path


def to_html_string(text: str, *, table: bool = True) -> str:
    """An HTML page: <table> header blocks, <ul> lists, <p> paragraphs."""
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>ToR</title>"]
    parts.append("<style>p { margin: 0 }</style><script>var x = '<p>not text</p>';</script></head><body>")
    in_list = False
    for block in blocks(text, table=table):
        if block.kind != "bullet" and in_list:
            parts.append("</ul>")
            in_list = False
        if block.kind == "bullet":
            if not in_list:
                parts.append("<ul>")
                in_list = True
            parts.append(f"<li>{html.escape(block.text)}</li>")
        elif block.kind == "table" and block.rows:
            rows = "".join(
                f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in block.rows
            )
            parts.append(f"<table>{rows}</table>")
        else:
            parts.append(f"<p>{html.escape(block.text)}</p>")
    if in_list:
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


def to_html(text: str, path: Path, *, table: bool = True) -> Path:
    path.write_text(to_html_string(text, table=table), encoding="utf-8")
    return path


def to_eml(
    path: Path,
    *,
    body: str | None = None,
    attachment: Path | None = None,
    attachment_name: str | None = None,
    html_body: bool = False,
    subject: str = "Appel à candidatures",
) -> Path:
    """An e-mail with the ToR as body (plain or HTML) and/or attachment."""
    message = EmailMessage()
    message["From"] = "Programme <programme@example.org>"
    message["To"] = "liste@example.org"
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2025, 1, 2, 9, 30, tzinfo=UTC))
    if body is not None:
        if html_body:
            message.set_content(to_html_string(body), subtype="html")
        else:
            message.set_content(body)
    else:
        message.set_content("")
    if attachment is not None:
        kinds = {".pdf": ("application", "pdf"), ".txt": ("text", "plain"), ".html": ("text", "html")}
        maintype, subtype = kinds.get(attachment.suffix.lower(), ("application", "octet-stream"))
        message.add_attachment(
            attachment.read_bytes(),
            maintype=maintype,
            subtype=subtype,
            filename=attachment_name or attachment.name,
        )
    path.write_bytes(bytes(message))
    return path


CHROMIUM = Path(os.environ.get("NIDAA_CHROMIUM", "/usr/bin/chromium"))


def to_chromium_pdf(html_page: Path, path: Path) -> Path:
    """The page printed to PDF by headless Chromium ("Save as PDF"), the way a
    ToR copied from a portal often reaches an issuer. Debian's Chromium, never
    a downloaded one; a profile folder of its own so parallel runs never share one."""
    profile = path.parent / f".chromium-{path.stem}"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={profile}", f"--print-to-pdf={path}", html_page.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    shutil.rmtree(profile, ignore_errors=True)
    return path
