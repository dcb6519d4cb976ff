"""The words and shapes the title reader reads a line by: the call's type words (consultant,
trainer, expert, staff, firm), the cue words of a call's title (recruitment, "appel à ...",
"مباراة ..."), the keys of a title row ("Intitulé du poste", "Job title", "المنصب"), the posts'
names, the organisations' heads, sentence verbs, labels, dates and addresses, and whether a
line reads as a heading. Shared by the candidates (``title``), their features
(``title_features``), the cleaning (``title_clean``) and the call type (``call_type``)."""

from __future__ import annotations

import re

from nidaa.tor.fields.common import EMAIL
from nidaa.tor.sections import role_of
from nidaa.tor.text import fold, kw

STAFF_CUES = re.compile(
    kw(
        r"contrat de travail",
        r"contrat a duree",
        r"\bcdd\b",
        r"\bcdi\b",
        r"offres? d'emploi",
        r"postes? vacants?",
        r"package salarial",
        r"salaire",
        r"salary",
        r"employment contract",
        r"job offer",
        r"vacancy",
        r"full[-\s]time",
        r"temps plein",
        r"fixed[-\s]term",
        r"benefits package",
        r"عقد عمل",
        r"منصب شغل",
        r"الأجر الشهري",
        r"راتب",
        # a public competition (concours) recruits staff into a grade
        r"مباراة",
        r"مباريات",
        r"مسابقة",
        r"\bconcours\b",
        r"السلم \d",
    ),
)


# A call to organisations (grants, project proposals, partnerships): type "other",
# whatever people it later mentions.
CALL_TO_ORGANISATIONS = re.compile(
    kw(
        r"appels? a projets",
        r"appels? a propositions",
        r"call for (?:project )?proposals",
        r"calls for (?:project )?proposals",
        r"grants? (?:program|programme|opportunit|of up to)",
        r"subventions?",
        r"funding opportunit",
        r"طلبات المشاريع",
        r"طلب دعم",
        r"صندوق الدعم",
        r"الاستفادة من الدعم",
    )
)


# A request addressed to bidders (tenders, RFPs): a firm answers it.
CALL_TO_BIDDERS = re.compile(
    kw(
        r"request for proposals?",
        r"\brfp\b",
        r"appel d'offres",
        r"offerors",
        r"soumissionnaires?",
        r"bidders?",
        r"طلب عروض",
    )
)


# Wording of terms of reference for a mission: someone is hired for it.
MISSION_WORDS = re.compile(
    kw(
        r"termes de reference",
        r"terms of reference",
        r"\btdr\b",
        r"\btor\b",
        r"livrables",
        r"deliverables",
        r"prestations?",
        r"la mission",
        r"the assignment",
        r"المهمة",
    )
)


