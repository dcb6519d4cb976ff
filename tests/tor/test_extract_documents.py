"""Required documents, normalised to the contract vocabulary."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "documents"),
    [
        (
            "L'offre doit contenir :\n· Le Curriculum Vitae ;\n· Une note méthodologique expliquant la démarche ;\n"
            "· Une offre financière ;\n· Un chronogramme de réalisation.\n",
            ["cv", "methodology_note", "financial_offer", "timeline"],
        ),
        (
            "7. Les éléments du dossier :\n1. Note de compréhension des TdR\n2. Proposition technique\n3. Proposition financière\n",
            ["tor_understanding_note", "technical_offer", "financial_offer"],
        ),
        (
            "Soumission des propositions\nLes candidats soumettent leur offre comprenant :\n"
            "- Un CV détaillant leurs références et missions similaires.\n"
            "- Une note de présentation de leur approche, incluant un chronogramme.\n"
            "- Une offre financière.\n",
            ["cv", "methodology_note", "financial_offer"],
        ),
        (
            "Intéressé.e ?\nPostulez au plus tard le 17/07/2022 en joignant votre CV et votre lettre de motivation à a@example.org",
            ["cv", "cover_letter"],
        ),
        (
            "Content of the proposal\nThe proposal must include:\n- A technical proposal (approach, methodology and timeline);\n"
            "- A financial proposal;\n- CVs of the key experts;\n- References of similar assignments;\n"
            "- A copy of the company registration certificate.\n",
            ["technical_offer", "financial_offer", "cv", "references", "legal_documents"],
        ),
        (
            "ملف الترشيح\n- السيرة الذاتية؛\n- رسالة التحفيز؛\n- العرض التقني والمالي.\n",
            ["cv", "cover_letter", "technical_offer", "financial_offer"],
        ),
        (
            "Dossier de candidature\n• CV détaillé\n• Copie des diplômes\n• Des échantillons de travaux réalisés\n• Une attestation d'assurance\n",
            ["cv", "diplomas", "portfolio", "other:attestation assurance"],
        ),
        (  # written as one word: "workplan", "timetable"
            "Documents à fournir :\n- CV\n- un workplan détaillé\n- une offre financière\n",
            ["cv", "timeline", "financial_offer"],
        ),
        (
            "Required documents:\n- CV\n- a detailed timetable\n- financial offer\n",
            ["cv", "timeline", "financial_offer"],
        ),
    ],
)
def test_required_documents(text, documents):
    fields = extract_fields(text)
    assert fields["required_documents"] == documents
    assert fields["evidence"]["required_documents"]
    for span in fields["evidence"]["required_documents"]:
        assert 0 <= span["start"] < span["end"] <= len(text)


def test_terms_of_reference_are_not_references():
    text = "Termes de référence\nDossier de candidature\n- CV\n- Lettre de motivation\n"
    assert extract_fields(text)["required_documents"] == ["cv", "cover_letter"]


def test_nothing_asked_nothing_listed():
    assert extract_fields("Recrutement d'un formateur\nDurée : 3 jours\n")["required_documents"] == []


def test_deliverables_table_rows_keep_the_first_cell():
    text = "Livrables :\nRapport de démarrage\t1 semaine après la signature\nRapport final\tfin de mission\n"
    assert extract_fields(text)["deliverables"] == ["Rapport de démarrage", "Rapport final"]


def test_deliverables_from_a_sentence():
    text = "Le consultant remettra un rapport de diagnostic, le plan de communication et un rapport de fin de mission."
    assert extract_fields(text)["deliverables"] == [
        "rapport de diagnostic",
        "plan de communication",
        "rapport de fin de mission",
    ]


def test_deliverables_table_with_header_row_and_page_furniture():
    text = (
        "Org Exemple\nPage 1\n"
        "4. LIVRABLES\nLivrable\tÉchéance\nProgramme pédagogique\tAvant le démarrage\n"
        "Org Exemple\nPage 2\n"
        "Rapport final\tFin de mission\n5. VOLUME DE TRAVAIL\n18 jours-homme.\n"
    )
    fields = extract_fields(text)
    assert fields["deliverables"] == ["Programme pédagogique", "Rapport final"]
    assert fields["duration_days"] == 18
