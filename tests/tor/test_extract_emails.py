"""Submission and contact e-mail addresses."""

from __future__ import annotations

from nidaa.tor.extract import extract_fields


def quoted(text: str, fields: dict, name: str) -> str:
    return " ".join(text[s["start"] : s["end"]] for s in fields["evidence"].get(name, []))


def test_submission_and_cc_are_submission():
    text = (
        "Soumission :\n"
        "Envoyer le dossier à l'adresse Recrutement@Exemple-Asso.example.org et en CC "
        "direction@exemple-asso.example.org\n"
    )
    fields = extract_fields(text)
    assert fields["submission_emails"] == [
        "recrutement@exemple-asso.example.org",
        "direction@exemple-asso.example.org",
    ]
    assert fields["contact_emails"] == []
    assert "Recrutement@Exemple-Asso.example.org" in quoted(text, fields, "submission_emails")


def test_contact_only_address_is_a_contact():
    text = "Directrice de projet\tAmina Exemple\nEmail\tamina.exemple@example.org\nII. Objectif\nRenforcer les capacités."
    fields = extract_fields(text)
    assert fields["submission_emails"] == []
    assert fields["contact_emails"] == ["amina.exemple@example.org"]


def test_questions_address_is_a_contact_even_in_the_submission_section():
    text = (
        "How to apply\n"
        "Send your application to jobs@example.org. For any question, write to info@example.org.\n"
    )
    fields = extract_fields(text)
    assert fields["submission_emails"] == ["jobs@example.org"]
    assert fields["contact_emails"] == ["info@example.org"]


def test_mailto_links_are_deduplicated_and_lowercased():
    text = "Soumission\nÀ envoyer à [Appels@Example.org](mailto:Appels@Example.org).\n"
    fields = extract_fields(text)
    assert fields["submission_emails"] == ["appels@example.org"]
    assert len(fields["evidence"]["submission_emails"]) == 2


def test_arabic_submission_and_inquiry_addresses():
    text = (
        "طريقة الترشيح\nترسل الملفات إلى العنوان التالي: tarchih@example.org\nللاستفسار: sual@example.org\n"
    )
    fields = extract_fields(text)
    assert fields["submission_emails"] == ["tarchih@example.org"]
    assert fields["contact_emails"] == ["sual@example.org"]


def test_no_address_no_emails():
    fields = extract_fields("Termes de référence\nRecrutement d'un consultant\nDurée : 5 jours\n")
    assert fields["submission_emails"] == [] and fields["contact_emails"] == []
    assert "submission_emails" not in fields["evidence"]


def test_questions_address_is_a_contact_whatever_the_verb():
    text = "Timeline\n- Questions may be sent until 10 June 2025 to questions@example.org\n- Deadline: 20 June 2025\n"
    fields = extract_fields(text)
    assert fields["submission_emails"] == []
    assert fields["contact_emails"] == ["questions@example.org"]
