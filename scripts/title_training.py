"""Synthetic calls for training the title ranker (``scripts/train_title_ranker.py``).

Each generated call is a list of lines in the shapes calls reach an issuer in: a portal's
page (site name, navigation, breadcrumb, posting date, label/value lines), a job board's
offer, a Word/PDF document (letterhead, reference, generic header, numbered sections), a
vacancy page (the programme, the post's short name, a reference, a place), a short notice and
an Arabic public competition under a letterhead stack ("تعلن X عن تنظيم مباراة لتوظيف ...،
وذلك يوم ..."); in French, English and Arabic. Three in ten are printed as a Word or PDF
rendering reads back: one paragraph a line, no blank line between. Every piece is written for the project
(organisations, projects and sentences are invented); none is taken from a real call. The
title is placed among lines that look like titles without being one (navigation, dates,
labels, section headings, sentences mentioning a recruitment), printed in capitals, over two
lines or behind a generic header, so the ranker learns the shapes, not the words of a corpus.

    python scripts/title_training.py [--count N] [--seed S]   # prints a sample
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass

THEMES_FR = [
    "gestion associative",
    "budgétisation sensible au genre",
    "plaidoyer local",
    "entrepreneuriat des jeunes",
    "communication digitale",
    "suivi-évaluation",
    "gestion des déchets",
    "droits de l'enfant",
    "démocratie participative",
    "éducation financière",
    "économie sociale et solidaire",
    "gestion de l'eau",
]
THEMES_EN = [
    "youth employability",
    "gender-responsive budgeting",
    "digital skills",
    "climate adaptation",
    "monitoring and evaluation",
    "community mobilisation",
    "financial literacy",
    "social entrepreneurship",
    "local governance",
    "child protection",
]
THEMES_AR = [
    "التخطيط التشاركي",
    "الميزانية المستجيبة للنوع",
    "التربية المالية",
    "تدبير المشاريع",
    "التواصل الرقمي",
    "حقوق الطفل",
    "الاقتصاد الاجتماعي والتضامني",
    "تدبير الماء",
]
PLACES = [
    "Tiznit",
    "Figuig",
    "Azilal",
    "Ouarzazate",
    "Larache",
    "Taza",
    "Essaouira",
    "Guelmim",
    "Chefchaouen",
]
PLACES_AR = ["تيزنيت", "فجيج", "أزيلال", "ورزازات", "العرائش", "تازة", "الصويرة", "كلميم", "شفشاون"]
ORG_FR = [
    "Association Tawaf pour le Développement",
    "Fondation Iknane",
    "Réseau Amassir des Associations",
    "Association Nour Al Amal",
    "Collectif Tadamoun",
    "Centre Afak pour la Citoyenneté",
]
ORG_EN = [
    "Bridges for Youth Foundation",
    "Atlas Civic Network",
    "Green Oasis Alliance",
    "Horizon Relief International",
]
ORG_AR = [
    "جمعية الأمل للتنمية",
    "مؤسسة إيكنان",
    "شبكة أمسير للجمعيات",
    "جمعية النور للتربية",
    "المركز المغربي للمواطنة",
]
PROJECTS = ["Eau pour Tous", "Jeunes Actifs", "Oasis Durables", "Tamkine", "Ajyal", "Voix des Femmes"]

ROLES_FR = [
    ("consultant(e)", "d'un(e)"),
    ("consultant national", "d'un"),
    ("formateur(trice)", "d'un(e)"),
    ("expert(e)", "d'un(e)"),
    ("bureau d'études", "d'un"),
    ("cabinet de conseil", "d'un"),
    ("chargé(e) de projet", "d'un(e)"),
    ("coordinateur(trice) de programme", "d'un(e)"),
    ("animateur(trice) de formation", "d'un(e)"),
    ("responsable suivi-évaluation", "d'un(e)"),
]
ROLES_EN = [
    "consultant",
    "national consultant",
    "trainer",
    "pool of trainers",
    "expert",
    "consulting firm",
    "Programme Officer",
    "Project Coordinator",
    "MEAL Officer",
    "Finance Assistant",
]
ROLES_AR = [
    "مكون(ة)",
    "خبير(ة)",
    "مستشار(ة)",
    "منسق(ة) مشروع",
    "محاسب(ة)",
    "مكتب دراسات",
    "مؤطر(ة)",
    "تقني من الدرجة الثالثة",
]
OBJECTS_FR = [
    "l'évaluation finale du projet « {project} »",
    "l'élaboration d'un guide sur la {theme}",
    "l'animation de {n} ateliers en {theme}",
    "la formation des membres des associations en {theme}",
    "la réalisation d'une étude diagnostique sur la {theme} à {place}",
    "l'accompagnement des coopératives de la province de {place}",
    "l'élaboration du plan d'action communal de {place}",
]
OBJECTS_EN = [
    "the final evaluation of the {project} project",
    "a baseline survey on {theme} in {place}",
    "the facilitation of {n} workshops on {theme}",
    "the design of a training programme on {theme}",
    "a mapping of youth-led organisations in {place}",
    "technical support on {theme} to local governments",
]
OBJECTS_AR = [
    "تأطير ورشات في {theme}",
    "إنجاز دراسة تشخيصية حول {theme} بجماعة {place}",
    "تكوين أعضاء الجمعيات في مجال {theme}",
    "تقييم مشروع {project}",
    "مواكبة التعاونيات النسائية بإقليم {place}",
]


# Posts a staff vacancy names in a short heading line, under the programme it belongs to
POSTS = {
    "fr": [
        "Chargé(e) de projet",
        "Coordinateur(trice) régional(e)",
        "Animateur(trice) de terrain",
        "Assistant(e) administratif(ve) et financier(e)",
        "Responsable suivi-évaluation",
        "Conseiller(ère) technique",
    ],
    "en": [
        "Programme Officer",
        "Field Coordinator",
        "Community Liaison Officer",
        "MEAL Officer",
        "Finance Assistant",
        "Technical Advisor",
    ],
    "ar": ["منسق(ة) مشروع", "مسؤول(ة) التتبع والتقييم", "مساعد(ة) إداري(ة)", "محاسب(ة)", "منشط(ة) ميداني(ة)"],
}
PROGRAMMES = {
    "fr": ["Programme d'appui à la {theme}", "Projet « {project} »", "Programme régional de {theme}"],
    "en": ["Support Programme for {theme}", "{project} Project", "Regional Programme on {theme}"],
    "ar": ["برنامج دعم {theme}", "مشروع {project}"],
}
LETTERHEAD_AR = [
    "المملكة المغربية",
    "وزارة الداخلية",
    "جهة درعة تافيلالت",
    "عمالة إقليم تيزنيت",
    "الكتابة العامة",
]
FOR_PROJECT = {
    "fr": "Pour le projet « {project} »",
    "en": "For the project “{project}”",
    "ar": "لفائدة مشروع {project}",
}


@dataclass
class Call:
    lines: list[str]
    title: str  # the gold title, as a reader should give it
    language: str
    family: str = ""  # the page's layout ("portal", "transcript", ...): a group for cross-validation


def _fill(r: random.Random, template: str, language: str) -> str:
    theme = r.choice({"fr": THEMES_FR, "en": THEMES_EN, "ar": THEMES_AR}[language])
    place = r.choice(PLACES_AR if language == "ar" else PLACES)
    return template.format(theme=theme, place=place, project=r.choice(PROJECTS), n=r.choice([2, 3, 4, 5, 6]))


def _noun(obj: str) -> str:
    """The object as a heading: "l'évaluation finale ..." -> "Évaluation finale ..."."""
    for article in ("l'", "la ", "le ", "les ", "the ", "a ", "an "):
        if obj.startswith(article):
            obj = obj[len(article) :]
            break
    return obj[:1].upper() + obj[1:]


def _title(r: random.Random, language: str) -> tuple[str, str]:
    """(the title line as printed, the gold title)."""
    if language == "fr":
        role, article = r.choice(ROLES_FR)
        obj = _fill(r, r.choice(OBJECTS_FR), "fr")
        theme = r.choice(THEMES_FR)
        shapes = [
            f"Recrutement {article} {role} pour {obj}",
            f"Appel à candidatures pour le recrutement {article} {role} en {theme}",
            f"Appel à consultation pour {obj}",
            f"Termes de référence pour {obj}",
            f"{role[:1].upper()}{role[1:]} en {theme}",
            f"Sélection {article} {role} pour {obj}",
            f"Avis de recrutement {article} {role} en {theme}",
            _noun(obj),
            f"Appel à manifestation d'intérêt pour {obj}",
        ]
    elif language == "en":
        role = r.choice(ROLES_EN)
        obj = _fill(r, r.choice(OBJECTS_EN), "en")
        theme = r.choice(THEMES_EN)
        shapes = [
            f"Terms of Reference for {obj}",
            f"Call for trainers in {theme}",
            f"{role[:1].upper()}{role[1:]} – {theme[:1].upper()}{theme[1:]}",
            f"Recruitment of a {role} for {obj}",
            f"Request for Proposals for {obj}",
            f"Consultancy for {obj}",
            f"{role[:1].upper()}{role[1:]} for {obj}",
            _noun(obj),
        ]
    else:
        role = r.choice(ROLES_AR)
        obj = _fill(r, r.choice(OBJECTS_AR), "ar")
        theme = r.choice(THEMES_AR)
        shapes = [
            f"إعلان عن مباراة لتوظيف {r.choice(['تقنيين', 'متصرفين', 'مهندسين'])} من الدرجة {r.choice(['الأولى', 'الثانية', 'الثالثة'])}",
            f"دعوة لتقديم عروض من أجل {obj}",
            f"طلب ترشيحات لانتقاء {role} في مجال {theme}",
            f"إعلان عن حاجة إلى {role} في مجال {theme}",
            f"{role} في مجال {theme}",
            f"طلب عروض مفتوح من أجل {obj}",
            f"إعلان عن انتقاء {role} من أجل {obj}",
        ]
    line = r.choice(shapes)
    return line, line


NAV = {
    "fr": [
        "Accueil",
        "Offres d'emploi",
        "Appels d'offres",
        "Connexion",
        "Nous contacter",
        "Actualités",
        "Menu",
    ],
    "en": ["Home", "Jobs", "Opportunities", "Sign in", "Contact us", "News", "Menu"],
    "ar": ["الرئيسية", "مباريات التوظيف", "عروض الشغل", "تسجيل الدخول", "اتصل بنا", "أخبار"],
}
SITES = {
    "fr": ["Portail des associations", "Bourse des ONG", "Emploi Société Civile"],
    "en": ["NGO Jobs Board", "Development Careers", "Civil Society Opportunities"],
    "ar": ["بوابة التشغيل", "وظيفتي", "مباريات المغرب"],
}
MONTHS = {
    "fr": ["janvier", "mars", "avril", "juin", "septembre", "novembre"],
    "en": ["January", "March", "April", "June", "September", "November"],
    "ar": ["يناير", "مارس", "أبريل", "يونيو", "شتنبر", "نونبر"],
}


def _date(r: random.Random, language: str) -> str:
    day, year = r.randint(1, 28), r.choice([2024, 2025, 2026])
    if r.random() < 0.4:
        return f"{day:02d}/{r.randint(1, 12):02d}/{year}"
    return f"{day} {r.choice(MONTHS[language])} {year}"


def _labels(r: random.Random, language: str) -> list[str]:
    place = r.choice(PLACES_AR if language == "ar" else PLACES)
    pool = {
        "fr": [
            f"Lieu : {place}",
            "Type de contrat : Consultation",
            "Type d'offre : Prestation de services",
            "Secteur : Société civile",
            f"Date limite : {_date(r, 'fr')}",
            f"Publié le : {_date(r, 'fr')}",
            f"Référence : AT/{r.randint(10, 99)}/{r.choice([2024, 2025])}",
            "Durée : 20 jours",
            "Niveau d'études : Bac+5",
        ],
        "en": [
            f"Location: {place}, Morocco",
            "Contract type: Consultancy",
            "Job type: Full time",
            f"Deadline: {_date(r, 'en')}",
            f"Posted on: {_date(r, 'en')}",
            f"Reference: RFP/{r.randint(10, 99)}/{r.choice([2024, 2025])}",
            "Duration: 30 days",
            "Sector: NGO",
        ],
        "ar": [
            f"المدينة : {place}",
            "نوع العقد : عقد محدد المدة",
            f"آخر أجل : {_date(r, 'ar')}",
            f"تاريخ النشر : {_date(r, 'ar')}",
            "عدد المناصب : 3",
            "المستوى الدراسي : الإجازة",
        ],
    }[language]
    return r.sample(pool, r.randint(2, min(6, len(pool))))


def _sentences(r: random.Random, language: str, org: str) -> list[str]:
    theme = r.choice({"fr": THEMES_FR, "en": THEMES_EN, "ar": THEMES_AR}[language])
    place = r.choice(PLACES_AR if language == "ar" else PLACES)
    project = r.choice(PROJECTS)
    pool = {
        "fr": [
            f"Dans le cadre de la mise en œuvre du projet « {project} », {org} prévoit le recrutement d'un consultant chargé d'accompagner les partenaires locaux dans la {theme} à {place}.",
            f"{org} est une association à but non lucratif qui œuvre depuis 2009 pour la {theme} dans la région.",
            f"Le projet vise à renforcer les capacités des acteurs locaux en matière de {theme} et à promouvoir la participation des femmes et des jeunes.",
            "Les candidat(e)s intéressé(e)s sont prié(e)s d'envoyer leur dossier de candidature par courrier électronique.",
            f"La mission se déroulera à {place} sur une période de deux mois.",
        ],
        "en": [
            f"As part of the {project} project, {org} is seeking a qualified consultant to support local partners on {theme} in {place}.",
            f"{org} is a non-profit organisation working on {theme} since 2010.",
            f"The project aims to strengthen the capacities of local actors on {theme} and to promote the participation of women and young people.",
            "Interested candidates are invited to send their application by e-mail.",
            f"The assignment will take place in {place} over a period of two months.",
        ],
        "ar": [
            f"في إطار تنفيذ مشروع {project}، تعتزم {org} التعاقد مع خبير لمواكبة الشركاء المحليين في مجال {theme} بإقليم {place}.",
            f"{org} جمعية غير ربحية تعمل منذ سنة 2009 في مجال {theme}.",
            f"يهدف المشروع إلى تقوية قدرات الفاعلين المحليين في مجال {theme} وتعزيز مشاركة النساء والشباب.",
            "على المترشحين الراغبين إرسال ملفات ترشيحهم عبر البريد الإلكتروني.",
        ],
    }[language]
    return r.sample(pool, r.randint(1, min(3, len(pool))))


HEADINGS = {
    "fr": [
        "1. Contexte",
        "Contexte et justification",
        "2. Objectifs de la mission",
        "Profil recherché",
        "Modalités de soumission",
    ],
    "en": [
        "1. Background",
        "Background",
        "2. Objectives of the assignment",
        "Required qualifications",
        "How to apply",
    ],
    "ar": ["أولا: السياق", "السياق العام", "ثانيا: أهداف المهمة", "شروط الترشيح", "طريقة الترشيح"],
}
HEADERS = {
    "fr": [
        "TERMES DE REFERENCE",
        "AVIS DE RECRUTEMENT",
        "APPEL A CANDIDATURES",
        "Appel à consultation N° {n}/2025",
    ],
    "en": [
        "TERMS OF REFERENCE",
        "VACANCY ANNOUNCEMENT",
        "REQUEST FOR PROPOSALS No. {n}/2025",
        "CALL FOR APPLICATIONS",
    ],
    "ar": ["إعلان", "إعلان عن مباراة", "طلب عروض رقم {n}/2025", "الشروط المرجعية"],
}
ANNOUNCE = {
    "fr": "{org} lance un appel à candidatures pour {rest}",
    "en": "{org} is seeking applications for {rest}",
    "ar": "تعلن {org} عن {rest}",
}


def _in_sentence(title: str) -> str:
    """A title as a sentence goes on with it: its first letter in lowercase, unless its first
    word is an acronym ("MEAL Officer", not "mEAL Officer")."""
    first = title.split(" ", 1)[0]
    return title if first[:2].isupper() else title[:1].lower() + title[1:]


def _split_two_lines(r: random.Random, line: str, language: str) -> list[str]:
    """A title printed over two lines: the second starts on a link word."""
    words = line.split()
    cuts = [
        i
        for i, w in enumerate(words)
        if 3 <= i <= len(words) - 2 and w in ("pour", "de", "en", "for", "of", "on", "in", "من", "في")
    ]
    if language == "ar" or not cuts:
        return [line]
    i = r.choice(cuts)
    return [" ".join(words[:i]), " ".join(words[i:])]


def generate(r: random.Random) -> Call:
    language = r.choices(["fr", "en", "ar"], weights=[4, 3, 3])[0]
    org = r.choice({"fr": ORG_FR, "en": ORG_EN, "ar": ORG_AR}[language])
    printed, gold = _title(r, language)
    title_lines = [printed]
    if r.random() < 0.15 and language != "ar":
        title_lines = [printed.upper()]
    elif r.random() < 0.2:
        title_lines = _split_two_lines(r, printed, language)
    layout = r.choice(
        [
            "portal",
            "board",
            "document",
            "notice",
            "post",
            "aggregator",
            "transcript",
            "fields",
            "competition",
            "platform",
            "form",
            "grant",
            "jobboard",
            "letterhead",
            "labelled",
            "sought",
        ]
    )
    lines: list[str] = []
    if layout == "competition" and language != "ar":
        layout = "fields"
    if layout == "competition":
        lines, gold = _competition_page(r, org)
    elif layout == "platform":
        lines, gold = _platform_page(r, language, org)
    elif layout == "form":
        lines, gold = _form_page(r, language, org)
    elif layout == "grant":
        lines, gold = _grant_page(r, language, org)
    elif layout == "jobboard":
        lines, gold = _job_board(r, language, org)
    elif layout == "letterhead":
        lines = _letterhead_document(r, language, org, printed, title_lines)
    elif layout == "labelled":
        lines, gold = _labelled_page(r, language, org, printed)
    elif layout == "sought":
        lines, gold = _sought_notice(r, language, org)
    elif layout == "aggregator":
        lines = _aggregator_page(r, language, org, printed, title_lines)
    elif layout == "transcript":
        lines = _transcript(r, language, org, printed, title_lines)
    elif layout in ("fields", "competition"):
        lines = _fields_page(r, language, org, printed)
    elif layout == "post":  # a vacancy: the programme, the post (its count before it), reference, place
        gold = r.choice(POSTS[language])
        lines += [_fill(r, r.choice(PROGRAMMES[language]), language), ""]
        lines += [f"{r.choice(['1 ', '2 ', ''])}{gold}", ""]
        if r.random() < 0.7:
            lines += [
                f"{r.randint(1, 12):02d}/{r.choice([2024, 2025])}/{''.join(r.sample('ABCPORT', 3))}",
                "",
            ]
        lines += [r.choice(PLACES_AR if language == "ar" else PLACES), ""]
        if r.random() < 0.7:
            lines += [FOR_PROJECT[language].format(project=r.choice(PROJECTS)), ""]
        lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
        lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    elif layout == "portal":
        lines += [r.choice(SITES[language])]
        lines += r.sample(NAV[language], r.randint(2, 5))
        if r.random() < 0.5:
            lines.append(" > ".join([NAV[language][0], NAV[language][1], printed]))
        if r.random() < 0.5:
            lines.append(
                ["Publié le ", "Posted on ", "نشر في "][["fr", "en", "ar"].index(language)]
                + _date(r, language)
            )
        lines += [""] + title_lines + [""]
        if r.random() < 0.6:
            lines.append(org)
        lines += _labels(r, language) + [""]
        lines += _sentences(r, language, org)
        lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    elif layout == "board":
        lines += title_lines
        lines += [org] if r.random() < 0.8 else []
        lines += _labels(r, language) + [""]
        if r.random() < 0.5:
            lines.append(r.choice(["Postuler", "Apply now", "قدم طلبك"][["fr", "en", "ar"].index(language)]))
        lines += _sentences(r, language, org)
        lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    elif layout == "document":
        lines += [org.upper() if language != "ar" else org]
        if r.random() < 0.5:
            lines.append(_labels(r, language)[0])
        if r.random() < 0.6:
            lines.append(r.choice(HEADERS[language]).format(n=r.randint(1, 20)))
        lines += title_lines + [""]
        lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
        lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    elif language == "ar" and r.random() < 0.5:
        # a public competition: a letterhead stack, perhaps a generic header, then the
        # announcement whose object ("مباراة لتوظيف ...") is the title, its date after a comma
        lines += r.sample(LETTERHEAD_AR, r.randint(1, 3)) + [org]
        if r.random() < 0.5:
            lines.append(r.choice(["إعلان", "إعلان عن مباراة", "بلاغ"]))
        gold = (
            f"{r.choice(['مباراة لتوظيف', 'مباراة لتوظيف', 'مباريات لتوظيف'])} "
            f"{r.choice(['متصرفين', 'تقنيين', 'مهندسين', 'محررين', 'متصرف'])} "
            f"من الدرجة {r.choice(['الأولى', 'الثانية', 'الثالثة', 'الرابعة'])}"
        )
        verb = r.choice(["تعلن", "يعلن رئيس"])
        lines.append(
            f"{verb} {org} عن {r.choice(['تنظيم ', ''])}{gold}، {r.choice(['وذلك يوم', 'يوم', 'ابتداء من'])} "
            f"{_date(r, 'ar')}{r.choice(['.', ' بمقرها.', ''])}"
        )
        lines += _labels(r, language) + [""]
        lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    else:  # a short notice: the announcement sentence carries the object, no title line
        lines += ["المملكة المغربية", "وزارة الداخلية"] if language == "ar" else [org]
        if r.random() < 0.5:
            lines += title_lines
            lines.append(
                ANNOUNCE[language].format(
                    org=org,
                    rest=_fill(
                        r,
                        r.choice({"fr": OBJECTS_FR, "en": OBJECTS_EN, "ar": OBJECTS_AR}[language]),
                        language,
                    ),
                )
                + "."
            )
        else:
            obj = gold
            lines.append(
                ANNOUNCE[language].format(org=org, rest=_in_sentence(obj) if language != "ar" else obj) + "."
            )
        lines += _labels(r, language) + [""]
        lines += _sentences(r, language, org)
    if r.random() < 0.3:  # as a Word or PDF rendering reads back: a paragraph a line, no blank between
        lines = [line for line in lines if line.strip()]
    return Call(lines, gold, language, layout)


SITE_SUFFIXES = ["Tawjih", "NGO Jobs", "Portail Associatif", "Emploi Maroc", "Daleel", "Wadifa", "ONG Info"]
DEADLINE_TAILS = {
    "fr": ["Date limite : {date}", "- Date limite {date}", "– échéance {date}", "({date})"],
    "en": ["- Deadline: {date}", "(Deadline {date})", "– Apply by {date}", "- {date}"],
    "ar": ["آخر أجل {date}", "اخر اجل {date}", "- آخر أجل لإيداع الترشيحات {date}", "- {date}"],
}
BACK_LINKS = {
    "fr": ["Retour vers les opportunités", "Retour à la liste des offres"],
    "en": ["Back to jobs", "Back to all opportunities"],
    "ar": ["العودة إلى القائمة"],
}
RELATED = {  # other offers a portal lists beside the page: titles of other calls, not this one's
    "fr": [
        "Offres similaires",
        "Recrutement d'un(e) comptable – Association Tilila",
        "Appel à projets jeunesse 2025",
    ],
    "en": ["Related jobs", "Finance Officer – Atlas Civic Network", "Call for Proposals: small grants 2025"],
    "ar": ["عروض مشابهة", "مباراة لتوظيف 5 محررين من الدرجة الثالثة", "دعوة لتقديم مشاريع الجمعيات 2025"],
}


def _aggregator_page(
    r: random.Random, language: str, org: str, printed: str, title_lines: list[str]
) -> list[str]:
    """A job board or a news site's copy: the title line carries what the site glued to it (its
    name after a dash, the deadline, a "back" link, the issuer before a colon), then the site's
    furniture, the date, label lines, the text; sometimes other offers' titles at the end."""
    head = printed
    glue = r.choice(["site", "deadline", "back", "issuer", "plain"])
    if glue == "site":
        head = f"{printed} {r.choice(['-', '–', '|'])} {r.choice(SITE_SUFFIXES)}"
    elif glue == "deadline":
        head = f"{printed} {r.choice(DEADLINE_TAILS[language]).format(date=_date(r, language))}"
    elif glue == "back":
        head = f"{printed}{r.choice(['', ' ', '-'])}{r.choice(BACK_LINKS[language])}"
    elif glue == "issuer" and len(org.split()) <= 4:
        head = f"{org}: {printed}"
    lines = [head] if len(title_lines) == 1 else title_lines
    if r.random() < 0.5:
        lines.append(" » ".join(r.sample(NAV[language], 2)))
    if r.random() < 0.6:
        lines.append(
            ["Publié le ", "Posted on ", "نشر في "][["fr", "en", "ar"].index(language)] + _date(r, language)
        )
    lines.append("")
    lines += _labels(r, language) + [""]
    lines += _sentences(r, language, org)
    lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    if r.random() < 0.4:
        lines += [""] + RELATED[language]
    return lines


