"""Titles on the kinds of calls the title reader had not seen (issue 16, the ranker's families):
a public tender's document (its object behind "Objet du marché", in capitals broken anywhere,
in Arabic over two lines), an NGO directory's page (a long profile, then the call's heading with
its labels), a letter of invitation read through a document host, a grants site listing other
offers after the text. Every call here is invented; none is taken from a real one."""

from __future__ import annotations

import pytest

from nidaa.tor.fields.title_features import repeat_key
from nidaa.tor.fields.title_words import JOB_WORDS, MEDIUM_TITLE, STRONG_TITLE, is_generic_header, unmarked
from nidaa.tor.text import fold
from tests.tor.titles import candidates, rules_choice, title_of

TENDER = (
    "ROYAUME DU MAROC\nMINISTÈRE DE L'INTÉRIEUR\nPROVINCE D'AZROU-SUD\nSECRÉTARIAT GÉNÉRAL\n\n"
    "CPS – AOO N° 07/2027   Page 1 sur 28\n\n"
    "CAHIER DES PRESCRIPTIONS SPÉCIALES\n\nAPPEL D'OFFRES OUVERT N° 07/2027\n(Séance publique)\n\n"
    "{key}\n{object}\n\n"
    "Marché passé par appel d'offres ouvert sur offres de prix, en application de l'article 19 "
    "du décret relatif aux marchés publics.\n\n"
    "ENTRE :\nLa Province d'Azrou-Sud, désignée ci-après par « le maître d'ouvrage »\nD'une part,\n"
    "ET :\nM. ……………………………… agissant au nom de ……………………………\nD'autre part,\n\n"
    "CPS – AOO N° 07/2027   Page 2 sur 28\nArticle 1 : Objet du marché\n"
)


@pytest.mark.parametrize("key", ["Objet du marché", "OBJET :", "Objet du marché :"])
def test_a_tenders_object_in_capitals_broken_anywhere_is_one_title(key):
    obj = "FORMATION DES CADRES DES COMMUNES\nRURALES EN GESTION BUDGÉTAIRE PARTICIPATIVE"
    text = TENDER.format(key=key, object=obj)
    assert title_of(text) == ("FORMATION DES CADRES DES COMMUNES RURALES EN GESTION BUDGÉTAIRE PARTICIPATIVE")


def test_a_cover_title_in_capitals_over_three_lines_is_one_candidate_and_the_letterhead_is_not():
    text = (
        "REPUBLIC OF LEBANON\nMinistry of Rural Affairs\nProcurement Unit\n\n"
        "DESIGN OF A VOCATIONAL\nCURRICULUM FOR OLIVE PRESS\nTECHNICIANS IN THE BEKAA\n\n"
        "REQUEST FOR QUOTATIONS\nRFQ No. 14/2027\n\n"
        "This request is issued under the procurement rules of the Ministry and its instructions.\n"
    )
    found = candidates(text)
    assert "DESIGN OF A VOCATIONAL CURRICULUM FOR OLIVE PRESS TECHNICIANS IN THE BEKAA" in found
    assert not any(c.startswith("REPUBLIC OF LEBANON Ministry") for c in found)
    assert title_of(text) == "DESIGN OF A VOCATIONAL CURRICULUM FOR OLIVE PRESS TECHNICIANS IN THE BEKAA"


def test_an_arabic_object_under_its_key_goes_on_over_the_next_line():
    text = (
        "المملكة المغربية\nوزارة الداخلية\nعمالة إقليم وادي الورد\n\n"
        "كناش التحملات الخاصة\n\nطلب عروض مفتوح رقم 03/2027\n\n"
        "موضوع الصفقة :\nتنظيم دورات تكوينية لفائدة أطر\nالجمعيات النسوية بالجماعات القروية\n\n"
        "صفقة مبرمة عن طريق طلب عروض مفتوح طبقا لمقتضيات المرسوم المتعلق بالصفقات العمومية.\n"
    )
    joined = "تنظيم دورات تكوينية لفائدة أطر الجمعيات النسوية بالجماعات القروية"
    assert joined in candidates(text)
    assert title_of(text) == joined


