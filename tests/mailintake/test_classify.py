"""Attached files sorted into the pieces a call asks for."""

from __future__ import annotations

import pytest

from nidaa.mailintake import Attachment, classify_attachments, parse_message
from nidaa.mailintake import classify as classify_module
from tests.mailintake.documents import docx_bytes, fixture, pdf_bytes, xlsx_bytes

ALL = ["cv", "cover_letter", "methodology_note", "financial_offer", "timeline"]
BLANK_PDF = b"%PDF-1.4\n%%EOF\n"


def _file(name: str, data: bytes = BLANK_PDF, kind: str | None = "pdf") -> Attachment:
    return Attachment(filename=name, content_type="application/pdf", data=data, kind=kind)


def _pieces(files: list[Attachment], required: list[str] | None = None, body: str = "") -> list[str]:
    return [
        piece
        for _, piece in classify_attachments(files, required=ALL if required is None else required, body=body)
    ]


@pytest.mark.parametrize(
    ("name", "piece"),
    [
        ("CV_Amina.pdf", "cv"),
        ("AminaBenaliCV2024.pdf", "cv"),
        ("Curriculum Vitae - Y. El Amrani.pdf", "cv"),
        ("Resume_Sarah_OConnor.pdf", "cv"),
        ("السيرة الذاتية.pdf", "cv"),
        ("السيرة_الذاتية_يوسف.docx", "cv"),
        ("Lettre de motivation.pdf", "cover_letter"),
        ("LM_Amina.pdf", "cover_letter"),
        ("Cover letter.docx", "cover_letter"),
        ("رسالة التحفيز.pdf", "cover_letter"),
        ("Note méthodologique.docx", "methodology_note"),
        ("NOTE_METHODOLOGIQUE_V2.pdf", "methodology_note"),
        ("Methodology.pdf", "methodology_note"),
        ("المذكرة المنهجية.pdf", "methodology_note"),
        ("Offre financière.xlsx", "financial_offer"),
        ("offre_financiere_signee.pdf", "financial_offer"),
        ("Financial proposal.xlsx", "financial_offer"),
        ("Budget.xlsx", "financial_offer"),
        ("Devis formation.pdf", "financial_offer"),
        ("العرض المالي.pdf", "financial_offer"),
        ("العرض_المالى.xlsx", "financial_offer"),
        ("chronogramme.docx", "timeline"),
        ("Planning prévisionnel.xlsx", "timeline"),
        ("work plan.docx", "timeline"),
        ("Workplan_SOC.pdf", "timeline"),
        ("الجدول الزمني.docx", "timeline"),
    ],
)
def test_file_names_in_french_arabic_and_english(name: str, piece: str) -> None:
    assert _pieces([_file(name)]) == [piece]


@pytest.mark.parametrize(
    ("name", "piece"),
    [
        ("Offre technique.pdf", "technical_offer"),
        ("Technical Proposal - SOC.pdf", "technical_offer"),
        ("العرض التقني.pdf", "technical_offer"),
        ("Note de compréhension des TDR.docx", "tor_understanding_note"),
        ("Références similaires.pdf", "references"),
        ("Attestations de bonne exécution.pdf", "references"),
        ("Diplômes.pdf", "diplomas"),
        ("الشهادات.pdf", "diplomas"),
        ("Statuts et registre de commerce.pdf", "legal_documents"),
        ("Attestation fiscale.pdf", "legal_documents"),
        ("Portfolio.pdf", "portfolio"),
        ("TDR_formateur.pdf", "other"),
        ("Termes de référence.pdf", "other"),
        ("image001.png", "other"),
        ("scan0001.pdf", "other"),
    ],
)
def test_the_rest_of_the_vocabulary_and_other(name: str, piece: str) -> None:
    assert _pieces([_file(name)], required=[]) == [piece]


def test_required_pieces_win_among_equal_readings() -> None:
    both = _file("CV et lettre de motivation.pdf")
    assert _pieces([both], required=["cv", "cover_letter"]) == ["cv"]  # the first named
    assert _pieces([both], required=["cover_letter", "financial_offer"]) == ["cover_letter"]


