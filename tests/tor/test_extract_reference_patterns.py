"""The call's reference as calls print it: after "Référence de la mission", a decision's number
("قرار ... رقم"), a code alone on its line (letterheads, flattened tables, quoted codes)."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Référence de la mission : ABC/DEF/IC/07/Sec12(b)\n", "ABC/DEF/IC/07/Sec12(b)"),
        ("Reference of the assignment: HQ/2025/041\n", "HQ/2025/041"),
        (
            "بناء على قرار رئيس المجلس الجماعي رقم B.3/7 2025، تنظم الجماعة مباراة لتوظيف تقنيين.\n",
            "B.3/7 2025",
        ),
        ("وذلك بناء على مقرر المدير العام للوكالة رقم 2025/17.\n", "2025/17"),
        (
            "PROGRAMME EXEMPLE (AID 0001/02/0) |\n07/PROGRAMMEEXEMPLE/2025 |\nObjet : formation\n",
            "07/PROGRAMMEEXEMPLE/2025",
        ),
        ("Request for proposals\n**«**RF\\TUN\\2025\\311 »\nTerms of reference\n", "RF\\TUN\\2025\\311"),
        ("Cahier des charges\n2024-DAO-EXEMPLE-LOT3/02\nArticle 1 : objet\n", "2024-DAO-EXEMPLE-LOT3/02"),
    ],
)
def test_reference(text, reference):
    fields = extract_fields(text)
    assert fields["reference"] == reference
    span = fields["evidence"]["reference"][0]
    assert text[span["start"] : span["end"]] == reference


@pytest.mark.parametrize(
    "text",
    [
        "Date de publication :\n12/05/2025\n",
        "Période : 2024-2025-2026-2027\n",
        "Tél : 05-37-12-34-56\n",
    ],
)
def test_dates_years_and_phone_numbers_are_no_reference(text):
    assert extract_fields(text)["reference"] is None
