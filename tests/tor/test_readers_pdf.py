"""PDF: text layer, page furniture, paragraphs rebuilt, scans and passwords."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

from nidaa.tor.document import ReadError
from nidaa.tor.readers import read_bytes, read_path
from tests.tor.renderings import FONT, to_pdf

LONG = (
    "Le programme de renforcement des capacités vise à développer les compétences des bénéficiaires "
    "en matière de gouvernance transparente et responsable, de participation citoyenne active, ainsi "
    "que de plaidoyer pour la redevabilité et le droit d’accès à l’information."
)


def _pdf() -> FPDF:
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=11)
    return pdf


def test_pdf_paragraphs_survive_wrapping_and_banners_and_page_numbers_go(tmp_path: Path) -> None:
    words = LONG.split()
    # Distinct paragraphs of varied length, as a real document has.
    paragraphs = [" ".join(random.Random(n).sample(words, 12 + n % 17)) + "." for n in range(1, 41)]
    text = "\n".join(
        ["Termes de référence", *paragraphs, "Livrables :", "· Rapport final", "· Listes de présence"]
    )
    path = to_pdf(text, tmp_path / "tdr.pdf", banner="Programme Tawassol — Association Exemple")
    document = read_path(path)
    assert document.format == "pdf"
    assert document.pages is not None and document.pages >= 3
    assert document.text.split("\n") == [
        "Termes de référence",
        *paragraphs,
        "Livrables :",
        "· Rapport final",
        "· Listes de présence",
    ]
    assert "Tawassol" not in document.text
    assert "Page" not in document.text


def test_pdf_hyphenation_is_mended_but_real_hyphens_stay(tmp_path: Path) -> None:
    pages = [
        (
            "Le projet contribue au renforcement et au dévelop-",
            "pement des capacités des associations des régions de Fès-",
            "Meknès et de l'Oriental, ainsi que de la participation",
            "citoyenne des jeunes dans les communes ciblées.",
        ),
        (
            "Les candidatures doivent parvenir au plus tard le 5 jan-",
            "vier 2025 à l'adresse indiquée, avec la mention de la réfé-",
            "rence de l'appel dans l'objet du message électronique.",
        ),
    ]
    pdf = _pdf()
    pdf.set_auto_page_break(False)
    for lines in pages:  # the same running header and a page number on each page
        pdf.add_page()
        pdf.cell(0, 6, "Observatoire — Appel à consultation", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
        for line in lines:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-20)
        pdf.cell(0, 6, f"- {pdf.page_no()} -", align="C")
    path = tmp_path / "hyphen.pdf"
    pdf.output(str(path))
    assert read_path(path).text == (
        "Le projet contribue au renforcement et au développement des capacités des associations des "
        "régions de Fès-Meknès et de l'Oriental, ainsi que de la participation citoyenne des jeunes "
        "dans les communes ciblées.\n"
        "Les candidatures doivent parvenir au plus tard le 5 janvier 2025 à l'adresse indiquée, avec la "
        "mention de la référence de l'appel dans l'objet du message électronique."
    )


def test_pdf_table_row_cells_are_tab_separated(tmp_path: Path) -> None:
    path = to_pdf("Objet du marché\nProjet\tPAGOF 2\nPays\tMaroc / DGCT", tmp_path / "t.pdf", banner=None)
    assert read_path(path).text == "Objet du marché\nProjet\tPAGOF 2\nPays\tMaroc / DGCT"


def test_pdf_without_text_layer_needs_ocr(tmp_path: Path) -> None:
    pdf = FPDF()
    for _ in range(3):
        pdf.add_page()
        pdf.rect(20, 20, 150, 200, style="F")  # a "scanned" page: drawing, no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(ReadError) as caught:
        read_path(path)
    assert (caught.value.code, caught.value.message) == ("needs_ocr", "scanned: needs OCR")


def test_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    pdf.cell(0, 10, "Confidentiel")
    pdf.set_encryption(owner_password="owner", user_password="user", encryption_method=EncryptionMethod.RC4)
    data = bytes(pdf.output())
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "tdr.pdf")
    assert caught.value.code == "encrypted"
    assert "password" in caught.value.message


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    pdf.cell(0, 10, "Termes de référence : recrutement d'un formateur")
    pdf.set_encryption(owner_password="owner", encryption_method=EncryptionMethod.RC4)
    assert read_bytes(bytes(pdf.output()), "x.pdf").text == "Termes de référence : recrutement d'un formateur"


def test_pdf_is_detected_by_content() -> None:
    pdf = _pdf()
    pdf.add_page()
    pdf.cell(0, 10, "Appel à candidatures pour un consultant")
    assert read_bytes(bytes(pdf.output()), "document.txt").format == "pdf"


def test_pdf_pages_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("nidaa.tor.formats.pdf.MAX_PAGES", 2)
    pdf = _pdf()
    for number in range(1, 4):
        pdf.add_page()
        pdf.cell(0, 10, f"Contenu propre à la page numéro {number} du document")
    document = read_bytes(bytes(pdf.output()), "long.pdf")
    assert document.pages == 3
    assert document.text == (
        "Contenu propre à la page numéro 1 du document\nContenu propre à la page numéro 2 du document"
    )
    assert document.warnings == ["only the first 2 of 3 pages were read"]