def test_a_short_arabic_key_value_stops_at_a_label_or_a_figure():
    text = (
        "إعلان\n\nالموضوع :\nتكوين المكونين في التربية الدامجة\nآخر أجل : 12/05/2027\n"
        "عدد المناصب 3\n\nتعلن جمعية الواحة عن حاجتها إلى مكونين.\n"
    )
    assert "تكوين المكونين في التربية الدامجة" in candidates(text)
    assert not any("آخر أجل" in c and "التربية الدامجة" in c for c in candidates(text))


DIRECTORY = (
    "Cedar Civic Directory\nHome\nSign in\n\n"
    "Olive Grove Youth Collective\nOGYC\nType: Local NGO\nFounded: 2011\n"
    "Sectors: youth participation, local governance, environment\n"
    "Address: 12 Harbour Street, Byblos\nPhone: +961 9 555 012\nWebsite: www.ogyc.example\n"
    "Member since 2014\nProfile\nNews\nJobs\nCalls\n\n"
    "Baseline assessment of youth councils in coastal municipalities\n"
    "Deadline: 30 April 2027\nType of Contract: Consultancy\nCountry: Lebanon\n\n"
    "The collective works with municipal youth councils since 2011 in twelve towns along the coast.\n"
)


def test_a_directory_pages_call_heading_below_a_long_profile_is_a_candidate_and_the_title():
    title = "Baseline assessment of youth councils in coastal municipalities"
    assert title in candidates(DIRECTORY)
    assert title_of(DIRECTORY) == title


def test_a_directory_is_not_a_director():
    assert JOB_WORDS.search(fold("Cedar Civic Directory")) is None
    assert JOB_WORDS.search(fold("Country Director")) is not None


def test_a_hosts_cut_copy_of_a_letters_object_line_is_not_a_candidate():
    text = (
        "AMI/2027/004 Sélection d`un consultant pour l`appui aux coopé\n\nTranscription\n\n"
        "ROYAUME DU MAROC\nAgence de Développement des Oasis\nRabat, le 3 mars 2027\n"
        "Réf. : ADO/112/2027\n\nLETTRE D'INVITATION\n"
        "Objet : Sélection d'un consultant pour l'appui aux coopératives apicoles de Tata\n\n"
        "Madame, Monsieur,\n"
        "1. L'Agence a reçu un financement et a l'intention d'en utiliser une partie pour ce contrat.\n"
    )
    assert not any(c.startswith("AMI/2027/004") for c in candidates(text))
    assert title_of(text) == "Sélection d'un consultant pour l'appui aux coopératives apicoles de Tata"


def test_another_offer_listed_after_the_text_is_not_the_rules_first_choice():
    text = (
        "Funding Compass\nHome\nGrants\n\n"
        "Deadline: 15 May 2027\nDonor: Coastal Commons Fund\n\n"
        "Community Seed Banks Initiative 2027 for Rural Associations\n\n"
        "The Coastal Commons Fund invites registered associations to submit proposals for community seed banks.\n"
        "Each selected project will receive a grant of up to 20,000 EUR.\n\n"
        "Related grants\nCall for Proposals: Coastal Clean-up Microgrants 2026\n"
    )
    assert rules_choice(text) != "Call for Proposals: Coastal Clean-up Microgrants 2026"
    assert title_of(text) == "Community Seed Banks Initiative 2027 for Rural Associations"


def test_a_page_header_is_recognised_as_repeated_whatever_its_page_counter():
    first = repeat_key(fold("CPS – AOO N° 07/2027 – Province d'Azrou-Sud   Page 1 sur 28"))
    later = repeat_key(fold("CPS – AOO N° 07/2027 – Province d'Azrou-Sud"))
    arabic_first = repeat_key(fold("كناش التحملات الخاصة رقم 03/2027   الصفحة 1 من 14"))
    arabic_later = repeat_key(fold("كناش التحملات الخاصة رقم 03/2027"))
    assert first == later
    assert arabic_first == arabic_later


def test_a_page_header_with_its_counter_is_not_the_title():
    text = TENDER.format(
        key="Objet du marché :", object="Formation des cadres communaux en gestion budgétaire"
    )
    assert title_of(text) == "Formation des cadres communaux en gestion budgétaire"


def test_a_jobs_sites_competitions_menu_is_a_generic_header():
    folded = unmarked(fold("مباريات التوظيف"))
    cue = STRONG_TITLE.search(folded) or MEDIUM_TITLE.search(folded)
    assert cue is not None
    assert is_generic_header(folded, cue)


