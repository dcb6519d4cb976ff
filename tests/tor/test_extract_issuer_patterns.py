"""Who issues a call nobody tuned the reader to (issue 16): the ways calls name their issuer in
French, Arabic and English, written from the patterns (every organisation here is invented), and
the partners, funders and copied addresses that are not the issuer."""

from __future__ import annotations

import random

import pytest

from nidaa.tor.api import read_and_extract
from nidaa.tor.extract import extract_fields
from nidaa.tor.fields import issuer
from nidaa.tor.fields.common import Doc
from nidaa.tor.sections import segment
from nidaa.tor.text import Views


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        # an announcing verb after the name
        (
            "Contexte\nL'Association Tilila sollicite les services d'un consultant pour son diagnostic.",
            "Association Tilila",
        ),
        (
            "Le Collectif Sahel Vert souhaite s'adjoindre les services d'un(e) consultant(e).",
            "Collectif Sahel Vert",
        ),
        (
            "Dans le cadre de son programme jeunesse, la Fondation Ouarzazate Avenir cherche un formateur.",
            "Fondation Ouarzazate Avenir",
        ),
        (
            "Green Horizons Trust is soliciting proposals from qualified firms for a market study.",
            "Green Horizons Trust",
        ),
        ("The Amazigh Heritage Institute would like to engage a consultant.", "Amazigh Heritage Institute"),
        # an office of the organisation announces
        (
            "Vacancy Announcement\nThe Norwegian Relief Mission (NRM) Morocco office seeks a Finance Officer.",
            "Norwegian Relief Mission (NRM)",
        ),
        # a partner named first does not hide the issuer that follows it
        (
            "En partenariat avec la Fondation Bleue, l'Association Ajial recrute un consultant.",
            "Association Ajial",
        ),
        (
            "With funding from the Imaginary Development Bank, Coastal Voices Network is seeking a trainer.",
            "Coastal Voices Network",
        ),
        # letterheads whose kind word ends the name, an office after a dash
        ("Agadir Women Network\nTerms of Reference\nBaseline study of the project", "Agadir Women Network"),
        (
            "Sahara Youth Council – Country Office\nVacancy announcement\nProgramme Assistant",
            "Sahara Youth Council",
        ),
        # a heading that ends with a kind word is no letterhead
        (
            "About the Organization\nDesert Schools Trust is a Moroccan NGO founded in 2001.",
            "Desert Schools Trust",
        ),
        # labels: on one line, or the label alone and its value on the next line
        (
            "Objet : étude de faisabilité\nEntité contractante : Centre Ibn Rochd pour la Recherche\n",
            "Centre Ibn Rochd pour la Recherche",
        ),
        ("Hiring organization: Bridges for Youth\nLocation: Rabat\n", "Bridges for Youth"),
        (
            "Consultancy: Gender Analysis\nAgency: Women Forward Initiative\nDeadline: 2 May 2026",
            "Women Forward Initiative",
        ),
        (
            "Type d'offre\nConsultance\nOrganisation\nAssociation Amal Souss\nLieu\nAgadir\n",
            "Association Amal Souss",
        ),
        # a job board's title "post at organisation"
        (
            "Finance Officer at Sahel Relief Network\nPosted 3 days ago\nAbout the role",
            "Sahel Relief Network",
        ),
        ("Chargé(e) de projet – Fondation Tamount Éducation\nPublié le 3 mai", "Fondation Tamount Éducation"),
        # ... but not the office after the organisation's name, whose domain names it
        (
            "Atlas Women – Morocco Country Office\nProcurement notice\nSend proposals to bids@atlaswomen.org",
            "Atlas Women",
        ),
        ("L'Association Imal a besoin d'un consultant pour son plan stratégique.", "Association Imal"),
        # a signature, or a signature block of the organisation's name alone
        (
            "Terms of reference\nEvaluation of the literacy programme\nApplications before 3 June 2026.\n\n"
            "Human Resources\nDesert Schools Foundation\n",
            "Desert Schools Foundation",
        ),
        (
            "Les dossiers sont à envoyer avant le 12 mai 2026.\n\nLe Président de l'Association Oasis Verte\n",
            "Association Oasis Verte",
        ),
        # the organisation defined with its acronym and named by it throughout
        (
            "Background\nThe Rural Women Cooperative Union (RWCU) was founded in 2010.\n"
            "RWCU works with 40 cooperatives. The consultant will report to RWCU's director.",
            "Rural Women Cooperative Union (RWCU)",
        ),
        # the submission address's domain, spelled out in the text by its initials
        (
            "The Nador Community Development Forum runs the project in three provinces.\n"
            "Send applications to recruitment@ncdf.org.ma before 3 May.",
            "Nador Community Development Forum",
        ),
        # the organisation the consultant answers to, the client a call is made on behalf of
        (
            "The consultant will work under the supervision of the steering group and of the "
            "Coastal Lawyers Collective (CLC), which chairs it.",
            "Coastal Lawyers Collective (CLC)",
        ),
        (
            "Recrutement d'un formateur pour le compte de l'Association Ghita pour l'Enfance.",
            "Association Ghita pour l'Enfance",
        ),
        # nothing but the reference, built of the issuer's acronym
        ("REF: TUN/FDX/2026/012\nAppel à consultation pour une étude de marché", "FDX"),
        # Arabic: the announcing verbs, the article and the preposition glued to the name
        ("يسر جمعية النخيل للتنمية المستدامة أن تعلن عن فتح باب الترشيح.", "جمعية النخيل للتنمية المستدامة"),
        ("ترغب منظمة الأمل للطفولة في التعاقد مع خبير في التقييم.", "منظمة الأمل للطفولة"),
        ("بدعم من مؤسسة الخير، تعلن جمعية الوفاء عن حاجتها إلى مكون.", "جمعية الوفاء"),
        ("تنظم جامعة ابن زهر مباراة لتوظيف أساتذة التعليم العالي.", "جامعة ابن زهر"),
        ("وزارة الفلاحة والصيد البحري تعلن عن تنظيم مباراة لتوظيف مهندسين", "وزارة الفلاحة والصيد البحري"),
        ("إعلان جمعية الأمل للتنمية عن انتقاء مكون", "جمعية الأمل للتنمية"),
        (
            "مباراة توظيف 10 تقنيين بالمكتب الجهوي للاستثمار الفلاحي آخر أجل 20 ماي 2026",
            "المكتب الجهوي للاستثمار الفلاحي",
        ),
        (
            "المدرسة الوطنية للتجارة والتسيير بطنجة: مباراة لتوظيف تقنيين",
            "المدرسة الوطنية للتجارة والتسيير بطنجة",
        ),
        (
            "إعلان عن مباراة لتوظيف متصرفين من الدرجة الثانية بوزارة الشباب والثقافة\n",
            "وزارة الشباب والثقافة",
        ),
        ("آخر أجل لإيداع الملفات 20 ماي 2026.\n\nرئيس جمعية الواحة للتنمية\n", "جمعية الواحة للتنمية"),
        # an administration's name holds lowercase adjectives and divisions
        (
            "Avis\nLa Délégation provinciale de la Jeunesse de Tata recrute un formateur.",
            "Délégation provinciale de la Jeunesse de Tata",
        ),
        (
            "Le Centre Régional des Métiers de la région Draa Sud recrute un chargé de communication.",
            "Centre Régional des Métiers de la région Draa Sud",
        ),
        # "&" inside a name
        (
            "Solidarité & Inclusion Sud recrute un(e) consultant(e) pour une formation.",
            "Solidarité & Inclusion Sud",
        ),
        # the country after the acronym is the office, not the name
        (
            "The International Network for Rural Schools (INRS) Morocco is seeking a consultant.",
            "International Network for Rural Schools (INRS)",
        ),
        # the one who signs speaks for the organisation
        (
            "Le Président de la Commune de Tazarine lance un appel d'offres pour la formation des élus.",
            "Commune de Tazarine",
        ),
        # the implementer keeps its acronym
        (
            "The project is implemented by the Coastal Civic Centre (CCC) in partnership with local schools.",
            "Coastal Civic Centre (CCC)",
        ),
        # the job board that reposts a call is not its issuer
        ("Publié par : Tanmia.ma\nL'Association Anir recrute un consultant.", "Association Anir"),
        ("Job: Trainer\nPosted by: jobs.example.ma\nEmployer: Fondation Amlal\n", "Fondation Amlal"),
        # more announcing verbs, on names without a kind word
        ("Contexte\nTazrouk Solidarité vient de lancer un appel à candidatures.", "Tazrouk Solidarité"),
        ("Avis\nAssafa Maroc a décidé de recruter un consultant.", "Assafa Maroc"),
        ("Request for proposals\nHighland Water hereby invites qualified firms to apply.", "Highland Water"),
        (
            "RFP\nCoastal Resilience Partners is issuing this Request for Proposals.",
            "Coastal Resilience Partners",
        ),
        ("Mercy Aid Jordan has decided to hire a consultant.", "Mercy Aid Jordan"),
        # a labelled value's place or country is not part of the name; a site's account is no organisation
        ("Employer: Fondation Amlal – Casablanca\nJob: trainer\n", "Fondation Amlal"),
        ("Recruteur : Association Ikhlass - Tétouan\n", "Association Ikhlass"),
        ("Organisation : Association Tilila (Tunisie)\n", "Association Tilila"),
        ("Organisation : Association Sud - Nord\n", "Association Sud - Nord"),
        ("Posted by: Admin\nOrganization: Sahara Youth Council\n", "Sahara Youth Council"),
        # a label alone on its line, its value on the next: the label is no name
        (
            "Consultancy\nOrganisation name\nFutures Lab Tafileh\nDeadline\n12 May 2026\n",
            "Futures Lab Tafileh",
        ),
        # a table flattened with pipes
        ("| الإدارة | وزارة الشباب والرياضة |\n| المنصب | متصرف |\n", "وزارة الشباب والرياضة"),
        ("| Structure | Coopérative Tamount |\n| Poste | Formateur |\n", "Coopérative Tamount"),
        ("| الجهة المنظمة / الشركة | وكالة تنمية الواحات |\n| المنصب | تقني |\n", "وكالة تنمية الواحات"),
        ("الإدارة المشغلة\nالمكتب الوطني للسياحة\nالمنصب: تقني\n", "المكتب الوطني للسياحة"),
        # a PDF transcript's hard line break inside the name
        (
            "Appel à candidatures\nDans le cadre de son projet « Jeunes citoyens », l'Association Horizons\n"
            "Solidaires du Sud recrute un(e) formateur(trice) en plaidoyer.",
            "Association Horizons Solidaires du Sud",
        ),
        # a body named with its acronym, then the territory it serves: the body announces
        (
            "Le Programme Tamkine Jeunes (PTJ) de la Province de Tata lance un appel à candidatures.\n",
            "Programme Tamkine Jeunes (PTJ)",
        ),
        (
            "The Youth Skills Programme (YSP) of the Province of Tata is seeking a consultant.\n",
            "Youth Skills Programme (YSP)",
        ),
        # a programme named with its acronym that recruits is the issuer
        (
            "Programme Régional pour l'Emploi des Jeunes (PREJ) recrute un consultant national.\n",
            "Programme Régional pour l'Emploi des Jeunes (PREJ)",
        ),
        # a forwarded notice: the organisation that sent it, not its domain's letters
        (
            "---------- Forwarded message ---------\nDe : Association Ait Bouguemez Tourisme <contact@abt.ma>\n"
            "Date: lun. 3 mars 2025\nObjet: Appel à consultants\n\nBonjour,\nVeuillez trouver ci-joint les TdR.\n",
            "Association Ait Bouguemez Tourisme",
        ),
        (
            '---------- Message transféré ---------\nDe : "Fondation Nour Sud" <info@nour-sud.org>\nObjet : Appel\n',
            "Fondation Nour Sud",
        ),
        # ... a person who forwards it is no organisation: the domain's owner is read instead
        (
            "-----Original Message-----\nFrom: Karim Alaoui <karim@abt.ma>\nSubject: TdR\n\nPlease find attached.\n",
            "ABT",
        ),
        # an Arabic name followed by the city it sits in or its branch: not part of the name
        ("أعلنت جمعية النور للتنمية بمراكش عن حاجتها إلى خبير.\n", "جمعية النور للتنمية"),
        ("تعلن جمعية الأمل للتنمية فرع سلا عن فتح باب الترشيح لتوظيف منسق.\n", "جمعية الأمل للتنمية"),
        ("تعلن جمعية الأمل للتنمية بمدينة طنجة عن حاجتها إلى خبير.\n", "جمعية الأمل للتنمية"),
        # ... but a name's own word starting with "ب" stays
        ("تعلن جمعية بسمة للتنمية عن فتح باب الترشيح لتوظيف منسق.\n", "جمعية بسمة للتنمية"),
    ],
)
def test_issuer_as_calls_name_it(text, issuer):
    fields = extract_fields(text)
    assert fields["issuer"] == issuer
    (span,) = fields["evidence"]["issuer"]
    assert 0 < fields["confidence"]["issuer"] < 1
    assert span["end"] > span["start"]


