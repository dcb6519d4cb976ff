"""The call's title (its object as the document states it) and its type (consultant, trainer, expert,
staff, firm or other), read from the title first."""

from __future__ import annotations

import re
from bisect import bisect_right

from nidaa.tor.dates import find_dates
from nidaa.tor.fields.common import EMAIL, Doc, Span, kv_lines
from nidaa.tor.fields.title_rank import Candidate, pick
from nidaa.tor.sections import role_of
from nidaa.tor.text import fold, kw, tidy

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
                r"director",
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


_REF_LINE = re.compile(kw(r"numero", r"\bn°", r"\bnº", r"\bref\b", r"reference de", r"\bno\.? ?\d", r"رقم"))


_STRONG_TITLE = re.compile(
    kw(
        r"recrutement",
        r"recruitment",
        r"recrute(?:r|nt)?\b",  # not "Espace recruteur", a site's menu
        r"recruiting",
        r"hiring",
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


_MEDIUM_TITLE = re.compile(
    kw(
        r"appel a (?:candidatures?|consultation|manifestation|propositions|projets|experts?|consultants?)",
        r"appel d'offres?",
        r"avis d'appel",
        r"mission d'(?:expertise|appui|assistance|evaluation|accompagnement)",
        r"assistance technique",
        r"termes de reference",
        r"call for (?:applications|proposals|expressions|consultants|tenders|trainers|experts|facilitators|candidates)",
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
        r"الشروط المرجعية",
        # a public competition names its posts: "Concours de recrutement de ...", "مباراة لتوظيف ..."
        r"concours",
        r"مباراة",
        r"مباريات",
        r"مسابقة",
    )
)


_TITLE_KEYS = re.compile(  # a whole word: "Poste", not "Posted on"
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
        r"assignment",
        r"الموضوع",
        r"المنصب",
        r"عنوان المهمة",
    )
    + r")\b"
)


_JOB_WORDS = re.compile(
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
        r"director",
        r"animat",
        r"منسق",
        r"مسؤول",
        r"مساعد",
        r"محاسب",
        r"منشط",
        r"مكلف",
    )
)


_EXPLICIT_TITLE_KEY = re.compile(
    kw(
        r"(?:titre|intitule|title|name) (?:de la |du |de l'|of the |of )?(?:mission|consultation|assignment|consultancy|poste|position|prestation|etude|study)",
        r"(?:assignment|job|position|consultancy|activity) title",
        r"titre de l'activite",
        r"(?:marche |appel d'offres )?(?:relatif|relative|portant) (?:a|sur)",  # a tender's object
        r"objet de (?:la consultation|l'appel|la mission)",
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
    )
)


_LEAD_IN = re.compile(
    kw(
        r"contractor",
        r"poste",
        r"position",
        r"post of",
        r"منصب",
        r"لشغل",
        r"recrute",
        r"recruit",
        r"hiring",
        r"vacancy",
        r"للمنصب",
    )
)


_LABEL_PREFIX = re.compile(
    r"\A(?:"
    + kw(r"vacancy", r"job offer", r"job opening", r"offre d'emploi", r"objet", r"subject")
    + r")\s*[:\-–—]\s*(?=\S)"
)
_HEADER_PREFIX = re.compile(
    r"\A(?:"
    + kw(
        r"avis de recrutement",
        r"appel a candidatures?",
        r"appel a consultation",
        r"appel a manifestation d'interet",
        r"call for applications",
        r"call for proposals",
        r"terms of reference",
        r"termes de reference",
        r"request for proposals",
        r"إعلان",
        r"إعلان عن منصب",
    )
    + r")\s*[:\-–—]\s*(?=\S)"
)


_OPENING_LINES = 5  # an announcement sentence under a letterhead stack still opens the text
_OBJECT_ALONE = 6  # words after a call's heading words that name the call without them
_CONTINUES = re.compile(
    r"(?:[a-zà-ÿ]|لإ|لـ|ل(?=ا)|لأجل|لفائدة|من أجل|حول|بخصوص|قصد|(?:ال)?خاصة? ب|يتعلق ب|المتعلقة? ب|"
    r"(?i:relati(?:f|ve)|portant|concernant|pour|for|regarding|related to)\b)"
)


_DANGLING = re.compile(
    r"(?:\b(?:de|du|des|d'une?|d`une?|d une?|d'|pour|la|le|les|l'|au|aux|a|et|en|of|the|for|and|to|in|on))\Z"
)
_CONTINUATION = re.compile(
    kw(
        r"(?:pour|de|du|des|d'|en|au|aux|charge|chargee|dans|sur|a|for|of|to|in|on|the|and|et|لـ|ل|من أجل|في|حول|بخصوص)\b"
    )
)


