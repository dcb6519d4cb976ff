"""The final report, read back: the PDFs' text with pypdfium2 (French and
Arabic, Arabic words in logical order, the tabulation's figures present),
the DOCX with python-docx (right-to-left paragraphs and tables in Arabic,
the charts as pictures), and a regeneration after a correction."""

import io
import os
import re

import openpyxl
import pypdfium2
import pytest
from django.core.management import call_command
from docx import Document
from docx.oxml.ns import qn

from nidaa.questionnaires.models import Response
from nidaa.reports.annex import attendance_lists_xlsx
from nidaa.reports.document import report_docx, report_pdf
from nidaa.reports.services import add_action, save_narrative

NARRATIVE = {
    "course_fr": "Les ateliers se sont tenus à Tanger et à Fès.",
    "course_ar": "انعقدت الورشات في طنجة وفاس.",
    "conclusions_fr": "Les élus maîtrisent mieux le budget participatif.",
    "conclusions_ar": "",
    "recommendations_fr": "",
    "recommendations_ar": "تعميم التكوين على باقي الجماعات.",
}


def pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        return re.sub(r"\s+", " ", "\n".join(page.get_textpage().get_text_range() for page in document))
    finally:
        document.close()


@pytest.fixture
def written(example, facilitator):
    mission = example["mission"]
    save_narrative(mission=mission, texts=NARRATIVE, actor=facilitator)
    add_action(
        mission=mission,
        title="Former les agents communaux",
        owner="Commune de Tanger",
        due_date=__import__("datetime").date(2026, 6, 30),
        actor=facilitator,
    )
    return example


@pytest.mark.django_db
def test_the_french_pdf_prints_the_records_and_the_tabulation(written):
    text = pdf_text(report_pdf(written["mission"], "fr"))
    for expected in (
        "Rapport final",
        "Formation des élus — Tanger et Fès",
        "Renforcer les capacités des élus",
        "Salma Benali",
        "Les ateliers se sont tenus à Tanger et à Fès.",
        "Les élus maîtrisent mieux le budget participatif.",
        "Former les agents communaux",
        "Commune de Tanger",
        "30 juin 2026",
        "Amina Tazi",  # the attendance lists in annex
    ):
        assert expected in text
    # The whole mission's row: paired 6, pre only 1, post only 1, means 35,8 → 58,3, gain 22,5, 66,7 % improved, 70,0 %.
    assert "Tous les participants 6 1 1 35,8 58,3 22,5 66,7 70,0" in text
    assert f"{written['modules']['M1 Budget participatif'].title} 4 1 1 35,0 58,8 23,8 75,0 70,0" in text
    # The recommendations were written in Arabic only: printed, and said so.
    assert "Rédigé en arabe." in text
    # A session with its attendance and results: Tanger's M1 day, 3 expected, 3 present, 2 paired.
    assert "2 mars 2026 M1 Budget participatif Tanger 3 3 2 45,0 65,0 20,0 80,0" in text


