import io
import zipfile

import pytest

from nidaa.sheets.reader import SheetError, read_table
from tests.sheets.messy import participants_sheet, xlsx


def test_xlsx_rows_keep_excel_numbers_and_skip_blank_rows():
    table = read_table(participants_sheet())
    assert [row.number for row in table.rows] == [1, 2, 4, 5, 6, 8]


def test_merged_cells_are_filled_with_the_top_left_value():
    table = read_table(participants_sheet())
    by_number = {row.number: row for row in table.rows}
    assert by_number[6].cells[5] == "Fès"
    assert by_number[1].cells[1] == "Liste des participant·es — Atelier de Fès"


def test_csv_with_semicolons_and_a_bom_is_read_with_record_numbers():
    data = "\ufeffListe\n\nNom;Sexe\nAmina;F\n".encode()
    table = read_table(data)
    assert [(row.number, row.cells) for row in table.rows] == [
        (1, ("Liste",)),
        (3, ("Nom", "Sexe")),
        (4, ("Amina", "F")),
    ]


def test_csv_in_windows_1252_is_decoded():
    data = "Nom;Sexe\nHélène Tazi;F\n".encode("cp1252")
    table = read_table(data)
    assert table.rows[1].cells == ("Hélène Tazi", "F")


def test_a_file_over_the_byte_budget_is_refused_before_reading():
    with pytest.raises(SheetError) as error:
        read_table(b"a;b\n" * 100, max_bytes=50)
    assert error.value.code == "too_large"


def test_rows_beyond_the_budget_are_refused():
    with pytest.raises(SheetError) as error:
        read_table(xlsx([["Nom", "Sexe"], *[["x", "F"]] * 12]), max_rows=10)
    assert error.value.code == "too_many_rows"


def test_a_declared_million_row_dimension_reads_only_the_real_rows():
    data = xlsx([["Nom", "Sexe"], ["Amina", "F"]])
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:XFD1048576"/>')
                assert b"XFD1048576" in content
            target.writestr(info, content)
    table = read_table(out.getvalue(), max_rows=1000)
    assert [row.cells for row in table.rows] == [("Nom", "Sexe"), ("Amina", "F")]


def test_a_zip_bomb_is_refused_from_its_declared_size():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("xl/workbook.xml", "<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (301 * 1024 * 1024))
    with pytest.raises(SheetError) as error:
        read_table(out.getvalue(), max_bytes=10 * 1024 * 1024)
    assert error.value.code == "zip_bomb"


def test_an_old_xls_file_gets_its_own_message():
    with pytest.raises(SheetError) as error:
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert error.value.code == "old_xls"


def test_a_damaged_xlsx_is_refused():
    with pytest.raises(SheetError) as error:
        read_table(b"PK\x03\x04garbage")
    assert error.value.code in {"damaged", "not_a_sheet"}


def test_an_empty_sheet_is_refused():
    with pytest.raises(SheetError) as error:
        read_table(xlsx([[], []]))
    assert error.value.code == "empty"


def test_dates_and_times_keep_their_type_and_numbers_stay_numbers():
    from datetime import date, datetime, time

    table = read_table(
        xlsx([["Date", "Début", "Attendus", "Tél"], [date(2026, 3, 14), time(9, 30), 20, 661234567]])
    )
    assert table.rows[1].cells == (datetime(2026, 3, 14), time(9, 30), 20, 661234567)


def test_cells_past_the_column_budget_are_not_read():
    table = read_table(xlsx([["a", "b", "c", "d"]]), max_columns=2)
    assert table.rows[0].cells == ("a", "b")
