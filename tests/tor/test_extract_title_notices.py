"""Titles of French and Arabic notices (issue 16, ninth round): an association's or a local
government's call under its letterhead lines, the object over two lines after a notice's number
("طلب إبداء الاهتمام رقم …" + "لانتقاء …", "طلب عروض أثمان مفتوح رقم …" + "يتعلق ب…"), and a
programme's page whose title is the last line of its header block, right before "Contexte",
"Description" or "الإطار العام". Every call here is invented; none is taken from a real one."""

from __future__ import annotations

import pytest

from nidaa.tor.fields.common import Doc
from nidaa.tor.fields.title_features import above_opening_section
from nidaa.tor.fields.title_words import opened_call
from nidaa.tor.sections import segment
from nidaa.tor.text import Views
from tests.tor.titles import candidates, rules_choice, title_of

AR_LETTERHEAD = "المملكة المغربية\nوزارة الفلاحة والتنمية القروية\nجهة الواحات الكبرى\nجماعة تيغمرت\n\n"


@pytest.mark.parametrize(
    ("header", "tail"),
    [
        ("إعلان عن طلب إبداء الاهتمام رقم 09/2027", "لانتقاء مكتب دراسات من أجل إعداد تصميم تهيئة الواحة"),
        ("طلب إبداء الاهتمام رقم 09/2027", "لاختيار جمعيات شريكة لتنشيط فضاءات القراءة بالقرى"),
        (
            "إعلان عن طلب عروض أثمان مفتوح رقم 09/2027",
            "يتعلق بتهيئة مسلك قروي يربط دوار أيت حمو بالطريق الإقليمية",
        ),
    ],
)
def test_an_arabic_notices_number_and_its_object_on_the_next_line_are_one_title(header, tail):
    text = (
        AR_LETTERHEAD + "إعلان للعموم\n" + header + "\n" + tail + "\n\n"
        "الإطار العام\nتعمل الجماعة على تحسين ولوج الساكنة إلى الخدمات الأساسية بتعاون مع شركائها.\n"
    )
    assert title_of(text) == f"{header} {tail}"


def test_an_arabic_call_for_proposals_goes_on_over_its_year_line():
    text = (
        AR_LETTERHEAD + "بلاغ\nدعوة لتقديم مقترحات مشاريع الجمعيات\nبرسم سنة 2027\n"
        "حرر بتيغمرت في 4 فبراير 2027\n\n"
        "أولا: تقديم\nتخصص الجماعة غلافا ماليا لدعم المشاريع الثقافية والرياضية للجمعيات المحلية.\n"
    )
    assert title_of(text) == "دعوة لتقديم مقترحات مشاريع الجمعيات برسم سنة 2027"


def test_a_french_notice_under_a_letterhead_gives_its_object_in_capitals_over_two_lines():
    text = (
        "ROYAUME DU MAROC\nMinistère de la Transition Rurale\nDirection Provinciale de Tinghir\n"
        "Réf. : 112/DP/2027\n\n"
        "Avis d'appel à manifestation d'intérêt n° 05/2027\n\n"
        "RESTAURATION DES KHETTARAS ET GESTION\nPARTAGÉE DE L'EAU D'IRRIGATION\n\n"
        "1. Contexte\nLa direction accompagne les usagers de l'eau agricole de la vallée depuis 2019.\n"
        "2. Éligibilité\nLes associations d'usagers déclarées peuvent soumettre une proposition.\n"
    )
    assert title_of(text) == "RESTAURATION DES KHETTARAS ET GESTION PARTAGÉE DE L'EAU D'IRRIGATION"


@pytest.mark.parametrize(
    ("top", "name", "heading"),
    [
        (
            "Collectif Tafilalet Solidaire\nSubventions\nOuarzazate, 3 mars 2027\n",
            "Bourses de mobilité pour les artisanes du tapis",
            "Description",
        ),
        (
            "Portail des initiatives locales\nOpportunités\nClôture : 30/04/2027\n\n",
            "Caravane des savoir-faire oasiens",
            "Contexte et justification",
        ),
        (
            "شبكة جمعيات الواحات\nفرص الدعم\nنشر في 12 مارس 2027\n",
            "صندوق تثمين منتوجات الواحة",
            "الإطار العام",
        ),
    ],
)
def test_a_header_blocks_last_line_before_the_opening_section_is_the_title(top, name, heading):
    text = (
        top + name + "\n" + heading + "\n"
        "L'appel soutient des projets portés par des associations locales pendant douze mois.\n"
        "Les dossiers sont reçus par voie électronique jusqu'à la date de clôture.\n"
    )
    assert rules_choice(text) == name
    assert title_of(text) == name