TYPE_WORDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "firm",
        re.compile(
            kw(
                r"bureaux? d'etudes?",
                r"cabinets?",
                r"\bfirms?\b",
                r"consulting compan",
                r"societes? (?:de conseil|d'etudes|d'expertise)",
                r"entreprises? (?:de|specialisee)",
                r"prestataires? de services",
                r"مكتب (?:دراسات|الدراسات)",
                r"مكاتب (?:دراسات|الدراسات)",
                r"شركة",
                r"bureaux? de (?:formation|conseil)",
                r"organismes? de formation",
            ),
        ),
    ),
    (
        "trainer",
        re.compile(
            kw(
                r"formateur",
                r"formatrice",
                r"animat(?:eur|rice)(?:\(trice\)|\(rice\)|[·.\-]?(?:trice|rice))?s? (?:de|d'|des) (?:formations?|ateliers?|sessions?)",
                r"formateurs",
                r"trainers?",
                r"facilitat(?:eur|rice)s? de formation",
                r"مكون",
                r"مكونين",
                r"مكونة",
                r"مدرب",
                r"مؤطر",
            ),
        ),
    ),
    ("expert", re.compile(kw(r"\bexperte?s?\b", r"\bexpert\.e", r"خبير", r"خبيرة", r"خبراء"))),
    (
        "consultant",
        re.compile(
            kw(
                r"consultant",
                r"consultante",
                r"consultancy",
                r"consultation",
                r"facilitat(?:or|eur|rice)s?",
                r"استشاري",
                r"مستشار",
                r"خبرة استشارية",
            ),
        ),
    ),
    (
        "staff",
        re.compile(
            kw(
                r"officer",
                r"manager",
                r"coordinat(?:eur|rice|or)",
                r"charge ?(?:\(e\)|[.·\-]?e)? de (?:programmes?|projets?|mission|suivi|communication|plaidoyer|partenariats?)",
                r"assistant",
                r"responsable",
                r"comptable",
                r"accountant",
                r"directeur",
                r"directrice",
                r"director(?!y|ies)",  # not a "Directory" of organisations
                r"animat(?:eur|rice)",
                r"\bpostes?\b",
                r"\bpositions?\b",
                r"\bcdd\b",
                r"\bcdi\b",
                r"منسق",
                r"مساعد",
                r"محاسب",
                r"مسؤول",
                r"منصب",
                r"مناصب",
                r"مباراة",
                r"مباريات",
                r"مسابقة",
                r"لشغل",
            ),
        ),
    ),
]


REF_LINE = re.compile(
    kw(
        r"numero",
        r"\bn°",
        r"\bnº",
        r"\bref\b",
        r"reference de",
        r"\bno\.? ?\d",
        r"رقم",
        # "RFP No.: ABC/2026/014", "Reference No.: ...", "Tender Reference: ...": a number's label
        r"\bno\.?\s*[:：]",
        r"\A(?:rfp |itb |reoi |tender |bid |vacancy |job )?reference(?: no\.?| number)?\s*[:：]",
    )
)


STRONG_TITLE = re.compile(
    kw(
        r"recrutement",
        r"recruitment",
        r"recrute(?:r|nt)?\b",  # not "Espace recruteur", a site's menu
        r"recruiting",
        r"hiring(?! (?:organi[sz]ation|agency|entity|unit|office|manager))",  # not who hires
        r"selection d",
        r"vacancy",
        r"job (?:offer|opening|title)",
        r"offre d'emploi",
        r"avis de recrutement",
        r"توظيف",
        r"انتقاء",
        r"لانتقاء",
        r"اختيار",
        r"لاختيار",
        r"التعاقد مع",
    )
)


MEDIUM_TITLE = re.compile(
    kw(
        r"appel a (?:candidatures?|consultation|manifestation|propositions|projets|experts?|consultants?)",
        r"appel d'offres?",
        r"avis d'appel",
        r"mission d'(?:expertise|appui|assistance|evaluation|accompagnement)",
        r"assistance technique",
        r"termes de reference",
        r"call for (?:applications|proposals|expressions|consultants|tenders|trainers|experts|facilitators|candidates)",
        # a call for grants to organisations: "Call for Grant Applications", "Notice of Funding
        # Opportunity", "Request for Applications (RFA)", "Annual Program Statement"
        r"call for (?:grant|project|concept) (?:applications|proposals|notes)",
        r"notice of funding opportunity",
        r"funding opportunity",
        r"annual program(?:me)? statement",
        r"appel a (?:formateurs?|formatrices?|facilitateurs?|facilitatrices?)",
        r"request for (?:proposals?|quotations?|expressions?|applications?|tenders?|bids?)",
        r"invitation to (?:bid|tender)",
        r"expressions? of interest",
        r"appel a manifestation",
        r"terms of reference",
        r"consultancy",
        r"consultance",
        r"consultation n",
        r"avis de consultation",
        r"إعلان",
        r"طلب (?:عروض|ترشيحات|ترشيح|إبداء)",
        r"دعوة",
        r"دفتر التحملات",
        # a tender's document by its kind: a header over the object, never the title itself
        r"cahier (?:des|de) (?:prescriptions speciales|charges|clauses (?:administratives|techniques) particulieres)",
        r"cahier special des charges",
        r"reglement de (?:la )?consultation",
        r"dossier d'appel d'offres",
        r"(?:tender|bidding) documents?",
        r"كناش التحملات",
        r"نظام الاستشارة",
        r"الشروط المرجعية",
        # a public competition names its posts: "Concours de recrutement de ...", "مباراة لتوظيف ..."
        r"concours",
        r"مباراة",
        r"مباريات",
        r"مسابقة",
    )
)


