import pytest
from django.core.management.base import CommandError

from nidaa.missions.models import Participant, ParticipantCategory
from tests.factories import ParticipantFactory, ZoneFactory
from tests.missions.helpers import run
from tests.sheets.messy import participants_sheet, xlsx


@pytest.fixture
def zones(mission):
    return ZoneFactory(mission=mission, name="Fès"), ZoneFactory(mission=mission, name="Tanger")


def write(tmp_path, data, name="participants.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_messy_sheet_is_imported_with_both_scripts_and_zones(tmp_path, mission, zones):
    out, err = run(
        "missions_participants_import", write(tmp_path, participants_sheet()), "--mission", str(mission.pk)
    )
    assert out.splitlines()[0] == "rows 3, imported 3, duplicates 0, errors 0"
    rows = list(
        Participant.objects.filter(mission=mission)
        .order_by("code")
        .values_list("code", "name_latin", "name_arabic", "sex", "phone", "zone__name")
    )
    assert rows == [
        ("P00001", "Amina El Idrissi", "أمينة الإدريسي", "female", "+212661234567", "Fès"),
        ("P00002", "Youssef Benali", "يوسف بنعلي", "male", "+212662345678", "Fès"),
        ("P00003", "Khadija Ouazzani", "", "female", "+212663456789", "Tanger"),
    ]


def test_errors_list_excel_rows_import_nothing_and_exit_non_zero(tmp_path, mission, zones):
    data = xlsx(
        [
            ["Liste des participants"],
            [],
            ["Nom et prénom", "Sexe", "Tél", "Zone"],
            ["Amina El Idrissi", "F", "0661234567", "Fès"],
            ["Youssef Benali", "Z", "0662345678", "Fès"],
            [],
            ["Khadija Ouazzani", "F", "123", "Agadir"],
        ]
    )
    with pytest.raises(CommandError) as error:
        run("missions_participants_import", write(tmp_path, data), "--mission", str(mission.pk))
    assert error.value.returncode == 1
    assert Participant.objects.filter(mission=mission).count() == 0


def test_errors_are_printed_with_their_row_numbers(tmp_path, mission, zones, capsys):
    from io import StringIO

    from django.core.management import call_command

    data = xlsx([["Titre"], ["Nom", "Sexe", "Zone"], ["Amina", "F", "Fès"], [], ["Youssef", "Z", "Fès"]])
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command(
            "missions_participants_import",
            write(tmp_path, data),
            "--mission",
            str(mission.pk),
            stdout=out,
            stderr=err,
        )
    assert out.getvalue().splitlines()[0] == "rows 2, imported 0, duplicates 0, errors 1"
    assert err.getvalue().splitlines() == ["row 5: sex not recognised: 'Z'"]


def test_duplicates_of_the_file_and_of_the_mission_are_counted_listed_and_not_imported(
    tmp_path, mission, zones
):
    ParticipantFactory(
        mission=mission, zone=zones[0], code="P00001", name_latin="Youssef Benali", name_key="benali youssef"
    )
    data = xlsx(
        [
            ["Nom complet", "GSM", "Zone"],
            ["Amina El Idrissi", "06 61 23 45 67", "Fès"],
            ["Autre Nom", "+212 661-234567", "Fès"],
            ["BENALI Youssef", "", "Fès"],
        ]
    )
    out, _err = run("missions_participants_import", write(tmp_path, data), "--mission", str(mission.pk))
    assert out.splitlines() == [
        "rows 3, imported 1, duplicates 2, errors 0",
        "row 3: duplicate (phone) of row 2",
        "row 4: duplicate (name) of participant P00001",
    ]
    assert Participant.objects.filter(mission=mission).count() == 2
    # Imported twice, nothing new: every row is now a duplicate.
    out, _err = run("missions_participants_import", write(tmp_path, data), "--mission", str(mission.pk))
    assert out.splitlines()[0] == "rows 3, imported 0, duplicates 3, errors 0"


def test_zone_option_places_rows_without_a_zone_and_commune_csv_in_arabic(tmp_path, mission, zones):
    data = "الاسم الكامل;الجنس;الهاتف;الفئة\nفاطمة الزهراء;أنثى;0661234567;منتخب\n".encode()
    out, _err = run(
        "missions_participants_import",
        write(tmp_path, data, "p.csv"),
        "--mission",
        str(mission.pk),
        "--zone",
        "tanger",
    )
    assert out.splitlines()[0] == "rows 1, imported 1, duplicates 0, errors 0"
    participant = Participant.objects.get(mission=mission)
    assert (participant.name_arabic, participant.sex, participant.zone.name, participant.category.name) == (
        "فاطمة الزهراء",
        "female",
        "Tanger",
        "منتخب",
    )
    assert ParticipantCategory.objects.filter(organization=mission.organization).count() == 1


def test_map_option_overrides_a_header(tmp_path, mission, zones):
    data = xlsx([["Nom complet", "Tél", "Colonne 3"], ["Amina", "0661234567", "Femme"]])
    out, _err = run(
        "missions_participants_import",
        write(tmp_path, data),
        "--mission",
        str(mission.pk),
        "--zone",
        "Fès",
        "--map",
        "Colonne 3=sex",
    )
    assert out.splitlines()[0] == "rows 1, imported 1, duplicates 0, errors 0"
    assert Participant.objects.get(mission=mission).sex == "female"


def test_a_sheet_without_any_known_header_is_refused(tmp_path, mission, zones):
    data = xlsx([["a", "b"], ["c", "d"]])
    with pytest.raises(CommandError) as error:
        run("missions_participants_import", write(tmp_path, data), "--mission", str(mission.pk))
    assert (
        str(error.value)
        == 'no header row naming the participants\' names (e.g. "Nom et prénom", "الاسم الكامل")'
    )


def test_unknown_mission_is_an_error(tmp_path, db):
    with pytest.raises(CommandError) as error:
        run("missions_participants_import", write(tmp_path, b"Nom;Sexe\n"), "--mission", "999999")
    assert str(error.value) == "--mission 999999: no such mission"


def slow_read(data):
    """Stands for a hostile sheet whose reading never ends (run in the child)."""
    import time

    time.sleep(30)


def test_a_sheet_past_its_budget_is_refused_and_nothing_is_imported(tmp_path, mission, zones, monkeypatch):
    from nidaa.common.budget import Budget
    from nidaa.missions.services import sheets

    # The budget itself is tested in tests/common; here: the import's answer.
    monkeypatch.setattr(sheets, "SHEET_BUDGET", Budget(seconds=0.5, memory_bytes=768 * 1024 * 1024))
    monkeypatch.setattr(sheets, "read_table", slow_read)
    with pytest.raises(CommandError) as error:
        run(
            "missions_participants_import",
            write(tmp_path, participants_sheet()),
            "--mission",
            str(mission.pk),
        )
    assert str(error.value) == "the sheet could not be read within its budget (time)"
    assert Participant.objects.filter(mission=mission).count() == 0
