"""Titles in the shapes calls reach an issuer in, written from the patterns of portals, job boards,
document hosts and public notices in French, English and Arabic (issue 16), not from any one call:
what a page glues to a title, cut copies, label rows, titles over several lines, Arabic stretching."""

from __future__ import annotations

import pytest

from tests.tor.titles import title_of


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # a job board's name after a dash
            "Recrutement d'un(e) chargé(e) de plaidoyer pour le projet Voix Locales - Emploi Associatif\n"
            "Publié le 02/02/2027\n\nContexte\nLe projet vise ...\n",
            "Recrutement d'un(e) chargé(e) de plaidoyer pour le projet Voix Locales",
        ),
        (  # an Arabic heading with the deadline glued after it
            "مباراة لتوظيف 12 متصرفا من الدرجة الثانية بالمجلس الجهوي آخر أجل 14 مارس 2027\n\n"
            "تعلن الجهة عن تنظيم مباراة لتوظيف 12 متصرفا من الدرجة الثانية.\n",
            "مباراة لتوظيف 12 متصرفا من الدرجة الثانية بالمجلس الجهوي",
        ),
        (  # an English heading with "- Deadline: date"
            "Baseline Survey Consultant for the Coastal Youth Programme - Deadline: 3 May 2027\n\n"
            "Background\nThe programme ...\n",
            "Baseline Survey Consultant for the Coastal Youth Programme",
        ),
        (  # a "back to the list" link glued to the heading
            "Appel à consultation pour la conception d'un guide de gestion associative-Retour vers les opportunités\n"
            "Échéance\n12 Mai 2027\n",
            "Appel à consultation pour la conception d'un guide de gestion associative",
        ),
        (  # a bare date after a separator
            "Call for Trainers on Participatory Budgeting for Local Councils – 15/06/2027\n\nAbout the project\n",
            "Call for Trainers on Participatory Budgeting for Local Councils",
        ),
        (  # a site's name after a bar: the heading is not a table row
            "إعلان عن حاجة إلى مكون(ة) في مجال التواصل الرقمي | بوابة الجمعيات\nنشر في 02/02/2027\n",
            "إعلان عن حاجة إلى مكون(ة) في مجال التواصل الرقمي",
        ),
    ],
)
def test_what_a_page_glues_to_the_title_is_dropped(text, title):
    assert title_of(text) == title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # a date that belongs to the object stays
            "Atelier régional de planification du 12 mars 2027\n\nContexte\n",
            "Atelier régional de planification du 12 mars 2027",
        ),
        (  # a dash inside a post's name stays
            "Programme Officer – Water Governance\n\nLocation: Settat\n",
            "Programme Officer – Water Governance",
        ),
    ],
)
def test_what_belongs_to_the_title_stays(text, title):
    assert title_of(text) == title


