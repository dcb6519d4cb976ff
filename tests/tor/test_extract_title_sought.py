"""Titles of calls the reader was not written from (issue 16, fourth round), from patterns of
job boards, notices and letters in French, English and Arabic; every call here is invented:
whom a sentence says the issuer seeks when no line names the call, a heading opening on the
post, a site's "recruiter" menu, a title going on in lowercase over a heading word, an
announcement naming no object."""

from __future__ import annotations

import pytest

from nidaa.tor.fields.common import Doc
from nidaa.tor.fields.title import title_candidates
from nidaa.tor.sections import segment
from nidaa.tor.text import Views
from tests.tor.titles import title_of


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # French: "X recrute un(e) ..."
            "L'Association Tilelli pour la Montagne recrute un(e) animateur(trice) de terrain pour son "
            "programme d'alphabétisation des femmes.\n\nMissions\n- Animer les séances\n",
            "Animateur(trice) de terrain pour son programme d'alphabétisation des femmes",
        ),
        (  # English: "X is seeking a ..."
            "Coastal Futures Trust is seeking a qualified consultant to review its child safeguarding "
            "policy.\n\nScope of work\nThe consultant will ...\n",
            "Qualified consultant to review its child safeguarding policy",
        ),
        (  # Arabic: "تعلن X عن حاجتها إلى ..."
            "تعلن جمعية إشراق للتنمية عن حاجتها إلى منسق(ة) لمشروع دعم التعاونيات الفلاحية، وذلك بإقليم ميدلت.\n\n"
            "شروط الترشيح\n- الإجازة على الأقل\n",
            "منسق(ة) لمشروع دعم التعاونيات الفلاحية",
        ),
    ],
)
def test_the_post_a_sentence_says_is_sought_is_the_title(text, title):
    assert title_of(text) == title


def test_a_sought_object_naming_no_post_is_no_title():
    text = (
        "Le Réseau Amal recherche des financements pour son centre.\n\n"
        "Appel à candidatures pour la sélection d'un auditeur financier\n\nContexte\n"
    )
    assert title_of(text) == "Appel à candidatures pour la sélection d'un auditeur financier"


def test_a_site_menu_for_recruiters_is_no_title():
    text = (
        "Offres\nEspace recruteur\nConnexion\n\n"
        "Responsable de la logistique – Programme Oasis Vertes\nFondation Idmaj Sud\n"
        "Zagora\nDate limite : 12/05/2027\n\nL'organisation\nLa Fondation Idmaj Sud agit depuis 2004.\n"
    )
    assert title_of(text) == "Responsable de la logistique – Programme Oasis Vertes"


def test_a_heading_opening_on_the_post_is_a_candidate_below_a_long_menu():
    menu = "Accueil\nEmplois\nStages\nBénévolat\nFormations\nÉvénements\nActualités\nAnnuaire\n"
    menu += "Ressources\nPartenaires\nÀ propos\nContact\nEspace candidat\nConnexion\n"
    text = (
        menu + "\nFormateur(trice) en techniques de vente pour les coopératives artisanales\n"
        "Azilal\nCDD de 3 mois\n\nDescription\n"
        "Dans le cadre de son programme, le réseau organise des formations pour ses membres.\n"
    )
    assert title_of(text) == "Formateur(trice) en techniques de vente pour les coopératives artisanales"


def test_a_title_going_on_in_lowercase_is_joined_even_on_a_heading_word():
    text = (
        "Association Afak Sud\n\n"
        "Avis de recrutement d'un(e) consultant(e) chargé(e) de la capitalisation\n"
        "des activités du projet Jeunes en Action\n\nContexte\nLe projet ...\n"
    )
    assert title_of(text) == (
        "Avis de recrutement d'un(e) consultant(e) chargé(e) de la capitalisation "
        "des activités du projet Jeunes en Action"
    )