def _cut_copy(r: random.Random, printed: str) -> str:
    """A host's copy of the title above its transcript: cut after so many characters."""
    cut = printed[: r.randint(min(30, len(printed) - 5), max(31, len(printed) - 5))]
    ref = f"{''.join(r.sample('ABCDEFMNRUW', 3))}/{r.randint(2015, 2025)}/{r.randint(1, 60):03d} "
    return (ref if r.random() < 0.5 else r.choice(["", "1 "])) + cut.replace("'", "`")


def _transcript(r: random.Random, language: str, org: str, printed: str, title_lines: list[str]) -> list[str]:
    """A PDF read through a document host: the cut copy of the title, "Transcription", a page
    counter, the letterhead, a generic header, the title (perhaps in capitals over lines), a
    table of contents with dotted leaders, page headers repeated."""
    copy = _cut_copy(r, printed)
    lines = [
        copy,
        "",
        r.choice(["Transcription", "Texte intégral", "Full text", "Vous êtes sur la page 1 sur 12"]),
        "",
    ]
    if r.random() < 0.5:
        lines.append(copy)
    lines += [org.upper() if language != "ar" else org]
    if r.random() < 0.6:
        lines.append(r.choice(HEADERS[language]).format(n=r.randint(1, 20)))
    lines += title_lines + [""]
    if r.random() < 0.5:
        contents = {"fr": "Sommaire", "en": "Contents", "ar": "الفهرس"}[language]
        lines += [contents] + [
            f"{h} {'.' * r.randint(8, 30)} {i + 2}" for i, h in enumerate(HEADINGS[language][:3])
        ]
    page_header = f"{org} – {r.choice(['TDR', 'ToR', 'CPS'])} {r.randint(2020, 2026)}"
    lines += [page_header, r.choice(HEADINGS[language])] + _sentences(r, language, org)
    lines += [page_header, r.choice(HEADINGS[language])] + _sentences(r, language, org)
    return lines


FIELD_KEYS = {
    "fr": ["Intitulé du poste", "Intitulé", "Poste", "Titre de la mission", "Objet"],
    "en": ["Job title", "Position", "Title of the assignment", "Activity Title"],
    "ar": ["المنصب", "عنوان المهمة", "الموضوع"],
}


