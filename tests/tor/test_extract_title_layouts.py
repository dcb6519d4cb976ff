"""Titles in layouts met on unseen calls: key rows, reference lines under a
generic header, numbered tenders continued on the next line, e-mail subjects."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # an explicit key row names the title outright
        (
            "OFFRE D'EMPLOI\nRéf. : AB/12-2027\n\nPoste : Responsable administratif et financier\nContrat : CDI\n",
            "Responsable administratif et financier",
        ),
        (
            "Intitulé : Diagnostic participatif des besoins des jeunes ruraux\nDurée : 15 jours\n",
            "Diagnostic participatif des besoins des jeunes ruraux",
        ),
        (
            "NOTICE\nDescription of the assignment: Mid-term review of a water governance project\nDuty station: Rabat\n",
            "Mid-term review of a water governance project",
        ),
        # a reference line between a generic header and the post is skipped
        (
            "AVIS DE RECRUTEMENT\nRéf. : CX/RH/07\nAnimateur(trice) de quartier\n",
            "Animateur(trice) de quartier",
        ),
        # a numbered consultation header is generic: the next line is the object
        (
            "Consultation n° AB-2027-014\nÉtude de marché des produits du terroir\n",
            "Étude de marché des produits du terroir",
        ),
        # an Arabic tender number continued by "خاص ب..."
        (
            "طلب عروض رقم 12/2027\nخاص بإعداد برنامج عمل الجماعة\n",
            "طلب عروض رقم 12/2027 خاص بإعداد برنامج عمل الجماعة",
        ),
        (
            "Subject: Call for facilitators - Youth civic camp\n\nDear all,\n",
            "Call for facilitators - Youth civic camp",
        ),
    ],
)
def test_title_layouts(text, title):
    assert extract_fields(text)["title"] == title


def test_a_long_announcement_sentence_does_not_beat_the_tender_header():
    text = (
        "طلب عروض رقم 03/2027\nخاص بتكوين أطر الجماعة في التدبير\n\n"
        "تعلن جماعة المثال عن طلب عروض مفتوح لانتقاء مكتب تكوين لتأطير دورات تكوينية لفائدة أعضاء المجلس "
        "الجماعي وموظفي الجماعة، وذلك في إطار برنامج دعم الحكامة المحلية الممول من طرف شريك المثال.\n"
    )
    assert extract_fields(text)["title"].startswith("طلب عروض رقم 03/2027 خاص بتكوين")
