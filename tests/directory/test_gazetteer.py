"""The gazetteer over nidaa/data/territories.json: no database."""

import json
import re
from pathlib import Path

import pytest

from nidaa.tor.places import DATA_FILE, Gazetteer, Match, Place, default_gazetteer, fold

ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "tor-corpus"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def codes(matches: list[Match]) -> list[str]:
    return [m.place.code for m in matches]


# --- the data ---------------------------------------------------------------


def test_data_has_12_regions_and_75_provinces_and_prefectures(raw):
    assert len(raw["regions"]) == 12
    assert len(raw["provinces"]) == 75
    kinds = [p["kind"] for p in raw["provinces"]]
    assert kinds.count("province") == 62
    assert kinds.count("prefecture") == 13


def test_data_has_at_least_200_communes(raw):
    assert len(raw["communes"]) >= 200


def test_codes_are_unique_and_provinces_use_iso_3166_2(raw):
    all_codes = [t["code"] for key in ("regions", "provinces", "communes") for t in raw[key]]
    assert len(all_codes) == len(set(all_codes))
    assert all(re.fullmatch(r"MA-[A-Z]{3}", p["code"]) for p in raw["provinces"])
    assert all(len(code) <= 20 for code in all_codes)


def test_every_province_has_a_region_and_every_commune_a_province(raw):
    regions = {r["code"] for r in raw["regions"]}
    provinces = {p["code"] for p in raw["provinces"]}
    assert all(p["region"] in regions for p in raw["provinces"])
    assert all(c["province"] in provinces for c in raw["communes"])
    # every province or prefecture has at least its seat
    assert {c["province"] for c in raw["communes"]} == provinces


def test_region_sizes_follow_the_2015_division(raw):
    sizes: dict[str, int] = {}
    for p in raw["provinces"]:
        sizes[p["region"]] = sizes.get(p["region"], 0) + 1
    assert sizes == {
        "MA-01": 8,
        "MA-02": 8,
        "MA-03": 9,
        "MA-04": 7,
        "MA-05": 5,
        "MA-06": 9,
        "MA-07": 8,
        "MA-08": 5,
        "MA-09": 6,
        "MA-10": 4,
        "MA-11": 4,
        "MA-12": 2,
    }


def test_every_arabic_name_is_written_in_arabic(raw):
    for key in ("regions", "provinces", "communes"):
        for t in raw[key]:
            assert ARABIC_LETTER.search(t["name_ar"]), t["code"]
            assert not re.search(r"[A-Za-z]", t["name_ar"]), t["code"]


def test_no_generic_word_is_a_place_name(gaz):
    for word in ("Centre", "Sud", "Nord", "Est", "Ouest", "Maroc", "Région", "الجنوب"):
        assert gaz.lookup(word) is None


# --- fold ---------------------------------------------------------------------


def test_fold_ignores_accents_case_punctuation_and_arabic_spelling():
    assert fold("Laâyoune-Sakia El Hamra") == "laayoune sakia el hamra"
    assert fold("M’diq") == "m diq"
    assert fold("إقليم") == fold("اقليم")
    assert fold("طَنْجَة") == fold("طنجه")
    assert fold("مدينــة") == fold("مدينة")
    assert fold("مستشفى") == fold("مستشفي")


# --- lookup -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Fès-Meknès", "MA-03"),
        ("Fes-Meknes", "MA-03"),
        ("فاس مكناس", "MA-03"),
        ("El Jadida", "MA-JDI"),
        ("Jadida", "MA-JDI"),
        ("Al Hoceïma", "MA-HOC"),
        ("Al Hoceima", "MA-HOC"),
        ("Hoceima", "MA-HOC"),
        ("Laayoune", "MA-LAA"),
        ("Laâyoune", "MA-LAA"),
        ("LAAYOUNE", "MA-LAA"),
        ("Tanger-Assilah", "MA-TNG"),
        ("طنجة أصيلة", "MA-TNG"),
        ("Tanger", "MA-TNG-TANGER"),
        ("Tangier", "MA-TNG-TANGER"),
        ("طنجة", "MA-TNG-TANGER"),
        ("بطنجة", "MA-TNG-TANGER"),
        ("والرباط", "MA-RAB"),
        ("رباط", "MA-RAB"),
        ("الرّباط", "MA-RAB"),
        ("Oriental", "MA-02"),
        ("L'Oriental", "MA-02"),
        ("الشرق", "MA-02"),
        ("Draa-Tafilalet", "MA-08"),
        ("درعة تافيلالت", "MA-08"),
        ("Skhirat-Temara", "MA-SKH"),
        ("Saidia", "MA-BER-SAIDIA"),
        ("Zaouiat Sidi Hamza", "MA-MID-ZAOUIAT-SH"),
    ],
)
def test_lookup_finds_french_arabic_and_accent_free_spellings(gaz, name, code):
    place = gaz.lookup(name)
    assert place is not None
    assert place.code == code