def _has_email(text: str) -> bool:
    return "@" in text and EMAIL.search(text) is not None  # the "@" first: most lines have none


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 3 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _continued(doc: Doc, line: str, span: Span) -> tuple[str, Span]:
    """A title printed over two lines: "Recrutement d'un consultant" + "pour l'évaluation finale";
    a title in capitals whose lines end on a link word goes on while the capitals do
    ("TERMES DE REFERENCE POUR LA REALISATION D'UNE" + "ASSISTANCE TECHNIQUE POUR :" + ...)."""
    end = span[1]
    for step in range(5):
        # A line ending on a link word ("... pour l'élaboration de") goes on, even over
        # the blank lines a web page or a PDF transcript put in the middle of the title.
        dangling = bool(_DANGLING.search(fold(line).rstrip(" :")))
        next_start = end
        while (
            next_start < len(doc.text)
            and doc.text[next_start] in " \t\n"
            and doc.text.count("\n", end, next_start) < (4 if dangling else 2)
        ):
            next_start += 1
        if doc.text.count("\n", end, next_start) not in ((1, 2, 3) if dangling else (1,)):
            break  # a blank line ends the title
        next_end = doc.line_bounds(next_start)[1]
        nxt = doc.masked[next_start:next_end].strip()
        folded = doc.folded[next_start:next_end].strip()
        # a line going on in lowercase is the title's end, not a section heading ("des activités ...")
        heading = role_of(folded) is not None and not nxt[:1].islower()
        if not nxt or len(nxt) > 160 or len(line) + len(nxt) > 300 or heading or _has_email(folded):
            break
        body = nxt[2:] if nxt.startswith("- ") else nxt
        # capitals going on: after a link word ("... D'UNE" + "ASSISTANCE ..."), or onto a line
        # that opens with one ("FORMATEUR(TRICE)" + "POUR LA FORMATION ...")
        link_next = (
            not dangling and _CONTINUATION.match(folded) and doc.text.count("\n", end, next_start) == 1
        )
        capitals = (dangling or link_next) and _capitals(line) and _capitals(body) and len(body.split()) <= 14
        arabic_link = "\u0600" <= nxt[0] <= "\u06ff" and _CONTINUATION.match(folded)
        if capitals:
            nxt = body
        elif (
            step >= 2
            or nxt.endswith(":")
            or not (
                nxt[0].islower()
                or arabic_link
                # "... du projet" + "« Femmes et Territoires »": the name the object ends on
                or (
                    nxt[0] in '«“"'
                    and len(nxt.split()) <= 10
                    and not re.search(r"\d", nxt)  # a reference in quotes is not a name
                    and doc.text.count("\n", end, next_start) == 1
                )
                # "... cooperatives in the" + "Drâa-Tafilalet region": a name after a link word
                or (
                    dangling
                    and doc.text.count("\n", end, next_start) == 1
                    and not _LABEL_LINE.match(nxt)
                    and not (_STRONG_TITLE.search(_bare(folded)) or _MEDIUM_TITLE.search(_bare(folded)))
                )
            )
        ):
            break
        line, end = f"{line.rstrip(' :')} {nxt}", next_start + len(doc.masked[next_start:next_end].rstrip())
    return line, (span[0], end)


_ARABIC_MARKS = str.maketrans("", "", "\u0640" + "".join(map(chr, range(0x064B, 0x0653))))


def _bare(folded: str) -> str:
    """A folded line without Arabic stretching and vowel marks ("مبــاراة لتوظيـف", "سُلَّم"), for
    the cue words to match; offsets into it are not the document's."""
    return folded.translate(_ARABIC_MARKS)


def _is_generic_header(folded: str, cue: re.Match[str]) -> bool:
    rest = folded[: cue.start()] + " " + folded[cue.end() :]
    rest = _REF_VALUE_ANY.sub(" ", rest)
    words = [w for w in re.findall(r"[^\W\d_]{2,}", rest) if not _GENERIC_WORDS.fullmatch(w)]
    return len(words) <= 1


_BLANKS = re.compile(r"\.{4,}|…{2,}|_{4,}|(?:\. ){4,}")
_NUMBERING = re.compile(r"\A(?:\d{1,2}|[ivx]{1,4}|[a-h])[.)\-]\s*")  # "1. Intitulé de la mission"
_BULLET = re.compile(r"\A[ \t]*[-–•·▪*][ \t]+")
_REF_VALUE_ANY = re.compile(r"\S*\d\S*")


_CUT_SCAN = 40  # lines of the head compared
_COPY_LINES = 12  # a host prints its copy of the title among the first lines
_CUT_WORDS = 16  # a cut copy is a short line


def _cut_repeats(doc: Doc, lines: list[tuple[int, str]]) -> set[int]:
    """The head's lines that are a cut copy of a longer line (a host repeats a document's
    title above its transcript, cut after so many characters: "... pour le recrutement d`un"):
    the longer line is the title, the copy is not. Lines are compared only with those opening
    on the same word, over a bounded head."""
    joined = [
        " ".join(re.findall(r"\w+", doc.folded[start : start + len(line)]))
        for start, line in lines[:_CUT_SCAN]
    ]
    # the full title may be printed over two lines: the copy is then a prefix of the pair
    # (line, length the copy must pass, text), by first word
    by_first: dict[str, list[tuple[int, int, str]]] = {}
    for j, text in enumerate(joined):
        pair = f"{text} {joined[j + 1]}" if j + 1 < len(joined) else text
        by_first.setdefault(text.partition(" ")[0], []).extend(((j, 0, text), (j, len(text), pair)))
    cut = set()
    for i, words in enumerate(joined[:_COPY_LINES]):
        tokens = words.split()
        if not 4 <= len(tokens) <= _CUT_WORDS + 4:
            continue
        # the copy may carry a reference or a page number before it ("MAR/UNW/2016/031 Appel ...")
        # and end in the middle of a word ("... pour l'évaluation fina")
        for k in range(min(5, len(tokens) - 3)):
            head = " ".join(tokens[k:])
            if any(
                j != i and len(other) > len(head) > passed and other.startswith(head)
                for j, passed, other in by_first.get(tokens[k], ())
            ):
                cut.add(i)
                break
    return cut


