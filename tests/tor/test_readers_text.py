"""Plain text and Markdown in the encodings calls are saved in."""

from __future__ import annotations

import codecs

import pytest

from nidaa.tor.formats.text import detect_encoding
from nidaa.tor.readers import read_bytes

FRENCH = "Délai de soumission : le 05 janvier 2025 à 23h59.\nLes candidat(e)s retenu(e)s seront contacté(e)s — merci.\n"
ARABIC = "طلب عروض لتوظيف مكون\nآخر أجل لتقديم الملفات هو 6 يناير 2025 على الساعة 23:59.\n"
MIXED = "Appel à candidatures / طلب ترشيحات\nLieu : Fès-Meknès — جهة فاس مكناس\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (FRENCH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), "utf-8"),
        (FRENCH.encode("utf-16"), "utf-16-le"),  # with BOM, native little-endian
        (codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"), "utf-16-be"),
        (FRENCH.encode("utf-16-le"), "utf-16-le"),
        (FRENCH.encode("utf-16-be"), "utf-16-be"),
        (ARABIC.encode("utf-16-le"), "utf-16-le"),
        (ARABIC.encode("utf-16-be"), "utf-16-be"),
        (FRENCH.encode("cp1252"), "cp1252"),
        (ARABIC.encode("cp1256"), "cp1256"),
        (MIXED.encode("cp1256"), "cp1256"),
        ("ÉTÉ À PARIS, ÇA VA".encode("cp1252"), "cp1252"),
        ("Café".encode("cp1252"), "cp1252"),
        ("مكون".encode("cp1256"), "cp1256"),
    ],
)
def test_encoding_detection(data: bytes, expected: str) -> None:
    assert detect_encoding(data) == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_french_text_reads_the_same_in_every_encoding(encoding: str) -> None:
    document = read_bytes(FRENCH.encode(encoding), "appel.txt")
    assert document.format == "txt"
    assert document.text == FRENCH.strip()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"])
def test_arabic_text_reads_the_same_in_every_encoding(encoding: str) -> None:
    assert read_bytes(ARABIC.encode(encoding), "appel.txt").text == ARABIC.strip()


def test_utf8_with_a_stray_byte_stays_utf8() -> None:
    data = FRENCH.encode("utf-8") + b"\xff" + FRENCH.encode("utf-8")
    assert read_bytes(data, "a.txt").text == (FRENCH + "\ufffd" + FRENCH).strip()


def test_txt_keeps_markdown_artefacts_and_md_strips_them() -> None:
    source = (
        "## **Appel à consultation :**\n\n"
        "Envoyer à [rh@exemple.org](mailto:rh@exemple.org) avant le **21 janvier 2025**.\n"
        "* Un *CV* détaillé\n"
        "+ Une note_méthodologique\n"
        "Voir (<https://www.exemple.org/offres>) et \\*ceci\\*.\n"
        "| Clé | Valeur |\n|---|---|\n| Lieu | Oujda |\n"
        "---\n"
        "> Fin\n"
    )
    assert read_bytes(source.encode(), "a.txt").text == source.strip()
    markdown = read_bytes(source.encode(), "a.md")
    assert markdown.format == "md"
    assert markdown.text == (
        "Appel à consultation :\n\n"
        "Envoyer à rh@exemple.org avant le 21 janvier 2025.\n"
        "- Un CV détaillé\n"
        "- Une note_méthodologique\n"
        "Voir (https://www.exemple.org/offres) et *ceci*.\n"
        "Clé\tValeur\n"
        "Lieu\tOujda\n\n"
        "Fin"
    )
