"""Lines of a thousand place cues (the shapes the new place rules read) come out bounded and right;
their reading time is measured by scripts/bench_hostile_tor.py, not here."""

from __future__ import annotations

from nidaa.tor.extract import extract_fields
from nidaa.tor.fields.locations import MAX_LOCATIONS


def test_a_line_of_governorates_gives_the_place_once():
    text = "Les ateliers se tiendront dans les " + "gouvernorats de Sfax, " * 2_000
    assert extract_fields(text)["locations"] == ["Sfax"]


def test_a_line_of_announcements_names_few_places():
    locations = extract_fields("تعلن جمعية بمدينة وجدة عن " * 2_000)["locations"]
    assert locations == ["وجدة"]


def test_a_line_of_trips_is_bounded():
    text = "".join(f"field visits to Town{i} and " for i in range(2_000))
    assert len(extract_fields(text)["locations"]) <= MAX_LOCATIONS


def test_a_table_of_thousands_of_rows_reads_its_first_rows():
    text = "Poste\tLieu d'affectation\n" + "".join(
        f"Technicien\tVille{chr(65 + i % 26)}x\n" for i in range(3_000)
    )
    assert extract_fields(text)["locations"] == [f"Ville{chr(65 + i)}x" for i in range(26)]
