"""PDFs exported by a word processor (issue 12): a call written as a .docx
with python-docx (a heading, a table, a bulleted list, Arabic paragraphs set
right to left) and exported to PDF by LibreOffice, as issuers do from Word or
Writer; the ToR reader must give the same title, deadline and e-mail as from
the text itself, in French and Arabic.

LibreOffice comes from Debian (scripts/system-deps.sh installs
libreoffice-writer-nogui); without it these tests are skipped with the reason,
and they fail in CI, which must run them.
"""

from __future__ import annotations

import os
import shutil
import subprocess  # noqa: S404 - the test exports PDFs with Debian's LibreOffice
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from nidaa.tor.api import read_and_extract
from nidaa.tor.readers import read_path

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")

TITLE_FR = "Recrutement d'un consultant pour l'évaluation finale du projet Jeunes et territoires"
TITLE_AR = "توظيف مكون في مجال التخطيط الاستراتيجي لفائدة الجمعيات"


def _rtl(paragraph) -> None:
    """Mark a paragraph and its runs right to left, as Word does for Arabic."""
    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in paragraph.runs:
        run_properties = run._r.get_or_add_rPr()
        run_properties.append(OxmlElement("w:rtl"))
        fonts = run_properties.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            run_properties.append(fonts)
        fonts.set(qn("w:cs"), "Amiri")


def call_docx_fr(path: Path) -> Path:
    document = WordDocument()
    document.styles["Normal"].font.name = "DejaVu Sans"
    document.styles["Normal"].font.size = Pt(11)
    document.add_paragraph("Termes de référence")
    document.add_heading(TITLE_FR, level=1)
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for row, (key, value) in zip(
        table.rows,
        (
            ("Commanditaire", "Association Tawasol pour le développement local"),
            ("Lieu", "Commune de Ouarzazate"),
        ),
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = key, value
    document.add_heading("Contexte", level=2)
    document.add_paragraph(
        "L'Association Tawasol met en œuvre depuis 2022 un programme de formation des jeunes élus des "
        "communes rurales de la province de Ouarzazate. Le programme arrive à son terme et doit être "
        "évalué par un consultant indépendant, dont la mission durera vingt jours ouvrables répartis sur "
        "deux mois."
    )
    document.add_heading("Dossier de candidature", level=2)
    for item in ("Un CV détaillé", "Une offre technique et financière"):
        document.add_paragraph(item, style="List Bullet")
    document.add_paragraph(
        "Les dossiers sont à envoyer à evaluation@tawasol.example.ma avec la mention « Évaluation finale "
        "Jeunes et territoires » au plus tard le 15 mars 2026 à 18h00."
    )
    document.save(str(path))
    return path


def call_docx_ar(path: Path) -> Path:
    document = WordDocument()
    document.styles["Normal"].font.size = Pt(12)
    for text in (
        "إعلان عن طلب عروض",
        TITLE_AR,
        "تعلن جمعية الأمل للتنمية عن حاجتها إلى مكون لتأطير ثلاث دورات تكوينية بمدينة ورزازات لفائدة "
        "أعضاء الجمعيات المحلية، على أن تدوم كل دورة يومين.",
        "يرسل ملف الترشيح إلى العنوان الإلكتروني tadrib@amal.example.ma",
        "آخر أجل لتلقي الترشيحات هو 20 أبريل 2026 على الساعة 16:00.",
    ):
        _rtl(document.add_paragraph(text))
    document.save(str(path))
    return path


def to_libreoffice_pdf(docx: Path) -> Path:
    """``docx`` exported to PDF by headless LibreOffice, with a profile of its
    own so parallel runs (and a user's open LibreOffice) never share one."""
    assert LIBREOFFICE is not None
    profile = docx.parent / f".lo-profile-{docx.stem}"
    subprocess.run(
        [LIBREOFFICE, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    shutil.rmtree(profile, ignore_errors=True)
    made = docx.with_suffix(".pdf")
    assert made.is_file()
    return made


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if LIBREOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("libreoffice is missing: CI must export the PDF fixtures", pytrace=False)
        pytest.skip(
            "LIBREOFFICE IS MISSING: Word/LibreOffice-exported PDFs are not tested; install Debian's "
            "libreoffice-writer-nogui (scripts/system-deps.sh)"
        )
    folder = tmp_path_factory.mktemp("libreoffice")
    return {
        "fr": to_libreoffice_pdf(call_docx_fr(folder / "tdr-fr.docx")),
        "ar": to_libreoffice_pdf(call_docx_ar(folder / "tdr-ar.docx")),
    }


def test_the_export_is_libreoffices(libreoffice_pdfs):
    # The producer these tests are about, not another one.
    for path in libreoffice_pdfs.values():
        document = pdfium.PdfDocument(path.read_bytes())
        try:
            assert document.get_metadata_dict()["Producer"].startswith("LibreOffice")
        finally:
            document.close()


def test_libreoffice_exported_call_reads_its_words_whole(libreoffice_pdfs):
    document = read_path(libreoffice_pdfs["fr"])
    # The heading wrapped over two lines is one line again; so is the table cell wrapped under itself.
    assert document.text.split("\n")[:4] == [
        "Termes de référence",
        TITLE_FR,
        "Commanditaire\tAssociation Tawasol pour le développement local",
        "Lieu\tCommune de Ouarzazate",
    ]
    assert document.implausible is None
    assert document.warnings == []


def test_libreoffice_exported_call_gives_its_fields(libreoffice_pdfs):
    _, fields = read_and_extract(libreoffice_pdfs["fr"].read_bytes(), "tdr.pdf")
    assert fields["title"] == TITLE_FR
    assert fields["issuer"] == "Association Tawasol pour le développement local"
    assert fields["deadline"] == "2026-03-15T18:00"
    assert fields["submission_emails"] == ["evaluation@tawasol.example.ma"]
    assert fields["email_subject"] == "Évaluation finale Jeunes et territoires"
    assert "implausible" not in fields


def test_libreoffice_exported_arabic_call_reads_in_logical_order_and_gives_its_fields(libreoffice_pdfs):
    document, fields = read_and_extract(libreoffice_pdfs["ar"].read_bytes(), "tdr.pdf")
    # Ligatures (يج in الاستراتيجي, مح in المحلية) keep their letters in reading order.
    assert document.text.split("\n")[:2] == ["إعلان عن طلب عروض", TITLE_AR]
    assert "المحلية، على أن تدوم كل دورة يومين." in document.text
    assert document.implausible is None
    assert fields["title"] == TITLE_AR
    assert fields["deadline"] == "2026-04-20T16:00"
    assert fields["submission_emails"] == ["tadrib@amal.example.ma"]


def test_the_pdf_gives_the_fields_its_docx_gives(libreoffice_pdfs):
    keys = ("title", "deadline", "submission_emails", "email_subject")
    folder = libreoffice_pdfs["fr"].parent
    for language in ("fr", "ar"):
        _, from_docx = read_and_extract((folder / f"tdr-{language}.docx").read_bytes(), "tdr.docx")
        _, from_pdf = read_and_extract(libreoffice_pdfs[language].read_bytes(), "tdr.pdf")
        assert {k: from_pdf[k] for k in keys} == {k: from_docx[k] for k in keys}
