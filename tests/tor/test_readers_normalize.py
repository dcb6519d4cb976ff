"""The normalisation every reader applies."""

from __future__ import annotations

import unicodedata

from nidaa.tor.api import read_and_extract
from nidaa.tor.normalize import is_page_number, normalize, reflow, strip_page_furniture


def test_normalize_spaces_line_ends_blank_lines_and_invisible_characters() -> None:
    raw = "\ufeffE\u0301tude\u00a0:\u202fOK  \r\nré\u00adseau\rfin\t\n\n\n\n\nsuite\u200b\x0c"
    assert normalize(raw) == "Étude : OK\nréseau\nfin\n\nsuite"


def test_reflow_mends_hyphenation_and_joins_sentence_continuations() -> None:
    lines = [
        "Le programme vise à renforcer le dévelop-",
        "pement des capacités des associations des régions de Fès-",
        "Meknès et de l'Oriental, ainsi que la participation",
        "citoyenne des jeunes.",
        "Livrables :",
        "- Rapport final",
        "- Listes de présence",
        "Titre court",
        "suite en minuscule",
    ]
    assert reflow(lines) == [
        "Le programme vise à renforcer le développement des capacités des associations des régions de "
        "Fès-Meknès et de l'Oriental, ainsi que la participation citoyenne des jeunes.",
        "Livrables :",
        "- Rapport final",
        "- Listes de présence",
        "Titre court",
        "suite en minuscule",
    ]


def test_reflow_layout_hints_win() -> None:
    lines = ["Une ligne longue qui atteint la marge droite du texte", "Suite Majuscule", "Autre"]
    assert reflow(lines, continues=[True, False, None]) == [
        "Une ligne longue qui atteint la marge droite du texte Suite Majuscule",
        "Autre",
    ]


def test_page_furniture_is_removed() -> None:
    pages = [
        ["Programme Tawassol — TdR", "Texte de la page un.", "Page 1 / 3"],
        ["Programme Tawassol — TdR", "Texte de la page deux.", "- 2 -"],
        ["Programme Tawassol — TdR", "Texte de la page trois.", "Page 3 / 3"],
    ]
    assert strip_page_furniture(pages) == [
        ["Texte de la page un."],
        ["Texte de la page deux."],
        ["Texte de la page trois."],
    ]


def test_page_numbers() -> None:
    for line in ("Page 3 / 7", "page 3 sur 7", "- 3 -", "3/7", "12", "صفحة 2"):
        assert is_page_number(line), line
    for line in ("3 jours", "Page de garde", "2025-01-06"):
        assert not is_page_number(line), line


def test_lines_differing_by_digits_are_furniture_only_from_three_pages() -> None:
    two = [["Article 1", "Objet de l'appel."], ["Article 2", "Durée de la mission."]]
    assert strip_page_furniture(two) == two
    three = [[f"Réf. 07/2022 — feuillet {n}", f"Texte {n}."] for n in ("un", "deux", "trois")]
    three = [
        [header.replace("un", "1").replace("deux", "2").replace("trois", "3"), body] for header, body in three
    ]
    assert strip_page_furniture(three) == [["Texte un."], ["Texte deux."], ["Texte trois."]]


def _presentation_forms(text: str) -> str:
    """``text`` with each Arabic letter written in its isolated presentation
    form, as some PDF letterheads and old fonts put them in the text."""
    forms = {}
    for code in range(0xFE70, 0xFEFF):
        decomposition = unicodedata.decomposition(chr(code)).split()
        if decomposition[:1] == ["<isolated>"] and len(decomposition) == 2:
            forms.setdefault(chr(int(decomposition[1], 16)), chr(code))
    return "".join(forms.get(char, char) for char in text)


def test_arabic_presentation_forms_become_the_letters_they_stand_for() -> None:
    plain = "تعلن جمعية الأمل عن مباراة لتوظيف منسق"
    shaped = _presentation_forms(plain)
    assert shaped != plain
    assert normalize(shaped) == plain
    # lam-alef, a ligature of two letters, and a final form inside a word
    assert normalize("\ufefb\ufee3\ufe8e\ufee5") == "لامان"


def test_a_notice_in_presentation_forms_reads_like_the_same_notice_in_letters() -> None:
    notice = (
        "إعلان عن مباراة لتوظيف منسق مشروع\n\n"
        "تعلن جمعية الأمل للتنمية عن تنظيم مباراة لتوظيف منسق مشروع بإقليم تازة.\n"
        "آخر أجل لإيداع الترشيحات هو 15 مارس 2027.\n"
    )
    _, plain = read_and_extract(notice.encode(), "notice.txt")
    _, shaped = read_and_extract(_presentation_forms(notice).encode(), "notice.txt")
    assert plain["deadline"] is not None
    for field in ("title", "issuer", "deadline", "call_type", "locations"):
        assert shaped[field] == plain[field], field
