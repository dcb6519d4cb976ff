"""Who a call is addressed to (issue 16): bidders, a post a job board names, the profile an
announcement seeks, organisations invited to apply — patterns in French, English and Arabic."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        # a request addressed to bidders is for a firm, even when its object is "a consultancy"
        (
            "Advertisement - REQUEST FOR PROPOSAL\nConsultancy services for the baseline survey\n"
            "INSTRUCTIONS TO BIDDERS\nBidders shall submit their bids before the deadline.",
            "firm",
        ),
        (
            "Avis d'appel d'offres\nConsultation pour l'étude de faisabilité\n"
            "Les soumissionnaires remettront leurs offres sous pli fermé.",
            "firm",
        ),
        # ... unless an individual may answer it
        (
            "Request for Proposals\nIndividual consultant for the baseline survey\n"
            "Bidders shall submit their bids before the deadline.",
            "consultant",
        ),
        # a job board's label states the type
        ("Réf.\n2026/ABC/12\nType d'offre\nExperts\nDurée\n12 jours\nContexte\nLe projet vise ...", "expert"),
        # a job board's page opens with the post
        (
            "FORMATRICE / FORMATEUR\nMODULE DE GESTION ASSOCIATIVE\n- Lieu : Sfax\n- Contrat : Consultation nationale\n"
            "Contexte\nLe projet appuie les associations de la région.",
            "trainer",
        ),
        # the profile the announcement seeks
        (
            "TERMS OF REFERENCE\nMid-term review of the resilience programme\nRFQ-2026-0012\n"
            "Sahel Aid is seeking an independent consultant/firm to review the programme. "
            "Consultancy firms may apply.",
            "consultant",
        ),
        # organisations invited to apply: grants, partnerships
        (
            "Deadline: 01-Jun-26\nThe Embassy announces an open competition for organizations to submit "
            "applications to run two seminars for 60 participants.",
            "other",
        ),
        ("تدعو الجماعة الجمعيات المحلية الراغبة إلى إيداع ملفاتها قبل 30 أبريل 2026.", "other"),
        # a public competition recruits staff
        ("مسابقة لتوظيف مهندسين من الدرجة الأولى\nشروط المشاركة", "staff"),
    ],
)
def test_call_type_by_addressee(text, call_type):
    fields = extract_fields(text)
    assert fields["call_type"] == call_type
    assert fields["evidence"]["call_type"]
