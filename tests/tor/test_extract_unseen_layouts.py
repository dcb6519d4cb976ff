"""How calls reach an issuer from portals, job boards and notices (issue 16), written from the
patterns of such calls, not from any one of them: titles, issuers, deadlines, types and places in
French, Arabic and English."""

from __future__ import annotations

import pytest

from nidaa.tor.api import read_and_extract
from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # a job board's heading, then the announcement sentence
            "Chargé(e) de suivi-évaluation\n\nContexte :\nL'association Amal lance un appel à candidatures pour "
            "le poste de chargé(e) de suivi-évaluation de son programme jeunesse.",
            "Chargé(e) de suivi-évaluation",
        ),
        (  # an Arabic notice opening with the announcement: its object is the title
            "تعلن الوكالة الجهوية للتنمية (ARD) عن تنظيم مباراة لتوظيف متصرفين من الدرجة الثانية، وذلك يوم 12 ماي 2026.\n"
            "شروط الترشيح: أن يكون المترشح حاصلا على الإجازة.",
            "مباراة لتوظيف متصرفين من الدرجة الثانية",
        ),
        (
            "تفتح جماعة أكادير باب الترشيح للمشاركة في مباراة توظيف متصرف من الدرجة الثالثة، وفق الشروط التالية.",
            "باب الترشيح للمشاركة في مباراة توظيف متصرف من الدرجة الثالثة",
        ),
        (  # label/value lines of a recruitment platform are details, not the title
            "Type de contrat : Prestation de service\nDurée : 20 jours\n"
            "Recrutement d'un formateur en gestion de projet\nContexte\nLe projet vise ...",
            "Recrutement d'un formateur en gestion de projet",
        ),
        (  # an aggregator's header: a source URL and a dated label line are never the title
            "SOURCE: https://www.exemple-portail.ma/appels/1234\n"
            "Date limite de sélection des offres : 18/09/2026\n"
            "Association Tilila pour le développement\nAppel à candidatures\n"
            "Recrutement d'un(e) consultant(e) pour l'élaboration du plan stratégique\nContexte",
            "Recrutement d'un(e) consultant(e) pour l'élaboration du plan stratégique",
        ),
        (  # a job board's "Apply by" header, then the post
            "Apply by: 30 June 2026\nPosted: 2 June 2026\nProgramme Officer – Livelihoods\n"
            "Mercy Corps is seeking a Programme Officer to support its livelihoods programme.",
            "Programme Officer – Livelihoods",
        ),
        (  # a portal's breadcrumb ends with the page's title
            "Accueil » Appels d'offres » Étude de base du programme d'appui aux coopératives\n"
            "Publié le 3 mars 2026\nLe présent appel vise la réalisation d'une étude de base.",
            "Étude de base du programme d'appui aux coopératives",
        ),
    ],
)
def test_title_of_a_call_as_published(text, title):
    assert extract_fields(text)["title"] == title


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "NRC (Norwegian Refugee Council) is seeking a consultant to review its protection programme.",
            "Norwegian Refugee Council (NRC)",
        ),
        (  # a letterhead typed as a list
            "- Royaume du Maroc\n- Association Nour pour le développement\nAppel à manifestation d'intérêt\n",
            "Association Nour pour le développement",
        ),
        (  # a labelled cell keeps the whole name, "pour ..." included
            "Commanditaire\tFondation Atlas pour l'éducation rurale\nObjet\tFormation des animateurs",
            "Fondation Atlas pour l'éducation rurale",
        ),
        (
            "Le Centre Marocain d'Études Sociales (CMES) informe du lancement d'une consultation.",
            "Centre Marocain d'Études Sociales (CMES)",
        ),
        (
            "Introduction\nThe Danish Refugee Council is implementing a livelihoods project in the north.",
            "Danish Refugee Council",
        ),
        (  # any organisation an Arabic announcing verb names, with its acronym
            "تعلن الوكالة الجهوية للتنمية (ARD) عن تنظيم مباراة لتوظيف متصرفين.",
            "الوكالة الجهوية للتنمية (ARD)",
        ),
        (
            "يعلن رئيس المجلس الجماعي لتزنيت، طبقا للنصوص الجاري بها العمل، عن فتح باب الترشيح.",
            "المجلس الجماعي لتزنيت",
        ),
    ],
)
def test_issuer_of_a_call_as_published(text, issuer):
    assert extract_fields(text)["issuer"] == issuer


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Échéance\n\n15 Juin 2026 Dans 3 semaines\n\nDétails de l'opportunité", "2026-06-15"),
        ("Deadline: 05-Jun-26\nThe Embassy invites proposals from NGOs.", "2026-06-05"),
        (
            "Les offres sont déposées pour le 05 octobre 2026 à 10 heures au plus tard.\n"
            "L'ouverture des plis aura lieu le 05 octobre 2026 à 11 heures.",
            "2026-10-05T10:00",
        ),
        ("The closing date for proposals is «12/10/2026» at «12:00 PM local time».", "2026-10-12T12:00"),
        (
            "تستقبل الطلبات ابتداء من يوم الاثنين 4 ماي 2026 إلى غاية يوم الجمعة 15 ماي 2026.",
            "2026-05-15",
        ),
    ],
)
def test_deadline_of_a_call_as_published(text, deadline):
    assert extract_fields(text)["deadline"] == deadline


def test_tatweel_does_not_hide_the_deadline_cue():
    _, fields = read_and_extract("آخـــر أجـل لإيـداع الترشيحات هو 20 يونيو 2026.".encode(), "call.txt")
    assert fields["deadline"] == "2026-06-20"


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        (
            "Appel à projets 2026\nLes associations sont invitées à soumettre leurs propositions pour une subvention.",
            "other",
        ),
        (
            "Request for Proposals\nOfferors shall submit a technical and a financial proposal for the baseline.",
            "firm",
        ),
        ("إعلان عن مباراة لتوظيف تقنيين من الدرجة الثالثة\nتنظم الجهة مباراة لتوظيف تقنيين.", "staff"),
        (
            "Termes de référence\nÉvaluation finale du projet Oasis\nLivrables\n- Rapport final",
            "consultant",
        ),
    ],
)
def test_call_type_of_a_call_as_published(text, call_type):
    assert extract_fields(text)["call_type"] == call_type


@pytest.mark.parametrize(
    ("text", "locations"),
    [
        ("Relevant locations: Sousse, Gafsa Governorate, Kef\n\nBackground", ["Sousse", "Gafsa", "Kef"]),
        ("Contract type\nConsultancy\nDelivery location\nIrbid – Jordan\nStart date\nMarch", ["Irbid"]),
        (
            "| Location |\n: |\nTunisia (with travel to the target areas : Bizerte, Kasserine) |",
            ["Bizerte", "Kasserine"],
        ),
        ("Le projet intervient dans cinq délégations du gouvernorat de Sidi Bouzid.", ["Sidi Bouzid"]),
    ],
)
def test_places_of_a_call_abroad_as_published(text, locations):
    assert extract_fields(text)["locations"] == locations
