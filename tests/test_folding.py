"""One key for comparing names and words (nidaa.folding), shared by the ToR
reader's places and the spreadsheet reader's headers, values and names."""

from nidaa.folding import ARABIC_ALL_BLOCKS, ARABIC_BLOCK, word_key
from nidaa.sheets.text import name_key
from nidaa.tor.places import place_key


def test_case_accents_and_punctuation_do_not_count():
    assert word_key("Nom & Prénom :") == "nom prenom"
    assert word_key("NOM_ET_PRENOM") == "nom et prenom"
    assert word_key("ŒUVRE Straße") == "œuvre strasse"


def test_arabic_spelling_vowel_marks_and_tatweel_do_not_count():
    assert word_key("الرَّبـاط") == "الرباط"
    assert word_key("جهة طنجة-تطوان-الحسيمة") == "جهه طنجه تطوان الحسيمه"
    assert word_key("مؤسسة") == word_key("موسسه")


def test_a_long_text_gets_the_key_a_short_one_would():
    assert word_key("Salé, " * 100) == " ".join(["sale"] * 100)


def test_the_places_and_the_names_use_the_same_key():
    assert place_key("Salé - Témara") == word_key("Salé - Témara") == "sale temara"
    assert name_key("Amina EL IDRISSI") == name_key("el idrissi, amina") == "amina el idrissi"


def _matched(pattern) -> set[int]:
    return {cp for cp in range(0x110000) if pattern.match(chr(cp))}


def test_the_arabic_block_is_u0600_to_u06ff_and_nothing_else():
    assert _matched(ARABIC_BLOCK) == set(range(0x0600, 0x0700))


def test_all_arabic_blocks_add_the_supplement_extended_a_and_the_presentation_forms():
    expected = (
        set(range(0x0600, 0x0700))
        | set(range(0x0750, 0x0780))
        | set(range(0x08A0, 0x0900))
        | set(range(0xFB50, 0xFE00))
        | set(range(0xFE70, 0xFF00))
    )
    assert _matched(ARABIC_ALL_BLOCKS) == expected
