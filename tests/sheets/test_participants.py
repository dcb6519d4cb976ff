from nidaa.sheets.columns import PARTICIPANT_SYNONYMS, find_header, override
from nidaa.sheets.participants import Existing, read_participants
from nidaa.sheets.reader import read_table
from tests.sheets.messy import participants_sheet, xlsx


def test_header_below_title_rows_is_found_with_its_fields():
    header = find_header(read_table(participants_sheet()), PARTICIPANT_SYNONYMS)
    assert header is not None
    assert header.row_number == 4
    assert header.mapping == {1: "name", 2: "name_ar", 3: "sex", 4: "phone", 5: "zone"}


def test_rows_become_records_with_both_scripts_sex_and_phone():
    table = read_table(participants_sheet())
    result = read_participants(table, find_header(table, PARTICIPANT_SYNONYMS))
    assert result.rows == 3
    assert result.errors == []
    assert [(r.row, r.name_latin, r.name_arabic, r.sex, r.phone, r.zone) for r in result.records] == [
        (5, "Amina El Idrissi", "أمينة الإدريسي", "female", "+212661234567", "Fès"),
        (6, "Youssef Benali", "يوسف بنعلي", "male", "+212662345678", "Fès"),
        (8, "Khadija Ouazzani", "", "female", "+212663456789", "Tanger"),
    ]


def test_errors_name_the_excel_row():
    table = read_table(
        xlsx(
            [
                ["Liste"],
                ["Nom", "Sexe", "Téléphone"],
                ["Amina", "F", "0661234567"],
                [],
                ["Youssef", "?", "12"],
            ]
        )
    )
    result = read_participants(table, find_header(table, PARTICIPANT_SYNONYMS))
    assert [(e.row, e.code, e.value) for e in result.errors] == [(5, "sex", "?"), (5, "phone", "12")]


def test_same_phone_in_another_format_or_same_name_reordered_is_a_duplicate():
    table = read_table(
        xlsx(
            [
                ["Nom complet", "GSM"],
                ["Amina El Idrissi", "06 61 23 45 67"],
                ["Someone Else", "+212 661-234567"],
                ["EL IDRISSI Âmina", ""],
                ["Youssef Benali", ""],
            ]
        )
    )
    result = read_participants(
        table, find_header(table, PARTICIPANT_SYNONYMS), existing=Existing(names={"benali youssef": "P0007"})
    )
    assert [r.row for r in result.records] == [2]
    assert [(d.row, d.reason, d.of_row, d.of_participant) for _, d in result.duplicates] == [
        (3, "phone", 2, None),
        (4, "name", 2, None),
        (5, "name", None, "P0007"),
    ]


def test_a_row_the_user_kept_is_not_a_duplicate():
    table = read_table(xlsx([["Nom", "Sexe"], ["Amina Tazi", "F"], ["amina tazi", "F"]]))
    result = read_participants(table, find_header(table, PARTICIPANT_SYNONYMS), keep_rows=[3])
    assert [r.row for r in result.records] == [2, 3]


def test_separate_last_and_first_name_columns_make_one_name():
    table = read_table(xlsx([["Nom", "Prénom", "Genre"], ["El Idrissi", "Amina", "Femme"]]))
    result = read_participants(table, find_header(table, PARTICIPANT_SYNONYMS))
    assert result.records[0].name_latin == "El Idrissi Amina"


def test_map_override_by_letter_reassigns_a_column():
    table = read_table(xlsx([["Nom complet", "Colonne X"], ["Amina", "F"]]))
    header = find_header(table, PARTICIPANT_SYNONYMS)
    assert header is None or header.mapping.get(1) is None
    table = read_table(xlsx([["Nom complet", "Tél", "Colonne X"], ["Amina", "0661234567", "F"]]))
    header = override(find_header(table, PARTICIPANT_SYNONYMS), {"C": "sex"})
    result = read_participants(table, header)
    assert result.records[0].sex == "female"