def test_lookup_prefers_the_larger_division_when_names_are_identical(gaz):
    # Tétouan is a province and its seat; Casablanca a prefecture and a commune.
    assert gaz.lookup("Tétouan").kind == "province"
    assert gaz.lookup("Casablanca").code == "MA-CAS"
    assert gaz.lookup("Rabat").kind == "prefecture"
    # Different names: the commune is returned, not its prefecture.
    assert gaz.lookup("Oujda").code == "MA-OUJ-OUJDA"
    assert gaz.lookup("Oujda-Angad").code == "MA-OUJ"


def test_acronyms_are_looked_up_case_sensitively(gaz):
    assert gaz.lookup("FM").code == "MA-03"
    assert gaz.lookup("TTA").code == "MA-01"
    assert gaz.lookup("fm") is None
    assert gaz.lookup("Tta") is None


def test_lookup_of_unknown_or_empty_name_is_none(gaz):
    assert gaz.lookup("Atlantide") is None
    assert gaz.lookup("") is None
    assert gaz.lookup("  ") is None


# --- find_in ------------------------------------------------------------------


def test_find_in_returns_spans_in_the_original_text_in_order(gaz):
    text = "Deux ateliers à Fès-Meknès puis à Tanger-Tétouan-Al Hoceïma."
    found = gaz.find_in(text)
    assert found == [
        Match(gaz.by_code["MA-03"], 16, 26, "Fès-Meknès"),
        Match(gaz.by_code["MA-01"], 34, 59, "Tanger-Tétouan-Al Hoceïma"),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_find_in_spans_survive_arabic_diacritics_and_tatweel(gaz):
    text = "تنظيم ورشة في طَنْجَة ثم في مدينــة الرباط"
    found = gaz.find_in(text)
    assert [(m.place.code, m.text) for m in found] == [("MA-TNG-TANGER", "طَنْجَة"), ("MA-RAB", "الرباط")]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_find_in_reports_every_mention_and_places_in_deduplicates(gaz):
    text = "Oujda, puis Saïdia, puis Oujda."
    assert codes(gaz.find_in(text)) == ["MA-OUJ-OUJDA", "MA-BER-SAIDIA", "MA-OUJ-OUJDA"]
    assert [p.code for p in gaz.places_in(text)] == ["MA-OUJ-OUJDA", "MA-BER-SAIDIA"]


def test_acronyms_match_only_in_capitals_as_whole_words(gaz):
    text = "Régions FM et TTA ; radio fm, FMR, aFM, tta, PFM."
    assert [(m.text, m.place.code) for m in gaz.find_in(text)] == [("FM", "MA-03"), ("TTA", "MA-01")]


def test_oriental_matches_with_the_elided_article(gaz):
    assert codes(gaz.find_in("dans l'Oriental")) == ["MA-02"]
    assert codes(gaz.find_in("la Région de l’Oriental")) == ["MA-02"]
    assert [m.text for m in gaz.find_in("Région de l'Oriental")] == ["Région de l'Oriental"]


def test_lowercase_common_words_are_not_places(gaz):
    text = "Le centre du sud, une sale affaire, un rabat de col, le Maroc oriental."
    assert gaz.find_in(text) == []
    assert codes(gaz.find_in("à Salé et à RABAT")) == ["MA-SAL", "MA-RAB"]


def test_punctuation_between_words_splits_names(gaz):
    # A list of cities is not the region that bears their names.
    assert codes(gaz.find_in("Tanger, Tétouan, Al Hoceïma")) == ["MA-TNG-TANGER", "MA-TET", "MA-HOC"]


def test_arabic_attached_prefixes_and_article(gaz):
    text = "بطنجة والرباط وللرباط وبالدار البيضاء"
    found = gaz.find_in(text)
    assert [(m.place.code, m.text) for m in found] == [
        ("MA-TNG-TANGER", "طنجة"),
        ("MA-RAB", "الرباط"),
        ("MA-RAB", "لرباط"),
        ("MA-CAS", "الدار البيضاء"),
    ]


def test_ambiguous_arabic_names_need_a_cue_word(gaz):
    assert gaz.find_in("التقنيات الجديدة في الشرق الأوسط") == []
    assert codes(gaz.find_in("بمدينة الجديدة وجهة الشرق")) == ["MA-JDI", "MA-02"]
    assert codes(gaz.find_in("إقليم الجديدة")) == ["MA-JDI"]


def test_ambiguous_french_name_needs_a_cue(gaz):
    assert gaz.find_in("Rich countries fund programmes.") == []
    assert codes(gaz.find_in("la commune de Rich")) == ["MA-MID-RICH"]


def test_find_in_on_an_empty_gazetteer_or_text():
    assert Gazetteer([]).find_in("Rabat") == []
    assert default_gazetteer().find_in("") == []


def test_gazetteer_from_a_small_file(tmp_path):
    path = tmp_path / "t.json"
    path.write_text(
        json.dumps(
            {
                "regions": [{"code": "R", "name_fr": "Région Test", "name_ar": "جهة", "aliases": ["RT"]}],
                "provinces": [
                    {"code": "P", "kind": "prefecture", "name_fr": "Ville", "name_ar": "م", "region": "R"}
                ],
            }
        ),
        encoding="utf-8",
    )
    gaz = Gazetteer.from_file(path)
    assert gaz.by_code["P"] == Place("P", "prefecture", "Ville", "م", "R")
    assert gaz.lookup("RT").code == "R"


@pytest.mark.skipif(not CORPUS.exists(), reason="shared ToR corpus not present")
def test_seed_locations_are_found(gaz):
    expected = {
        "seed-000.txt": {"MA-03", "MA-01"},
        "seed-001.txt": {"MA-BER-SAIDIA"},
        "seed-003.txt": {"MA-OUJ-OUJDA"},
        "seed-004.txt": {"MA-08", "MA-03", "MA-MID", "MA-MID-ZAOUIAT-SH", "MA-BOM"},
    }
    for name, want in expected.items():
        found = {p.code for p in gaz.places_in((CORPUS / name).read_text(encoding="utf-8"))}
        assert want <= found, name


def test_lookup_kind_restricts_the_level(gaz):
    # "communes de Zagora" is the commune, "province de Zagora" the province
    assert gaz.lookup("Zagora").kind == "province"
    assert gaz.lookup("Zagora", kind="commune").code == "MA-ZAG-ZAGORA"
    assert gaz.lookup("زاكورة", kind="province").code == "MA-ZAG"
    assert gaz.lookup("بزاكورة", kind="commune").code == "MA-ZAG-ZAGORA"
    assert gaz.lookup("Rabat", kind="province").kind == "prefecture"  # same level
    assert gaz.lookup("FM", kind="region").code == "MA-03"
    assert gaz.lookup("FM", kind="commune") is None
    assert gaz.lookup("Agdz", kind="region") is None
    with pytest.raises(ValueError):
        gaz.lookup("Zagora", kind="douar")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Mhamid El Ghizlane", "MA-ZAG-M-HAMID"),
        ("M'Hamid El Ghizlane", "MA-ZAG-M-HAMID"),
        ("محاميد الغزلان", "MA-ZAG-M-HAMID"),
        ("Tagounite", "MA-ZAG-TAGOUNITE"),
        ("تاكونيت", "MA-ZAG-TAGOUNITE"),
    ],
)
def test_zagora_communes_and_aliases(gaz, name, code):
    place = gaz.lookup(name, kind="commune")
    assert place is not None and place.code == code and place.parent_code == "MA-ZAG"