def test_a_line_above_a_section_that_does_not_open_the_text_is_no_header_blocks_title():
    text = "Association Oued Dadès\nAtelier de tissage\nÉligibilité\nLes coopératives peuvent postuler.\n"
    views = Views.of(text)
    lines = [(0, "Association Oued Dadès"), (23, "Atelier de tissage"), (42, "Éligibilité")]
    assert views.text[23:41] == "Atelier de tissage"
    assert above_opening_section(Doc(views, segment(views), None), lines, 1) is False
    text = text.replace("Éligibilité", "Présentation")
    views = Views.of(text)
    lines = [(0, "Association Oued Dadès"), (23, "Atelier de tissage"), (42, "Présentation")]
    assert above_opening_section(Doc(views, segment(views), None), lines, 1) is True
    assert "Atelier de tissage" in candidates(text)


def test_an_arabic_headers_last_noun_takes_its_complement_from_the_next_line():
    text = (
        "جمعية النخيل للتنمية المستدامة\nمشروع واحات خضراء\n\n"
        "دعوة لتقديم مقترحات\nمشاريع الجمعيات الشبابية في مجال تدوير النفايات\n\n"
        "الإطار العام\nتطلق الجمعية هذه الدعوة في إطار مشروع يمتد على سنتين.\n"
    )
    assert title_of(text) == "دعوة لتقديم مقترحات مشاريع الجمعيات الشبابية في مجال تدوير النفايات"


def test_a_one_word_arabic_header_and_the_announced_object_below_are_one_title():
    text = (
        "المملكة المغربية\nوزارة الشباب والرياضة\nالمديرية الإقليمية بميدلت\n"
        "إعلان\nعن تنظيم دورة تكوينية لفائدة مؤطري المخيمات الصيفية\n"
        "حرر بميدلت في 10 ماي 2027\n"
        "السياق\nتنظم المديرية هذه الدورة في إطار البرنامج الوطني للتخييم.\n"
    )
    assert title_of(text) == "إعلان عن تنظيم دورة تكوينية لفائدة مؤطري المخيمات الصيفية"
    # the dated line right above the opening section is no header block's title
    assert rules_choice(text) != "حرر بميدلت في 10 ماي 2027"
    assert "حرر بميدلت في 10 ماي 2027" in candidates(text)


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        ("طلب عروض من أجل إنجاز دراسة حول", "واقع التعاونيات النسائية بإقليم ميدلت"),
        ("دعوة لتقديم عروض حول", "تنظيم قوافل للتوعية بترشيد استهلاك الماء"),
    ],
)
def test_an_arabic_title_ending_on_a_preposition_goes_on_over_the_next_line(head, tail):
    text = (
        "جمعية أصدقاء الواحة\n"
        + head
        + "\n"
        + tail
        + "\nالإطار العام\nتعمل الجمعية منذ 2012 على دعم التعاونيات.\n"
    )
    assert title_of(text) == f"{head} {tail}"