def _table_rows(doc: Doc, lines: list[tuple[int, str]]) -> list[tuple[str, str, Span]]:
    """(key, value, span) of the rows "| key | value |" and of a key alone on its line with its
    value on the next ("Intitulé" + "Diagnostic des ..."), as a form or a flattened table gives them."""
    rows: list[tuple[str, str, Span]] = []
    for index, (start, line) in enumerate(lines[:_CUT_SCAN]):
        if line.startswith("|") and line.count("|") >= 3:
            cells = line.split("|")  # "", key, value, ... ("|||" too: empty cells)
            key, value = cells[1].strip(), cells[2].strip()
            if key and value:
                begin = start + line.index(value, line.index("|", 1))
                rows.append((fold(key).rstrip(" :"), value, (begin, begin + len(value))))
        elif len(line.split()) <= 5 and index + 1 < len(lines):
            key = doc.folded[start : start + len(line)].rstrip(" :：")
            if _EXPLICIT_TITLE_KEY.fullmatch(key) or _TITLE_KEYS.fullmatch(key):
                n_start, value = lines[index + 1]
                rows.append((key, value, (n_start, n_start + len(value))))
    return rows


def _without_site(line: str) -> str:
    """A heading line less the site's name a portal prints after a bar ("Title | Site"),
    so the title is not taken for a table row; a row of cells stays as it is."""
    if line.count(" | ") != 1 or line.startswith("|"):
        return line
    left, right = line.split(" | ")
    if len(right.split()) <= 3 and len(left.split()) >= 3 and not re.search(r"\d", right):
        return left.rstrip()
    return line