TITLE_KEYS = re.compile(  # a whole word: "Poste", not "Posted on"
    r"(?:"
    + kw(
        r"activite",
        r"intitule",
        r"titre de (?:la mission|l'activite|la consultation|l'appel|la prestation|du poste)",
        r"objet",
        r"poste",
        r"position",
        r"job title",
        r"title of (?:the )?(?:assignment|position|consultancy)",
        r"title\s*[:：]",  # "Title: ...", alone: not "Title of the project:"
        r"titre\s*[:：]",
        r"title\Z",
        r"titre\Z",
        r"object\Z",  # "Object: Audit of ...", an English letter's subject
        r"assignment",
        r"الموضوع",
        r"المنصب",
        r"عنوان المهمة",
    )
    + r")\b"
)


JOB_WORDS = re.compile(
    kw(
        r"officer",
        r"manager",
        r"coordinat",
        r"charge\s*(?:\(e\)|\.?e)?\s+de",
        r"assistant",
        r"responsable",
        r"comptable",
        r"accountant",
        r"advisor",
        r"adviser",
        r"conseill",
        r"specialist",
        r"chef de",
        r"directeur",
        r"director(?!y|ies)",  # not a "Directory" of organisations
        r"animat",
        r"منسق",
        r"مسؤول",
        r"مساعد",
        r"محاسب",
        r"منشط",
        r"مكلف",
    )
)


EXPLICIT_TITLE_KEY = re.compile(
    kw(
        r"(?:titre|intitule|title|name) (?:de la |du |de l'|of the |of )?(?:mission|consultation|assignment|consultancy|poste|position|prestation|etude|study)",
        r"(?:assignment|job|position|consultancy|activity) title",
        # "Funding Opportunity Title:", "Vacancy Title", "Post Title", "RFP Title:"
        r"(?:funding )?opportunity title",
        r"(?:vacancy|post|rfp|solicitation|tender) title",
        r"titre de l'activite",
        r"(?:marche |appel d'offres )?(?:relatif|relative|portant) (?:a|sur)",  # a tender's object
        r"objet de (?:la consultation|l'appel|la mission)",
        # a tender's object: "Objet du marché", "موضوع الصفقة", "Subject of the tender"
        r"objet du marche",
        r"(?:object|subject) of the (?:tender|contract|bid)",
        r"موضوع (?:الصفقة|طلب العروض)",
        r"intitule\Z",
        r"intitule (?:du poste|de la formation|de l'etude)",
        r"poste\Z",
        r"poste a pourvoir",
        r"position\Z",
        r"description of (?:the )?(?:assignment|consultancy|services)",
        r"assignment\Z",
        r"عنوان (?:المهمة|الاستشارة|المنصب)",
        r"المنصب\Z",
        r"موضوع (?:التكوين|الاستشارة|الدراسة|المهمة)\Z",
    )
)


