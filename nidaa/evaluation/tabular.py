"""Rows of a .csv or .xlsx file the committee imports (scores, prices), as
dicts keyed by the lower-cased header, with the spreadsheet's row number.

Hostile files are ordinary input: the size and the number of rows are
capped before anything is parsed further, cells are read as text, and a
file that is neither CSV (UTF-8, with or without BOM; comma or semicolon, as
French Excel writes it) nor an .xlsx workbook is refused with a message.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from nidaa.common.lists import joined
from nidaa.evaluation.errors import EvaluationError

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 500_000
MAX_CELL = 2000


def read_rows(path: Path, *, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(row number, row) for every non-empty data row; the header is row 1."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise EvaluationError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    if size > MAX_BYTES:
        raise EvaluationError(
            _("%(path)s is larger than %(mb)d MB.") % {"path": path.name, "mb": MAX_BYTES // (1024 * 1024)}
        )
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04":
        lines = _xlsx_lines(data)
    else:
        lines = _csv_lines(data)
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    for number, cells in lines:
        if header is None:
            header = [cell.strip().lower() for cell in cells]
            missing = [column for column in required if column not in header]
            if missing:
                raise EvaluationError(
                    _("%(path)s: missing columns %(columns)s.")
                    % {"path": path.name, "columns": joined(missing)}
                )
            continue
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise EvaluationError(
                _("%(path)s has more than %(max)d rows.") % {"path": path.name, "max": MAX_ROWS}
            )
        rows.append(
            (number, {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)})
        )
    if header is None:
        raise EvaluationError(_("%(path)s is empty.") % {"path": path.name})
    return rows


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # Excel stores 12.5 as a float; its shortest repr is the number typed.
        value = Decimal(repr(value))
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return str(value)[:MAX_CELL]


def _csv_lines(data: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise EvaluationError(_("The file is neither an .xlsx workbook nor a UTF-8 CSV file.")) from error
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            yield reader.line_num, [cell[:MAX_CELL] for cell in cells]
    except csv.Error as error:
        raise EvaluationError(
            _("CSV line %(line)d: %(error)s") % {"line": reader.line_num, "error": error}
        ) from error


def _xlsx_lines(data: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise EvaluationError(_("The file is neither an .xlsx workbook nor a UTF-8 CSV file.")) from error
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell(value) for value in values]
    finally:
        workbook.close()