def rule_candidates(
    doc: Doc,
) -> tuple[list[tuple[int, str]], list[tuple[int, int, str, Span]], set[int]]:
    """The head's non-blank lines, the title candidates the rules find, each
    ``(rank, order, line, span)``: rank 0-2 from the cue rules (0 strongest), 3 a
    "title key: value" row, 4 a heading-like top line; and the indexes of the lines that
    are a host's cut copy of the title (never a candidate)."""
    head_limit = max(1500, len(doc.text) // 4)
    lines: list[tuple[int, str]] = []
    offset = 0
    head = doc.masked[:head_limit]
    if len(doc.masked) > head_limit and "\n" in head:
        head = head[: head.rindex("\n")]  # the line the limit cuts is not a line of the head
    for raw_line in head.split("\n"):
        if raw_line.strip():
            lead = len(raw_line) - len(raw_line.lstrip())
            lines.append((offset + lead, _without_site(raw_line.strip())))
        offset += len(raw_line) + 1
    candidates: list[tuple[int, int, str, Span]] = []
    cut = _cut_repeats(doc, lines)

    def usable(k: int) -> bool:
        start, line = lines[k]
        folded = doc.folded[start : start + len(line)]
        return (
            len(line) <= 220
            and "\t" not in line
            and " | " not in line
            and not _has_email(folded)
            and (role_of(folded) is None or len(line.split()) > 6)
            and len(line.split()) >= 2
        )

    if lines and 0 not in cut:  # a job board's heading naming the post ("Chargé(e) de projets") is the title
        first_start, first = lines[0]
        first_folded = doc.folded[first_start : first_start + len(first)]
        names_post = _JOB_WORDS.search(first_folded) or any(
            pattern.search(first_folded)
            for kind, pattern in TYPE_WORDS
            if kind in ("trainer", "expert", "consultant")
        )
        numbered = _REF_LINE.search(first_folded) or re.search(
            r"\d", first
        )  # "Consultation n° AB-14": a header
        first_cue = _STRONG_TITLE.search(_bare(first_folded)) or _MEDIUM_TITLE.search(_bare(first_folded))
        generic = first_cue is not None and _is_generic_header(
            _bare(first_folded), first_cue
        )  # "Call for Consultancy"
        if (
            _headline(first, first_folded)
            and len(first.split()) <= 12
            and names_post
            and not numbered
            and not generic
        ):
            candidates.append((0, -3, first, (first_start, first_start + len(first))))
    for start, line in lines[:_OPENING_LINES]:
        # An announcement opening the text names the call's object, unless a heading line above
        # it already does ("Chargé(e) de projets" + "X lance ..."); a letterhead stack above it
        # ("المملكة المغربية" + "جمعية ..." + "تعلن X عن حاجتها إلى ...") names no call.
        announced = None if line.endswith((":", "：")) else _announced(line)
        if announced and start < 800:
            offset, value = announced
            candidates.append((0, -2, value, (start + offset, start + offset + len(value))))
            break
        folded = doc.folded[start : start + len(line)]
        if _headline(line, folded) and not _ORG_HEAD.match(folded):
            break
    for start, line in lines[:15]:  # a portal's breadcrumb ends with the page's title
        crumbs = _BREADCRUMB.split(line)
        if len(crumbs) >= 3 and len(crumbs[-1].split()) >= 3 and not _URL_OR_DATE.search(crumbs[-1]):
            value = crumbs[-1].strip()
            begin = start + len(line) - len(crumbs[-1]) + (len(crumbs[-1]) - len(crumbs[-1].lstrip()))
            candidates.append((1, start, value, (begin, begin + len(value))))
            break
    for index, (start, line) in enumerate(lines):
        if len(line) > 220 or "\t" in line or " | " in line or index in cut:
            continue
        folded = doc.folded[start : start + len(line)]
        bullet = _BULLET.match(folded)  # "- Intitulé : ...": the label after the bullet
        lead = bullet.end() if bullet else 0
        label = _LABEL_LINE.match(folded[lead:])
        label_end = lead + label.end() if label else 0
        if label and _URL_OR_DATE.search(line, label_end):
            continue  # "Date limite de sélection des offres : 18/09/2024", "SOURCE: https://..."
        if label and not (
            _TITLE_KEYS.match(label.group(0))
            or _EXPLICIT_TITLE_KEY.match(label.group(0))
            or _SUBJECT_LABEL.match(label.group(0))
            or (line.endswith((":", "：")) and _LEAD_IN.search(label.group(0)) and len(line.split()) <= 4)
        ):
            if not (_STRONG_TITLE.search(label.group(0)) or _MEDIUM_TITLE.search(label.group(0))):
                # "Type de contrat : Consultation nationale" is a detail of the call, not its title;
                # but an aggregator's "Organisation : Recrutement de ..." names it after the colon
                value = line[label_end:].strip()
                v_bare = _bare(folded[label_end:])
                v_cue = _STRONG_TITLE.search(v_bare) or _MEDIUM_TITLE.search(v_bare)
                if v_cue and len(value.split()) >= 3 and not _is_generic_header(v_bare, v_cue):
                    begin = start + len(line) - len(line[label_end:].lstrip())
                    candidates.append((1, begin, value, (begin, begin + len(value))))
                continue
        words = len(line.split())
        if words < 2 or _has_email(folded):
            continue
        bare = _bare(folded)
        strong = _STRONG_TITLE.search(bare)
        medium = _MEDIUM_TITLE.search(bare)
        cue = strong or medium
        if (
            line.endswith((":", "："))
            and _LEAD_IN.search(folded)
            and index + 1 < len(lines)
            and usable(index + 1)
        ):
            n_start, n_line = lines[index + 1]
            candidates.append((0, start, n_line, (n_start, n_start + len(n_line))))
            continue
        if cue and _is_generic_header(bare, cue):
            following = index + 1
            while (  # "AVIS DE RECRUTEMENT" + "Réf. : ATDL/RH/03" + the post
                following < min(index + 3, len(lines) - 1)
                and _REF_LINE.search(
                    doc.folded[lines[following][0] : lines[following][0] + len(lines[following][1])]
                )
                and len(lines[following][1].split()) <= 5
            ):
                following += 1
            if following < len(lines) and usable(following):
                n_start, n_line = lines[following]
                n_folded = doc.folded[n_start : n_start + len(n_line)]
                n_label = _LABEL_LINE.match(_NUMBERING.sub("", n_folded))
                if n_label and not (
                    _TITLE_KEYS.match(n_label.group(0)) or _EXPLICIT_TITLE_KEY.match(n_label.group(0))
                ):
                    continue  # "TERMES DE REFERENCE" + "1. Titre du projet : ...": a detail, not the call
                if not _ISSUER_VERB_FOLDED.search(n_folded):
                    if _CONTINUES.match(n_line):  # "Appel d'offres N° 3/2025" + "pour la réalisation de ..."
                        joined = f"{line} {n_line}"
                        candidates.append((0 if strong else 1, start, joined, (start, n_start + len(n_line))))
                    else:
                        candidates.append(
                            (0 if strong else 1, start, n_line, (n_start, n_start + len(n_line)))
                        )
            continue
        if _REF_LINE.search(folded) and not strong:
            continue
        rank = None
        # an e-mail's or a letter's subject near the top names the call ("Subject: RFP – ...")
        subject = index < 10 and label is not None and _MAIL_SUBJECT.fullmatch(label.group(0).strip())
        sentence = line.endswith(".") and bool(_ISSUER_VERB_FOLDED.search(folded))  # "X recrute un(e) ... ."
        if strong and strong.start() < 100 and words <= 25 and not sentence:
            rank = 0
        elif strong and strong.start() < 100:  # an announcement sentence, not a title line:
            rank = 2 if sentence else 1  # a heading above it naming the post comes first
        elif (medium or strong or subject) and words >= 4:
            rank = 1
        elif (
            index < 40
            and words <= 8
            and _JOB_WORDS.search(folded)
            and not line.endswith((".", ";", ","))
            and not _SENTENCE_VERB.search(folded)  # a sentence's broken line, not a post's name
        ):
            rank = 2
        elif (
            index < 40
            and words <= 16
            and (_ANY_TYPE_WORD.match(folded) or _JOB_WORDS.match(folded))
            and _headline(line, folded)
            and not _SENTENCE_VERB.search(folded)
        ):  # a heading opening on the post ("Consultant(e) pour l'élaboration du plan ...")
            rank = 2
        if rank is not None:
            candidates.append((rank, start, line, (start, start + len(line))))
    keyed = [
        (_BULLET.sub("", key), value, span)
        for key, value, span in kv_lines(doc, head_limit)
        if "|" not in value  # "Poste | Nombre | Grade": a table's header row, not a value
    ]
    keyed += _table_rows(doc, lines)
    for key, value, span in keyed:
        # "Title of the assignment: X" names the title outright (after recruitment wording)
        if _EXPLICIT_TITLE_KEY.match(key) and len(value.split()) >= 2 and not _has_email(value):
            candidates.append((0, -1, value, span))
            break
    for key, value, span in keyed:
        # a numbered field of a form ("2. Intitulé de la mission : X") names the title when
        # no heading above it does
        if (_TITLE_KEYS.match(key) or _EXPLICIT_TITLE_KEY.match(_NUMBERING.sub("", key))) and len(
            value.split()
        ) >= 2:
            candidates.append((3, span[0], value, span))
            break
    for index, (start, line) in enumerate(lines[:12]):  # no cue anywhere: a heading-like line at the top
        if index in cut:
            continue
        if _headline(line, doc.folded[start : start + len(line)]):
            candidates.append((4, start, line, (start, start + len(line))))
            break
    return lines, candidates, cut


def finish_candidate(doc: Doc, line: str, span: Span) -> tuple[str, Span]:
    """A candidate line as a title: an announcement's object, continued over
    the next line when it goes on, its header words dropped."""
    announced = _announced(line) if len(line.split()) > 12 else None
    if announced:  # "تعلن X عن تنظيم مباراة لتوظيف ...، ..." : the call's object, not the sentence
        offset, line = announced
        span = (span[0] + offset, span[0] + offset + len(line))
    line, span = _continued(doc, line, span)
    return _clean_title(line), span


PLAIN_LINE = 5  # the rank of a candidate no rule proposed
PLAIN_LINES = 12  # how many of the head's lines are candidates on their own
NEAR_ORG_LINES = 30  # how far down a line beside an organisation's name is one


def title_candidates(doc: Doc) -> list[Candidate]:
    """Every candidate title with its features: the rules' proposals, then the
    plain lines near the top that no rule proposed."""
    lines, found, cut = rule_candidates(doc)
    proposed = {(c[3][0], c[2]) for c in found}
    plain = [
        (PLAIN_LINE, start, line, (start, start + len(line)))
        for index, (start, line) in enumerate(lines[:NEAR_ORG_LINES])
        # further down than the first lines, a short line beside the organisation's name: a
        # recruitment platform prints its label rows first, then the post and who offers it
        if (index < PLAIN_LINES or _next_to_organisation(doc, lines, index))
        and (start, line) not in proposed
        and index not in cut
        and _could_be_title(line, doc.folded[start : start + len(line)])
    ]
    starts = [start for start, _ in lines]
    counts: dict[str, int] = {}
    for start, line in lines:
        key = doc.folded[start : start + len(line)]
        counts[key] = counts.get(key, 0) + 1
    choices: list[Candidate] = []
    seen: set[str] = set()
    for rank, _, line, span in sorted(found, key=lambda c: (c[0], c[1])) + plain:
        title, span = finish_candidate(doc, line, span)
        if (
            not title
            or title in seen
            # one word: a label, not a title ("Evaluator/Consultant" names two roles: two words)
            or len(title.replace("/", " ").split()) < 2
            or not any(c.isalpha() for c in title)  # bars, numbers, dots
        ):
            continue
        index = max(0, bisect_right(starts, span[0]) - 1)
        features = _features(doc, lines, index, rank, title, span, counts)
        features["rules_choice"] = float(not seen)  # what the rules alone would answer
        seen.add(title)
        choices.append(Candidate(rank=rank, text=title, span=span, features=features))
    return choices


def _could_be_title(line: str, folded: str) -> bool:
    """A cheap first look at a plain line, so the ranker scores only the lines it might take."""
    words = len(line.split())
    return (
        1 <= words <= 25  # longer: a paragraph (the model never took one)
        and not (line.endswith(".") and words > 12)  # a sentence
        and len(line) <= 200
        and "\t" not in line
        and " | " not in line  # a table row: its cells are details (a key row is proposed by the rules)
        and not line.endswith((":", "："))  # a label or a heading announcing what follows
        and not line.startswith(("•", "*", "·", "[", "("))
        and "@" not in line
        and not (_LABEL_LINE.match(folded) and _URL_OR_DATE.search(line))  # "Publié le : 02/03/2026"
        and not _PURPOSE.search(folded)  # "X's intervention aims to ...", "Le projet vise à ..."
        and not _BLANKS.search(line)  # a form's blank or a contents line: "Nom : ........", "Contexte .... 3"
    )


def read_title(doc: Doc) -> None:
    """The rules propose candidate lines (and every plain line near the top is one
    too); the learned ranker (``title_rank``) picks the title among them."""
    best = pick(title_candidates(doc))
    if best is None:
        doc.set("title", None)
        return
    doc.set("title", best.text, [best.span], best.confidence)


_NUMBERED = re.compile(r"\d{1,2}\s*[.)\-]\s")
_ANY_TYPE_WORD = re.compile("|".join(f"(?:{p.pattern})" for kind, p in TYPE_WORDS if kind != "staff"))
_ORG_HEAD = re.compile(
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
        r"جمعية",
        r"مؤسسة",
        r"المملكة",
        r"وزارة",
        r"الوكالة",
        r"جماعة",
        r"المجلس",
    )
)
_NAV_WORDS = re.compile(
    kw(
        r"transcription",  # a document host's labels above the text
        r"texte integral",
        r"full text",
        r"accueil",
        r"home",
        r"menu",
        r"connexion",
        r"login",
        r"sign in",
        r"s'inscrire",
        r"register",
        r"partager",
        r"share",
        r"imprimer",
        r"print",
        r"contactez",
        r"newsletter",
        r"cookies?",
        r"publie le",
        r"mis en ligne",
        r"posted",
        r"published",
        r"الرئيسية",
        r"تسجيل الدخول",
        r"نشر في",
        r"شارك",
    )
)
_SENTENCE_VERB = re.compile(
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
_PURPOSE = re.compile(
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
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_TWO_ROLES = re.compile(r"\w\w\)?\s?/\s?\w\w")  # "Evaluator/Consultant", "Formateur / Consultant"
_NEAR_ORG_WORDS = 8
_PATH = re.compile(r"\s[>»›]\s")


def _next_to_organisation(doc: Doc, lines: list[tuple[int, str]], index: int) -> bool:
    """Whether the line just before or after is an organisation's name (a short line that
    starts like one): a job board prints the post right above or below who offers it."""
    for k in (index - 1, index + 1):
        if 0 <= k < len(lines):
            start, line = lines[k]
            if len(line.split()) <= _NEAR_ORG_WORDS and _ORG_HEAD.match(
                doc.folded[start : start + len(line)]
            ):
                return True
    return False


def _features(
    doc: Doc,
    lines: list[tuple[int, str]],
    index: int,
    rank: int,
    title: str,
    span: Span,
    counts: dict[str, int],
) -> dict[str, float]:
    """What the ranker knows of a candidate: the rule that proposed it, where its line
    sits, its shape and its words (yes/no features, a few graded ones). Each is a scan of
    one short line; features the model gave no weight were dropped to keep this cheap.

    A title cut out of its line (the object of an announcement sentence) does not end as
    the line does: the sentence's final period is not the title's."""
    start, line = lines[index] if lines else (0, title)
    folded_line = doc.folded[start : start + len(line)]
    folded = _bare(folded_line if title == line else fold(title))
    n = len(title.split())
    letters = sum(map(str.isalpha, title))
    upper = sum(map(str.isupper, title)) / letters if letters else 0.0
    line_end = start + len(line)
    cut = span[1] < line_end - 1  # the title ends before its line does
    inside = span[0] > start + 1  # and/or begins after its line's start
    strong = _STRONG_TITLE.search(folded)
    medium = _MEDIUM_TITLE.search(folded)
    cue = strong or medium
    heading = role_of(folded_line)
    return {
        f"rule_{rank}": 1.0,
        "first_line": float(index == 0),
        "top_3": float(index < 3),
        "position": min(index, 30) / 30,
        "words_1_3": float(n <= 3),
        "words_4_8": float(4 <= n <= 8),
        "words_9_16": float(9 <= n <= 16),
        "words_17_25": float(17 <= n <= 25),
        "capitals": float(upper > 0.7 and letters > 3),
        "title_case": float(0.25 < upper <= 0.7),
        "strong_cue": float(bool(strong)),
        "job_word": float(bool(_JOB_WORDS.search(folded))),
        "type_word": float(bool(_ANY_TYPE_WORD.search(folded))),
        "generic_header": float(bool(cue and _is_generic_header(folded, cue))),
        "digits": float(sum(map(str.isdigit, title)) > 4),
        "headline": float(heading is None and _headline(line, folded_line, heading_checked=True)),
        "section_heading": float(heading is not None),
        "ends_colon": float(line.endswith((":", "："))),
        # a sentence's end (a key row's value, "Objet : Le présent marché est ... .", is the
        # object the document names, sentence or not: neither this nor sentence_verb for it)
        "ends_period": float(rank != 3 and not cut and line.endswith((".", ";", ","))),
        "dangling": float(bool(_DANGLING.search(folded[-12:]))),
        "blank_before": float(index == 0 or "\n\n" in doc.text[max(0, start - 2) : start]),
        "blank_after": float("\n\n" in doc.text[line_end : line_end + 2] or line_end >= len(doc.text)),
        "cut_from_line": float(cut or inside),
        "arabic": float(bool(title) and "\u0600" <= title[0] <= "\u06ff"),
        "issuer_verb": float(bool(_ISSUER_VERB_FOLDED.search(folded_line))),
        "sentence_verb": float(rank != 3 and bool(_SENTENCE_VERB.search(folded))),
        "starts_lower": float(line[:1].islower()),
        "org_head": float(bool(_ORG_HEAD.match(folded))),
        "org_name": float(n <= 8 and not cue and bool(_ORG_HEAD.search(folded))),
        "navigation": float(n <= 8 and bool(_NAV_WORDS.search(folded_line))),
        "repeated": float(counts.get(folded_line, 0) > 1),
        "bullet": float(line.startswith(("•", "-", "*", "·"))),
        "numbered": float(bool(_NUMBERED.match(line))),
        "joined": float(len(title) > len(line) + 2),
        # the value of a "label: value" row ("Poste : ...", "Organisation : Recrutement ...")
        "label_value": float(inside and bool(_LABEL_LINE.match(_BULLET.sub("", folded_line)))),
        "table_row": float("|" in line),
        "medium_cue": float(bool(medium)),
        "purpose_sentence": float(bool(_PURPOSE.search(folded_line))),
        # a heading or a plain line cut out of a paragraph (a rule's key row or announced
        # object is a value of its line, whatever the line's length)
        "long_line": float(rank >= 4 and len(line.split()) > 25),
        "enumeration": float(";" in title or title.count(",") >= 2),  # a list of categories
        "two_roles": float(
            n <= 8
            and title.count("/") == 1
            and bool(_TWO_ROLES.search(title))
            and not _URL_OR_DATE.search(title)
        ),
        "year_heading": float(
            n <= 14
            and bool(_YEAR.search(title))
            and not _URL_OR_DATE.search(title)
            and not line.endswith(".")
        ),
        "next_to_org": float(_next_to_organisation(doc, lines, index)),
        # "Department X > Unit Y", "Home / Jobs / Consultancies": where, not what
        "path": float(bool(_PATH.search(title)) or ("/" in title and len(_BREADCRUMB.split(title)) >= 3)),
    }


# The object an announcement sentence opens: "تعلن X عن تنظيم مباراة لتوظيف ..." ,
# "X lance un appel à candidatures pour ...", "X invites proposals for ...".
_ANNOUNCED_OBJECT = re.compile(
    r"(?:(?:تعلن|يعلن|أعلنت|أعلن)\s[^.\n]{2,160}?\sعن\s+(?:(?:تنظيم|إجراء)\s+)?"
    # "تنظم X مباراة ..." , "تعتزم X تنظيم مباراة ...": the competition without "عن"
    r"|(?<!\w)(?:تنظم|ينظم|ستنظم|سينظم|تعتزم|يعتزم)\s[^.،\n]{2,100}?\s(?:(?:تنظيم|إجراء)\s+)?(?=مباراة|مباريات|مسابقة|امتحان)"
    r"|(?:تفتح|يفتح)\s[^.،\n]{2,60}?\s(?=باب)|تم\s+(?=فتح)|\b(?:lance|launches|announces|annonce)\s+(?:un|une|an|a)\s+(?=\w))"
    r"(?P<object>(?:مباراة|مباريات|مسابقة|امتحان|فتح باب|باب|appel|call|avis|request)[^.،;\n]{5,160}?)(?=[.،;\n]|\Z)",
    re.IGNORECASE,
)
# Whom a sentence says the issuer seeks, when no line names the call: "X recrute un(e) chargé(e) de
# ...", "X is seeking a qualified consultant to ...", "تعلن X عن حاجتها إلى مكون(ة) في ...": the object
# is the post and what it is for (it must name a post or a type of provider).
_SOUGHT_OBJECT = re.compile(
    r"(?:\b(?:recrute|recrutent|recherche|souhaite recruter|is seeking|seeks|is looking for|is recruiting|"
    r"wishes to recruit|is hiring)\s+(?:un(?:\(e\)|[.·]e)?|une|des|a|an)\s+"
    r"|(?:تعلن|يعلن|أعلنت|أعلن)\s[^.\n]{2,160}?\sعن\s+(?:حاجتها|حاجته|رغبتها|رغبته)\s+(?:إلى|الى|في)\s+"
    r"(?:(?:توظيف|التعاقد مع|انتقاء)\s+)?|(?:تبحث|يبحث)\s+عن\s+)"
    r"(?P<object>[^.،;\n]{5,160}?)(?=[.،;\n]|\Z)",
    re.IGNORECASE,
)


# What an invitation asks for: "X invites proposals for the final evaluation of ...", "X invites
# applications for the position of Finance Manager ..."
_INVITED_OBJECT = re.compile(
    r"\binvites?\s[^.\n]{0,60}?\b(?:proposals|applications|bids|offers|quotations|expressions of interest)"
    r"\s+(?:for|to)\s+(?:the (?:position|post|role) of\s+)?(?P<object>[^.;\n]{5,160}?)(?=[.;\n]|\Z)",
    re.IGNORECASE,
)


def _announced(line: str) -> tuple[int, str] | None:
    """The call's object an announcement sentence names, and where it starts in the line: what
    is launched or announced ("X lance un appel à candidatures pour ..."), what an invitation asks
    proposals for, else whom the issuer seeks when it names a post; a bare "appel à candidatures" names no object."""
    found = _ANNOUNCED_OBJECT.search(line) or _INVITED_OBJECT.search(line) or _SOUGHT_OBJECT.search(line)
    if found is None:
        return None
    if found.re is _SOUGHT_OBJECT:
        sought = fold(found.group("object"))
        if not (
            _ANY_TYPE_WORD.search(sought) or _JOB_WORDS.search(sought) or TYPE_WORDS[-1][1].search(sought)
        ):
            return None
    value = found.group("object").rstrip(" .")
    folded = _bare(fold(value))
    cue = _STRONG_TITLE.search(folded) or _MEDIUM_TITLE.search(folded)
    if cue and _is_generic_header(folded, cue):
        return None
    return found.start("object"), value


_BREADCRUMB = re.compile(r"\s+[»›>/]\s+")
_MAIL_SUBJECT = re.compile(kw(r"subject\s*[:：]", r"sujet\s*[:：]", r"objet\s*[:：]", r"الموضوع\s*[:：]"))
_SUBJECT_LABEL = re.compile(kw(r"subject", r"sujet", r"re", r"fwd?", r"tr"))
_URL_OR_DATE = re.compile(r"https?://|www\.|\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\b|\{|\}")
_LABEL_LINE = re.compile(r"\A[^:：]{1,40}[:：]")


def _headline(line: str, folded: str, *, heading_checked: bool = False) -> bool:
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
        and not _BLANKS.search(line)
        and not _LABEL_LINE.match(line)
        and not _URL_OR_DATE.search(line)
        and not _has_email(folded)
        and not _PURPOSE.search(folded)  # "The project aims to ...": the context, not a heading
        and (heading_checked or role_of(folded) is None)
        and (line[:1].isupper() or "\u0600" <= line[:1] <= "\u06ff")
    )


_ISSUER_VERB_FOLDED = re.compile(
    kw(r"\blance\b", r"\brecrute(?:nt)?\b", r"تعلن", r"يعلن", r"invites", r"is seeking")
)


# What a portal or a job board glues to the end of a title line: the date to apply by
# ("... آخر أجل 13 أبريل 2026", "... - Date limite : 30/09/2024"), a bare date, the site's or the
# issuer's short name after a dash ("... - Tanmia", "... | NGO Jobs"), a "back to the list" link.
_DEADLINE_WORDS = kw(
    r"اخر اجل",
    r"اخر موعد",
    r"date limite",
    r"delai",
    r"echeance",
    r"deadline",
    r"closing date",
    r"apply by",
    r"expire le",
)
_TRAILING_DEADLINE = re.compile(
    r"(?:\s*[-–—|,(:]\s*|\s+)(?:" + _DEADLINE_WORDS + r")\b[^\n]{0,30}?\d[^\n]{0,30}\Z"
)
_TRAILING_NAVIGATION = re.compile(
    r"\s*[-–—|]?\s*(?:"
    + kw(
        r"retour (?:vers|a) (?:les|la liste des) (?:opportunites|offres|annonces)",
        r"back to (?:all )?(?:jobs|opportunities|offers)",
        r"lire la suite",
        r"read more",
        r"postuler",
        r"apply now",
        r"العودة إلى",
    )
    + r")\s*\Z"
)
_TRAILING_SUFFIX = re.compile(r"\s+[-–—|]\s*(?P<suffix>[^-–—|\n]{2,40})\Z")
_SEPARATOR_TAIL = re.compile(r"\s*[-–—|,:(]\s*\Z")


_TAIL = 100  # characters at the end of a title where glued pieces are looked for


def _strip_tail(title: str) -> str:
    """A title line less what a page glued after it: a deadline, a date, a link, a site name."""
    for _ in range(3):
        if len(title.split()) < 4:
            break
        base = max(0, len(title) - _TAIL)  # the patterns end the line: only its tail is searched
        tail = title[base:]
        folded = fold(tail)
        digits = any(c.isdigit() for c in tail)
        found = (_TRAILING_DEADLINE.search(folded) if digits else None) or _TRAILING_NAVIGATION.search(folded)
        cut = base + found.start() if found else None
        if cut is None and digits:
            dates = [d for d in find_dates(tail, folded=folded) if d.end >= len(tail.rstrip(" .)"))]
            head = title[: base + dates[-1].start] if dates else ""
            if len(head.split()) >= 4 and _SEPARATOR_TAIL.search(head):
                title = _SEPARATOR_TAIL.sub(
                    "", head
                ).rstrip()  # "... - 12/03/2024"; "Atelier du 12 mars 2026" stays
                continue
        if cut is None:
            suffix = _TRAILING_SUFFIX.search(tail)
            if suffix and _site_suffix(suffix.group("suffix"), title[: base + suffix.start()]):
                cut = base + suffix.start()
        if cut is None or len(title[:cut].split()) < 3:
            break
        title = title[:cut].rstrip(" -–—|,:(")
    return title


_PROGRAMME = re.compile(kw(r"programme", r"program", r"projet", r"project", r"برنامج", r"مشروع"))


def _site_suffix(suffix: str, head: str) -> bool:
    """Whether the words after a title's last dash name a site or an issuer rather than
    going on with the call's object ("Chargé(e) de projet - Tanmia" vs "Officer – Water")."""
    words = suffix.split()
    folded_head, folded_suffix = fold(head), fold(suffix)
    return (
        1 <= len(words) <= 3
        and len(head.split()) >= 3
        and bool(
            _STRONG_TITLE.search(folded_head)
            or _MEDIUM_TITLE.search(folded_head)
            or _ANY_TYPE_WORD.search(folded_head)
            or _JOB_WORDS.search(folded_head)
        )
        and not (_STRONG_TITLE.search(folded_suffix) or _MEDIUM_TITLE.search(folded_suffix))
        and not _ANY_TYPE_WORD.search(folded_suffix)
        and not _JOB_WORDS.search(folded_suffix)
        and not re.search(r"\d", suffix)
        and not _PROGRAMME.match(folded_suffix)  # "... – Programme Oasis Vertes": what the post is for
        # a site or an acronym: capitalised words or letters only, no link word inside
        and all(w[:1].isupper() or w.isupper() or "." in w for w in words)
    )


def _clean_title(line: str) -> str:
    """The title as stored: the line tidied, decorative Arabic stretching dropped, a label
    header ("Vacancy: ...", "Objet : ...") and what a page glued after the title removed.
    The call's own heading words ("Appel à candidatures pour le recrutement de ...",
    "إعلان عن مباراة ...") are kept: the title is the object as the document states it."""
    title = tidy(line.replace("\u0640", ""))
    title = re.sub(r"\A\d{1,2}\s+(?=[A-Z])", "", title)  # "1 Intervention Officer" = one position
    folded = fold(title)  # same length as title: its offsets are the title's
    # "Objet : X", "Vacancy: X": a label, not the title; "Call for applications – X" keeps its
    # heading words unless X says it all (six words or more): short, X alone would miss them
    label = _LABEL_PREFIX.match(folded)
    header = label or _HEADER_PREFIX.match(folded)
    rest = title[header.end() :] if header else ""
    if header and len(rest.split()) >= (2 if label else _OBJECT_ALONE):
        title = tidy(rest)
    title = tidy(_strip_tail(title))
    return title[:1].upper() + title[1:] if title else title