_GENERIC_WORDS = re.compile(
    kw(
        r"n°",
        r"لتقديم",
        r"تقديم",
        r"عروض",
        r"ترشيحات",
        r"candidatures?",
        r"applications?",
        r"proposals?",
        r"propositions?",
        r"offres?",
        r"no\.?",
        r"nº",
        r"numero",
        r"ref\.?",
        r"reference",
        r"de",
        r"d'",
        r"du",
        r"des",
        r"for",
        r"of",
        r"the",
        r"a",
        r"an",
        r"pour",
        r"emploi",
        r"شغل",
        r"عن",
        r"منصب",
        r"مفتوح",
        r"رقم",
        # "appel d'offres ouvert sur offres de prix", "طلب عروض أثمان مفتوح"
        r"طلب",
        r"اثمان",
        r"ouvert",
        r"sur",
        r"prix",
        r"open",
        r"interest",  # "Request for Expression of Interest", "Appel à manifestation d'intérêt"
        r"interet",
        r"ابداء",  # "طلب إبداء الاهتمام رقم ...": an expression of interest's header
        r"الاهتمام",
        # the article a cue leaves behind ("مباريات التوظيف", a jobs site's menu: one word left)
        r"ال",
    )
)


DANGLING = re.compile(
    r"(?:\b(?:de|du|des|d'une?|d`une?|d une?|d'|pour|la|le|les|l'|au|aux|a|et|en|dans|sur|avec|par|entre|aupres|"
    r"of|the|for|and|to|in|on))\Z"
)


def has_email(text: str) -> bool:
    return "@" in text and EMAIL.search(text) is not None  # the "@" first: most lines have none


_ARABIC_MARKS = str.maketrans("", "", "\u0640" + "".join(map(chr, range(0x064B, 0x0653))))


def unmarked(folded: str) -> str:
    """A folded line without Arabic stretching and vowel marks ("مبــاراة لتوظيـف", "سُلَّم"), for
    the cue words to match; offsets into it are not the document's."""
    return folded.translate(_ARABIC_MARKS)


_ACRONYM = re.compile(r"\([^()\s]{2,12}\)")


def is_generic_header(folded: str, cue: re.Match[str]) -> bool:
    rest = folded[: cue.start()] + " " + folded[cue.end() :]
    if "(" in rest:  # "(REOI)", "(AMI)": the header's initials
        rest = _ACRONYM.sub(" ", rest)
    rest = _REF_VALUE_ANY.sub(" ", rest)
    words = [w for w in re.findall(r"[^\W\d_]{2,}", rest) if not _GENERIC_WORDS.fullmatch(w)]
    return len(words) <= 1


BLANKS = re.compile(r"\.{4,}|…{2,}|_{4,}|(?:\. ){4,}")


BULLET = re.compile(r"\A[ \t]*[-–•·▪*][ \t]+")


_REF_VALUE_ANY = re.compile(r"\S*\d\S*")


ANY_TYPE_WORD = re.compile("|".join(f"(?:{p.pattern})" for kind, p in TYPE_WORDS if kind != "staff"))


ORG_HEAD = re.compile(
    kw(
        r"association",
        r"fondation",
        r"foundation",
        r"reseau",
        r"network",
        r"federation",
        r"union",
        r"institut",
        r"institute",
        r"organisation",
        r"organization",
        r"ministere",
        r"ministry",
        r"agence",
        r"agency",
        r"royaume",
        r"kingdom",
        r"republique",
        r"republic",
        r"collecti(?:f|ve)",
        r"alliance",
        r"coalition",
        r"embassy",  # a funder's letterhead: "Embassy of X in Rabat"
        r"ambassade",
        r"سفارة",
        r"جمعية",
        r"مؤسسة",
        r"المملكة",
        r"وزارة",
        r"الوكالة",
        r"جماعة",
        r"المجلس",
    )
)


SENTENCE_VERB = re.compile(
    kw(
        r"\best\b",
        r"\bsont\b",
        r"\bsera\b",
        r"\bdoit\b",
        r"\bdoivent\b",
        r"\bis\b",
        r"\bare\b",
        r"\bwill\b",
        r"\bmust\b",
        r"\bshould\b",
        r"\bshall\b",
        r"\bdevront\b",
        r"\bpeuvent\b",
        r"\bhas\b",
        r"\bhave\b",
        r"\bwe\b",
        r"\bnous\b",
        r"\bvous\b",
        r"\byou\b",
        r"يجب",
        r"سيتم",
        r"يتعين",
        r"يتم",
        r"سيكون",
        r"ستكون",
        r"يكون",
        r"يمكن",
        r"يمكنك",
        r"يهدف",
        r"تهدف",
        r"المرجو",
    )
)


