"""The call's reference number as printed."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Réf. AMUSSU/2024/226\nNuméro de l'appel d'offre ALCI/ AMUSSU 04/2024\n", "AMUSSU/2024/226"),
        ("AVIS D'APPEL D'OFFRES N° 03/2025/ATDL\n", "03/2025/ATDL"),
        ("Request for Proposals No. RFP-2025-011\n", "RFP-2025-011"),
        ("Référence | FNE-JL-2025-02\n", "FNE-JL-2025-02"),
        ("Ref: ABF/HR/2025/04\n", "ABF/HR/2025/04"),
        ("المرجع: OFQ/2025/07\n", "OFQ/2025/07"),
        (
            "Programme d'appui\n\n1 Intervention Officer\n\n07/2022/IOT /MAR20000211\n\nOujda\n",
            "07/2022/IOT /MAR20000211",
        ),
    ],
)
def test_reference(text, reference):
    fields = extract_fields(text)
    assert fields["reference"] == reference
    (span,) = fields["evidence"]["reference"]
    assert text[span["start"] : span["end"]] == reference


@pytest.mark.parametrize(
    "text",
    [
        "Termes de référence\nRecrutement d'un consultant\n",
        "Date limite : 17/07/2022\n",
        "Les termes de référence de la mission sont joints.\n",
    ],
)
def test_no_reference(text):
    assert extract_fields(text)["reference"] is None


def test_call_code_inside_a_line():
    fields = extract_fields("Request for Quotation RFQ/2025/017\nFacilitation of a two-day retreat\n")
    assert fields["reference"] == "RFQ/2025/017"
    assert fields["title"] == "Facilitation of a two-day retreat"
    assert fields["duration_days"] == 2


def test_tdr_number():
    assert (
        extract_fields("TDR N° 12/PRG/2025\nObjet : recrutement d'un consultant\n")["reference"]
        == "12/PRG/2025"
    )