@pytest.mark.parametrize(
    ("sentence", "obj"),
    [
        (
            "Le présent marché a pour objet la formation des animatrices des foyers féminins de la "
            "province pour le compte de la Province d'Azrou-Sud, conformément au bordereau des prix.",
            "la formation des animatrices des foyers féminins de la province",
        ),
        (
            "Le présent règlement concerne l'appel d'offres ouvert ayant pour objet : "
            "l'élaboration d'un atlas des sources du Haut-Ziz.",
            "l'élaboration d'un atlas des sources du Haut-Ziz",
        ),
        (
            "The purpose of this tender is the design of a literacy course for rural women "
            "for the benefit of the Ministry.",
            "the design of a literacy course for rural women",
        ),
        (
            "تهدف هذه الصفقة إلى تكوين منشطات دور الطالبة بالإقليم، وذلك وفق مقتضيات هذا الكناش.",
            "تكوين منشطات دور الطالبة بالإقليم",
        ),
    ],
)
def test_a_tenders_sentence_naming_its_object_gives_the_object_as_a_candidate(sentence, obj):
    text = (
        "CAHIER DES PRESCRIPTIONS SPÉCIALES\n\nAPPEL D'OFFRES OUVERT N° 11/2027\n\n"
        f"Article 1 : Objet du marché\n{sentence}\n"
    )
    assert any(c.lower() == obj.lower() for c in candidates(text))


def test_a_sentence_on_a_project_aims_is_no_tender_object():
    text = "Contexte\nLe projet a pour objectif de renforcer les coopératives de la vallée du Draa.\n"
    assert not any(c.startswith("de renforcer") for c in candidates(text))


def test_the_object_after_a_tenders_number_and_its_session_line_is_the_rules_find():
    text = (
        "ROYAUME DU MAROC\nCOMMUNE D'AÏT OURIR-NORD\n\nAPPEL D'OFFRES OUVERT N° 02/2027\n(Séance publique)\n"
        "ANIMATION D'ATELIERS DE LECTURE\nDANS LES BIBLIOTHÈQUES RURALES\n\n"
        "Marché passé par appel d'offres ouvert sur offres de prix, en application du décret relatif "
        "aux marchés publics.\n"
    )
    assert rules_choice(text) == "ANIMATION D'ATELIERS DE LECTURE DANS LES BIBLIOTHÈQUES RURALES"
    assert title_of(text) == "ANIMATION D'ATELIERS DE LECTURE DANS LES BIBLIOTHÈQUES RURALES"


def test_a_sentence_only_mentioning_a_tender_is_not_a_cue_rules_find():
    text = (
        "APPEL D'OFFRES OUVERT N° 02/2027\n\n"
        "Marché passé par appel d'offres ouvert sur offres de prix, en application du décret relatif "
        "aux marchés publics.\n"
    )
    assert rules_choice(text) != (
        "Marché passé par appel d'offres ouvert sur offres de prix, en application du décret relatif "
        "aux marchés publics"
    )


def test_seeking_applications_for_names_what_is_sought():
    text = (
        "Atlas Riverside Trust is seeking applications for the evaluation of its school gardens programme.\n"
        "Deadline: 4 June 2027\n"
    )
    assert "The evaluation of its school gardens programme" in candidates(text)


@pytest.mark.parametrize("title", ["مباراة لتوظيف 3 تقنيين", "مباريات لتوظيف المهندسين"])
def test_a_competition_naming_its_posts_is_no_generic_header(title):
    folded = unmarked(fold(title))
    cue = STRONG_TITLE.search(folded) or MEDIUM_TITLE.search(folded)
    assert cue is not None
    assert not is_generic_header(folded, cue)


@pytest.mark.parametrize(
    "sentence",
    [
        "جمعية الواحة تعلن عن فتح باب الترشيح أمام الجمعيات لتقديم مشاريع في مجال البيئة.",
        "يسر مركز الواحة أن يعلن عن فتح باب الترشيح أمام الجمعيات لتقديم مشاريع في مجال البيئة.",
    ],
)
def test_an_arabic_announcement_with_its_subject_before_the_verb_names_its_object(sentence):
    assert "فتح باب الترشيح أمام الجمعيات لتقديم مشاريع في مجال البيئة" in candidates(sentence + "\n")