# A sentence that says what a project or an intervention is for: context, never the title
# ("The project aims to ...", "Le programme vise à ...", "يهدف المشروع إلى ...").
PURPOSE = re.compile(
    kw(
        r"\baims? to\b",
        r"\bseeks? to\b",
        r"\bintends? to\b",
        r"\bvisen?t? a\b",
        r"a pour (?:objectif|but)",
        r"يهدف",
        r"تهدف",
        r"يروم",
        r"ترمي",
    )
)


BREADCRUMB = re.compile(r"\s+[»›>/]\s+")


URL_OR_DATE = re.compile(r"https?://|www\.|\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\b|\{|\}")


LABEL_LINE = re.compile(r"\A[^:：]{1,40}[:：]")


def headline(line: str, folded: str, *, heading_checked: bool = False) -> bool:
    """Whether a top line reads as a call's heading: a short phrase, not a
    label, an address, a date line, a section heading or a sentence."""
    words = line.split()
    return (
        2 <= len(words) <= 20
        and len(line) <= 200
        and not line.endswith((":", "：", ",", ";"))
        and not (line.endswith(".") and len(words) > 12)
        and not line.startswith(("•", "-", "*", "[", "(", "|"))
        and "\t" not in line
        and " | " not in line  # a table row
        and not BLANKS.search(line)
        and not LABEL_LINE.match(line)
        and not URL_OR_DATE.search(line)
        and not has_email(folded)
        and not PURPOSE.search(folded)  # "The project aims to ...": the context, not a heading
        and (heading_checked or role_of(folded) is None)
        and (line[:1].isupper() or "\u0600" <= line[:1] <= "\u06ff")
    )


ISSUER_VERB_FOLDED = re.compile(
    kw(r"\blance\b", r"\brecrute(?:nt)?\b", r"تعلن", r"يعلن", r"invites", r"is seeking")
)


# A post named in one word ("Comptable", "Chauffeur", "Animateur(trice)", "Coordinateur/trice",
# "محاسب(ة)", "سائق", "Accountant"): the word a job notice names the post with, once folded; a
# feminine ending in brackets or after a slash or a dot may follow it.
ONE_WORD_POST = re.compile(
    r"(?:"
    + kw(
        r"comptable",
        r"accountant",
        r"chauffeur",
        r"driver",
        r"animat(?:eur|rice)",
        r"coordinat(?:eur|rice|or)",
        r"format(?:eur|rice)",
        r"facilitat(?:eur|rice|or)",
        r"educat(?:eur|rice)",
        r"infirmi(?:er|ere)",
        r"nurse",
        r"secretaire",
        r"secretary",
        r"caissi(?:er|ere)",
        r"cashier",
        r"gardien(?:ne)?",
        r"cuisini(?:er|ere)",
        r"cook",
        r"technicien(?:ne)?",
        r"technician",
        r"ingenieur(?:e)?",
        r"engineer",
        r"psychologue",
        r"psychologist",
        r"mediat(?:eur|rice)",
        r"consultant(?:e)?",
        r"expert(?:e)?",
        r"trainer",
        r"assistant(?:e)?",
        r"logisticien(?:ne)?",
        r"receptionniste",
        r"receptionist",
        r"auditeur",
        r"auditor",
        r"juriste",
        r"traducteur",
        r"translator",
        r"interprete",
        r"interpreter",
        r"magasinier",
        r"storekeeper",
        r"enseignant(?:e)?",
        r"teacher",
        r"محاسب",
        r"سائق",
        r"ممرض",
        r"منشط",
        r"منسق",
        r"مكون",
        r"مربي",
        r"مساعد",
        r"كاتب",
        r"حارس",
        r"طباخ",
        r"تقني",
        r"مهندس",
        r"خبير",
        r"مستشار",
        r"مترجم",
        r"أخصائي",
        r"مدرب",
        r"وسيط",
    )
    + r")(?:\((?:e|ة|ه|trice|rice|ne|ere)\)|/(?:trice|rice|e|ة|ه)|[.·](?:e|trice)|ة|ه)?\Z"
)


