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


def test_a_quoted_subject_runs_on_across_a_line_break_to_its_closing_quote():
    text = (
        "Les candidatures sont à envoyer à recrutement@asso.ma avec la mention « Consultant –\n"
        "consultante gestions de projets » au plus tard le 12 mars 2025."
    )
    fields = extract_fields(text)
    assert fields["email_subject"] == "Consultant – consultante gestions de projets"
    span = fields["evidence"]["email_subject"][0]
    assert text[span["start"] : span["end"]] == (
        "avec la mention « Consultant –\nconsultante gestions de projets"
    )


def test_an_english_quoted_subject_cut_by_a_line_break_is_joined():
    text = 'Send your application to jobs@ngo.org with the subject line "Project\nmanager – Fes" before 3 May 2025.'
    assert extract_fields(text)["email_subject"] == "Project manager – Fes"


def test_an_arabic_quoted_subject_cut_by_a_line_break_is_joined():
    text = "يرسل الملف إلى a@b.ma مع الإشارة في موضوع الرسالة إلى « منسق\nالمشروع »"
    assert extract_fields(text)["email_subject"] == "منسق المشروع"


def test_an_unclosed_quote_stops_at_the_paragraph_end():
    text = "Envoyer à a@b.ma avec la mention « Candidature\n\nLe dossier comprend un CV.\nDate limite : 3 mai 2025."
    assert extract_fields(text)["email_subject"] == "Candidature"