def test_an_announcement_naming_no_object_is_no_candidate():
    text = (
        "Appel à candidatures : Facilitateurs et facilitatrices de cercles de parole pour adolescents\n"
        "Le Collectif Nour lance un appel à candidatures ...\n\nProfil recherché\n"
    )
    views = Views.of(text)
    texts = [c.text for c in title_candidates(Doc(views, segment(views), None))]
    assert "Appel à candidatures" not in texts
    assert title_of(text) == "Facilitateurs et facilitatrices de cercles de parole pour adolescents"


def test_a_programme_after_a_dash_is_kept_a_site_name_is_not():
    head = "Chargé(e) de suivi des bénéficiaires – "
    assert title_of(head + "Projet Mains Solidaires\n\nContexte\n") == head + "Projet Mains Solidaires"
    assert title_of(head + "Emploi Solidaire\n\nContexte\n") == head.rstrip(" –")


def test_an_announcement_under_a_letterhead_stack_names_the_call():
    text = (
        "المملكة المغربية\nجمعية الينابيع للتنمية القروية\n"
        "تعلن جمعية الينابيع للتنمية القروية عن حاجتها إلى مكون(ة) في مجال تسيير التعاونيات، وذلك بإقليم تاونات.\n\n"
        "شروط الترشيح\n- الإجازة\n"
    )
    assert title_of(text) == "مكون(ة) في مجال تسيير التعاونيات"


def test_a_recruiting_sentence_below_the_heading_does_not_outrank_it():
    text = (
        "Accueil\nOffres\nEspace candidat\n\n"
        "Consultant(e) pour la refonte du site web associatif\nAssociation Tafoukt Sud\nTiznit\n\n"
        "Description de l'offre\n"
        "L'Association Tafoukt Sud recrute un(e) consultant(e) pour l'accompagner dans la refonte de ses outils numériques.\n"
    )
    assert title_of(text) == "Consultant(e) pour la refonte du site web associatif"


def test_a_posting_date_row_is_no_title_row():
    text = (
        "Atlas Youth Network\nPosted on: 3 March 2027\nContract type: Consultancy\n\n"
        "Background\nThe network works with youth centres.\n"
    )
    views = Views.of(text)
    # a "title key: value" row (rank 3) is not read from "Posted on" ("Poste" is a title key)
    assert [c.text for c in title_candidates(Doc(views, segment(views), None)) if c.rank == 3] == []