# A key whose value names the post: "Poste :", "Intitulé du poste :", "Job title:", "Position:",
# "المنصب :", "الوظيفة :", "المهمة :"
POST_KEY = re.compile(
    r"\A(?:"
    + kw(
        r"poste(?: a pourvoir)?",
        r"intitule du poste",
        r"titre du poste",
        r"fonction",
        r"emploi",
        r"job title",
        r"job",
        r"position(?: title)?",
        r"post",
        r"role",
        r"المنصب",
        r"الوظيفة",
        r"المهمة",
        r"المنصب المطلوب",
        r"عنوان المنصب",
    )
    + r")\s*[:：]?\Z"
)


def one_word_post(line: str) -> bool:
    """Whether a line is a post named in one word ("Comptable", "Animateur(trice)", "محاسب(ة)")."""
    line = line.strip()
    return len(line) <= 30 and len(line.split()) == 1 and bool(ONE_WORD_POST.match(fold(line)))


# A tender notice's one sentence names what the call whose bids are opened buys: "... فتح الأظرفة
# المتعلقة بطلب العروض المفتوح رقم 2/2027 الخاص بتهيئة ساحة عمومية ...", "... à l'ouverture des plis
# relatifs à l'appel d'offres ouvert n° 5/2027 pour : la fourniture de ...": the object, as a tender's
# "Objet du marché" gives it. Linear: each gap is bounded, the call's number and the link word are
# the first ones found (atomic groups), the object ends at the first stop (possessive).
_OPENED_CALL = re.compile(
    r"(?:(?:الأظرفة|الاظرفة|العروض)\s+(?:المتعلقة|الخاصة)\s+بطلب\s+(?:ال)?عروض"
    r"(?>[^.\n؛]{0,60}?رقم\s*[^\s.،]{1,20}+)\s+"
    r"(?>(?:ال)?(?:خاص|خاصة|متعلق|متعلقة)\s?ب|يتعلق\s?ب|من\s+أجل\s+)"
    r"(?P<ar>[^.\n؛،]{5,200}+)(?=[.؛،\n]|\Z)"
    r"|\bplis\s+(?:relatifs?|concernant)\s+(?:à\s+|a\s+)?(?:l'|l’)(?:appel\s+d['’]offres|consultation)"
    r"(?>[^.\n;]{0,80}?\bn[°o]\s*[^\s,;]{1,20}+)"
    r"(?>[^.\n;]{0,40}?\b(?:pour|relatif\s+à|relative\s+à|concernant|ayant\s+pour\s+objet))\s*:?\s*"
    r"(?P<fr>[^.\n;]{5,200}+)(?=[.;\n]|\Z))",
    re.IGNORECASE,
)
_OPENED_HINTS = ("الأظرفة", "الاظرفة", "العروض المتعلقة", "plis")
_OPENED_LINE = 1000  # a notice's sentence; a longer line is a paragraph run together


def opened_call(line: str) -> tuple[int, str] | None:
    """The object a tender notice's sentence says the call opened buys, and where it starts in the
    line (None if the line names none: the substring test first, most lines have no such words)."""
    if len(line) > _OPENED_LINE or not any(hint in line for hint in _OPENED_HINTS):
        return None
    found = _OPENED_CALL.search(line)
    if found is None:
        return None
    group = "ar" if found.group("ar") else "fr"
    return found.start(group), found.group(group).strip()
