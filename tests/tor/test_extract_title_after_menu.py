"""A site's furniture pasted above a call (its menu, a breadcrumb, share buttons, login links) does
not hide the call's title (issue 16, round eleven): the page's own text starts after the furniture's
last line, and an announcement opening it names the call's object as it would at the top of the
page. Invented pages and menus."""

from __future__ import annotations

import pytest

from nidaa.tor.fields.common import Doc
from nidaa.tor.fields.title import rule_candidates, title_candidates
from nidaa.tor.fields.title_features import content_start
from nidaa.tor.sections import segment
from nidaa.tor.text import Views
from tests.tor.titles import candidates, title_of


def _start(text: str) -> int:
    views = Views.of(text)
    lines = rule_candidates(Doc(views, segment(views), None))[0]
    return content_start(Doc(views, segment(views), None), lines)


ARABIC_MENU = (
    "الرئيسية\nمن نحن\nفضاء الجمعيات\nالشراكات\nاتصل بنا\nالرئيسية » إعلانات\nشارك\nفيسبوك\nواتساب\n\n"
)
FRENCH_MENU = (
    "Accueil | Nos programmes | Espace membres | Se connecter\nAccueil > Annonces\nPartager cette annonce\n\n"
)
ENGLISH_MENU = (
    "Home\nWho we are\nOur programmes\nResources\nSign up\nHome / Announcements\nShare Facebook LinkedIn\n\n"
)


def test_an_arabic_announcement_under_a_menu_names_its_object():
    text = ARABIC_MENU + (
        "تعلن جمعية الواحة الخضراء للتنمية المستدامة والتضامن، بشراكة مع المجلس الإقليمي وبدعم من "
        "صندوق التنمية القروية، عن تنظيم مباراة لتوظيف منشطين تربويين بإقليم زاكورة، "
        "وذلك يوم 14 يونيو 2027 بمقر الجمعية الكائن بشارع الحسن الثاني، ويجب على المترشحين الراغبين "
        "في المشاركة إيداع ملفاتهم الكاملة قبل 30 ماي 2027.\n"
    )
    assert candidates(text)[0] == "مباراة لتوظيف منشطين تربويين بإقليم زاكورة"
    assert title_of(text) == "مباراة لتوظيف منشطين تربويين بإقليم زاكورة"


@pytest.mark.parametrize("menu", [FRENCH_MENU, ENGLISH_MENU])
def test_a_french_announcement_under_a_menu_names_its_object(menu):
    text = menu + (
        "Le Collectif Rives du Sud lance un appel à candidatures pour la réalisation d'un diagnostic "
        "participatif des coopératives féminines de la vallée du Dadès.\n"
        "Les offres sont à envoyer avant le 3 juin 2027.\n"
    )
    title = (
        "Appel à candidatures pour la réalisation d'un diagnostic participatif des coopératives "
        "féminines de la vallée du Dadès"
    )
    assert candidates(text)[0] == title
    assert title_of(text) == title


def test_a_heading_behind_its_label_under_a_menu_comes_before_the_sentence_below():
    # the sentence's object ("projects that strengthen ...") is not what the page's heading names
    text = ENGLISH_MENU + (
        "Eligibility: community-based organisations\n\n"
        "CALL FOR PROPOSALS: YOUTH-LED INITIATIVES ON WATER SAVING\n\n"
        "The Cedar Fund invites civil society organisations to submit proposals for projects that save water.\n"
    )
    assert "projects that save water" not in candidates(text)[:1]


def test_the_text_starts_after_the_menus_last_furniture_line():
    assert _start(ARABIC_MENU + "تعلن جمعية الواحة عن تنظيم دورة تكوينية لفائدة الجمعيات.\n") == 9
    assert _start(FRENCH_MENU + "Le Collectif Rives du Sud lance un appel à projets.\n") == 3
    # a menu flattened with dots, a search box beside a login link
    assert (
        _start(
            "Réseau Tafilalt\nAccueil · Nos actions · Annonces · Contact\nRechercher | Connexion\nLe Réseau lance un appel.\n"
        )
        == 3
    )
    # the short lines after the furniture's last line are the text's (a post's name)
    assert _start("Accueil\nEmplois\nConnexion\n\nComptable\nAssociation Nour\n\nLieu : Rabat\n") == 3


@pytest.mark.parametrize(
    "text",
    [
        # no furniture: the text starts on its first line
        "ROYAUME DU MAROC\nMinistère de la Jeunesse\nAVIS DE RECRUTEMENT\nUn comptable\n",
        # a title opening on a furniture word is no furniture
        "Recherche d'un consultant en communication\nContact : Mme Alaoui, 0522 00 00 00\n",
        # share buttons under the text's first lines: the page opened on its text
        "Appel à projets 2027\nFonds Rives du Sud\nDate : 2 mai 2027\nMontant : 50 000 dirhams\nPartager\nFacebook\n",
    ],
)
def test_a_page_without_a_menu_above_starts_on_its_first_line(text):
    assert _start(text) == 0