def test_arabic_stretching_is_read_and_dropped():
    text = (
        "الإدارة | المندوبية الجهوية\nعدد المناصب | 7\n\n"
        "إعلان عن مبــاراة لتوظيـف 7 تقنيين من الدرجة الثالثة\n"
        "تعلن المندوبية الجهوية عن تنظيم مباراة لتوظيف 7 تقنيين.\n"
    )
    assert title_of(text) == "إعلان عن مباراة لتوظيف 7 تقنيين من الدرجة الثالثة"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # the host's copy, cut in the middle of a word, with a reference before it
            "QZR/2019/044 Termes de référence pour l`accompagnement des coopératives agri\n\nTranscription\n\n"
            "Termes de référence pour l'accompagnement des coopératives agricoles de la province\n"
            "1. Contexte\n",
            "Termes de référence pour l'accompagnement des coopératives agricoles de la province",
        ),
        (  # the copy runs over the two lines the document prints its title on
            "Evaluation of the Green Schools project in the Souss re\n\nFull text\n\nTERMS OF REFERENCE\n"
            "Evaluation of the Green Schools project\nin the Souss region\n\nContents\n",
            "Evaluation of the Green Schools project in the Souss region",
        ),
    ],
)
def test_a_cut_copy_gives_way_to_the_full_title(text, title):
    assert title_of(text) == title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # a row of a flattened table
            "| Lieu | Kénitra |\n| Intitulé | Diagnostic des besoins en formation des élus |\n| Durée | 12 jours |\n",
            "Diagnostic des besoins en formation des élus",
        ),
        (  # a form's key alone on its line, the value below
            "Posted on\n2 March 2027\nActivity Title\nMapping of women-led cooperatives in the Draa valley\nSector\nNGO\n",
            "Mapping of women-led cooperatives in the Draa valley",
        ),
        (  # a key behind a bullet
            "- Lieu : Meknès\n- Intitulé : Formation des animateurs en éducation environnementale\n- Durée : 5 jours\n",
            "Formation des animateurs en éducation environnementale",
        ),
        (  # an aggregator's heading "Organisation's name: title", kept whole as the page states it
            "وزارة التضامن: مباراة لتوظيف 40 مساعدا اجتماعيا في عدة جهات\n\nتعلن الوزارة عن تنظيم مباراة.\n",
            "وزارة التضامن: مباراة لتوظيف 40 مساعدا اجتماعيا في عدة جهات",
        ),
        (  # an aggregator's key "Organisation :" is a label, the title is its value
            "Organisation : Recrutement d'un chargé de suivi-évaluation\n\nLieu : Tiznit\n",
            "Recrutement d'un chargé de suivi-évaluation",
        ),
        (  # a tender's object after "relatif à :"
            "PROVINCE DE FIGUIG\nCAHIER DES PRESCRIPTIONS SPECIALES\nAPPEL D'OFFRES OUVERT N° 07/2027\n\n"
            "RELATIF A : LA FORMATION DES AGENTS COMMUNAUX EN GESTION DES ARCHIVES\n\nARTICLE 1 : OBJET\n",
            "LA FORMATION DES AGENTS COMMUNAUX EN GESTION DES ARCHIVES",
        ),
        (  # a reference line under a generic header is not the title
            "REQUEST FOR PROPOSALS\nRFP No. 2027/031\nSocial audit of the rural roads programme in Azilal\n",
            "Social audit of the rural roads programme in Azilal",
        ),
    ],
)
def test_title_among_label_rows(text, title):
    assert title_of(text) == title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # a PDF's hard line breaks, a capitalised name after a link word
            "Terms of Reference\n\nTechnical support to women-led cooperatives in the\nDraa-Tafilalet region\n\n"
            "1. Background\n",
            "Technical support to women-led cooperatives in the Draa-Tafilalet region",
        ),
        (  # the object ends on a quoted name printed on the next line
            "TERMES DE RÉFÉRENCE\nÉvaluation finale du projet\n« Jardins Solidaires »\n\n1. Contexte\n",
            "Évaluation finale du projet « Jardins Solidaires »",
        ),
        (  # an Arabic tender number, its object on the next line opening on "الخاص ب"
            "طلب عروض أثمان رقم 09/2027\nالخاص بتكوين موظفي الجماعة في مجال الأرشيف\n",
            "طلب عروض أثمان رقم 09/2027 الخاص بتكوين موظفي الجماعة في مجال الأرشيف",
        ),
        (  # a generic "Call for ..." first line is a header: the post is below it
            "Call for Consultancy\nMid-term review of the\nyouth inclusion programme\n\nBackground\n",
            "Mid-term review of the youth inclusion programme",
        ),
    ],
)
def test_a_title_over_several_lines(text, title):
    assert title_of(text) == title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # a call's heading words before a short object are part of the title
            "Call for Applications – Pool of Mediators\n\nThe network is looking for ...\n",
            "Call for Applications – Pool of Mediators",
        ),
        (
            "Appel à candidatures pour le recrutement d'un(e) comptable\n",
            "Appel à candidatures pour le recrutement d'un(e) comptable",
        ),
        (
            "إعلان عن مباراة لتوظيف محررين من الدرجة الثالثة\n",
            "إعلان عن مباراة لتوظيف محررين من الدرجة الثالثة",
        ),
        (  # a label is not
            "Objet : Étude de faisabilité d'un centre de formation\n",
            "Étude de faisabilité d'un centre de formation",
        ),
    ],
)
def test_the_heading_is_kept_as_the_document_states_it(text, title):
    assert title_of(text) == title


def test_a_broken_sentence_naming_a_post_is_not_a_title():
    text = (
        "التسجيل في مباريات التكوين المهني 2027\n"
        "تعلن المؤسسة عن فتح باب الترشيح لمناصب مكونين في عدة مراكز.\n"
        "سيكون المكونون مسؤولين\n"
        "عن تأطير المتدربين.\n"
    )
    assert title_of(text) == "التسجيل في مباريات التكوين المهني 2027"


@pytest.mark.parametrize("text", ["|||\n", "| |\n| | |\n", "||x|\nIntitulé\n"])
def test_empty_table_cells_are_no_title(text):
    assert title_of(text) is None
