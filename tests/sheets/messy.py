"""Spreadsheets written the way organisations keep them."""

from __future__ import annotations

import io

import openpyxl


def xlsx(rows: list[list[object]], *, merges: tuple[str, ...] = ()) -> bytes:
    """An .xlsx whose first sheet has ``rows`` from row 1 (None = empty cell)."""
    book = openpyxl.Workbook()
    sheet = book.active
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    for ref in merges:
        sheet.merge_cells(ref)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def participants_sheet() -> bytes:
    """Two title rows, a blank row, an Arabic/French header, a merged zone column, a blank row in the data."""
    return xlsx(
        [
            ["Liste des participant·es — Atelier de Fès", None, None, None, None, None],
            ["لائحة المشاركين", None, None, None, None, None],
            [],
            ["N°", "Nom et prénom", "الاسم الكامل", "Sexe", "Tél", "Zone"],
            [1, "Amina El Idrissi", "أمينة الإدريسي", "F", "06 61 23 45 67", "Fès"],
            [2, "Youssef Benali", "يوسف بنعلي", "Homme", "+212 662-345678", None],
            [],
            [3, "Khadija Ouazzani", None, "أنثى", 663456789, "Tanger"],
        ],
        merges=("A1:F1", "F5:F6"),
    )