def test_a_header_blocks_title_over_two_lines_is_read_from_its_first_line():
    text = (
        "جمعية أصدقاء الواحة\nفرص الدعم\n"
        "إنجاز دراسة ميدانية حول\nواقع التعاونيات النسائية بإقليم ميدلت\n"
        "الإطار العام\nتعمل الجمعية منذ 2012 على دعم التعاونيات.\n"
    )
    assert rules_choice(text) == "إنجاز دراسة ميدانية حول واقع التعاونيات النسائية بإقليم ميدلت"
    assert title_of(text) == "إنجاز دراسة ميدانية حول واقع التعاونيات النسائية بإقليم ميدلت"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "ROYAUME DU MAROC\nProvince de Tinghir\nCommune de Taghzout\n\nAVIS D'APPEL D'OFFRES OUVERT\n"
            "Le 12 mai 2027 à 10 heures, il sera procédé dans la salle de réunions de la commune à l'ouverture "
            "des plis relatifs à l'appel d'offres ouvert sur offres de prix n° 04/2027 pour : la fourniture de "
            "matériel informatique au profit de la bibliothèque communale.\n"
            "Le dossier d'appel d'offres peut être retiré au service des marchés.\n",
            "La fourniture de matériel informatique au profit de la bibliothèque communale",
        ),
        (
            "المملكة المغربية\nوزارة الداخلية\nجماعة الخنك\nإعلان عن طلب عروض مفتوح\n"
            "يعلن رئيس جماعة الخنك أنه سيتم يوم 14 أبريل 2027 على الساعة العاشرة صباحا بمكتب الرئيس فتح "
            "الأظرفة المتعلقة بطلب العروض المفتوح رقم 2/2027 الخاص بتهيئة ساحة عمومية بمركز الجماعة.\n"
            "يمكن سحب ملف طلب العروض من مصلحة الصفقات بالجماعة.\n",
            "تهيئة ساحة عمومية بمركز الجماعة",
        ),
    ],
)
def test_a_tender_notices_sentence_gives_what_the_call_it_opens_buys(text, title):
    assert title_of(text) == title


def test_a_header_blocks_title_may_have_its_details_below_it():
    text = (
        "Réseau Oasis Solidaires\nAppels à projets\nFonds de soutien aux radios associatives\n"
        "Date limite : 30 avril 2027\nMontant : 80 000 dirhams\n"
        "Description\nLe fonds soutient les radios associatives des oasis dans la production de programmes.\n"
    )
    assert rules_choice(text) == "Fonds de soutien aux radios associatives"
    assert title_of(text) == "Fonds de soutien aux radios associatives"


def test_a_french_title_in_capitals_ending_on_dans_goes_on_over_the_next_line():
    text = (
        "Fondation Tighmert\nAVIS\nAMÉNAGEMENT DE POTAGERS SCOLAIRES DANS\nLES DOUARS DE LA VALLÉE DU ZIZ\n\n"
        "1- Présentation du programme\nLa fondation accompagne les écoles rurales depuis 2016.\n"
    )
    assert title_of(text) == "AMÉNAGEMENT DE POTAGERS SCOLAIRES DANS LES DOUARS DE LA VALLÉE DU ZIZ"


def test_an_arabic_generic_header_goes_on_over_a_line_opening_on_fi():
    text = (
        "جمعية الأمل للتنمية\nبلاغ صحفي\nإعلان عن طلب مشاريع\nفي مجال التربية على المواطنة\n"
        "آخر أجل لإيداع الملفات: 8 يوليوز 2027\n\nالإطار العام\nيندرج هذا البرنامج في إطار استراتيجية الجمعية.\n"
    )
    assert title_of(text) == "إعلان عن طلب مشاريع في مجال التربية على المواطنة"


def test_a_tender_notices_sentence_is_read_up_to_a_sentences_length_and_its_first_number():
    sentence = (
        "Il sera procédé à l'ouverture des plis relatifs à l'appel d'offres ouvert n° 04/2027 pour : "
        "la fourniture de bancs publics."
    )
    start = sentence.index("la fourniture")
    assert opened_call(sentence) == (start, "la fourniture de bancs publics")
    assert opened_call(sentence[:-1] + " " + "x" * 1000 + ".") is None  # a paragraph run together
    # the call's number and its link word are the first ones: a run of them is read once, not tried
    # in every combination
    hostile = "plis relatifs à l'appel d'offres " + "n° 1 n° 2 pour pour " * 45
    assert opened_call(hostile) is None


def test_an_arabic_heading_ending_on_the_post_it_opens_goes_on_with_the_post():
    text = (
        "المملكة المغربية\nالمندوبية الجهوية للصناعة التقليدية\nفتح باب الترشيح لشغل منصب\n"
        "رئيس مصلحة التكوين المهني بالرشيدية\n"
        "يعلن المندوب الجهوي عن فتح باب الترشيح لشغل منصب رئيس مصلحة التكوين المهني بالرشيدية.\n"
        "شروط الترشيح\n"
    )
    assert title_of(text) == "فتح باب الترشيح لشغل منصب رئيس مصلحة التكوين المهني بالرشيدية"