def test_a_line_with_a_page_counter_is_never_a_plain_candidate():
    text = TENDER.format(
        key="Objet du marché :", object="Formation des cadres communaux en gestion budgétaire"
    )
    assert not any("Page 1 sur 28" in c for c in candidates(text))


@pytest.mark.parametrize(
    "kind",
    [
        "CAHIER DES PRESCRIPTIONS SPÉCIALES",
        "Règlement de consultation",
        "DOSSIER D'APPEL D'OFFRES",
        "كناش التحملات الخاصة",
    ],
)
def test_a_tender_documents_kind_is_a_generic_header(kind):
    folded = unmarked(fold(kind))
    cue = STRONG_TITLE.search(folded) or MEDIUM_TITLE.search(folded)
    assert cue is not None
    assert is_generic_header(folded, cue)


def test_a_seniority_under_its_key_is_not_the_post_named_by_its_row():
    text = (
        "Carrières Solidaires\nAccueil\nOffres\n\n"
        "Association Tighmert pour les Oasis\nTitre du poste : Chargé(e) de suivi des jardins scolaires\n"
        "Type de contrat\nCDD\nNiveau de poste\nCadre/Encadrant\nLieu de travail\nGoulmima\n\n"
        "Postuler à cette offre\n"
    )
    assert title_of(text) == "Chargé(e) de suivi des jardins scolaires"


def test_a_line_beside_a_posting_date_only_is_no_heading_beside_labels():
    lines = [f"Rubrique {i}" for i in range(14)]
    text = "\n".join(lines) + "\nAFRIQUE DU NORD/MOYEN-ORIENT\nMis en ligne le : 19/12/2027\nMAROC\n"
    assert "AFRIQUE DU NORD/MOYEN-ORIENT" not in candidates(text)


def test_a_generic_item_of_a_sites_menu_does_not_propose_the_next_item():
    text = (
        "بوابة الفرص\nالرئيسية\nمباريات التوظيف\nعروض الشغل\nأخبار\n\n"
        "برنامج المنح الصغرى 2027 لفائدة جمعيات الشباب\nآخر أجل : 12/05/2027\n"
    )
    assert rules_choice(text) != "عروض الشغل"


def test_an_object_row_going_on_in_capitals_over_the_next_line_is_one_title():
    text = (
        "ROYAUME DU MAROC\nPROVINCE D'AZROU-SUD\n\nAPPEL D'OFFRES OUVERT N° 07/2027\n\n"
        "OBJET : FORMATION DES CADRES DES COMMUNES\nRURALES EN GESTION BUDGÉTAIRE PARTICIPATIVE\n\n"
        "Marché passé par appel d'offres ouvert sur offres de prix, en application du décret relatif "
        "aux marchés publics.\n"
    )
    assert title_of(text) == "FORMATION DES CADRES DES COMMUNES RURALES EN GESTION BUDGÉTAIRE PARTICIPATIVE"


def test_an_arabic_subject_row_going_on_over_the_next_line_is_one_candidate():
    text = (
        "المملكة المغربية\n\nالموضوع : تنظيم دورات تكوينية لفائدة أطر\nالجمعيات النسوية بالجماعات القروية\n\n"
        "صفقة مبرمة عن طريق طلب عروض مفتوح طبقا لمقتضيات المرسوم المتعلق بالصفقات العمومية.\n"
    )
    assert "تنظيم دورات تكوينية لفائدة أطر الجمعيات النسوية بالجماعات القروية" in candidates(text)


def test_an_arabic_heading_wrapped_before_its_preposition_is_one_title():
    text = (
        "الرئيسية\nمباريات\n\nمباراة لتوظيف 30 متصرفا من الدرجة الثانية\nبالوكالة الوطنية لتدبير المياه\n\n"
        "نشر في 12/03/2027\nآخر أجل : 01/04/2027\n"
    )
    assert title_of(text) == "مباراة لتوظيف 30 متصرفا من الدرجة الثانية بالوكالة الوطنية لتدبير المياه"


def test_an_arabic_place_line_under_a_post_does_not_join_it():
    text = "منشط(ة) تربوي(ة) بدار الشباب\nمدينة صفرو\nعقد محدد المدة\n\nوصف العرض\n"
    assert "منشط(ة) تربوي(ة) بدار الشباب" in candidates(text)
    assert not any("صفرو" in c and "منشط" in c for c in candidates(text))
