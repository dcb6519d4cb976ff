"""Title, call type and issuer."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "title", "call_type"),
    [
        (
            "Numéro de l'appel d'offre XYZ 04/2024\nAppel à candidature pour le recrutement des formateurs /trices\nLancé par : Association Exemple",
            "Appel à candidature pour le recrutement des formateurs /trices",
            "trainer",
        ),
        (
            "Termes de Référence\n\nRecrutement d'un expert pour l'animation d'un atelier régional\n\nI. Contexte\n",
            "Recrutement d'un expert pour l'animation d'un atelier régional",
            "expert",
        ),
        (
            "## **Appel à consultation :**\n### **« Recrutement d'un/une consultant-e chargé de projet »**\n",
            "Recrutement d'un/une consultant-e chargé de projet",
            "consultant",
        ),
        (
            "Programme d'appui\n\n1 Intervention Officer Territorial\n\nOujda\n\nNous vous offrons\n- Un contrat de travail à durée déterminée\n",
            "Intervention Officer Territorial",
            "staff",
        ),
        (
            "Request for Proposals No. RFP-2025-011\nBaseline survey of cooperatives\nThe firm shall deliver...",
            "Baseline survey of cooperatives",
            "firm",
        ),
        (
            "## Vacancy: Programme Officer – Youth Inclusion\nContract: full-time, fixed-term\n",
            "Programme Officer – Youth Inclusion",
            "staff",
        ),
        (
            "إعلان عن طلب ترشيحات لانتقاء مكون(ة) في مجال التخطيط التشاركي\n",
            "إعلان عن طلب ترشيحات لانتقاء مكون(ة) في مجال التخطيط التشاركي",
            "trainer",
        ),
        (
            "تعلن الجمعية عن فتح باب الترشيح لشغل منصب:\nمنسق(ة) مشروع «واحات»\nعقد عمل محدد المدة\n",
            "منسق(ة) مشروع «واحات»",
            "staff",
        ),
    ],
)
def test_title_and_type(text, title, call_type):
    fields = extract_fields(text)
    assert fields["title"] == title
    assert fields["call_type"] == call_type
    (span,) = fields["evidence"]["title"]
    assert title.split()[-1].strip("»") in text[span["start"] : span["end"]]


def test_unknown_type_is_other():
    assert (
        extract_fields("Annonce\nNous cherchons quelqu'un pour repeindre le local.\n")["call_type"] == "other"
    )


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "Lancé par:\nALCI dans le cadre de son projet\nPrésentation de Mouvement Alternatives Citoyennes - ALCI :\n",
            "Mouvement Alternatives Citoyennes (ALCI)",
        ),
        ("Opérateur sur l'activité\tExpertise Exemple\nAnnée\t2024\n", "Expertise Exemple"),
        (
            "## II- Présentation de l'OMP\nL'Observatoire Marocain des Prisons (OMP) est une organisation non-gouvernementale.\n",
            "Observatoire Marocain des Prisons (OMP)",
        ),
        (
            "La Fondation Nour pour l'Éducation (FNE) lance un appel à candidatures pour recruter un formateur.\n",
            "Fondation Nour pour l'Éducation (FNE)",
        ),
        (
            "### About us\nThe Atlas Bridges Foundation (ABF) is a Moroccan non-profit organisation.\n",
            "Atlas Bridges Foundation (ABF)",
        ),
        ("تعلن جمعية أفق للتنمية والمواطنة عن طلب ترشيحات لانتقاء مكون\n", "جمعية أفق للتنمية والمواطنة"),
        ("Soumission\nEnvoyer le dossier à chargeprogramme@solidarite-exemple.ma\n", "Solidarite Exemple"),
    ],
)
def test_issuer(text, issuer):
    fields = extract_fields(text)
    assert fields["issuer"] == issuer
    assert fields["evidence"]["issuer"]


def test_webmail_is_not_an_issuer():
    assert extract_fields("Soumission\nEnvoyer à asso.exemple@gmail.com\n")["issuer"] is None


def test_title_over_two_lines():
    text = "TERMES DE RÉFÉRENCE\n\nRecrutement d'un(e) consultant(e)\npour l'évaluation finale du projet Exemple\n\n1. Contexte\n"
    fields = extract_fields(text)
    assert fields["title"] == "Recrutement d'un(e) consultant(e) pour l'évaluation finale du projet Exemple"
    (span,) = fields["evidence"]["title"]
    assert text[span["start"] : span["end"]].endswith("du projet Exemple")


def test_inclusive_job_title_is_staff():
    text = "Avis de recrutement\nChargé(e) de suivi-évaluation\nType de contrat : CDD d'un an\n"
    fields = extract_fields(text)
    assert fields["call_type"] == "staff"


def test_funder_in_the_letterhead_is_not_the_issuer():
    text = "Financé par\nl'Union européenne\nL'Observatoire Exemple des Droits\n\nAppel à consultation\n"
    assert extract_fields(text)["issuer"] == "Observatoire Exemple des Droits"


def test_funder_before_the_verb_is_not_the_issuer():
    text = (
        "Le Réseau Exemple pour l'Emploi (REE), avec le soutien financier de la Banque Imaginaire, "
        "met en œuvre le projet « Demain »."
    )
    assert extract_fields(text)["issuer"] == "Réseau Exemple pour l'Emploi (REE)"