def _fields_page(r: random.Random, language: str, org: str, printed: str) -> list[str]:
    """A recruitment platform or a form: label/value rows (on one line, on two, in a pipe
    table, behind a bullet), the title being one of the values."""
    rows = [
        (k, v)
        for k, v in (
            line.split(" : ", 1) if " : " in line else line.split(": ", 1) for line in _labels(r, language)
        )
    ]
    rows.insert(r.randint(0, len(rows)), (r.choice(FIELD_KEYS[language]), printed))
    shape = r.choice(["colon", "two_lines", "pipes", "bullets"])
    lines: list[str] = []
    if r.random() < 0.5:
        lines += [r.choice(SITES[language])] + r.sample(NAV[language], 2) + [""]
    for key, value in rows:
        if shape == "colon":
            lines.append(f"{key} : {value}")
        elif shape == "two_lines":
            lines += [key, value]
        elif shape == "pipes":
            lines.append(f"| {key} | {value} |")
        else:
            lines.append(f"- {key} : {value}")
    lines += [""] + [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    return lines


def _competition_page(r: random.Random, org: str) -> tuple[list[str], str]:
    """A Moroccan public competition on a jobs site: a heading (perhaps stretched with tatweel,
    with the deadline glued after it), a key/value table in pipes, the notice, sentences of the
    site that read like anything but a title."""
    count = r.choice(["", "5 ", "13 ", "30 ", "120 "])
    grade = r.choice(
        [
            "متصرفين من الدرجة الثانية",
            "تقنيين من الدرجة الثالثة",
            "محررين من الدرجة الثالثة",
            "مهندسي دولة من الدرجة الأولى",
            "أطر في عدة تخصصات",
        ]
    )
    gold = f"{r.choice(['مباراة لتوظيف', 'مباراة توظيف', 'إعلان عن مباراة لتوظيف'])} {count}{grade}"
    heading = gold
    if r.random() < 0.4:
        heading = heading.replace("مباراة", "مبــاراة").replace("توظيف", "توظيـف")
    if r.random() < 0.4:
        heading += f" {r.choice(DEADLINE_TAILS['ar']).format(date=_date(r, 'ar'))}"
    if r.random() < 0.3:
        heading = f"{org}: {heading}"
    lines = [heading, ""]
    if r.random() < 0.6:
        lines += [
            f"الإدارة | {org}",
            f"عدد المناصب | {count.strip() or '1'}",
            f"آخر أجل | {_date(r, 'ar')}",
            "",
        ]
    lines.append(f"تعلن {org} عن تنظيم {gold.removeprefix('إعلان عن ')}، وذلك يوم {_date(r, 'ar')}.")
    pool = [
        "المرجو الاحتفاظ بهذه الصفحة، يمكنك نسخ الرابط لأن الجدول سيتم تحديثه",
        "سيكون المترشحون مسؤولين",
        "عن صحة المعلومات المدلى بها",
        "شروط الترشيح",
        "ملف الترشيح",
        "يمكن للمترشحين تحميل الإعلان",
    ]
    lines += r.sample(pool, r.randint(2, 4))
    lines += _labels(r, "ar")
    return lines, gold


# A recruitment platform's offer page: label lines, each value on the next line; the
# categories (expertise domains, a department path) come before the post, which sits as a
# short line next to the organisation's name, or after the place lines.
PLATFORM_LABELS = {
    "fr": [
        ("Réf.", "{ref}"),
        ("Type d'offre", "Experts"),
        ("Type de contrat", "Contrat de prestation de services"),
        ("Domaines d'expertises", "{domains}"),
        ("Date limite de candidature", "{date} 23:59"),
        ("Durée de la mission", "Court terme"),
        ("Durée", "{n}0 jours"),
        ("Expérience minimale", "{level}"),
        ("Langues", "Français/Anglais"),
    ],
    "en": [
        ("Ref.", "{ref}"),
        ("Offer type", "Experts"),
        ("Contract type", "Service contract"),
        ("Areas of expertise", "{domains}"),
        ("Application deadline", "{date} 23:59"),
        ("Mission length", "Short term"),
        ("Duration", "{n}0 days"),
        ("Minimum Experience", "{level}"),
        ("Languages", "English/Arabic"),
    ],
    "ar": [
        ("المرجع", "{ref}"),
        ("نوع العرض", "خبراء"),
        ("نوع العقد", "عقد تقديم خدمات"),
        ("مجالات الخبرة", "{domains}"),
        ("آخر أجل للترشيح", "{date}"),
        ("مدة المهمة", "{n}0 يوما"),
        ("الخبرة الدنيا", "{level}"),
        ("اللغات", "العربية/الفرنسية"),
    ],
}
DEPARTMENTS = {
    "fr": "Département {a} > Pôle {b}",
    "en": "{a} Department > {b} Unit",
    "ar": "قسم {a} > وحدة {b}",
}
ROLE_PAIRS = {
    "fr": [
        ("Formateur", "Consultant"),
        ("Évaluateur externe", "Consultant"),
        ("Expert", "Formateur"),
        ("Chargé(e) de suivi", "Évaluateur(trice)"),
        ("Consultant", "Facilitateur"),
    ],
    "en": [
        ("External Evaluator", "Consultant"),
        ("Trainer", "Facilitator"),
        ("Researcher", "Consultant"),
        ("Field Coordinator", "Trainer"),
        ("Data Analyst", "Consultant"),
    ],
    "ar": [("مكون", "مستشار"), ("خبير", "مقيم خارجي"), ("منشط", "مكون"), ("باحث", "مستشار")],
}
EXPERT_POSTS = {
    "fr": [
        "Expert(e) en {theme}",
        "Expert en formation de formateurs en {theme}",
        "Consultant(e) en {theme}",
    ],
    "en": ["Expert in {theme}", "Trainer of trainers in {theme}", "Consultant on {theme}"],
    "ar": ["خبير(ة) في {theme}", "مكون(ة) في مجال {theme}", "مستشار(ة) في {theme}"],
}


# a label's value with a slash that is not a post: a seniority, languages
LEVELS = {
    "fr": ["Junior/Confirmé", "Cadre/Encadrant", "Senior/Expert"],
    "en": ["Manager/Supervisor", "Entry level/Junior", "Mid-level/Senior"],
    "ar": ["مبتدئ/متوسط", "إطار/مشرف"],
}


def _post_name(r: random.Random, language: str) -> str:
    if r.random() < 0.5:
        a, b = r.choice(ROLE_PAIRS[language])
        return f"{a}{r.choice(['/', ' / '])}{b}"
    return _fill(r, r.choice(EXPERT_POSTS[language]), language)


def _domains(r: random.Random, language: str) -> str:
    themes = r.sample({"fr": THEMES_FR, "en": THEMES_EN, "ar": THEMES_AR}[language], 4)
    comma = "، " if language == "ar" else ", "
    return f"{comma.join(themes[:2])} ; {comma.join(themes[2:])}"


def _platform_page(r: random.Random, language: str, org: str) -> tuple[list[str], str]:
    """A recruitment platform's label/value lines, the categories before the post's name."""
    gold = _post_name(r, language)
    themes = {"fr": THEMES_FR, "en": THEMES_EN, "ar": THEMES_AR}[language]
    values = {
        "ref": f"{r.randint(2024, 2026)}/{''.join(r.sample('ABCDEFGHPRST', 6))}/{r.randint(1000, 99999)}",
        "domains": _domains(r, language),
        "date": f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}/{r.randint(2024, 2026)}",
        "n": r.randint(1, 9),
        "level": r.choice(LEVELS[language]),
    }
    labels = PLATFORM_LABELS[language][:]
    r.shuffle(labels)
    lines: list[str] = []
    for key, value in labels:
        if r.random() < 0.7:
            lines += [key, value.format(**values)]
    lines.append(DEPARTMENTS[language].format(a=r.choice(themes), b=r.choice(themes)))
    where = r.choice(["before_org", "after_org", "after_place", "none"])  # none: the page lost it
    if where == "before_org":
        lines += [gold, org]
    elif where == "after_org":
        lines += [org, gold]
    lines.append(
        ["Mis en ligne le : ", "Posted on: ", "نشر في : "][["fr", "en", "ar"].index(language)]
        + _date(r, language)
    )
    place = r.choice(PLACES_AR if language == "ar" else PLACES)
    lines += (
        ["المغرب", place] if language == "ar" else ["MAROC" if language == "fr" else "MOROCCO", place.upper()]
    )
    if where == "after_place":
        lines.append(gold)
    lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    return lines, gold


# An application form's fields copied with the page, their values empty
FORM_FIELDS = {
    "fr": [
        "Lettre de motivation requise ? :",
        "Consignes de candidature :",
        "Courriel de la personne de contact :",
    ],
    "en": ["Requires a Cover Letter?:", "Application Submissions Guideline:", "Contact Person Email:"],
    "ar": ["هل تشترط رسالة تحفيز؟ :", "طريقة تقديم الطلبات :", "البريد الإلكتروني للمسؤول :"],
}
PURPOSE = {
    "fr": "L'intervention de {org} vise à soutenir les associations dans trois zones - {a}, {b} et {c} - afin de renforcer la {theme} dans les communautés concernées.",
    "en": "{org}'s intervention aims to support CSOs in three areas - {a}, {b}, and {c} - to strengthen {theme} in the respective communities.",
    "ar": "يهدف تدخل {org} إلى دعم الجمعيات في ثلاث مناطق - {a} و{b} و{c} - من أجل تعزيز {theme} في الجماعات المعنية.",
}


def _form_page(r: random.Random, language: str, org: str) -> tuple[list[str], str]:
    """A job board's page whose text starts at its application form (labels with empty values);
    the post's short name (two roles joined by a slash, or an expertise) next to the issuer's
    name or under the form; the background's sentences say what the project aims to do."""
    gold = _post_name(r, language)
    fields = FORM_FIELDS[language]
    lines = [fields[0], fields[1]]
    lines += [
        {
            "fr": "  1. Les consultants intéressés doivent envoyer les documents suivants avant le "
            + _date(r, "fr"),
            "en": "  1. Interested consultants should submit the following documents not later than "
            + _date(r, "en"),
            "ar": "  1. على المستشارين المهتمين إرسال الوثائق التالية قبل " + _date(r, "ar"),
        }[language],
        "",
    ]
    lines += [fields[2], ""]
    if r.random() < 0.6:
        key = {"fr": "Expérience minimale", "en": "Minimum Experience", "ar": "الخبرة الدنيا"}[language]
        lines += [key, "", r.choice(LEVELS[language]), ""]
    where = r.choice(["top", "org", "form", "none", "key"])
    if where == "key":
        key = {"fr": "Titre du poste : ", "en": "Job Title: ", "ar": "المنصب : "}[language]
        lines += [key + gold, ""]
    if where == "top":
        lines = [gold, org, ""] + lines
    elif where == "org":
        lines = [org, gold, ""] + lines
    elif where == "form":
        lines += [gold, ""]
    lines += [r.choice(HEADINGS[language]), ""]
    places = r.sample(PLACES_AR if language == "ar" else PLACES, 3)
    theme = r.choice({"fr": THEMES_FR, "en": THEMES_EN, "ar": THEMES_AR}[language])
    purpose = PURPOSE[language].format(org=org, a=places[0], b=places[1], c=places[2], theme=theme)
    lines += _sentences(r, language, org) + ["", purpose, ""] + _sentences(r, language, org)
    return lines, gold


# A grants aggregator's page: the deadline, then the programme's name with its year as the
# heading (or no heading at all), then the funder's announcement to organisations.
GRANT_HEADINGS = {
    "fr": [
        "{place} {year} : Programme d'appui aux initiatives de {theme}",
        "Fonds {project} {year} pour la {theme}",
        "Prix {project} de la {theme} {year}",
        "Atelier régional sur la {theme} du {day} {month} {year}",
    ],
    "en": [
        "{country} {year} {project} Exchange Alumni Leadership Seminar",
        "{year} {project} Small Grants for {theme}",
        "{project} Fund {year}: Community Initiatives on {theme}",
        "Regional Forum on {theme}, {day} {month} {year}",
    ],
    "ar": [
        "برنامج {project} {year} لدعم مبادرات {theme}",
        "صندوق {project} لسنة {year} في مجال {theme}",
        "ملتقى جهوي حول {theme} يوم {day} {month} {year}",
    ],
}
GRANT_ANNOUNCE = {
    "fr": "{org} a le plaisir d'annoncer un appel ouvert aux associations pour soumettre des propositions visant à organiser {n} ateliers sur la {theme} en {year}.",
    "en": "{org} is pleased to announce an open competition for organizations to submit applications to carry out {n} separate events on {theme} in {year}.",
    "ar": "يسر {org} أن يعلن عن فتح باب الترشيح أمام الجمعيات لتقديم مقترحات لتنظيم {n} لقاءات حول {theme} خلال سنة {year}.",
}


# What a call for proposals to organisations says below its heading: who may apply, how much
# each grant is, what a proposal holds (a grant page recruits no consultant: the sentences of
# ``_sentences`` would make its body read as a consultancy's).
GRANT_SENTENCES = {
    "fr": [
        "Sont éligibles les associations légalement constituées depuis au moins deux ans.",
        "Chaque projet retenu bénéficiera d'une subvention de {amount} dirhams au maximum.",
        "La proposition comprendra une note de présentation du projet, un budget prévisionnel et un calendrier.",
        "Les projets devront être réalisés dans un délai de {n} mois à compter de la signature de la convention.",
        "Les dossiers incomplets ne seront pas examinés par le comité de sélection.",
    ],
    "en": [
        "Eligible applicants are registered non-profit organisations with at least two years of activity.",
        "Each selected project will receive a grant of up to {amount} MAD.",
        "Proposals shall include a concept note, a detailed budget and a work plan.",
        "Projects must be completed within {n} months of the signature of the grant agreement.",
        "Incomplete applications will not be reviewed by the selection committee.",
    ],
    "ar": [
        "يحق المشاركة للجمعيات المؤسسة بصفة قانونية منذ سنتين على الأقل.",
        "يستفيد كل مشروع يتم انتقاؤه من منحة لا تتجاوز {amount} درهم.",
        "يتضمن المقترح مذكرة تقديمية للمشروع وميزانية تقديرية وجدولا زمنيا.",
        "يجب إنجاز المشاريع في أجل لا يتعدى {n} أشهر من تاريخ توقيع الاتفاقية.",
        "لن تدرس لجنة الانتقاء الملفات غير المكتملة.",
    ],
}


def _grant_sentences(r: random.Random, language: str) -> list[str]:
    pool = GRANT_SENTENCES[language]
    values = {"amount": r.choice(["50 000", "100 000", "150 000"]), "n": r.randint(3, 12)}
    return [s.format(**values) for s in r.sample(pool, r.randint(1, 3))]


