"""The e-mail subject line applicants must use."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        (
            "Le dossier devra être transmis par email, avec objet « **Consultant évaluation** », aux adresses suivantes : a@example.org",
            "Consultant évaluation",
        ),
        (
            "Les dossiers doivent être envoyés avec la mention dans l'objet de\n\nAppel à candidature formateurs / projet « Exemple »\n\nAu plus tard le 6 janvier 2025",
            "Appel à candidature formateurs / projet « Exemple »",
        ),
        ("Envoyer à x@example.org en précisant en objet : FORMATEUR-2025.", "FORMATEUR-2025"),
        ("Objet du mail : Candidature expert genre", "Candidature expert genre"),
        (
            'Send your CV to jobs@example.org with the subject line "PO-YI-2025". Deadline: 31 March 2025.',
            "PO-YI-2025",
        ),
        (
            "مع الإشارة في موضوع الرسالة إلى «مكون التخطيط التشاركي»، وذلك في أجل أقصاه 20 فبراير 2025",
            "مكون التخطيط التشاركي",
        ),
    ],
)
def test_subject(text, subject):
    fields = extract_fields(text)
    assert fields["email_subject"] == subject
    (span,) = fields["evidence"]["email_subject"]
    assert subject.split()[0] in text[span["start"] : span["end"]]


def test_reference_in_the_subject():
    text = (
        "07/2025/PO/MAR123\n"
        "Postulez au plus tard le 17/07/2025 à jobs@example.org en mentionnant la référence de l'offre "
        "sur l'objet du mail : **07/2025/PO /MAR123**"
    )
    fields = extract_fields(text)
    assert fields["reference"] == "07/2025/PO/MAR123"
    assert fields["email_subject"] == "07/2025/PO /MAR123"


def test_no_subject_when_none_is_required():
    text = "Objet de la mission\nLa mission consiste à former des élus.\nSoumission\nEnvoyer à a@example.org"
    assert extract_fields(text)["email_subject"] is None


def test_reference_named_as_the_subject():
    text = "Reference TRN-POOL-25\nSend a CV to pool@example.org. The reference TRN-POOL-25 must appear in the subject line."
    fields = extract_fields(text)
    assert fields["reference"] == "TRN-POOL-25"
    assert fields["email_subject"] == "TRN-POOL-25"