def test_an_arabic_post_of_animator_below_a_long_menu_is_a_candidate():
    menu = "".join(
        f"{item}\n"
        for item in [
            "الرئيسية",
            "عروض الشغل",
            "التداريب",
            "التطوع",
            "التكوينات",
            "الأخبار",
            "دليل الجمعيات",
            "فضاء المشغلين",
            "فضاء المترشحين",
            "أضف عرضا",
            "تسجيل الدخول",
            "اتصل بنا",
            "من نحن",
            "الأسئلة",
        ]
    )
    text = (
        menu
        + "\nمنشط(ة) تربوي(ة) بدار الشباب\nمدينة صفرو\nعقد محدد المدة\n\nوصف العرض\nتبحث الجمعية عن شخص متحمس.\n"
    )
    assert title_of(text) == "منشط(ة) تربوي(ة) بدار الشباب"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # an Arabic tender's header going on with "لأجل"
            "جماعة أولاد تايمة\nإعلان عن طلب عروض أثمان مفتوح رقم 07/2027\n"
            "لأجل إنجاز دراسة حول تثمين النفايات المنزلية\n\nالسياق\n",
            "إعلان عن طلب عروض أثمان مفتوح رقم 07/2027 لأجل إنجاز دراسة حول تثمين النفايات المنزلية",
        ),
        (  # "Title:" alone is a title key
            "TERMS OF REFERENCE\nTitle: Review of the community radio network's editorial policy\n"
            "Duration: 20 days\nLocation: Ouarzazate\n",
            "Review of the community radio network's editorial policy",
        ),
        (  # "AVIS DE CONSULTATION" is a generic header: its object follows, behind its reference
            "AVIS DE CONSULTATION\nN° 05/2027\nObjet : Conception d'un module de formation sur le compostage "
            "pour les écoles de la province\n\nL'Association ...\n",
            "Conception d'un module de formation sur le compostage pour les écoles de la province",
        ),
        (  # an e-mail's subject with no cue word names the call
            "From: Salma Idrissi <s.idrissi@example.org>\nSubject: RFP – Mapping of women's cooperatives in Tata\n"
            "Dear partners,\nPlease find attached the terms.\n",
            "RFP – Mapping of women's cooperatives in Tata",
        ),
        (  # a breadcrumb with slashes is where the page sits, not what it offers
            "Home / Opportunities / Consultancies\nMid-term Review of the Literacy for Rural Mothers Project\n"
            "Published: 02/03/2027\n",
            "Mid-term Review of the Literacy for Rural Mothers Project",
        ),
    ],
)
def test_headers_keys_subjects_and_paths(text, title):
    assert title_of(text) == title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # "عن إجراء مباراة ..."
            "أعلنت المديرية الإقليمية للتعليم بأزيلال عن إجراء مباراة لتوظيف 4 محررين من الدرجة الثالثة، "
            "يوم 9 يونيو 2027.\n\nشروط الترشيح\n- الجنسية المغربية\n",
            "مباراة لتوظيف 4 محررين من الدرجة الثالثة",
        ),
        (  # "تعتزم X تنظيم مباراة ..." with no "عن"
            "تعتزم الوكالة الجهوية لتنفيذ المشاريع بكلميم تنظيم مباراة لتوظيف مهندس دولة من الدرجة الأولى، "
            "وذلك يوم 3 يوليوز 2027.\n\nشروط الترشيح\n- الجنسية المغربية\n",
            "مباراة لتوظيف مهندس دولة من الدرجة الأولى",
        ),
        (  # a professional exam announced
            "تعلن عمالة إقليم طاطا عن تنظيم امتحان الكفاءة المهنية للترقي إلى درجة تقني من الدرجة الثانية "
            "برسم سنة 2027.\n\nشروط المشاركة\n- الأقدمية\n",
            "امتحان الكفاءة المهنية للترقي إلى درجة تقني من الدرجة الثانية برسم سنة 2027",
        ),
        (  # what an invitation asks proposals for
            "Oasis Futures Network invites qualified consultants to submit proposals for the final evaluation "
            "of its date palm programme in Tata.\n\nEligibility\n- Registered firms\n",
            "The final evaluation of its date palm programme in Tata",
        ),
        (  # an invitation for a position
            "The Atlas Heritage Trust invites applications for the position of Finance and Grants Manager "
            "based in Fes.\n\nEligibility\n- Five years of experience\n",
            "Finance and Grants Manager based in Fes",
        ),
    ],
)
def test_announcements_and_invitations_name_their_object(text, title):
    assert title_of(text) == title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # a line ending on "recrute": the post is the next line
            "RECRUTEMENT\nL'Association Ennakhil recrute\nUN(E) ANIMATEUR(TRICE) SOCIO-ÉDUCATIF(VE)\n"
            "Basé(e) à Marrakech\n",
            "UN(E) ANIMATEUR(TRICE) SOCIO-ÉDUCATIF(VE)",
        ),
        (  # the offer's reference before a dash is not the title
            "Réf : TAF/RH/2027/11 – Assistant(e) de direction bilingue\nLieu : Kénitra\n\nMissions\n",
            "Assistant(e) de direction bilingue",
        ),
        (  # "Request for Expression of Interest (REOI)" is a generic header: its object follows
            "Request for Expression of Interest (REOI)\n"
            "Consulting services for the design of a drip irrigation training kit\nCountry: Morocco\n",
            "Consulting services for the design of a drip irrigation training kit",
        ),
    ],
)
def test_lead_in_verbs_references_and_interest_headers(text, title):
    assert title_of(text) == title