def test_tatweel_in_the_announcing_verb_and_the_name():
    _, fields = read_and_extract("تعلـــن جمعيـــة الأفق للتنمية عن انتقاء مكون.".encode(), "call.txt")
    assert fields["issuer"] == "جمعية الأفق للتنمية"


def test_a_copy_of_the_cv_is_not_a_copied_address():
    text = "Envoyez une copie de votre CV à recrutement@tifawin.ma avant le 3 mai."
    assert extract_fields(text)["issuer"] == "Tifawin"


@pytest.mark.parametrize(
    "text",
    [
        # a copied address is not the submission address: its domain names no issuer
        "Envoyez vos offres à candidatures.projet@gmail.com et en copie à suivi@partenaire-exemple.it.",
        "Send your proposal to team.project@gmail.com, cc: finance@donor-example.org",
        # a funder alone is not the issuer
        "Ce projet est financé par la Fondation Lumière.\nRecrutement d'un formateur en gestion.",
        "بدعم من مؤسسة الخير للتنمية\nإعلان عن انتقاء مكون",
        # the fund or programme a call falls under is not its issuer
        "في إطار صندوق دعم المبادرات المحلية، تم فتح باب الترشيح.\nوعليه، تدعو الجماعة الجمعيات المحلية إلى إيداع ملفاتها.",
        "Dans le cadre du Fonds d'Appui aux Initiatives Locales, un appel est ouvert aux associations.",
        "As part of the Civic Voices Fund (CVF), applications are invited from local associations.",
        "Dans le cadre du Programme Tamkine Jeunes (PTJ), un consultant sera recruté pour une étude.",
    ],
)
def test_no_issuer_rather_than_a_partner(text):
    assert extract_fields(text)["issuer"] is None


def test_the_issuer_named_by_its_verb_wins_over_a_partner_defined_earlier():
    text = (
        "The Sun Grants Facility (SGF) funds the project.\n"
        "Mountain Schools Association (MSA) is recruiting a trainer for its teachers."
    )
    assert extract_fields(text)["issuer"] == "Mountain Schools Association (MSA)"


def test_names_before_verbs_are_those_a_whole_scan_finds():
    """The name-and-verb pattern is tried only on the stretch of line before a verb: the matches must be
    a whole scan's, in order, whatever the text."""
    words = (
        "Association Tilila recrute , l'Association Horizons Solidaires du Sud lance la Fondation X (FX) Maroc "
        "is seeking The Atlas Trust invites de la région Souss provinciale & Inclusion recherche un consultant\n"
        "Le Président de la Commune de Tazarine , avec le soutien de Y , lance est une association"
    ).split(" ")
    rng = random.Random(11)
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 80)))
        views = Views.of(text)
        doc = Doc(views, segment(views), None)
        whole = [m.span() for m in issuer._ISSUER_VERB.finditer(doc.masked)]
        assert [m.span() for m in issuer._verb_matches(doc)] == whole
