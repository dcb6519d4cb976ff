"""PDFs from the producers calls come from (issue 12): Chromium's "Save as PDF" and fpdf2, made by
the tests from calls written for the project; a text read as garbage says so; a PDF of one line per
page is text, not a scan."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fpdf import FPDF

from nidaa.tor.api import read_and_extract
from nidaa.tor.readers import read_path
from tests.tor.renderings import CHROMIUM, to_chromium_pdf, to_pdf

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

CALL_FR = """Termes de référence
Recrutement d'un consultant pour l'évaluation finale du projet Jeunes et territoires
Commanditaire\tAssociation Tawasol pour le développement local
Lieu\tCommune de Ouarzazate
Contexte
L'Association Tawasol met en œuvre depuis 2022 un programme de formation des jeunes élus des communes rurales de la province de Ouarzazate. Le programme arrive à son terme et doit être évalué par un consultant indépendant.
Dossier de candidature
- Un CV détaillé
- Une offre technique et financière
Les dossiers sont à envoyer à evaluation@tawasol.example.ma avec la mention « Évaluation finale Jeunes et territoires » au plus tard le 15 mars 2026 à 18h00."""

CALL_AR = """إعلان عن طلب عروض
توظيف مكون في مجال التخطيط الاستراتيجي لفائدة الجمعيات
تعلن جمعية الأمل للتنمية عن حاجتها إلى مكون لتأطير ثلاث دورات تكوينية بمدينة ورزازات.
يرسل ملف الترشيح إلى العنوان الإلكتروني tadrib@amal.example.ma
آخر أجل لتلقي الترشيحات هو 20 أبريل 2026 على الساعة 16:00."""


def page_html(text: str) -> str:
    rows, body = [], []
    for line in text.split("\n"):
        if "\t" in line:
            key, value = line.split("\t")
            rows.append(f"<tr><th>{key}</th><td>{value}</td></tr>")
            continue
        if rows:
            body.append(f"<table>{''.join(rows)}</table>")
            rows = []
        body.append(f"<li>{line[2:]}</li>" if line.startswith("- ") else f"<p>{line}</p>")
    direction = "rtl" if text.startswith("إعلان") else "ltr"
    return (
        f"<!DOCTYPE html><html dir='{direction}'><head><meta charset='utf-8'>"
        f"<style>body {{ font-family: DejaVu Sans; font-size: 11pt }} th {{ text-align: start }}</style>"
        f"</head><body>{''.join(body)}</body></html>"
    )


@pytest.fixture(scope="module")
def chromium_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not CHROMIUM.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must print the PDF fixtures", pytrace=False)
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (scripts/system-deps.sh)")
    folder = tmp_path_factory.mktemp("chromium")
    made = {}
    for name, text in (("fr", CALL_FR), ("ar", CALL_AR)):
        page = folder / f"{name}.html"
        page.write_text(page_html(text), encoding="utf-8")
        made[name] = to_chromium_pdf(page, folder / f"{name}.pdf")
    return made


def test_chromium_printed_call_reads_its_words_whole(chromium_pdfs):
    document = read_path(chromium_pdfs["fr"])
    lines = document.text.split("\n")
    assert lines[:2] == [
        "Termes de référence",
        "Recrutement d'un consultant pour l'évaluation finale du projet Jeunes et territoires",
    ]
    assert (
        "Les dossiers sont à envoyer à evaluation@tawasol.example.ma avec la mention « Évaluation finale "
        in (document.text)
    )
    assert document.implausible is None and document.warnings == []


def test_chromium_printed_call_gives_its_fields(chromium_pdfs):
    _, fields = read_and_extract(chromium_pdfs["fr"].read_bytes(), "tdr.pdf")
    assert (
        fields["title"]
        == "Recrutement d'un consultant pour l'évaluation finale du projet Jeunes et territoires"
    )
    assert fields["issuer"] == "Association Tawasol pour le développement local"
    assert fields["deadline"] == "2026-03-15T18:00"
    assert fields["submission_emails"] == ["evaluation@tawasol.example.ma"]
    assert fields["email_subject"] == "Évaluation finale Jeunes et territoires"
    assert fields["required_documents"] == ["cv", "technical_offer", "financial_offer"]
    assert "implausible" not in fields


def test_chromium_printed_arabic_call_reads_in_logical_order(chromium_pdfs):
    document, fields = read_and_extract(chromium_pdfs["ar"].read_bytes(), "tdr.pdf")
    assert "توظيف مكون في مجال التخطيط الاستراتيجي لفائدة الجمعيات" in document.text
    assert fields["deadline"] == "2026-04-20T16:00"
    assert fields["submission_emails"] == ["tadrib@amal.example.ma"]
    assert document.implausible is None


def test_fpdf2_made_call_gives_the_same_fields_as_the_chromium_print(chromium_pdfs, tmp_path):
    keys = ("title", "issuer", "deadline", "submission_emails", "email_subject", "required_documents")
    made = to_pdf(CALL_FR, tmp_path / "fpdf.pdf", banner=None)
    _, from_fpdf = read_and_extract(made.read_bytes(), "tdr.pdf")
    _, from_chromium = read_and_extract(chromium_pdfs["fr"].read_bytes(), "tdr.pdf")
    assert {k: from_fpdf[k] for k in keys} == {k: from_chromium[k] for k in keys}


def _pdf_of_lines(path: Path, pages: list[list[str]]) -> Path:
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=11)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


LETTER_SPACED = "L e p r o g r a m m e d ' a p p u i a u x c o m m u n e s r u r a l e s"


def test_letter_spaced_text_is_read_but_said_implausible(tmp_path):
    path = _pdf_of_lines(tmp_path / "spaced.pdf", [[LETTER_SPACED] * 3, [LETTER_SPACED] * 3])
    document, fields = read_and_extract(path.read_bytes(), "spaced.pdf")
    assert document.implausible == "letter_spaced"
    assert document.warnings == [
        "the text read from this document is letter-spaced (its letters come apart): "
        "check every field against the file, or paste the call's text"
    ]
    assert fields["implausible"] == "letter_spaced"


def test_confidences_are_cut_when_the_text_is_implausible(tmp_path):
    noise = " ".join(["TATAKWKW", "XQZT", "KWKWTA"] * 20) + " contact@exemple.ma"
    _, fields = read_and_extract(noise.encode(), "call.txt")
    assert fields["implausible"] == "no_words"
    assert fields["contact_emails"] == ["contact@exemple.ma"]
    assert fields["confidence"]["contact_emails"] == 0.24  # 0.8 x 0.3


def test_a_plain_call_is_not_implausible():
    document, fields = read_and_extract(CALL_FR.encode(), "call.txt")
    assert document.implausible is None and "implausible" not in fields


def test_one_similar_line_per_page_is_text_not_a_scan(tmp_path):
    pages = [[f"Article {n} : les obligations du consultant sont précisées ci-dessous."] for n in range(1, 5)]
    document = read_path(_pdf_of_lines(tmp_path / "articles.pdf", pages))
    assert document.text.split("\n") == [page[0] for page in pages]


def test_running_header_still_goes_when_pages_have_more_lines(tmp_path):
    bodies = ["Le contexte du projet.", "Les tâches du consultant.", "Le calendrier de la mission."]
    pages = [["Appel à consultation — Tawasol", body] for body in bodies]
    document = read_path(_pdf_of_lines(tmp_path / "header.pdf", pages))
    assert document.text.split("\n") == [page[1] for page in pages]
