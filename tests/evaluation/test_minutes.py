"""The evaluation minutes, read back: the PDF's text extracted with
pypdfium2 (Arabic words in logical order, every applicant's name and score
present), the DOCX's paragraphs right to left in Arabic."""

from __future__ import annotations

import io
import re

import pypdfium2
import pytest
from django.urls import reverse

from nidaa.evaluation.decisions import close_financial, close_technical, import_prices, moderate
from nidaa.evaluation.minutes import minutes_docx, minutes_pdf
from nidaa.evaluation.models import Evaluation
from nidaa.evaluation.sheets import import_scores
from tests.conftest import client_for
from tests.evaluation.conftest import score_rows


def numbered(rows, columns):
    return [(n, dict(zip(columns, row, strict=True))) for n, row in enumerate(rows, start=2)]


@pytest.fixture
def decided(call, graded, applications):
    import_scores(
        call=call,
        rows=numbered(
            score_rows(), ("evaluator", "application", "criterion", "score", "comment", "conflict")
        ),
        actor=None,
    )
    moderate(
        application=applications["R2"],
        criterion_code="C1",
        consensus="24",
        reason="Écart discuté",
        actor=None,
    )
    close_technical(call=call, actor=None)
    import_prices(
        call=call,
        rows=numbered(
            [["R1", "200000", "MAD", ""], ["R2", "15000", "EUR", "10"]],
            ("application", "amount", "currency", "rate"),
        ),
        actor=None,
    )
    close_financial(call=call, actor=None, note="Le comité retient l'offre de R2.")
    return Evaluation.objects.select_related("call", "call__organization").get(call=call)


def pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_french_minutes_name_every_applicant_with_their_scores(decided):
    text = squeeze(pdf_text(minutes_pdf(decided, "fr")))
    assert "Procès-verbal d'évaluation" in text
    for name in ("Salma Benali", "Youssef El Idrissi", "Karim Tazi"):
        assert name in text
    # An Arabic name inside a left-to-right table: pdfium extracts a mixed line
    # by position, so its two words come out in visual order; each word is intact.
    assert "العلوي مريم" in text
    for score in ("82.00", "79.00", "50.00", "100.00", "85.30", "79.90", "150000.00", "200000.00"):
        assert score in text
    assert "Écart discuté" in text
    assert "Conflit d'intérêts, écarté de : R2" in text
    # Scores in the committee's order: the chair c, then a and b; c's conflict on R2 is a dash.
    assert "R1 · Salma Benali — C1 26.00 25.00 27.00 → 26.00 ; C2 34.00 35.00 33.00 → 34.00" in text
    assert "R2 · Youssef El Idrissi — C1 — 20.00 28.00 → 24.00* (consensus)" in text
    assert "Le comité retient l'offre de R2." in text


def test_the_arabic_minutes_keep_arabic_words_in_logical_order(decided):
    text = squeeze(pdf_text(minutes_pdf(decided, "ar")))
    # Extracted in logical (reading) order, not reversed glyph by glyph.
    assert "محضر التقييم" in text
    assert "مريم العلوي" in text
    assert "الترتيب النهائي" in text
    for name in ("Salma Benali", "Youssef El Idrissi", "Karim Tazi"):
        assert name in text
    assert "85.30" in text


def test_the_arabic_docx_runs_right_to_left(decided):
    from docx import Document

    document = Document(io.BytesIO(minutes_docx(decided, "ar")))
    title = document.paragraphs[0]
    assert title.text == "محضر التقييم"
    assert title._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") is not None
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"مريم العلوي", "Salma Benali", "85.30", "R2", "مقبول"} <= cells


def test_minutes_download_is_for_the_chair_and_the_issuer_once_decided(
    decided, call, committee, owner, outsider
):
    url = reverse("evaluation:minutes", args=[call.pk, "fr", "docx"])
    assert client_for(owner).get(url).status_code == 200
    assert client_for(committee["c"]).get(url).status_code == 200
    assert client_for(committee["a"]).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 404
    assert (
        client_for(owner).get(reverse("evaluation:minutes", args=[call.pk, "de", "pdf"])).status_code == 404
    )


def test_the_ocds_release_of_the_awarded_call_names_only_the_retained_supplier(decided, call, client):
    import json

    from jsonschema import Draft4Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    from nidaa.calls.ocds import RELEASE_PACKAGE_SCHEMA, RELEASE_SCHEMA

    response = client.get(f"/ocds/releases/{call.pk}.json")
    package = response.json()
    release = package["releases"][0]
    assert release["tag"] == ["award"]
    assert [(a["status"], a["suppliers"], a["value"]) for a in release["awards"]] == [
        (
            "active",
            [{"id": "supplier-R2", "name": "Youssef El Idrissi"}],
            {"amount": 150000.0, "currency": "MAD"},
        )
    ]
    assert {"id": "supplier-R2", "name": "Youssef El Idrissi", "roles": ["supplier"]} in release["parties"]
    text = json.dumps(package, ensure_ascii=False)
    for other in ("Salma Benali", "Karim Tazi", "مريم العلوي", "R1", "R3", "R4"):
        assert other not in text
    release_schema = json.loads(RELEASE_SCHEMA.read_text(encoding="utf-8"))
    registry = Registry().with_resource(release_schema["id"], Resource(release_schema, specification=DRAFT4))
    validator = Draft4Validator(
        json.loads(RELEASE_PACKAGE_SCHEMA.read_text(encoding="utf-8")),
        registry=registry,
        format_checker=FormatChecker(),
    )
    assert [error.message for error in validator.iter_errors(package)] == []
