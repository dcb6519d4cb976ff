"""Where the mission takes place, linked to the gazetteer when it knows the place."""

from __future__ import annotations

import random

import pytest

from nidaa.tor.extract import extract_fields
from nidaa.tor.fields import locations
from nidaa.tor.places import Gazetteer, Place
from nidaa.tor.text import fold


@pytest.mark.parametrize(
    ("text", "locations"),
    [
        (
            "2. Zones d'intervention :\n· Bertat (Province de Midelt, Drâa-Tafilalet)\n· Zaouiat Sidi Hamza (Province de Midelt)\n3. Objectif :\n",
            ["Bertat", "Zaouiat Sidi Hamza"],
        ),
        ("IX. Lieu d'exécution\nHôtel Exemple Palace à Saïdia.\nX. Langue\n", ["Saïdia"]),
        ("Un contrat de travail à durée déterminée basé à **Oujda**, avec des déplacements.\n", ["Oujda"]),
        (
            "ARTICLE 4 : ZONE D'INTERVENTION\nL'évaluation couvrira les communes de Tafraout, Mirleft et Anzi, dans la province de Tiznit.\n",
            ["Tafraout", "Mirleft", "Anzi"],
        ),
        ("خامسا: مكان التكوين\nستنظم الدورات بجماعتي أمزميز وتحناوت، إقليم الحوز.\n", ["أمزميز", "تحناوت"]),
        (
            "4. Geographic coverage\nThe survey will cover the provinces of Taroudant, Tiznit and Chtouka Ait Baha.\n",
            ["Taroudant", "Tiznit", "Chtouka Ait Baha"],
        ),
        (
            "L'initiative agit dans six communes des régions de Fès-Meknès (FM) et Tanger-Tétouan-Al Hoceima (TTH).\n",
            ["Fès-Meknès", "Tanger-Tétouan-Al Hoceima"],
        ),
        ("Contexte\nLe programme couvre cinq régions du Maroc.\n", []),
    ],
)
def test_locations(text, locations):
    fields = extract_fields(text)
    assert fields["locations"] == locations
    for name, span in zip(fields["locations"], fields["evidence"].get("locations", []), strict=True):
        assert text[span["start"] : span["end"]] == name


def test_location_codes_come_from_the_gazetteer():
    gazetteer = Gazetteer(
        [
            Place("MA-X", "region", "Région Exemple", "جهة مثال"),
            Place("MA-X-P", "province", "Provexemple", "بروفكسمبل", "MA-X"),
            Place("MA-X-P-C", "commune", "Villexemple", "فيلكسمبل", "MA-X-P"),
        ]
    )
    text = "Lieu de la mission\nLes ateliers auront lieu à Villexemple, province de Provexemple.\n"
    fields = extract_fields(text, gazetteer=gazetteer)
    assert fields["locations"] == ["Villexemple"]
    assert fields["location_codes"] == ["MA-X-P-C"]


def test_works_without_a_gazetteer_match():
    fields = extract_fields("Lieu\nLes sessions se tiendront à Imaginville.\n", gazetteer=Gazetteer([]))
    assert fields["locations"] == ["Imaginville"]
    assert fields["location_codes"] == []


def test_last_resort_places_after_a():
    text = "Contexte\nL'association met en œuvre le projet « Exemple » à Al Hoceima et Nador.\n"
    assert extract_fields(text)["locations"] == ["Al Hoceima", "Nador"]


def test_place_in_the_timeline():
    text = "Timeline of the call\n- Retreat dates: 3 and 4 July 2025 in Chefchaouen\n"
    assert extract_fields(text)["locations"] == ["Chefchaouen"]


@pytest.mark.parametrize(
    ("text", "locations", "codes"),
    [
        # items of a location value are taken as written, known or not, prefixes dropped
        (
            "مكان التكوين: جماعة تاكونيت وجماعة زاكورة\n",
            ["تاكونيت", "زاكورة"],
            ["MA-ZAG-TAGOUNITE", "MA-ZAG-ZAGORA"],
        ),
        ("أماكن التكوين: جماعة إملشيل وجماعة أغبالو\n", ["إملشيل", "أغبالو"], []),
        ("Zone : commune de Sidi Bibi (province de Chtouka Aït Baha)\nDurée : 6 jours\n", ["Sidi Bibi"], []),
        (
            "Lieu : communes de Zagora et Mhamid El Ghizlane\n",
            ["Zagora", "Mhamid El Ghizlane"],
            ["MA-ZAG-ZAGORA", "MA-ZAG-M-HAMID"],
        ),
        ("Location\tGuelmim and Tan-Tan provinces\n", ["Guelmim", "Tan-Tan"], ["MA-GUE", "MA-TNT"]),
        ("مكان التكوين: مقر جماعة أولاد برحيل\n", ["أولاد برحيل"], ["MA-TAR-OULED-BERHIL"]),
        (
            "Lieu : Tafraout, Mirleft, province de Tiznit\n",
            ["Tafraout", "Mirleft"],
            ["MA-TIZ-TAFRAOUT", "MA-SIF-MIRLEFT"],
        ),
    ],
)
def test_location_values_are_read_as_written(text, locations, codes):
    fields = extract_fields(text)
    assert fields["locations"] == locations
    assert fields["location_codes"] == codes
    for name, span in zip(fields["locations"], fields["evidence"]["locations"], strict=True):
        assert text[span["start"] : span["end"]] == name


@pytest.mark.parametrize(
    ("pattern", "stems"),
    [
        (locations._ENUM_CUE, locations._ENUM_STEMS),
        (locations._REGION_WORDS, locations._REGION_STEMS),
        (locations._TAKES_PLACE, locations._TAKES_PLACE_STEMS),
    ],
)
def test_cues_found_near_their_stems_are_those_a_whole_scan_finds(pattern, stems):
    """The cue patterns are tried only near their words: the matches must be a whole scan's."""
    words = (
        "the three pilot communes of de la province region of Tiznit ville de Fès gouvernorat du Kef "
        "districts: Akkar, areas - Zahle بجماعتي أمزميز جهة سوس محافظات إربد villes de communes rurales de "
        "la formation se déroulera à aura\nlieu will be held takes place sera réalisée seront menées "
        "ستنظم الدورة سيتم إنجاز ستقام is to be delivered three areas - Beqaa بمدينة ورزازات , : deux communes : Agadir"
    ).split(" ")
    rng = random.Random(7)
    for _ in range(400):
        text = fold("  ".join(rng.choice(words) for _ in range(rng.randint(3, 40))))
        whole = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in locations._near_stems(pattern, stems, text, 0, len(text))] == whole