def test_a_title_cut_over_one_blank_line_goes_on_in_lowercase():
    # a page that doubles its line breaks cuts a title printed over two lines with a blank line
    text = (
        "Lettre d'invitation\n\n"
        "Objet : Sélection d'un consultant pour l'accompagnement technique en matière\n\n"
        "d'égalité de genre dans les coopératives agricoles du Haut Atlas\n\n"
        "Madame, Monsieur,\n\n"
        "La Fondation Tiwizi vous invite à présenter votre proposition.\n"
    )
    assert title_of(text) == (
        "Sélection d'un consultant pour l'accompagnement technique en matière d'égalité de genre "
        "dans les coopératives agricoles du Haut Atlas"
    )


@pytest.mark.parametrize(
    "second",
    [
        "Madame, Monsieur,",  # a new paragraph in capitals
        "la Fondation Tiwizi vous invite à présenter votre proposition.",  # after a sentence's end
    ],
)
def test_a_blank_line_still_ends_a_title_that_is_complete(second):
    first = "Recrutement d'un consultant pour l'évaluation finale du projet Oasis."
    if second[0].isupper():
        first = first.rstrip(".")
    text = f"{first}\n\n{second}\n\nContexte\n\nLe projet Oasis a été lancé en 2024.\n"
    assert second.rstrip(".") not in (title_of(text) or "")


def test_an_announcement_cut_on_a_link_word_names_its_object_over_the_two_lines():
    text = (
        "تفتح جماعة واحة الزيتون باب الترشيح للمشاركة في\n"
        "مباراة توظيف متصرفين من الدرجة الثانية تخصص تدبير الموارد البشرية، وذلك يوم 12 يوليوز 2027 "
        "بمقر الجماعة، ويجب على المترشحين الراغبين في المشاركة إيداع ملفاتهم الكاملة بمكتب الضبط "
        "قبل 30 يونيو 2027 على الساعة الرابعة والنصف زوالا، وكل ملف يصل بعد هذا الأجل لا يعتد به.\n"
    )
    views = Views.of(text)
    found = title_candidates(Doc(views, segment(views), None))
    first = found[0]
    assert first.text == (
        "باب الترشيح للمشاركة في مباراة توظيف متصرفين من الدرجة الثانية تخصص تدبير الموارد البشرية"
    )
    # its evidence runs from the first line's object to the second line's comma
    assert text[first.span[0] : first.span[1]] == (
        "باب الترشيح للمشاركة في\nمباراة توظيف متصرفين من الدرجة الثانية تخصص تدبير الموارد البشرية"
    )


def test_the_ranker_knows_a_menu_item_from_a_line_of_the_text():
    text = (
        "Accueil\nNos programmes\nEspace membres\nSe connecter\n\n"
        "Responsable administratif et financier\n"
        "Association Tiwizi pour le développement\n"
        "Lieu : Ouarzazate\n"
    )
    views = Views.of(text)
    furniture = {
        c.text: c.features["in_furniture"] for c in title_candidates(Doc(views, segment(views), None))
    }
    assert furniture["Nos programmes"] == 1.0
    assert furniture["Espace membres"] == 1.0
    assert furniture["Responsable administratif et financier"] == 0.0
    assert title_of(text) == "Responsable administratif et financier"


def test_a_hosts_cut_copy_below_a_menu_is_no_candidate():
    # a document host repeats the title cut after so many characters; below a site's header its
    # copies sit further down than the first lines, and are still copies
    text = (
        "FR | AR | EN\nPortail des associations\nAccueil\nQui sommes-nous\nNos projets\nPublications\n"
        "Nous rejoindre\nContact\nEspace membres\nAccueil › Documents\n\n"
        "REF/2027/14 Appel à consultation pour la réalisation d`un\n\nTranscription\n\n"
        "REF/2027/14 Appel à consultation pour la réalisation d`un\n"
        "TERMES DE REFERENCE\n"
        "Appel à consultation pour la réalisation d'un diagnostic territorial des coopératives féminines\n"
        "Date de début\nJuin 2027\n"
    )
    assert _start(text) == 10
    assert not any(c.startswith("REF/2027/14") for c in candidates(text))
    assert title_of(text) == (
        "Appel à consultation pour la réalisation d'un diagnostic territorial des coopératives féminines"
    )