@pytest.mark.django_db
def test_long_attendance_lists_leave_the_report_for_a_spreadsheet(written, monkeypatch, owner):
    monkeypatch.setattr("nidaa.reports.document.ANNEX_NAMES", 7)
    mission = written["mission"]
    text = pdf_text(report_pdf(mission, "fr"))
    assert "Les listes de présence (8 noms) sont trop longues pour figurer dans le rapport" in text
    assert "Amina Tazi" not in text
    sheet = openpyxl.load_workbook(io.BytesIO(attendance_lists_xlsx(mission, "ar"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.sheet_view.rightToLeft is True
    assert rows[0] == (
        "التاريخ",
        "الوحدة",
        "المنطقة",
        "الرمز",
        "الاسم (بالحروف اللاتينية)",
        "الاسم (بالحروف العربية)",
        "الفئة",
        "بدون تسجيل مسبق",
    )
    assert len(rows) == 9
    # In the sheets' order: by folded name (surname first as the factory folds them).
    assert [r[4] for r in rows[1:4]] == ["Nadia Alaoui", "Amina Tazi", "Omar Idrissi"]


@pytest.mark.django_db
def test_the_arabic_pdf_keeps_arabic_words_in_logical_order(written):
    text = pdf_text(report_pdf(written["mission"], "ar"))
    assert "التقرير النهائي" in text
    assert "انعقدت الورشات في طنجة وفاس." in text
    assert "تعميم التكوين على باقي الجماعات." in text
    assert "الرضا العام" in text  # the rating question's chart
    for figure in ("35,8", "58,3", "22,5", "66,7", "70,0"):
        assert figure in text


@pytest.mark.django_db
def test_the_arabic_docx_runs_right_to_left_with_its_charts(written):
    document = Document(io.BytesIO(report_docx(written["mission"], "ar")))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    assert paragraphs[0].text == "التقرير النهائي"
    assert all(p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None for p in paragraphs)
    assert "انعقدت الورشات في طنجة وفاس." in [p.text for p in paragraphs]
    assert all(t._tbl.tblPr.find(qn("w:bidiVisual")) is not None for t in document.tables)
    overall = [[c.text for c in row.cells] for row in document.tables[5].rows]
    assert overall[1] == ["كل المشاركين", "6", "1", "1", "35,8", "58,3", "22,5", "66,7", "70,0"]
    # The five charts (module, zone, sex, satisfaction, the rating question x3 forms) as PNG pictures.
    pictures = [s for s in document.inline_shapes]
    assert len(pictures) == 7


@pytest.mark.django_db
def test_the_french_docx_is_left_to_right(written):
    document = Document(io.BytesIO(report_docx(written["mission"], "fr")))
    assert document.paragraphs[0].text == "Rapport final"
    assert all(p._p.pPr is None or p._p.pPr.find(qn("w:bidi")) is None for p in document.paragraphs)


@pytest.mark.django_db
def test_regenerating_after_a_correction_prints_the_corrected_figures(written, tmp_path):
    mission = written["mission"]
    target = tmp_path / "rapport.pdf"
    call_command(
        "missions_report", "--mission", str(mission.pk), "--lang", "fr", "--format", "pdf", "-o", str(target)
    )
    assert "Tous les participants 6 1 1 35,8 58,3 22,5 66,7 70,0" in pdf_text(target.read_bytes())
    Response.objects.filter(participant=written["people"][2], questionnaire__kind="post").update(score=70.0)
    call_command(
        "missions_report", "--mission", str(mission.pk), "--lang", "fr", "--format", "pdf", "-o", str(target)
    )
    assert "Tous les participants 6 1 1 35,8 61,7 25,8 83,3 70,0" in pdf_text(target.read_bytes())
    docx_target = tmp_path / "rapport.docx"
    call_command(
        "missions_report",
        "--mission",
        str(mission.pk),
        "--lang",
        "ar",
        "--format",
        "docx",
        "-o",
        str(docx_target),
    )
    assert Document(str(docx_target)).paragraphs[0].text == "التقرير النهائي"
    assert os.path.getsize(docx_target) > 0


@pytest.mark.django_db
def test_many_sessions_print_one_row_per_module_and_zone_the_detail_in_the_spreadsheet(written, monkeypatch):
    monkeypatch.setattr("nidaa.reports.document.SESSION_ROWS", 2)
    mission = written["mission"]
    text = pdf_text(report_pdf(mission, "fr"))
    assert (
        "Les 3 séances une à une, avec leur présence et leurs résultats, forment la feuille « Séances » "
        "du tableur « Listes de présence », téléchargé à côté du rapport." in text
    )
    # Module, zone, venues, how many sessions, their dates; the per-session figures are not printed.
    assert "Module Zone Lieu Séances Dates M1 Budget participatif Tanger 1 2 mars 2026" in text
    assert "2 mars 2026 M1 Budget participatif Tanger 3 3 2 45,0 65,0 20,0 80,0" not in text
    arabic = Document(io.BytesIO(report_docx(mission, "ar")))
    assert [c.text for c in arabic.tables[0].rows[0].cells] == [
        "الوحدة",
        "المنطقة",
        "المكان",
        "الجلسات",
        "التواريخ",
    ]
    book = openpyxl.load_workbook(io.BytesIO(attendance_lists_xlsx(mission, "fr")))
    assert book.sheetnames == ["Listes de présence", "Séances"]
    rows = list(book["Séances"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Date", "Module", "Zone", "Lieu")
    assert len(rows) == 4
    # Tanger's M1 day: 3 expected, 3 present, 2 paired, 45 → 65, gain 20, satisfaction 80, as numbers.
    day, module, zone, venue, *figures = rows[1]
    assert (day.date(), module, zone, venue or "") == (
        __import__("datetime").date(2026, 3, 2),
        "M1 Budget participatif",
        "Tanger",
        "",
    )
    assert figures == [3, 3, 2, 45.0, 65.0, 20.0, 80.0]