def _grant_page(r: random.Random, language: str, org: str) -> tuple[list[str], str]:
    year = r.randint(2021, 2026)
    theme = r.choice({"fr": THEMES_FR, "en": THEMES_EN, "ar": THEMES_AR}[language])
    gold = r.choice(GRANT_HEADINGS[language]).format(
        place="Maroc",
        country="Morocco",
        year=year,
        project=r.choice(PROJECTS),
        theme=theme,
        day=r.randint(1, 28),
        month=r.choice(MONTHS[language]),
    )
    deadline = {"fr": "Date limite : ", "en": "Deadline: ", "ar": "آخر أجل : "}[language] + _date(r, language)
    lines = [deadline]
    if r.random() < 0.8:
        lines = [gold, deadline] if r.random() < 0.5 else [deadline, gold]
    lines.append(GRANT_ANNOUNCE[language].format(org=org, n=r.randint(2, 6), theme=theme, year=year))
    # the consultancy's sentences are still drawn (and set aside) so that every other page of the
    # training set stays as it was: the families' figures before and after remain comparable
    own = random.Random(f"{gold}|{org}|{len(_sentences(r, language, org))}")
    lines += _grant_sentences(own, language)
    heading = r.choice(HEADINGS[language])
    _sentences(r, language, org)
    lines += [heading] + _grant_sentences(own, language)
    return lines, gold


# A job board's offer page: a long menu (with the recruiters' and candidates' corners), the post's
# heading, who offers it and where, how long ago it was posted, an "apply" button, then the
# description, whose first sentence says again whom the issuer recruits.
BOARD_MENU = {
    "fr": [
        "Accueil",
        "Offres d'emploi",
        "Stages",
        "Bénévolat",
        "Formations",
        "Actualités",
        "Annuaire",
        "Espace recruteur",
        "Espace candidat",
        "Publier une offre",
        "Connexion",
        "Contact",
    ],
    "en": [
        "Home",
        "Jobs",
        "Internships",
        "Volunteering",
        "Trainings",
        "News",
        "Directory",
        "Employers",
        "Job seekers",
        "Post a job",
        "Sign in",
        "Contact",
    ],
    "ar": [
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
    ],
}
BOARD_FURNITURE = {
    "fr": ["Publiée il y a {n} jours", "Postuler", "Description de l'offre", "Partager cette offre"],
    "en": ["Posted {n} days ago", "Apply now", "Job description", "Share this job"],
    "ar": ["نشر منذ {n} أيام", "قدم طلبك", "وصف العرض", "شارك هذا العرض"],
}
RECRUITS = {
    "fr": "{org} recrute un(e) {post} pour {obj}.",
    "en": "{org} is seeking a {post} to support {obj}.",
    "ar": "تعلن {org} عن حاجتها إلى {post} من أجل {obj}.",
}
CONTRACTS = {
    "fr": ["CDD", "Consultance", "Temps plein"],
    "en": ["Full time", "Consultancy", "Fixed term"],
    "ar": ["عقد محدد المدة", "استشارة", "دوام كامل"],
}


def _post_heading(r: random.Random, language: str) -> tuple[str, str]:
    """(a post's heading, the post): the post alone, or the post and what it is for."""
    post = (
        r.choice(POSTS[language])
        if r.random() < 0.5
        else _fill(r, r.choice(EXPERT_POSTS[language]), language)
    )
    if r.random() < 0.5:
        return post, post
    obj = _fill(r, r.choice({"fr": OBJECTS_FR, "en": OBJECTS_EN, "ar": OBJECTS_AR}[language]), language)
    link = {"fr": " pour ", "en": " for ", "ar": " من أجل "}[language]
    return post + link + obj, post


def _job_board(r: random.Random, language: str, org: str) -> tuple[list[str], str]:
    gold, post = _post_heading(r, language)
    menu = BOARD_MENU[language]
    lines = [r.choice(SITES[language])] + menu[: r.randint(4, len(menu))] + [""]
    furniture = [f.format(n=r.randint(2, 9)) for f in BOARD_FURNITURE[language]]
    place = r.choice(PLACES_AR if language == "ar" else PLACES)
    # a post in one word (its own stream: the other pages stay as they were), over its label rows
    own = random.Random(f"one-word|{gold}|{org}|{place}")
    one_word = own.random() < ONE_WORD_SHARE
    heading = gold  # the stream below reads the heading drawn first, one word or not
    if one_word:
        gold = post = own.choice(ONE_WORD_POSTS[language])
    with_org = r.random() < 0.7
    contract = r.choice(CONTRACTS[language])
    if one_word:
        keys = {"fr": ("Lieu", "Contrat"), "en": ("Location", "Contract"), "ar": ("المكان", "العقد")}[
            language
        ]
        lines += [org, "", gold] if with_org else [gold]
        lines += [f"{keys[0]} : {place}", f"{keys[1]} : {contract}"] + furniture[: r.randint(1, 4)] + [""]
    else:
        lines += [gold, org] if with_org else [gold]
        lines += [place, contract] + furniture[: r.randint(1, 4)] + [""]
    obj = _fill(r, r.choice({"fr": OBJECTS_FR, "en": OBJECTS_EN, "ar": OBJECTS_AR}[language]), language)
    link = {"fr": " pour ", "en": " for ", "ar": " من أجل "}[language]
    if link in heading and r.random() < 0.6:  # the sentence says again what the heading says
        obj = heading.split(link, 1)[1]
    lines.append(
        RECRUITS[language].format(
            org=org, post=post[:1].lower() + post[1:] if language == "fr" else post, obj=obj
        )
    )
    lines += _labels(r, language) + [""]
    lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    return lines, gold


# A PDF or Word document under its letterhead: the state's or the organisation's stack, an address,
# telephone and web lines, a page header ("... Page 1 sur 9"), then the title, often in capitals
# over two lines; the page header comes back on each page.
LETTERHEADS = {
    "fr": [
        ["ROYAUME DU MAROC", "MINISTÈRE DE LA SOLIDARITÉ ET DE LA FAMILLE", "Direction régionale de {place}"],
        ["ROYAUME DU MAROC", "Région de {place}", "Conseil Régional"],
        ["{ORG}", "Siège : {n}, avenue Hassan II, {place}"],
    ],
    "en": [["{ORG}", "{n} Palm Street, {place}, Morocco"], ["{ORG}", "Morocco Country Office"]],
    "ar": [
        ["المملكة المغربية", "وزارة التضامن والأسرة", "المديرية الجهوية ب{place}"],
        ["{org}", "المقر: {n} شارع الحسن الثاني، {place}"],
    ],
}
CONTACT_LINES = {
    "fr": ["Tél : 05 28 {n}0 {n}1 {n}2 – Fax : 05 28 {n}3 {n}4 {n}5", "www.{slug}.ma"],
    "en": ["Tel: +212 5 37 {n}0 {n}1 {n}2", "www.{slug}.org"],
    "ar": ["الهاتف: 05 28 {n}0 {n}1 {n}2", "www.{slug}.ma"],
}
PAGE_OF = {"fr": "Page {page} sur {n}", "en": "Page {page} of {n}", "ar": "الصفحة {page} من {n}"}


def _letterhead_document(
    r: random.Random, language: str, org: str, printed: str, title_lines: list[str]
) -> list[str]:
    place = r.choice(PLACES_AR if language == "ar" else PLACES)
    n = r.randint(2, 9)
    stack = r.choice(LETTERHEADS[language])
    lines = [line.format(ORG=org.upper(), org=org, place=place, n=n) for line in stack]
    slug = "".join(w[:3].lower() for w in org.split()[:3] if w.isascii()) or "org"
    lines += [line.format(n=n, slug=slug) for line in CONTACT_LINES[language][: r.randint(0, 2)]]
    header = f"{org} – {r.choice(['TDR', 'ToR', 'CPS'])} {r.randint(2024, 2027)}   {PAGE_OF[language]}"
    if r.random() < 0.5:
        lines.append(header.format(page=1, n=n + 6))
    lines.append("")
    if r.random() < 0.5:
        lines.append(r.choice(HEADERS[language]).format(n=r.randint(1, 20)))
    if r.random() < 0.5 and language != "ar":  # capitals over two lines
        title_lines = [line.upper() for line in _split_two_lines(r, printed, language)]
    lines += title_lines + [""]
    lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    lines += [header.format(page=2, n=n + 6), r.choice(HEADINGS[language])] + _sentences(r, language, org)
    return lines


# The title behind a label on its own line, at the top of a page or of a letter: "Objet : ...",
# "Vacancy: ...", "Consultancy: ...", "Job title: ...", "الموضوع: ..."; the label is not the title.
TITLE_LABELS = {
    "fr": ["Objet", "Intitulé du poste", "Intitulé de la mission", "Poste", "Offre d'emploi"],
    "en": ["Vacancy", "Job title", "Position", "Subject", "Job offer"],
    "ar": ["الموضوع", "المنصب", "عنوان المهمة"],
}


def _labelled_page(r: random.Random, language: str, org: str, printed: str) -> tuple[list[str], str]:
    gold = printed if r.random() < 0.6 else _post_heading(r, language)[0]
    lines = [org] if r.random() < 0.5 else []
    if r.random() < 0.5:
        lines.append({"fr": "Rabat, le ", "en": "Rabat, ", "ar": "الرباط في "}[language] + _date(r, language))
    lines.append(f"{r.choice(TITLE_LABELS[language])}{r.choice([' : ', ': '])}{gold}")
    lines += _labels(r, language) + [""]
    lines += _sentences(r, language, org)
    lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    return lines, gold


def _sought_notice(r: random.Random, language: str, org: str) -> tuple[list[str], str]:
    """A short notice with no title line: its first sentence says whom the issuer seeks, and
    that post and what it is for is the title."""
    post = r.choice(POSTS[language])
    obj = _fill(r, r.choice({"fr": OBJECTS_FR, "en": OBJECTS_EN, "ar": OBJECTS_AR}[language]), language)
    post = post[:1].lower() + post[1:] if language == "fr" else post
    gold = RECRUITS[language].format(org="\0", post=post, obj=obj).split("\0", 1)[1]
    sentence = RECRUITS[language].format(org=org, post=post, obj=obj)
    for lead in ("recrute un(e) ", "is seeking a ", "عن حاجتها إلى "):
        gold = gold.removeprefix(" " + lead)
    gold = gold.rstrip(".")
    gold = gold[:1].upper() + gold[1:]
    lines = ["المملكة المغربية", org] if language == "ar" and r.random() < 0.5 else []
    lines += [sentence] + _labels(r, language) + [""]
    lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    return lines, gold


# ----- Families added for issue 16 (calls of kinds the ranker had not seen): public tenders'
# documents, Arabic job boards, NGO-directory pages, grant aggregators, recruitment platforms and
# letters of invitation read from a PDF. They are drawn from their own random stream (see
# ``calls``) so the pages of the families above stay as they were.

# A tender's object, as "Objet du marché" gives it (the gold title): what is bought.
TENDER_OBJECTS = {
    "fr": [
        "Organisation de sessions de formation au profit des élus et des cadres des communes de la province de {place}",
        "Réalisation d'une étude diagnostique sur la {theme} dans la province de {place}",
        "Assistance technique pour l'élaboration du plan d'action communal de {place}",
        "Animation d'ateliers de renforcement des capacités des associations en {theme}",
        "Élaboration d'un guide de procédures en matière de {theme}",
        "Formation du personnel de la délégation de {place} en {theme}",
        "Accompagnement des coopératives féminines de la province de {place}",
    ],
    "en": [
        "Provision of training services on {theme} for municipal staff in {place}",
        "Consultancy services for a baseline study on {theme}",
        "Design and delivery of a capacity-building programme on {theme}",
        "Technical assistance to the Ministry of Social Development on {theme}",
    ],
    "ar": [
        "تنظيم دورات تكوينية لفائدة المنتخبين والأطر الجماعية بإقليم {place}",
        "إنجاز دراسة تشخيصية حول {theme} بإقليم {place}",
        "المساعدة التقنية لإعداد برنامج عمل جماعة {place}",
        "تأطير ورشات لتقوية قدرات الجمعيات في مجال {theme}",
    ],
}
TENDER_HEADS = {
    "fr": [
        ["ROYAUME DU MAROC", "MINISTÈRE DE L'INTÉRIEUR", "PROVINCE DE {PLACE}", "SECRÉTARIAT GÉNÉRAL"],
        [
            "ROYAUME DU MAROC",
            "المملكة المغربية",
            "Ministère de l'Intérieur",
            "Province de {place}",
            "Division du Budget et des Marchés",
        ],
        ["ROYAUME DU MAROC", "RÉGION DE {PLACE}", "AGENCE RÉGIONALE D'EXÉCUTION DES PROJETS"],
        ["RÉPUBLIQUE TUNISIENNE", "Ministère des Affaires Sociales", "Gouvernorat de {place}"],
        ["ROYAUME DU MAROC", "COMMUNE DE {PLACE}", "Direction des Services"],
    ],
    "en": [
        ["HASHEMITE KINGDOM OF JORDAN", "Ministry of Social Development", "Procurement Department"],
        ["REPUBLIC OF LEBANON", "Ministry of Social Affairs", "Procurement Unit"],
    ],
    "ar": [
        [
            "المملكة المغربية",
            "وزارة الداخلية",
            "عمالة إقليم {place}",
            "الكتابة العامة",
            "قسم الميزانية والصفقات",
        ],
        ["المملكة المغربية", "جهة {place}", "الوكالة الجهوية لتنفيذ المشاريع"],
    ],
}
TENDER_KINDS = {
    "fr": [
        "CAHIER DES PRESCRIPTIONS SPÉCIALES",
        "CAHIER DES PRESCRIPTIONS SPECIALES (CPS)",
        "RÈGLEMENT DE CONSULTATION",
        "DOSSIER D'APPEL D'OFFRES",
        "Cahier des Clauses Administratives Particulières",
    ],
    "en": ["TENDER DOCUMENTS", "INVITATION TO BID", "REQUEST FOR QUOTATIONS"],
    "ar": ["كناش التحملات الخاصة", "نظام الاستشارة", "ملف طلب العروض"],
}
TENDER_NUMBERS = {
    "fr": [
        "APPEL D'OFFRES OUVERT N° {n}/{year}",
        "Appel d'offres ouvert sur offres de prix n° {n}/{year}/{code}",
        "AOO N° {n}/{code}/{year}",
        "CONSULTATION N° {n}/{year}",
        "Bon de commande n° {n}/{year}",
    ],
    "en": ["Tender No. {n}/{year}", "RFQ No. {code}/{n}/{year}", "Tender Ref: {code}-{year}-{n}"],
    "ar": ["طلب عروض مفتوح رقم {n}/{year}", "طلب عروض أثمان مفتوح رقم {n}/{code}/{year}"],
}
OBJECT_KEYS = {
    "fr": ["OBJET", "Objet", "Objet du marché", "OBJET DU MARCHE", "Objet de l'appel d'offres"],
    "en": ["Subject", "Object of the tender", "SUBJECT"],
    "ar": ["موضوع الصفقة", "الموضوع", "موضوع طلب العروض"],
}
TENDER_LEGAL = {
    "fr": "Marché passé par appel d'offres ouvert sur offres de prix, en application de l'alinéa 2 du paragraphe 1 de l'article 19 et de l'article 20 du décret n° 2-12-349 du 8 joumada I 1434 (20 mars 2013) relatif aux marchés publics.",
    "en": "This tender is conducted under the Government Procurement By-law No. 8 of 2022 and its instructions.",
    "ar": "صفقة مبرمة عن طريق طلب عروض مفتوح طبقا لمقتضيات المادة 19 من المرسوم رقم 2.12.349 الصادر في 8 جمادى الأولى 1434 (20 مارس 2013) المتعلق بالصفقات العمومية.",
}
TENDER_PARTIES = {
    "fr": [
        "ENTRE :",
        "La {owner}, représentée par Monsieur le Gouverneur, désignée ci-après par « le maître d'ouvrage »",
        "D'une part,",
        "ET :",
        "M. ……………………………………… agissant au nom et pour le compte de ……………………………",
        "Inscrit au registre de commerce de ………… sous le n° ………………",
        "D'autre part,",
    ],
    "en": [
        "BETWEEN:",
        "The {owner}, hereinafter called “the Employer”",
        "AND:",
        "Mr/Ms ______________________ acting on behalf of ______________________",
    ],
    "ar": [
        "بين :",
        "{owner} ممثلة في شخص السيد العامل، والمشار إليها بعده بصاحب المشروع",
        "من جهة،",
        "و :",
        "السيد …………………………… بصفته ……………………………",
        "من جهة أخرى،",
    ],
}
TENDER_ARTICLES = {
    "fr": [
        "Article 1 : Objet du marché",
        "Article 2 : Consistance des prestations",
        "Article 3 : Pièces constitutives du marché",
        "Article 4 : Délai d'exécution",
        "Article 5 : Cautionnement provisoire",
    ],
    "en": [
        "Section 1: Instructions to Bidders",
        "Section 2: Scope of Services",
        "Section 3: Evaluation Criteria",
    ],
    "ar": ["المادة 1 : موضوع الصفقة", "المادة 2 : مكونات الخدمات", "المادة 3 : الوثائق المكونة للصفقة"],
}
CONTENTS = {"fr": ["SOMMAIRE", "Table des matières"], "en": ["CONTENTS"], "ar": ["الفهرس"]}
# Article 1's sentence restates the object among the contract's words (a sentence, not the title)
OBJECT_SENTENCE = {
    "fr": "Le présent marché a pour objet {obj} pour le compte de la {owner}, conformément aux prescriptions du présent cahier, au bordereau des prix et au détail estimatif ci-annexés.",
    "en": "The purpose of this tender is the {obj} for the {owner}, in accordance with the terms of reference, the bill of quantities and the general conditions of contract attached hereto.",
    "ar": "تهدف هذه الصفقة إلى {obj} لفائدة {owner}، وذلك وفق مقتضيات هذا الكناش وجدول الأثمان والتفصيل التقديري المرفقين به والنصوص التنظيمية الجاري بها العمل.",
}


