"""Read a spreadsheet (.xlsx or .csv, told apart by content) into numbered rows.

Hostile files are normal input: the bytes, the rows, the columns and (for
.xlsx, a zip) the uncompressed size are capped before anything big is read,
and every refusal is a ``SheetError`` with a code the caller can translate.
Row numbers are Excel's: the first line of the sheet is 1, title and blank
rows included, so an error can name the row the user sees.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import IO, Any

from lxml import etree

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 60
# A zip's declared uncompressed size: an .xlsx of 20 MB that expands past this is a bomb.
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_CELL = 2000

Cell = str | int | float | bool | date | datetime | time | None


class SheetError(Exception):
    """The file cannot be read as a spreadsheet. ``code`` names the reason."""

    MESSAGES = {
        "too_large": "The file is larger than {limit} MB.",
        "too_many_rows": "The sheet has more than {limit} rows.",
        "not_a_sheet": "This is not an .xlsx or .csv file.",
        "old_xls": "Old .xls files cannot be read: save the sheet as .xlsx or .csv.",
        "damaged": "The .xlsx file is damaged.",
        "zip_bomb": "The .xlsx file expands to more than {limit} MB.",
        "empty": "The sheet is empty.",
        "encoding": "The .csv file's text encoding is not recognised: save it as UTF-8.",
    }

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.MESSAGES[code].format(**params))


@dataclass(frozen=True)
class Row:
    number: int  # as Excel numbers it
    cells: tuple[Cell, ...]

    @property
    def is_blank(self) -> bool:
        return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in self.cells)


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)  # non-blank rows only, with their numbers
    kind: str = ""


def read_table(
    data: bytes, *, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS, max_bytes: int = MAX_BYTES
) -> Table:
    """The non-blank rows of the first sheet of an .xlsx, or of a .csv."""
    if len(data) > max_bytes:
        raise SheetError("too_large", limit=max_bytes // (1024 * 1024))
    if data.startswith(b"PK\x03\x04"):
        table = _read_xlsx(data, max_rows=max_rows, max_columns=max_columns)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SheetError("old_xls")
    elif b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SheetError("not_a_sheet")
    else:
        table = _read_csv(data, max_rows=max_rows, max_columns=max_columns)
    if not table.rows:
        raise SheetError("empty")
    return table


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Built-in number formats that are dates or times (ECMA-376 18.8.30, and the
# locale ids Excel writes for Arabic and Asian dates).
_DATE_FORMAT_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59), *range(71, 82)}
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
MAX_SHARED_STRINGS = 2_000_000
_SAFE = {"resolve_entities": False, "no_network": True, "huge_tree": False}


def _parse(handle: IO[bytes], tags: tuple[str, ...]) -> Iterator[Any]:
    """Elements ``tags`` of an XML stream, parsed without entities, network or huge nodes."""
    for _event, element in etree.iterparse(handle, events=("end",), tag=tags, **_SAFE):
        yield element


def _root(archive: zipfile.ZipFile, name: str) -> Any:
    with archive.open(name) as handle:
        return etree.parse(handle, etree.XMLParser(**_SAFE)).getroot()


def _first_sheet_path(archive: zipfile.ZipFile) -> tuple[str, bool]:
    """The first worksheet's member name and whether the workbook counts dates from 1904."""
    root = _root(archive, "xl/workbook.xml")
    pr = root.find(f"{_NS}workbookPr")
    date1904 = pr is not None and pr.get("date1904") in ("1", "true")
    sheet = root.find(f"{_NS}sheets/{_NS}sheet")
    if sheet is None:
        raise SheetError("empty")
    rel_id = sheet.get(f"{_REL_NS}id")
    target = "worksheets/sheet1.xml"
    if "xl/_rels/workbook.xml.rels" in archive.namelist():
        for rel in _root(archive, "xl/_rels/workbook.xml.rels").iter(f"{_PKG_REL}Relationship"):
            if rel.get("Id") == rel_id:
                target = rel.get("Target") or target
                break
    return (target.lstrip("/") if target.startswith("/") else f"xl/{target}"), date1904


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings: list[str] = []
    with archive.open("xl/sharedStrings.xml") as handle:
        for si in _parse(handle, (f"{_NS}si",)):
            # Rich text runs (<r><t>) joined; phonetic guides (<rPh>) left out.
            strings.append(
                "".join(t.text or "" for t in si.iter(f"{_NS}t") if t.getparent().tag != f"{_NS}rPh")
            )
            si.clear()
            if len(strings) > MAX_SHARED_STRINGS:
                raise SheetError("zip_bomb", limit=MAX_UNCOMPRESSED // (1024 * 1024))
    return strings


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell styles whose number format shows a date or a time."""
    if "xl/styles.xml" not in archive.namelist():
        return set()
    root = _root(archive, "xl/styles.xml")
    custom = set()
    for fmt in root.iter(f"{_NS}numFmt"):
        code = _QUOTED.sub("", (fmt.get("formatCode") or "").lower())
        if any(ch in code for ch in "dmyhs") and "general" not in code:
            custom.add(int(fmt.get("numFmtId") or -1))
    xfs = root.find(f"{_NS}cellXfs")
    if xfs is None:
        return set()
    date_ids = _DATE_FORMAT_IDS | custom
    return {i for i, xf in enumerate(xfs.iter(f"{_NS}xf")) if int(xf.get("numFmtId") or 0) in date_ids}


def _column(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def _serial(value: float, date1904: bool) -> datetime | time:
    """An Excel date serial as a datetime (a time of day below 1)."""
    if 0 <= value < 1:
        seconds = round(value * 86400)
        return time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
    base = datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30)  # noqa: DTZ001 (a calendar date, no zone)
    return base + timedelta(days=value)


def _read_xlsx(data: bytes, *, max_rows: int, max_columns: int) -> Table:
    """The first sheet, streamed with lxml: openpyxl's read-only mode is several
    times slower, and reads the whole sheet once more when it declares no size."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            raise SheetError("not_a_sheet")
        if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED:
            raise SheetError("zip_bomb", limit=MAX_UNCOMPRESSED // (1024 * 1024))
        path, date1904 = _first_sheet_path(archive)
        if path not in names:
            raise SheetError("damaged")
        strings = _shared_strings(archive)
        dates = _date_styles(archive)
        grid: dict[int, list[Cell]] = {}
        merged: list[str] = []
        number = 0
        with archive.open(path) as handle:
            for element in _parse(handle, (f"{_NS}row", f"{_NS}mergeCell")):
                if element.tag == f"{_NS}mergeCell":
                    if len(merged) < 10_000:
                        merged.append(element.get("ref") or "")
                    continue
                number = int(element.get("r") or number + 1)
                cells = _row_cells(element, strings, dates, date1904, max_columns)
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
                if not cells:
                    continue
                if number > max_rows:
                    raise SheetError("too_many_rows", limit=max_rows)
                grid[number] = cells
    except SheetError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        KeyError,
        ValueError,
        IndexError,
        OSError,
        EOFError,
    ) as error:
        raise SheetError("damaged") from error
    except etree.XMLSyntaxError as error:
        raise SheetError("damaged") from error
    _fill_merged(grid, merged, max_rows=max_rows, max_columns=max_columns)
    rows = [Row(n, tuple(cells)) for n, cells in sorted(grid.items())]
    return Table(rows=[row for row in rows if not row.is_blank], kind="xlsx")


def _row_cells(row: Any, strings: list[str], dates: set[int], date1904: bool, max_columns: int) -> list[Cell]:
    cells: list[Cell] = []
    position = 0
    for c in row.iterchildren(f"{_NS}c"):
        match = _REF.match(c.get("r") or "")
        position = _column(match[1]) if match else position + 1
        if position > max_columns:
            break
        value = _value(c, strings, dates, date1904)
        if value is not None:
            cells.extend([None] * (position - 1 - len(cells)))
            cells.append(value)
    return cells


def _value(c: Any, strings: list[str], dates: set[int], date1904: bool) -> Cell:
    kind = c.get("t", "n")
    if kind == "inlineStr":
        return _clean("".join(t.text or "" for t in c.iter(f"{_NS}t")))
    v = c.find(f"{_NS}v")
    text = v.text if v is not None else None
    if text is None:
        return None
    if kind == "s":
        return _clean(strings[int(text)])
    if kind in ("str", "e"):
        return _clean(text)
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind == "d":
        return _clean(datetime.fromisoformat(text.strip().rstrip("Z")))
    number = float(text)
    if int(c.get("s") or 0) in dates and math.isfinite(number) and 0 <= number < 2_958_466:
        return _serial(number, date1904)
    return _clean(number)


def _fill_merged(grid: dict[int, list[Cell]], merged: list[str], *, max_rows: int, max_columns: int) -> None:
    """Merged cells hold their value in the top-left cell only: people merge a
    zone or an organisation over the rows it applies to."""
    for ref in merged:
        first, _sep, last = ref.partition(":")
        start, end = _REF.match(first), _REF.match(last or first)
        if not start or not end:
            continue
        min_col, min_row, max_col, max_row = _column(start[1]), int(start[2]), _column(end[1]), int(end[2])
        top = grid.get(min_row)
        if top is None or min_col > len(top):
            continue
        value = top[min_col - 1]
        for r in range(min_row, min(max_row, max_rows) + 1):
            line = grid.get(r)
            if line is None:
                continue
            for col in range(min_col, min(max_col, max_columns) + 1):
                line.extend([None] * (col - len(line)))
                if line[col - 1] is None:
                    line[col - 1] = value


def _clean(value: object) -> Cell:
    if isinstance(value, str):
        value = value.strip()
        return value[:MAX_CELL] if value else None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if value is None or isinstance(value, (int, float, bool, date, datetime, time)):
        return value
    return str(value)[:MAX_CELL]


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=["cp1252", "cp1256", "latin_1"]).best()
    if best is None:
        raise SheetError("encoding")
    return data.decode(best.encoding, errors="replace")


def _read_csv(data: bytes, *, max_rows: int, max_columns: int) -> Table:
    text = _decode(data)
    head = text[:4096]
    delimiter = max((";", ",", "\t"), key=head.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    try:
        for number, record in enumerate(reader, start=1):
            if number > max_rows:
                if any(cell.strip() for cell in record):
                    raise SheetError("too_many_rows", limit=max_rows)
                continue
            row = Row(number, tuple(_clean(cell) for cell in record[:max_columns]))
            if not row.is_blank:
                rows.append(row)
    except csv.Error as error:
        raise SheetError("not_a_sheet") from error
    return Table(rows=rows, kind="csv")