def test_a_technical_offer_stands_for_the_methodology_note_a_call_requires() -> None:
    assert _pieces([_file("Offre technique.pdf")], required=["cv", "methodology_note"]) == [
        "methodology_note"
    ]
    assert _pieces([_file("Note méthodologique.pdf")], required=["technical_offer"]) == ["technical_offer"]
    assert _pieces([_file("Offre technique.pdf")], required=["cv"]) == ["technical_offer"]


def test_two_files_for_one_piece_are_both_kept() -> None:
    files = [_file("CV Amina.pdf"), _file("CV Amina (English).pdf"), _file("Budget.xlsx")]
    assert _pieces(files) == ["cv", "cv", "financial_offer"]


def test_a_line_of_the_message_that_names_the_file_classifies_it() -> None:
    body = (
        "Bonjour,\nVeuillez trouver ci-joint :\n- Offre financière : Annexe2.xlsx\n- mon CV : AB-2024.pdf\n"
    )
    files = [
        _file("Annexe2.xlsx", kind=None),
        _file("AB-2024.pdf", kind=None),
        _file("Annexe3.pdf", kind=None),
    ]
    assert _pieces(files, body=body) == ["financial_offer", "cv", "other"]


def test_documents_whose_names_say_nothing_are_read_by_their_title() -> None:
    files = [
        _file(
            "document1.pdf",
            pdf_bytes("NOTE MÉTHODOLOGIQUE", "Formation des formateurs en plaidoyer", "1. Contexte"),
        ),
        _file("document2.docx", docx_bytes("Chronogramme d'exécution", "Semaine 1 : cadrage"), kind="docx"),
        _file("document3.docx", docx_bytes("العرض المالي", "أتعاب المكون: 12000 درهم"), kind="docx"),
        _file("doc4.pdf", pdf_bytes("Proposition financière", "Honoraires : 3 000 MAD par jour")),
    ]
    assert _pieces(files) == ["methodology_note", "timeline", "financial_offer", "financial_offer"]


def test_documents_without_a_title_are_read_by_their_words() -> None:
    cv = pdf_bytes(
        "Amina Benali",
        "Rabat, Maroc - amina@example.ma",
        "Expérience professionnelle",
        "2019-2024 : formatrice en plaidoyer, Association Tadamon",
        "Formation académique : Master en sciences politiques",
        "Langues : arabe, français, anglais",
    )
    letter = docx_bytes(
        "Rabat, le 4 mars 2024",
        "À l'attention de la directrice",
        "Madame, Monsieur,",
        "J'ai l'honneur de vous présenter ma candidature au poste de formatrice.",
        "Veuillez agréer, Madame, Monsieur, mes salutations distinguées.",
    )
    sheet = xlsx_bytes(
        [["Désignation", "Jours", "Prix unitaire (MAD)", "Total"], ["Animation", 5, 3000, 15000]]
    )
    files = [
        _file("amina.pdf", cv),
        _file("amina.docx", letter, kind="docx"),
        Attachment("annexe.xlsx", "application/octet-stream", sheet, "xlsx"),
    ]
    assert _pieces(files) == ["cv", "cover_letter", "financial_offer"]


def test_unreadable_or_empty_documents_are_other() -> None:
    files = [
        _file("x.pdf", b"%PDF-1.4 broken"),
        _file("y.docx", b"PK\x03\x04 broken", kind="docx"),
        _file(""),
    ]
    assert _pieces(files) == ["other", "other", "other"]


def test_documents_are_not_opened_when_the_name_is_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(attachment: Attachment) -> str:
        raise AssertionError(f"{attachment.filename} was opened")

    monkeypatch.setattr(classify_module, "document_text", refuse)
    parsed = parse_message(fixture("outlook_forward_fr.eml"))
    pieces = _pieces(parsed.attachments, required=["cv", "methodology_note", "timeline", "financial_offer"])
    assert pieces == ["cv", "methodology_note", "timeline", "financial_offer"]
