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
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

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


def _read_xlsx(data: bytes, *, max_rows: int, max_columns: int) -> Table:
    import openpyxl
    from openpyxl.utils.cell import range_boundaries

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if "xl/workbook.xml" not in archive.namelist():
            raise SheetError("not_a_sheet")
        if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED:
            raise SheetError("zip_bomb", limit=MAX_UNCOMPRESSED // (1024 * 1024))
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except SheetError:
        raise
    except Exception as error:  # openpyxl raises many kinds on damaged files
        raise SheetError("damaged") from error
    try:
        sheet = workbook.worksheets[0]
        merged = _merged_ranges(archive, getattr(sheet, "_worksheet_path", ""))
        # A declared dimension of a million rows is filled with empty rows by
        # openpyxl: the caps bound what is read whatever the file declares.
        limit = max_rows + 1
        rows: list[Row] = []
        grid: dict[int, list[Cell]] = {}
        try:
            iterator = sheet.iter_rows(min_row=1, max_row=limit, max_col=max_columns, values_only=True)
            for number, values in enumerate(iterator, start=1):
                cells = [_clean(v) for v in values]
                if number > max_rows and any(c not in (None, "") for c in cells):
                    raise SheetError("too_many_rows", limit=max_rows)
                grid[number] = cells
        except SheetError:
            raise
        except Exception as error:
            raise SheetError("damaged") from error
        # Merged cells hold their value in the top-left cell only: people merge
        # a zone or an organisation over the rows it applies to.
        for ref in merged:
            try:
                min_col, min_row, max_col, max_row = range_boundaries(ref)
            except (TypeError, ValueError):
                continue
            if min_row not in grid or min_col > max_columns:
                continue
            value = grid[min_row][min_col - 1] if min_col - 1 < len(grid[min_row]) else None
            for r in range(min_row, min(max_row, max_rows) + 1):
                line = grid.get(r)
                if line is None:
                    continue
                for c in range(min_col, min(max_col, max_columns) + 1):
                    if c - 1 < len(line):
                        line[c - 1] = value
        for number, cells in grid.items():
            while cells and cells[-1] is None:  # the padding up to the column cap
                cells.pop()
            row = Row(number, tuple(cells))
            if not row.is_blank:
                rows.append(row)
        return Table(rows=rows, kind="xlsx")
    finally:
        workbook.close()


def _merged_ranges(archive: zipfile.ZipFile, path: str) -> list[str]:
    """The sheet's merged ranges ("A3:A12"), read by streaming its XML: read-only
    openpyxl does not give them, and a full load would hold the whole sheet."""
    if not path:
        return []
    path = path.lstrip("/")
    refs: list[str] = []
    try:
        with archive.open(path) as handle:
            for _event, element in etree.iterparse(
                handle, events=("end",), resolve_entities=False, no_network=True, huge_tree=False
            ):
                tag = element.tag.rsplit("}", 1)[-1]
                if tag == "mergeCell":
                    ref = element.get("ref")
                    if ref and len(refs) < 10_000:
                        refs.append(ref)
                if tag in ("row", "c", "v", "mergeCell"):
                    element.clear()
    except (KeyError, etree.XMLSyntaxError, OSError, zipfile.BadZipFile):
        return []
    return refs


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