def _upper_lines(r: random.Random, text: str, language: str) -> list[str]:
    """A cover's title in capitals, over one to three lines cut between words."""
    text = text.upper() if language != "ar" else text
    words = text.split()
    if len(words) < 8 or r.random() < 0.3:
        return [text]
    parts = r.choice([2, 3]) if len(words) >= 12 else 2
    cuts = sorted(r.sample(range(3, len(words) - 2, 2), parts - 1))  # two words a line at least
    bounds = [0, *cuts, len(words)]
    return [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def _tender_document(r: random.Random, language: str) -> tuple[list[str], str]:
    """A public tender's document (CPS, règlement de consultation) read from a PDF: the state's
    letterhead (perhaps in both scripts), the document's kind, the tender's number, its object
    (the title: behind "Objet :", on the lines after it, after the number, or alone in
    capitals), the legal basis, the parties with blank fields, a table of contents with dotted
    leaders, page headers repeated, "Article 1 : Objet du marché"."""
    place = r.choice(PLACES_AR if language == "ar" else PLACES)
    theme = r.choice({"fr": THEMES_FR, "en": THEMES_EN, "ar": THEMES_AR}[language])
    gold = r.choice(TENDER_OBJECTS[language]).format(place=place, theme=theme)
    year = r.randint(2016, 2026)
    number = r.choice(TENDER_NUMBERS[language]).format(
        n=r.randint(1, 60), year=year, code="".join(r.sample("ABCDGPRST", 2))
    )
    stack = [line.format(place=place, PLACE=place.upper()) for line in r.choice(TENDER_HEADS[language])]
    owner = {
        "fr": f"Province de {place}",
        "en": "Ministry of Social Development",
        "ar": f"عمالة إقليم {place}",
    }[language]
    page_header = f"{r.choice(['CPS', 'RC', 'DAO'])} – {number}{r.choice(['', f' – {owner}'])}"
    lines = stack + [""]
    if r.random() < 0.4:
        lines += [page_header + "   " + PAGE_OF[language].format(page=1, n=r.randint(12, 40)), ""]
    kind = r.choice(TENDER_KINDS[language])
    key = r.choice(OBJECT_KEYS[language])
    # "sentence": only Article 1's sentence names the object
    where = r.choice(["key_line", "key_above", "after_number", "cover", "number_relative", "sentence"])
    link = {"fr": ["relatif à", "ayant pour objet", "pour"], "en": ["for"], "ar": ["من أجل", "لأجل"]}[
        language
    ]
    body = _in_sentence(gold) if language != "ar" else gold
    if where == "cover":
        lines += _upper_lines(r, gold, language) + [""]
    lines += [kind, ""] if r.random() < 0.8 else []
    if where == "number_relative":
        joined = f"{number} {r.choice(link)} {body}"
        lines += _upper_lines(r, joined, language) if r.random() < 0.5 else [joined]
    else:
        lines.append(number)
        if r.random() < 0.5:
            lines.append({"fr": "(Séance publique)", "en": "(Open tender)", "ar": "(جلسة عمومية)"}[language])
    lines.append("")
    if where == "key_line":
        printed = gold.upper() if r.random() < 0.4 and language != "ar" else gold
        separator = r.choice([" : ", ": ", " :"])
        if r.random() < 0.4:  # the object goes on over the next lines, broken anywhere
            parts = _upper_lines(r, printed, language) if printed != gold or language == "ar" else [printed]
            lines += [f"{key}{separator}{parts[0]}"] + parts[1:]
        else:
            lines.append(f"{key}{separator}{printed}")
    elif where == "key_above":
        lines += [f"{key}{r.choice([' :', ':', ''])}"] + _upper_lines(r, gold, language)
    elif where == "after_number":
        lines += _upper_lines(r, gold, language)
    lines += ["", TENDER_LEGAL[language], ""]
    if r.random() < 0.7:
        lines += [p.format(owner=owner) for p in TENDER_PARTIES[language]] + [""]
    if r.random() < 0.6:
        articles = TENDER_ARTICLES[language]
        lines += [r.choice(CONTENTS[language])] + [
            f"{a} {r.choice(['.', '…']) * r.randint(10, 40)} {i + 3}" for i, a in enumerate(articles)
        ]
        lines.append("")
    lines += [page_header, TENDER_ARTICLES[language][0]]
    lines.append(OBJECT_SENTENCE[language].format(obj=body, owner=owner))
    lines += [TENDER_ARTICLES[language][1], page_header]
    return lines, gold


# An Arabic jobs site's copy of a public competition: the heading (stretched with tatweel,
# the deadline or the site glued to it, perhaps the number of posts first), a key/value
# table flattened into pipes, "key : value" lines or a key over its value, the notice.
AR_BOARD_GRADES = [
    "متصرفين من الدرجة الثانية",
    "تقنيين من الدرجة الثالثة",
    "مهندسين من الدرجة الأولى",
    "محررين من الدرجة الثالثة",
    "مساعدين إداريين",
    "أطر في عدة تخصصات",
    "ممرضين مجازين من الدرجة الأولى",
]
AR_BOARD_ORGS = [
    "وزارة التضامن والإدماج الاجتماعي والأسرة",
    "جماعة {place}",
    "المجلس الإقليمي ل{place}",
    "الوكالة الحضرية ل{place}",
    "المكتب الوطني للاستشارة الفلاحية",
    "مؤسسة التعاون الوطني",
]
AR_BOARD_SITES = ["وظيفة بريس", "منصة التشغيل", "بوابة المباريات", "Alwadifa Club", "Concours Maroc"]


def _stretch(r: random.Random, text: str) -> str:
    """Tatweel in a few words, as Arabic jobs sites print their headings ("مبـــاراة")."""
    words = text.split()
    for i in r.sample(range(len(words)), min(len(words), r.randint(1, 3))):
        word = words[i]
        if len(word) >= 4 and all("\u0621" <= c <= "\u064a" for c in word):
            k = r.randint(1, len(word) - 2)
            if word[k - 1] not in "اأإآدذرزوؤءة":
                words[i] = word[:k] + "ـ" * r.randint(1, 4) + word[k:]
    return " ".join(words)


def _arabic_board(r: random.Random) -> tuple[list[str], str]:
    place = r.choice(PLACES_AR)
    org = r.choice(AR_BOARD_ORGS).format(place=place)
    count = r.choice([2, 3, 5, 12, 30, 45, 138])
    grade = r.choice(AR_BOARD_GRADES)
    shapes = [
        f"مباراة لتوظيف {count} {grade} ب{org}",
        f"إعلان عن مباراة لتوظيف {count} {grade}",
        f"{org}: مباراة توظيف {count} {grade}",
        f"توظيف {count} {grade} ب{org}",
        f"فتح باب الترشيح لشغل منصب رئيس مصلحة ب{org}",
        f"إعلان عن تنظيم مباراة لتوظيف {grade} لفائدة {org}",
    ]
    gold = r.choice(shapes)
    heading = _stretch(r, gold) if r.random() < 0.5 else gold
    glue = r.choice(["deadline", "site", "count", "plain", "plain"])
    if glue == "deadline":
        heading += f" {r.choice(DEADLINE_TAILS['ar']).format(date=_date(r, 'ar'))}"
    elif glue == "site":
        heading += f" {r.choice(['-', '|', '–'])} {r.choice(AR_BOARD_SITES)}"
    lines = [r.choice(AR_BOARD_SITES)] + r.sample(NAV["ar"], r.randint(2, 5)) + [""]
    if r.random() < 0.4:
        lines.append(" » ".join(["الرئيسية", r.choice(["مباريات التوظيف", "مباريات عمومية"]), gold]))
    head_lines = [heading]
    at = heading.rfind(" ب")
    if at > 0 and r.random() < 0.25:  # the heading wrapped before its "ب…" (at whom)
        head_lines = [heading[:at], heading[at + 1 :]]
    lines += head_lines
    if r.random() < 0.6:
        lines.append(f"نشر في {_date(r, 'ar')}{r.choice(['', ' بواسطة الإدارة', ' - آخر تحديث'])}")
    lines.append("")
    rows = [
        ("الجهة المنظمة", org),
        ("عدد المناصب", str(count)),
        ("الدرجة", grade),
        ("آخر أجل", _date(r, "ar")),
        ("تاريخ المباراة", _date(r, "ar")),
        ("السلم", str(r.choice([8, 9, 10, 11]))),
        ("المدينة", place),
    ]
    rows = r.sample(rows, r.randint(3, len(rows)))
    table = r.choice(["pipes", "cells", "colon", "two_lines"])
    for key, value in rows:
        if table == "pipes":
            lines.append(f"{key} | {value}")
        elif table == "cells":
            lines.append(f"| {key} | {value} |")
        elif table == "colon":
            lines.append(f"{key} : {value}")
        else:
            lines += [key, value]
    lines.append("")
    notice = gold.split(": ", 1)[-1].removeprefix("إعلان عن ").removeprefix("تنظيم ")
    verb = "" if notice.startswith("فتح") else "تنظيم "
    lines.append(_stretch(r, f"تعلن {org} عن {verb}{notice}، وذلك يوم {_date(r, 'ar')}."))
    lines += r.sample(
        [
            "شروط الترشيح :",
            "- أن يكون المترشح من جنسية مغربية؛",
            "- أن يكون بالغا من العمر 18 سنة على الأقل؛",
            "ملف الترشيح :",
            "- طلب خطي موقع من طرف المترشح؛",
            "- نسخة من الشهادة المطلوبة؛",
            "يتعين على المترشحين إيداع ترشيحاتهم عبر البوابة الإلكترونية.",
            "للمزيد من المعلومات حمل الإعلان أسفله",
        ],
        r.randint(3, 6),
    )
    if r.random() < 0.4:
        lines += [
            "",
            "مباريات ذات صلة",
            f"مباراة لتوظيف {r.choice(AR_BOARD_GRADES)}",
            "توظيف أساتذة التعليم الأولي",
        ]
    return lines, gold


# An NGO directory's page: the organisation's profile block first (name, type, founding year,
# sectors, address, telephone, website), then the call with its own labels; other calls of the
# same organisation may follow.
DIRECTORY_SITES = {
    "fr": ["Annuaire de la société civile", "Réseau des Associations", "Portail Jamaiyat"],
    "en": ["Civil Society Directory", "NGO Network Portal", "CSO Hub"],
    "ar": ["دليل المجتمع المدني", "شبكة الجمعيات"],
}
DIRECTORY_PROFILE = {
    "fr": [
        "Type : Association locale",
        "Année de création : {year}",
        "Domaines d'intervention : {themes}",
        "Adresse : {n}, rue Ibn Khaldoun, {place}",
        "Téléphone : +212 5 22 {n}{n} {n}0 {n}1",
        "Site web : www.{slug}.org",
        "Membre depuis {year}",
    ],
    "en": [
        "Type: Local NGO",
        "Founded: {year}",
        "Sectors: {themes}",
        "Address: {n} Hamra Street, {place}",
        "Phone: +961 1 {n}{n}{n} {n}0{n}",
        "Website: www.{slug}.org",
        "Member since {year}",
    ],
    "ar": [
        "النوع : جمعية محلية",
        "سنة التأسيس : {year}",
        "مجالات التدخل : {themes}",
        "العنوان : {n} شارع ابن خلدون، {place}",
        "الهاتف : 05 22 {n}{n} {n}0 {n}1",
        "الموقع : www.{slug}.org",
    ],
}
DIRECTORY_TABS = {
    "fr": ["Profil", "Actualités", "Opportunités", "Appels", "Contacter l'association"],
    "en": ["Profile", "News", "Jobs", "Calls", "Contact the organization"],
    "ar": ["الملف", "الأخبار", "الفرص", "اتصل بالجمعية"],
}
DIRECTORY_CALL = {
    "fr": [
        "Date limite : {date}",
        "Type : {kind}",
        "Pays : Maroc",
        "Ville : {place}",
        "Type de contrat : Consultance",
    ],
    "en": [
        "Deadline: {date}",
        "Type: {kind}",
        "Country: Lebanon",
        "City: {place}",
        "Type of Contract: Consultancy",
    ],
    "ar": ["آخر أجل : {date}", "النوع : {kind}", "البلد : المغرب", "المدينة : {place}"],
}
CALL_KINDS = {
    "fr": ["Appel à consultation", "Offre d'emploi", "Appel à propositions"],
    "en": ["Call for consultancy", "Job", "Call for proposals"],
    "ar": ["طلب استشارة", "عرض شغل", "طلب مشاريع"],
}


def _directory_page(r: random.Random, language: str, org: str, printed: str) -> tuple[list[str], str]:
    place = r.choice(PLACES_AR if language == "ar" else PLACES)
    themes = r.sample({"fr": THEMES_FR, "en": THEMES_EN, "ar": THEMES_AR}[language], 3)
    gold = printed if r.random() < 0.6 else _post_heading(r, language)[0]
    values = {
        "year": r.randint(1995, 2018),
        "themes": ("، " if language == "ar" else ", ").join(themes),
        "n": r.randint(2, 9),
        "place": place,
        "slug": "".join(w[:3].lower() for w in org.split()[:3] if w.isascii()) or "jam",
        "date": _date(r, language),
        "kind": r.choice(CALL_KINDS[language]),
    }
    site = r.choice(DIRECTORY_SITES[language])
    lines = [site] + r.sample(NAV[language], r.randint(1, 4))
    if r.random() < 0.5:
        lines.append(" > ".join([NAV[language][0], site, org]))
    lines += ["", org]
    if r.random() < 0.5:
        acronym = "".join(w[0] for w in org.split() if w[:1].isupper())
        lines.append(acronym if len(acronym) >= 2 else org.split()[0])
    profile = [p.format(**values) for p in DIRECTORY_PROFILE[language]]
    lines += r.sample(profile, r.randint(3, len(profile)))
    lines += r.sample(DIRECTORY_TABS[language], r.randint(2, 4)) + [""]
    where = r.choice(["heading", "heading", "kind_above", "glued", "after_labels"])
    call = [c.format(**values) for c in r.sample(DIRECTORY_CALL[language], r.randint(2, 4))]
    if where == "kind_above":
        lines += [values["kind"], gold]
    elif where == "glued":
        lines.append(f"{gold} {r.choice(['-', '–', '|'])} {org}")
    if where == "after_labels":
        lines += call + ["", gold]
    else:
        if where == "heading":
            lines += [gold.upper()] if r.random() < 0.2 and language != "ar" else [gold]
        lines += call
    lines += [""] + _sentences(r, language, org)
    lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    if r.random() < 0.4:
        other = {
            "fr": "Autres appels de l'association",
            "en": "Other calls from this organization",
            "ar": "فرص أخرى للجمعية",
        }
        lines += ["", other[language], _post_heading(r, language)[0]]
    return lines, gold


# A grants aggregator's post: the site, the call's heading (a funder's programme), the donor,
# the amount, who is eligible, in label lines before or after it; the funder's invitation.
DONORS = {
    "fr": [
        "Union européenne",
        "Agence Française de Développement",
        "Fondation Drosos",
        "Ambassade de Suisse",
    ],
    "en": [
        "European Union",
        "U.S. Embassy",
        "Drosos Foundation",
        "Swiss Agency for Development and Cooperation",
    ],
    "ar": ["الاتحاد الأوروبي", "الوكالة الفرنسية للتنمية", "سفارة سويسرا", "مؤسسة دروسوس"],
}
GRANT_TITLES = {
    "fr": [
        "Appel à propositions {year} : soutien aux initiatives locales de {theme}",
        "Appel à projets « {project} » {year}",
        "{donor} : appel à projets pour la {theme} au Maroc",
        "Programme de petites subventions {year} pour les associations de jeunes",
    ],
    "en": [
        "{donor} Call for Proposals: {theme} in Morocco and Tunisia",
        "{year} Small Grants Programme for Youth-led Organisations",
        "Request for Applications: {project} Community Fund {year}",
        "Funding Opportunity: Civil Society Initiatives on {theme}",
    ],
    "ar": [
        "طلب مشاريع {year} لدعم مبادرات {theme}",
        "{donor} : دعوة لتقديم مقترحات مشاريع في مجال {theme}",
        "برنامج المنح الصغرى {year} لفائدة جمعيات الشباب",
    ],
}
GRANT_LABELS = {
    "fr": [
        "Bailleur : {donor}",
        "Montant : jusqu'à {amount} EUR",
        "Date limite : {date}",
        "Pays éligibles : Maroc, Tunisie, Jordanie, Liban",
        "Bénéficiaires : associations, coopératives",
        "Type : Subvention",
    ],
    "en": [
        "Donor: {donor}",
        "Grant amount: up to USD {amount}",
        "Funding amount: USD {amount}",
        "Deadline: {date}",
        "Eligible countries: Morocco, Tunisia, Jordan, Lebanon",
        "Eligibility: NGOs, CSOs, community-based organisations",
        "Grant type: Project grant",
    ],
    "ar": [
        "الجهة المانحة : {donor}",
        "قيمة المنحة : إلى غاية {amount} درهم",
        "آخر أجل : {date}",
        "الدول المؤهلة : المغرب، تونس، الأردن، لبنان",
        "الفئات المستهدفة : الجمعيات والتعاونيات",
    ],
}
GRANT_INVITE = {
    "fr": "{donor} invite les organisations de la société civile à soumettre des propositions de projets visant à renforcer la {theme}.",
    "en": "The {donor} invites civil society organisations to submit proposals for projects that strengthen {theme}.",
    "ar": "يدعو {donor} منظمات المجتمع المدني إلى تقديم مقترحات مشاريع تهدف إلى تعزيز {theme}.",
}
ELIGIBILITY = {
    "fr": ["Critères d'éligibilité", "Qui peut postuler ?", "Comment postuler ?"],
    "en": ["Eligibility Criteria", "Who can apply?", "How to apply"],
    "ar": ["شروط الأهلية", "من يمكنه الترشح؟", "كيفية الترشح"],
}


def _grant_aggregator(r: random.Random, language: str, org: str) -> tuple[list[str], str]:
    theme = r.choice({"fr": THEMES_FR, "en": THEMES_EN, "ar": THEMES_AR}[language])
    donor = r.choice(DONORS[language])
    year = r.randint(2021, 2026)
    gold = r.choice(GRANT_TITLES[language]).format(
        donor=donor, theme=theme, year=year, project=r.choice(PROJECTS)
    )
    values = {
        "donor": donor,
        "amount": r.choice(["25,000", "50 000", "100,000", "200 000"]),
        "date": _date(r, language),
    }
    labels = [g.format(**values) for g in r.sample(GRANT_LABELS[language], r.randint(3, 5))]
    site = r.choice(["Grants Hub", "Opportunités de financement", "Funding Watch", "منح وفرص"])
    lines = [site] + r.sample(NAV[language], r.randint(2, 4))
    if r.random() < 0.4:
        lines.append(
            " » ".join(
                [
                    NAV[language][0],
                    r.choice(["Grants", "Financements", "منح"]),
                    r.choice(["Morocco", "Maroc", "المغرب"]),
                ]
            )
        )
    head = gold
    glue = r.choice(["plain", "plain", "site", "upper", "split"])
    if glue == "site":
        head = [f"{gold} {r.choice(['-', '|', '–'])} {site}"]
    elif glue == "upper" and language != "ar":
        head = [gold.upper()]
    elif glue == "split":
        head = _split_two_lines(r, gold, language)
    else:
        head = [gold]
    lines.append("")
    if r.random() < 0.5:
        lines += head + [_date(r, language)] + labels
    else:
        lines += labels + [""] + head
    lines += ["", GRANT_INVITE[language].format(donor=donor, theme=theme)]
    lines += _grant_sentences(r, language)
    lines += [r.choice(ELIGIBILITY[language])] + _grant_sentences(r, language)
    if r.random() < 0.4:
        lines += ["", r.choice(["Related grants", "Voir aussi", "فرص مشابهة"])]
        lines += [
            r.choice(GRANT_TITLES[language]).format(
                donor=r.choice(DONORS[language]),
                theme=r.choice({"fr": THEMES_FR, "en": THEMES_EN, "ar": THEMES_AR}[language]),
                year=year - 1,
                project=r.choice(PROJECTS),
            )
        ]
    return lines, gold


# A recruitment platform's offer: a reference, the post (perhaps with "(H/F)" or the contract
# glued to it, or behind "Intitulé du poste :"), who offers it, label lines ("Type de contrat :
# CDD", "Réf. : ..."), an "apply" button, the description.
RECRUIT_LABELS = {
    "fr": [
        "Réf. : {ref}",
        "Type de contrat : {contract}",
        "Lieu de travail : {place}",
        "Date de publication : {date}",
        "Date limite de candidature : {date2}",
        "Niveau d'expérience : 3 à 5 ans",
        "Niveau d'études : Bac+5",
        "Secteur d'activité : ONG / Associatif",
        "Nombre de postes : 1",
    ],
    "en": [
        "Ref.: {ref}",
        "Contract type: {contract}",
        "Location: {place}",
        "Date posted: {date}",
        "Closing date: {date2}",
        "Experience: 3-5 years",
        "Education: Master's degree",
        "Industry: Non-profit",
    ],
    "ar": [
        "المرجع : {ref}",
        "نوع العقد : {contract}",
        "مكان العمل : {place}",
        "تاريخ النشر : {date}",
        "آخر أجل للترشيح : {date2}",
        "عدد المناصب : 1",
    ],
}
RECRUIT_KEYS = {
    "fr": ["Intitulé du poste", "Poste", "Titre du poste", "Poste à pourvoir"],
    "en": ["Job Title", "Position", "Job title"],
    "ar": ["المنصب", "عنوان المنصب"],
}


# Posts a notice names in one word ("Comptable", "سائق"): under a post key or as the heading of
# the post's label rows
ONE_WORD_POSTS = {
    "fr": [
        "Comptable",
        "Chauffeur",
        "Animateur(trice)",
        "Coordinateur/trice",
        "Infirmier(ère)",
        "Formateur(trice)",
    ],
    "en": ["Accountant", "Driver", "Nurse", "Cashier", "Translator"],
    "ar": ["محاسب(ة)", "سائق", "ممرض(ة)", "منشط(ة)", "مترجم(ة)"],
}
ONE_WORD_SHARE = 0.15


def _recruitment_platform(r: random.Random, language: str, org: str) -> tuple[list[str], str]:
    place = r.choice(PLACES_AR if language == "ar" else PLACES)
    gold, _ = _post_heading(r, language)
    # a post in one word drawn from its own stream, so the pages without one stay as they were
    own = random.Random(f"one-word|{gold}|{org}|{place}")
    one_word = own.random() < ONE_WORD_SHARE
    if one_word:
        gold = own.choice(ONE_WORD_POSTS[language])
    values = {
        "ref": f"{r.choice(['', 'OFF-', 'RH/'])}{r.randint(2024, 2026)}/{r.randint(10, 999)}",
        "contract": r.choice(CONTRACTS[language]),
        "place": place,
        "date": _date(r, language),
        "date2": _date(r, language),
    }
    labels = [g.format(**values) for g in r.sample(RECRUIT_LABELS[language], r.randint(3, 6))]
    if r.random() < 0.8:  # a seniority with a slash ("Manager/Supervisor"): a value, not the post
        key = {"fr": "Niveau de poste", "en": "Career level", "ar": "المستوى"}[language]
        labels.insert(r.randint(0, len(labels)), f"{key} : {r.choice(LEVELS[language])}")
    if r.random() < 0.3:  # where the post sits in the organisation: a path, not the post
        themes = {"fr": THEMES_FR, "en": THEMES_EN, "ar": THEMES_AR}[language]
        labels.append(DEPARTMENTS[language].format(a=r.choice(themes), b=r.choice(themes)))
    if r.random() < 0.4:  # the label/value table flattened: each key over its value
        labels = [
            part.strip()
            for label in labels
            for part in (label.split(" : ", 1) if " : " in label else label.split(": ", 1))
        ]
    lines = [r.choice(SITES[language])] + r.sample(NAV[language], r.randint(2, 4)) + [""]
    where = r.choice(["top", "after_ref", "key", "after_labels", "glued"])
    if one_word:  # a post key's value, or the heading right above the label rows
        where = "key" if where in ("key", "glued", "after_labels") else "one_word_top"
    printed = gold
    if r.random() < 0.3 and language != "ar":
        printed = f"{gold} {r.choice(['(H/F)', '(F/H)', 'H/F', '(M/F)'])}"
    if r.random() < 0.2 and language != "ar":
        printed = printed.upper()
    if where == "top":
        lines += [printed, org] + labels
    elif where == "one_word_top":
        lines += [org, "", printed] + labels
    elif where == "after_ref":
        ref = (
            labels[0]
            if labels[0].startswith(("Réf", "Ref", "المرجع"))
            else RECRUIT_LABELS[language][0].format(**values)
        )
        lines += [ref, printed, org] + [x for x in labels if x != ref]
    elif where == "key":
        lines += [org] + labels[:2] + [f"{r.choice(RECRUIT_KEYS[language])} : {printed}"] + labels[2:]
    elif where == "after_labels":
        lines += [org] + labels + ["", printed]
    else:
        lines += [
            f"{printed} {r.choice(['-', '–'])} {r.choice(CONTRACTS[language])} {r.choice(['-', '–'])} {place}",
            org,
        ] + labels
    lines += [""]
    if r.random() < 0.5:
        lines.append(
            {"fr": "Postuler à cette offre", "en": "Apply for this job", "ar": "قدم ترشيحك"}[language]
        )
    lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    return lines, gold


# A letter of invitation (a selection of consultants) as a PDF transcript reads it back: the
# letterhead, the place and date, a reference, "Lettre d'invitation", to whom, "Objet : ..."
# (the title, perhaps over two lines), the salutation, numbered paragraphs.
INVITATION_HEADS = {
    "fr": [
        ["ROYAUME DU MAROC", "Agence du Partenariat pour le Progrès"],
        ["ROYAUME DU MAROC", "Ministère de l'Économie et des Finances", "Direction du Budget"],
        ["{ORG}"],
    ],
    "en": [["{ORG}"], ["HASHEMITE KINGDOM OF JORDAN", "Ministry of Planning and International Cooperation"]],
    "ar": [["المملكة المغربية", "وزارة الاقتصاد والمالية"], ["{org}"]],
}
INVITATION_OBJECTS = {
    "fr": [
        "Sélection d'un consultant {level} pour {obj}",
        "Recrutement d'un bureau d'études pour {obj}",
        "Sélection d'un cabinet pour {obj}",
    ],
    "en": ["Selection of an individual consultant for {obj}", "Selection of a consulting firm for {obj}"],
    "ar": ["انتقاء مستشار من أجل {obj}", "انتقاء مكتب دراسات من أجل {obj}"],
}
INVITATION_BODY = {
    "fr": [
        "Madame, Monsieur,",
        "1. Le Gouvernement du Royaume du Maroc a reçu un don et a l'intention d'utiliser une partie de ce don pour effectuer les paiements au titre du contrat pour lequel la présente lettre d'invitation est émise.",
        "2. L'Agence invite par la présente lettre les consultants présélectionnés à soumettre leurs propositions techniques et financières.",
        "3. La présente lettre d'invitation a été adressée aux consultants figurant sur la liste restreinte.",
    ],
    "en": [
        "Dear Sir/Madam,",
        "1. The Government has received financing and intends to apply part of the proceeds towards payments under the contract for which this Letter of Invitation is issued.",
        "2. The Client now invites proposals to provide the following consulting services.",
        "3. This Letter of Invitation has been addressed to the shortlisted consultants.",
    ],
    "ar": [
        "سلام تام بوجود مولانا الإمام،",
        "وبعد، يشرفني أن أدعوكم إلى تقديم عروضكم التقنية والمالية.",
        "1. حصلت الحكومة على تمويل وتعتزم استعمال جزء منه لأداء المبالغ المستحقة برسم هذا العقد.",
    ],
}


def _invitation_letter(r: random.Random, language: str, org: str) -> tuple[list[str], str]:
    obj = _fill(r, r.choice({"fr": OBJECTS_FR, "en": OBJECTS_EN, "ar": OBJECTS_AR}[language]), language)
    gold = r.choice(INVITATION_OBJECTS[language]).format(
        obj=obj, level=r.choice(["junior", "senior", "individuel"])
    )
    stack = [s.format(ORG=org.upper(), org=org) for s in r.choice(INVITATION_HEADS[language])]
    lines: list[str] = []
    if r.random() < 0.4:  # a document host's cut copy of the title, then its furniture
        lines += [_cut_copy(r, gold), "", r.choice(["Transcription", "Texte intégral", "Full text"]), ""]
    lines += stack
    city = r.choice(["Rabat", "Casablanca", "Amman"] if language != "ar" else ["الرباط", "الدار البيضاء"])
    dated = {
        "fr": f"{city}, le {_date(r, 'fr')}",
        "en": f"{city}, {_date(r, 'en')}",
        "ar": f"{city} في {_date(r, 'ar')}",
    }[language]
    ref = {"fr": "Réf. : ", "en": "Ref: ", "ar": "المرجع : "}[
        language
    ] + f"{''.join(r.sample('ACDMPRS', 3))}/{r.randint(10, 999)}/{r.randint(2016, 2026)}"
    lines += r.sample([dated, ref], 2) + [""]
    if r.random() < 0.7:
        lines.append(
            r.choice(
                {
                    "fr": ["LETTRE D'INVITATION", "Lettre d'invitation"],
                    "en": ["LETTER OF INVITATION", "Letter of Invitation"],
                    "ar": ["رسالة دعوة"],
                }[language]
            )
        )
    lines.append(
        {
            "fr": "À : Mesdames et Messieurs les Consultants",
            "en": "To: Shortlisted Consultants",
            "ar": "إلى السادة المستشارين",
        }[language]
    )
    label = {
        "fr": ["Objet", "OBJET", "Objet de la consultation"],
        "en": ["Subject", "SUBJECT", "Re"],
        "ar": ["الموضوع"],
    }[language]
    shown = gold.upper() if r.random() < 0.2 and language != "ar" else gold
    parts = _split_two_lines(r, shown, language) if r.random() < 0.4 else [shown]
    lines.append(f"{r.choice(label)}{r.choice([' : ', ': ', ' :'])}{parts[0]}")
    lines += parts[1:]
    if r.random() < 0.5:
        lines.append(
            {"fr": "Réf. : AMI n° ", "en": "Ref: REOI No. ", "ar": "المرجع : طلب إبداء الاهتمام رقم "}[
                language
            ]
            + f"{r.randint(1, 30)}/{r.randint(2016, 2026)}"
        )
    lines.append("")
    lines += INVITATION_BODY[language]
    lines += [r.choice(HEADINGS[language])] + _sentences(r, language, org)
    return lines, gold


# ----- Ninth round (issue 16): French and Arabic notices of associations, programmes and local
# governments, from their own random stream (``NOTICE_FAMILIES``; kept apart from the families
# above so other rounds' families merge beside them). Invented text throughout.
# "frnotice": a French call under a letterhead block (ROYAUME DU MAROC / Ministère ... / Direction
# ..., or an association's name and seat), a reference or a "Fait à" date line, a generic header
# ("Avis d'appel à manifestation d'intérêt", "Appel à projets"), the object behind "Objet :" or in
# capitals over two or three lines, then numbered sections. "arnotice": an Arabic notice under its
# letterhead lines (المملكة المغربية / وزارة ... / جهة ... / جماعة ...), "إعلان" or "بلاغ", the
# object ("طلب عروض أثمان مفتوح رقم ... يتعلق ب...", "دعوة لتقديم مقترحات مشاريع ...", "طلب إبداء
# الاهتمام ...") often over two lines, a "حرر ب..." line. "headerblock": a programme's page whose
# title is the last line of its header block, with no cue word, right before "Description",
# "Contexte" or "الإطار العام".

NOTICE_MINISTRIES = {
    "fr": [
        "Ministère de la Jeunesse et des Sports",
        "Ministère de l'Agriculture et du Développement Rural",
        "Ministère de l'Éducation Nationale",
        "Ministère de la Santé et de l'Action Sociale",
        "Ministère de l'Équipement et de l'Eau",
    ],
    "ar": [
        "وزارة الداخلية",
        "وزارة الشباب والرياضة",
        "وزارة الفلاحة والتنمية القروية",
        "وزارة التربية الوطنية",
        "وزارة الصحة والعمل الاجتماعي",
    ],
}
NOTICE_UNITS = {
    "fr": [
        "Direction Provinciale de {place}",
        "Direction Régionale de {place}",
        "Délégation Provinciale de {place}",
        "Commune de {place}",
        "Province de {place}",
        "Secrétariat Général",
    ],
    "ar": [
        "جهة {region}",
        "عمالة إقليم {place}",
        "إقليم {place}",
        "جماعة {place}",
        "المديرية الإقليمية ب{place}",
        "الكتابة العامة",
        "مصلحة الشؤون الاجتماعية",
    ],
}
NOTICE_REGIONS = ["سوس ماسة", "الشرق", "درعة تافيلالت", "فاس مكناس", "بني ملال خنيفرة", "كلميم واد نون"]
NOTICE_OBJECTS = {
    "fr": [
        "l'accompagnement des associations de {place} dans le montage de projets",
        "le soutien aux initiatives locales en matière de {theme}",
        "l'aménagement de jardins pédagogiques dans les écoles rurales de {place}",
        "l'élaboration d'une cartographie des acteurs de la {theme}",
        "le renforcement des capacités des coopératives féminines en {theme}",
        "la réalisation d'un diagnostic participatif du territoire de {place}",
        "la sélection d'associations partenaires pour la {theme}",
        "l'organisation de caravanes de sensibilisation à la {theme}",
    ],
    "ar": [
        "إنجاز دراسة تقنية لتهيئة المسالك القروية بجماعة {place}",
        "تنظيم قوافل تحسيسية في مجال {theme}",
        "مواكبة الجمعيات المحلية في إعداد المشاريع",
        "تهيئة فضاءات تربوية بالمدارس القروية بإقليم {place}",
        "إعداد خريطة الفاعلين في مجال {theme}",
        "تقوية قدرات التعاونيات النسائية في مجال {theme}",
        "اقتناء معدات لفائدة دور الشباب بإقليم {place}",
    ],
}
FR_NOTICE_HEADERS = [
    "Avis d'appel à manifestation d'intérêt",
    "AVIS D'APPEL À MANIFESTATION D'INTÉRÊT N° {n}/{year}",
    "Appel à manifestation d'intérêt n° {n}/{year}",
    "Appel à projets",
    "APPEL À PROJETS {year}",
    "Appel à propositions",
    "Avis de consultation n° {n}/{year}",
    "AVIS",
    "Communiqué",
]
FR_NOTICE_LEADS = [
    "Appel à projets pour",
    "Appel à manifestation d'intérêt pour",
    "Appel à propositions pour",
]
FR_NOTICE_SECTIONS = [
    ["1. Contexte", "2. Objet de l'appel", "3. Éligibilité"],
    ["I. CONTEXTE ET JUSTIFICATION", "II. OBJECTIFS", "III. CONDITIONS DE PARTICIPATION"],
    ["Article 1 : Objet", "Article 2 : Bénéficiaires", "Article 3 : Dossier de candidature"],
    ["Préambule", "Objectifs de l'appel", "Modalités de dépôt"],
    ["1- Présentation du programme", "2- Actions éligibles", "3- Calendrier"],
]
FR_NOTICE_BODY = [
    "L'appel s'adresse aux associations légalement constituées depuis au moins deux ans et ayant leur siège dans la province de {place}.",
    "Le montant de la contribution ne peut dépasser {amount} dirhams par projet, soit 80 % du coût total.",
    "Les dossiers doivent être déposés au bureau d'ordre contre accusé de réception ou envoyés par voie électronique.",
    "Le programme s'inscrit dans la stratégie régionale de {theme} adoptée par le conseil en 2024.",
    "Une séance d'information sera organisée au profit des porteurs de projets le {date}.",
    "Les propositions retenues feront l'objet d'une convention de partenariat d'une durée de douze mois.",
]
AR_NOTICE_HEADERS = ["إعلان", "بلاغ", "إعلان للعموم", "بلاغ صحفي"]
AR_NOTICE_SECTIONS = [
    ["الإطار العام", "أهداف البرنامج", "شروط المشاركة"],
    ["أولا: تقديم", "ثانيا: الفئات المستهدفة", "ثالثا: ملف الترشيح"],
    ["السياق", "المجالات المعنية", "كيفية إيداع الملفات"],
    ["المادة 1: الموضوع", "المادة 2: المستفيدون", "المادة 3: ملف الترشيح"],
]
AR_NOTICE_BODY = [
    "يمكن للجمعيات المؤسسة بصفة قانونية منذ سنتين على الأقل والتي يوجد مقرها ب{place} المشاركة في هذا البرنامج.",
    "لا يمكن أن تتجاوز مساهمة الجماعة مبلغ {amount} درهم عن كل مشروع.",
    "تودع الملفات بمكتب الضبط مقابل وصل أو ترسل عبر البريد الإلكتروني.",
    "يندرج هذا البرنامج في إطار الاستراتيجية الجهوية في مجال {theme}.",
    "سيتم فتح الأظرفة في جلسة عمومية بمقر الجماعة يوم {date}.",
    "ستخضع المشاريع المقبولة لاتفاقية شراكة مدتها اثنا عشر شهرا.",
]
HEADERBLOCK_HEADINGS = {
    "fr": ["Description", "Contexte", "Présentation", "DESCRIPTION", "Contexte et justification", "À propos"],
    "ar": ["الإطار العام", "تقديم", "الوصف", "السياق العام", "نبذة عن البرنامج"],
}
HEADERBLOCK_TITLES = {
    "fr": [
        "Fonds d'appui aux initiatives des jeunes de {place}",
        "Programme {project} – édition {year}",
        "Soutien aux projets de {theme} portés par les femmes",
        "Prix régional de l'innovation sociale en {theme}",
        "Accompagnement des coopératives de {place}",
        "Résidences d'artistes dans les maisons de jeunes de {place}",
    ],
    "ar": [
        "صندوق دعم مبادرات الشباب ب{place}",
        "برنامج {project} – دورة {year}",
        "دعم مشاريع النساء في مجال {theme}",
        "الجائزة الجهوية للابتكار الاجتماعي في مجال {theme}",
        "مواكبة التعاونيات بإقليم {place}",
    ],
}
HEADERBLOCK_TOP = {
    "fr": [
        "Appels à projets",
        "Opportunités",
        "Subventions",
        "Publié le {date}",
        "{place}, {date}",
        "Clôture : {date}",
    ],
    "ar": ["طلبات المشاريع", "فرص الدعم", "منح", "نشر في {date}", "{place} في {date}", "آخر أجل: {date}"],
}


HEADERBLOCK_DETAILS = {
    "fr": [
        "Date limite : {date}",
        "Montant : {amount} dirhams",
        "Zone : province de {place}",
        "Bénéficiaires : associations",
    ],
    "ar": ["آخر أجل : {date}", "المبلغ : {amount} درهم", "المنطقة : إقليم {place}", "المستفيدون : الجمعيات"],
}
# A tender notice whose one sentence names the call whose bids are opened (the title: its object, what
# the call buys, as a tender's "Objet du marché" gives it)
OPENING_NOTICE = {
    "fr": (
        "Le {date} à {hour} heures, il sera procédé, dans la salle des réunions de la commune de {place}, "
        "à l'ouverture des plis relatifs à l'{call} pour : {obj}."
    ),
    "ar": (
        "يعلن رئيس جماعة {place} أنه سيتم يوم {date} على الساعة {hour} صباحا بمقر الجماعة فتح الأظرفة "
        "المتعلقة ب{call} {link}{obj}."
    ),
}
OPENING_CALLS = {
    "fr": ["appel d'offres ouvert sur offres de prix n° {n}", "appel d'offres ouvert n° {n}/{code}"],
    "ar": ["طلب العروض المفتوح رقم {n}", "طلب عروض أثمان مفتوح رقم {n}"],
}
OPENING_AFTER = {
    "fr": "Le dossier d'appel d'offres peut être retiré au service des marchés de la commune.",
    "ar": "يمكن سحب ملف طلب العروض من مصلحة الصفقات بالجماعة.",
}


def _opening_notice(r: random.Random, language: str, org: str) -> tuple[list[str], str]:
    """A tender notice: the letterhead, its header, one sentence naming the call opened."""
    lines = _notice_letterhead(r, language, org) + [""]
    lines.append(
        r.choice(
            ["AVIS D'APPEL D'OFFRES OUVERT", "Avis d'appel d'offres ouvert sur offres de prix", "AVIS"]
            if language == "fr"
            else ["إعلان عن طلب عروض مفتوح", "إعلان عن طلب عروض أثمان", "إعلان"]
        )
    )
    n = _notice_text(r, "{n}/{year}", language)
    call = r.choice(OPENING_CALLS[language]).format(n=n, code=r.choice(["CT", "DP", "BM"]))
    obj = _notice_text(r, r.choice(TENDER_OBJECTS[language]), language)
    link = r.choice(["الخاص ب", "المتعلق ب", "من أجل "])
    sentence = OPENING_NOTICE[language].format(
        date=_date(r, language),
        hour=r.choice(["10", "11"] if language == "fr" else ["العاشرة", "الحادية عشرة"]),
        place=r.choice(PLACES_AR if language == "ar" else PLACES),
        call=call,
        link=link,
        obj=obj,
    )
    gold = obj  # what the call buys, as a tender's "Objet du marché" gives it
    lines += [sentence, OPENING_AFTER[language]]
    lines += _notice_body(r, language, org)[: r.randint(0, 4)]
    return lines, gold


def _notice_text(r: random.Random, template: str, language: str) -> str:
    place = r.choice(PLACES_AR if language == "ar" else PLACES)
    return template.format(
        place=place,
        theme=r.choice(THEMES_AR if language == "ar" else THEMES_FR),
        project=r.choice(PROJECTS),
        year=r.choice([2025, 2026, 2027]),
        n=r.randint(1, 30),
        amount=r.choice(["50 000", "120 000", "200 000"]),
        date=_date(r, language),
        region=r.choice(NOTICE_REGIONS),
    )


def _notice_letterhead(r: random.Random, language: str, org: str) -> list[str]:
    """A state's letterhead lines from the kingdom down to the unit, or an association's name and seat."""
    if r.random() < 0.35:
        seat = {"fr": "Siège : {n}, rue Al Massira, {place}", "ar": "المقر: {n} شارع المسيرة، {place}"}[
            language
        ]
        lines = [org] + ([_notice_text(r, seat, language)] if r.random() < 0.6 else [])
        if r.random() < 0.4:
            lines.append({"fr": "Projet « {project} »", "ar": "مشروع {project}"}[language])
        return [_notice_text(r, line, language) for line in lines]
    kingdom = {"fr": "ROYAUME DU MAROC", "ar": "المملكة المغربية"}[language]
    units = r.sample(NOTICE_UNITS[language], r.randint(1, 3))
    lines = [kingdom] + ([r.choice(NOTICE_MINISTRIES[language])] if r.random() < 0.7 else []) + units
    lines = [_notice_text(r, line, language) for line in lines]
    if language == "fr" and r.random() < 0.4:
        lines = [line.upper() for line in lines]
    return lines


def _notice_body(r: random.Random, language: str, org: str) -> list[str]:
    sections = r.choice(FR_NOTICE_SECTIONS if language == "fr" else AR_NOTICE_SECTIONS)
    body = FR_NOTICE_BODY if language == "fr" else AR_NOTICE_BODY
    lines: list[str] = []
    for heading in sections[: r.randint(2, 3)]:
        lines += ["", heading]
        lines += [_notice_text(r, s, language) for s in r.sample(body, r.randint(1, 2))]
        if r.random() < 0.3:
            lines += _sentences(r, language, org)[:1]
    return lines


def _french_notice(r: random.Random, org: str) -> tuple[list[str], str]:
    lines = _notice_letterhead(r, "fr", org) if r.random() < 0.85 else []
    if r.random() < 0.5:
        lines.append(
            _notice_text(r, r.choice(["Réf. : {n}/DP/{year}", "N° {n}/{year}", "{place}, le {date}"]), "fr")
        )
    lines.append("")
    obj = _notice_text(r, r.choice(NOTICE_OBJECTS["fr"]), "fr")
    shape = r.random()
    if shape < 0.3:  # a generic header, then "Objet :" and the object, perhaps going on below
        if r.random() < 0.7:
            lines.append(_notice_text(r, r.choice(FR_NOTICE_HEADERS), "fr"))
        gold = r.choice([_noun(obj), f"{r.choice(FR_NOTICE_LEADS)} {obj}"])
        head, *rest = _split_two_lines(r, gold, "fr") if r.random() < 0.5 else [gold]
        lines += [f"{r.choice(['Objet', 'OBJET', 'Objet de l’appel'])} : {head}", *rest]
    elif shape < 0.6:  # a generic header over the object in capitals, cut anywhere
        lines.append(_notice_text(r, r.choice(FR_NOTICE_HEADERS), "fr"))
        if r.random() < 0.4:
            lines.append("")
        gold = _noun(obj)
        lines += _upper_lines(r, gold, "fr") if r.random() < 0.7 else [gold]
    else:  # the call's own words and its object, on one line or two
        gold = f"{r.choice(FR_NOTICE_LEADS)} {obj}"
        printed = gold.upper() if r.random() < 0.3 else gold
        lines += _split_two_lines(r, printed, "fr") if r.random() < 0.6 else [printed]
    if r.random() < 0.3:
        lines.append(_notice_text(r, "Date limite de dépôt des dossiers : {date}", "fr"))
    lines += _notice_body(r, "fr", org)
    if r.random() < 0.4:
        lines += ["", _notice_text(r, r.choice(["Fait à {place}, le {date}", "{place}, le {date}"]), "fr")]
    return lines, gold


def _arabic_notice(r: random.Random, org: str) -> tuple[list[str], str]:
    lines = _notice_letterhead(r, "ar", org)
    dated = _notice_text(
        r, r.choice(["حرر ب{place} في {date}", "{place} في {date}", "رقم: {n}/{year}"]), "ar"
    )
    if r.random() < 0.4:
        lines.append(dated)
    lines.append("")
    shape = r.randrange(6)
    if r.random() < 0.6 and shape != 4:
        lines.append(r.choice(AR_NOTICE_HEADERS))
    obj = _notice_text(r, r.choice(NOTICE_OBJECTS["ar"]), "ar")
    n = _notice_text(r, "{n}/{year}", "ar")
    if shape == 0:  # a tender's number, then its object going on after "يتعلق ب" / "خاص ب"
        head = f"{r.choice(['إعلان عن طلب عروض أثمان مفتوح', 'طلب عروض أثمان مفتوح', 'إعلان عن طلب عروض مفتوح'])} رقم {n}"
        tail = f"{r.choice(['يتعلق ب', 'خاص ب', 'من أجل '])}{obj}"
    elif shape == 1:  # a call for project proposals, its field on the next line
        head = r.choice(
            [
                "دعوة لتقديم مقترحات مشاريع",
                "إعلان عن طلب مشاريع",
                "دعوة لتقديم طلبات الدعم",
                "دعوة لتقديم مقترحات",
            ]
        )
        tail = _notice_text(
            r,
            r.choice(
                ["في مجال {theme}", "لفائدة الجمعيات العاملة في مجال {theme}", "برسم سنة {year}"]
                if head != "دعوة لتقديم مقترحات"
                else ["مشاريع الجمعيات في مجال {theme}", "مشاريع التعاونيات ب{place}"]
            ),
            "ar",
        )
    elif shape == 2:  # an expression of interest
        head = f"{r.choice(['طلب إبداء الاهتمام', 'إعلان عن طلب إبداء الاهتمام'])} رقم {n}"
        tail = f"{r.choice(['لانتقاء مكتب دراسات من أجل ', 'لاختيار جمعيات شريكة من أجل '])}{obj}"
    elif shape == 3:  # "إعلان عن ..." and its object
        head = r.choice(["إعلان عن فتح باب الترشيح", "إعلان عن انطلاق عملية انتقاء المشاريع"])
        tail = r.choice([f"للجمعيات الراغبة في {obj}", _notice_text(r, "في مجال {theme}", "ar")])
    elif shape == 4:  # "إعلان" alone, the announced object on the next line
        head, tail = "إعلان", f"عن {obj}"
    else:  # a line ending on a preposition, the object going on below
        head = r.choice(["طلب عروض من أجل", "دعوة لتقديم عروض حول", "إعلان عن طلب مشاريع في"])
        tail = obj if not head.endswith("في") else _notice_text(r, "مجال {theme}", "ar")
    gold = f"{head} {tail}"
    lines += [head, tail] if r.random() < 0.65 else [gold]
    if r.random() < 0.4:
        lines.append(
            dated if not lines.count(dated) else _notice_text(r, "آخر أجل لإيداع الملفات: {date}", "ar")
        )
    lines += _notice_body(r, "ar", org)
    return lines, gold


def _header_block(r: random.Random, language: str, org: str) -> tuple[list[str], str]:
    """A programme's page: short lines (the site's or the organisation's name, a kind, a date),
    then the call's name as the block's last line, right before its first section."""
    lines = [org] if r.random() < 0.6 else [r.choice(SITES[language])]
    lines += [_notice_text(r, t, language) for t in r.sample(HEADERBLOCK_TOP[language], r.randint(1, 3))]
    if r.random() < 0.3:
        lines.append("")
    gold = _notice_text(r, r.choice(HEADERBLOCK_TITLES[language]), language)
    if language == "ar" and " في " in gold and r.random() < 0.3:  # over two lines, the first ending on "في"
        first, rest = gold.split(" في ", 1)
        lines += [f"{first} في", rest]
    else:
        lines += _split_two_lines(r, gold, language) if r.random() < 0.3 else [gold]
    if r.random() < 0.3:  # the call's details between its name and its first section
        lines += [
            _notice_text(r, t, language) for t in r.sample(HEADERBLOCK_DETAILS[language], r.randint(1, 2))
        ]
    if r.random() < 0.3:
        lines.append("")
    lines.append(r.choice(HEADERBLOCK_HEADINGS[language]))
    body = FR_NOTICE_BODY if language == "fr" else AR_NOTICE_BODY
    lines += [_notice_text(r, s, language) for s in r.sample(body, 2)]
    lines += _notice_body(r, language, org)
    return lines, gold


NOTICE_FAMILIES = ["frnotice", "arnotice", "headerblock"]
NOTICE_SHARE = 0.1  # pages of these families, for each page of the first ones (0.15: the shipped model read a fictional call worse)


def generate_notice(r: random.Random) -> Call:
    """A page of the ninth round's French and Arabic families."""
    family = r.choice(NOTICE_FAMILIES)
    language = {"frnotice": "fr", "arnotice": "ar"}.get(family) or r.choice(["fr", "ar"])
    org = r.choice({"fr": ORG_FR, "ar": ORG_AR}[language])
    if family in ("frnotice", "arnotice") and r.random() < 0.2:
        lines, gold = _opening_notice(r, language, org)
    elif family == "frnotice":
        lines, gold = _french_notice(r, org)
    elif family == "arnotice":
        lines, gold = _arabic_notice(r, org)
    else:
        lines, gold = _header_block(r, language, org)
    if r.random() < 0.3:  # as a Word or PDF rendering reads back: a paragraph a line, no blank between
        lines = [line for line in lines if line.strip()]
    return Call(lines, gold, language, family)


NEW_FAMILIES = ["tender", "arboard", "directory", "grantagg", "recruit", "invitation"]


def generate_more(r: random.Random) -> Call:
    """A page of one of the families added for issue 16."""
    family = r.choice(NEW_FAMILIES)
    language = "ar" if family == "arboard" else r.choices(["fr", "en", "ar"], weights=[5, 3, 2])[0]
    org = r.choice({"fr": ORG_FR, "en": ORG_EN, "ar": ORG_AR}[language])
    printed, _ = _title(r, language)
    if family == "tender":
        lines, gold = _tender_document(r, language)
    elif family == "arboard":
        lines, gold = _arabic_board(r)
    elif family == "directory":
        lines, gold = _directory_page(r, language, org, printed)
    elif family == "grantagg":
        lines, gold = _grant_aggregator(r, language, org)
    elif family == "recruit":
        lines, gold = _recruitment_platform(r, language, org)
    else:
        lines, gold = _invitation_letter(r, language, org)
    if r.random() < 0.3:  # as a Word or PDF rendering reads back: a paragraph a line, no blank between
        lines = [line for line in lines if line.strip()]
    return Call(lines, gold, language, family)


MORE_SHARE = 0.4  # pages of the added families, for each page of the others


def calls(count: int, seed: int = 16) -> list[Call]:
    """``count`` pages of the first families, then the added families' pages from a stream of
    their own (so that adding them left the first pages as they were)."""
    r = random.Random(seed)
    first = [generate(r) for _ in range(count)]
    # a stream a page: a change to one family's pages leaves the other pages as they were
    more = [generate_more(random.Random(f"{seed}-more-{i}")) for i in range(round(count * MORE_SHARE))]
    notices = [
        generate_notice(random.Random(f"{seed}-notice-{i}")) for i in range(round(count * NOTICE_SHARE))
    ]
    from title_training_en import english_calls  # English families of the ninth round (imports this module)

    return first + more + notices + english_calls(count, seed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    for call in calls(args.count, args.seed):
        print("\n".join(call.lines))
        print(f"--- title: {call.title}\n")


if __name__ == "__main__":
    main()
