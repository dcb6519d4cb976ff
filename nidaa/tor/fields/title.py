"""The call's title (its object as the document states it): the lines that could be it. Rules
propose candidates (cue lines, a call header's next line, key rows, an announcement's object, a
heading near the top) and every plain line near the top is one too; each is finished (joined
over the lines it goes on to, cleaned by ``title_clean``), described by ``title_features`` and
the learned ranker (``title_rank``) picks among them. The rules read their words from
``title_words``."""

from __future__ import annotations

import re
from bisect import bisect_right

from nidaa.tor.dates import find_dates
from nidaa.tor.fields.common import Doc, Span, kv_lines
from nidaa.tor.fields.org_names import org_line
from nidaa.tor.fields.title_clean import clean_title
from nidaa.tor.fields.title_features import (
    PAGE_COUNTER,
    above_opening_section,
    candidate_features,
    next_to_organisation,
    repeat_key,
    under_key,
)
from nidaa.tor.fields.title_rank import Candidate, pick
from nidaa.tor.fields.title_stack import issuer_label
from nidaa.tor.fields.title_words import (
    ANY_TYPE_WORD,
    BLANKS,
    BREADCRUMB,
    BULLET,
    DANGLING,
    EXPLICIT_TITLE_KEY,
    ISSUER_VERB_FOLDED,
    JOB_WORDS,
    LABEL_LINE,
    MEDIUM_TITLE,
    ORG_HEAD,
    POST_KEY,
    PURPOSE,
    REF_LINE,
    SENTENCE_VERB,
    STRONG_TITLE,
    TITLE_KEYS,
    TYPE_WORDS,
    URL_OR_DATE,
    has_email,
    headline,
    is_generic_header,
    one_word_post,
    opened_call,
    unmarked,
)
from nidaa.tor.sections import role_of
from nidaa.tor.text import fold, kw

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


# A line ending on the verb whose object is the next line: "La Fondation X recrute" + "UN(E) ..."
_RECRUITS_END = re.compile(
    r"(?:"
    + kw(
        r"\brecrute(?:nt)?",
        r"is hiring",
        r"is recruiting",
        r"is looking for",
        r"is seeking",
        r"\bseeks",
        r"تبحث عن",
        r"يبحث عن",
        r"عن حاجتها إلى",
        r"عن حاجته إلى",
    )
    + r")\s*[:：]?\Z"
)
# A line opening on a post's name or a provider's type ("Consultant(e) pour ...", "منشط(ة) ...")
_POST_OPENING = re.compile(f"(?:{ANY_TYPE_WORD.pattern})|(?:{JOB_WORDS.pattern})")
_HEADER_BLOCK_LINES = 12  # how far down a header block's last line is looked for
_HEADER_BLOCK_WORDS = 16
_VERB_CHARS = 16  # how far into an announcement its subject may start: after a verb ("تعلن", "Nous, ...")
_OPENING_LINES = 5  # an announcement sentence under a letterhead stack still opens the text


_CONTINUES = re.compile(
    r"(?:[a-zà-ÿ]|لإ|لـ|ل(?=ا)|لأجل|لفائدة|من أجل|حول|بخصوص|قصد|عن\s|في\s|(?:ال)?خاصة? ب|يتعلق ب|المتعلقة? ب|"
    r"(?i:relati(?:f|ve)|portant|concernant|pour|for|regarding|related to)\b)"
)


# An Arabic line ending on a preposition or a link ("... إنجاز دراسة حول" + "واقع التعاونيات ..."): the
# title goes on over the next line, as a French one ending on "de" or "pour"
_ARABIC_DANGLING = re.compile(
    r"(?<!\S)(?:حول|في|من|عن|على|إلى|الى|لفائدة|أجل|اجل|بين|مع|قصد|بخصوص|بشأن"
    # or on the post it opens ("فتح باب الترشيح لشغل منصب" + "رئيس مصلحة ...")
    r"|لشغل|منصب|مناصب|لتوظيف|لانتقاء)\Z"
)


# An Arabic header ending on a noun whose complement is on the next line ("دعوة لتقديم مقترحات" +
# "مشاريع ...", "إعلان عن تلقي طلبات" + "دعم الجمعيات ...")
_AWAITS_COMPLEMENT = re.compile(r"(?:مقترحات|طلبات|ملفات)\s*\Z")


_CONTINUATION = re.compile(
    kw(
        r"(?:pour|de|du|des|d'|en|au|aux|charge|chargee|dans|sur|a|for|of|to|in|on|the|and|et|لـ|ل|من أجل|في|حول|بخصوص)\b"
    )
)


# An Arabic line that cannot open a heading: it starts on a preposition or "and" fused to the
# article ("بالوكالة الوطنية ...", "للتنمية ...", "والأطر ...") or names where ("بإقليم ...",
# "بجماعة ..."): the title on the line above goes on with it.
_ARABIC_GOES_ON = re.compile(
    r"(?:بال|لل|وال|لفائدة\s|لدى\s|ب(?:مدينة|جهة|إقليم|اقليم|جماعة|عمالة|ولاية|وزارة|مؤسسة|مدرسة)\s"
    # the object after a notice's number: "طلب عروض أثمان مفتوح رقم 3/2026" + "يتعلق بإنجاز ...",
    # "طلب إبداء الاهتمام" + "لانتقاء مكتب دراسات ...", "... مقترحات مشاريع" + "برسم سنة 2026"
    r"|(?:ال)?(?:يتعلق|تتعلق|متعلق|خاص|خاصة)\s?ب|ل(?:انتقاء|اختيار|إنجاز|انجاز|تنظيم|توظيف)\s|برسم\s"
    # "إعلان" + "عن تنظيم دورة تكوينية ...": the announced object on the next line
    r"|عن\s)"
)


def _generic_cue(folded: str) -> bool:
    """Whether a line is a call's generic header ("Appel d'offres ouvert N° 7/2027", "طلب إبداء
    الاهتمام رقم 4/2026")."""
    bare = unmarked(folded)
    cue = STRONG_TITLE.search(bare) or MEDIUM_TITLE.search(bare)
    return cue is not None and is_generic_header(bare, cue)


def _dangling(line: str) -> bool:
    """Whether a line ends on a link word, so that the title goes on below ("... pour l'élaboration
    de", "... إنجاز دراسة حول")."""
    return bool(DANGLING.search(fold(line).rstrip(" :")) or _ARABIC_DANGLING.search(line.rstrip(" :")))


def _without_employer(line: str) -> str:
    """A jobs site's "Post at Organisation" heading less the organisation ("Project Manager at
    Green Valley Trust", "Consultant at the X Agency (XA)" stays: "the" is no name's start)."""
    left, _, right = line.partition(" at ")
    folded_right = fold(right)
    if (
        len(left.split()) <= _CUT_WORDS
        and (JOB_WORDS.search(fold(left)) or ANY_TYPE_WORD.search(fold(left)))
        and right[:1].isupper()
        and len(right.split()) <= _ORG_WORDS
        and not re.search(r"\d", right)
        and (ORG_HEAD.search(folded_right) or re.search(r"\([A-Z]{2,10}\)\Z", right))
    ):
        return left.rstrip()
    return line


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 3 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


# a site's menu item that ends on a link word ("Log in" + the breadcrumb below): no title going on
_MENU_ITEM = re.compile(r"(?:log|sign|check|opt) ?in")


def _continued(doc: Doc, line: str, span: Span) -> tuple[str, Span]:
    """A title printed over two lines: "Recrutement d'un consultant" + "pour l'évaluation finale";
    a title in capitals whose lines end on a link word goes on while the capitals do
    ("TERMES DE REFERENCE POUR LA REALISATION D'UNE" + "ASSISTANCE TECHNIQUE POUR :" + ...)."""
    end = span[1]
    for step in range(5):
        # A line ending on a link word ("... pour l'élaboration de") goes on, even over
        # the blank lines a web page or a PDF transcript put in the middle of the title.
        dangling = _dangling(line) and not _MENU_ITEM.fullmatch(fold(line))
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
        if not nxt or len(nxt) > 160 or len(line) + len(nxt) > 300 or heading or has_email(folded):
            break
        body = nxt[2:] if nxt.startswith("- ") else nxt
        # capitals going on: after a link word ("... D'UNE" + "ASSISTANCE ..."), or onto a line
        # that opens with one ("FORMATEUR(TRICE)" + "POUR LA FORMATION ...")
        link_next = (
            not dangling and _CONTINUATION.match(folded) and doc.text.count("\n", end, next_start) == 1
        )
        capitals = (dangling or link_next) and _capitals(line) and _capitals(body) and len(body.split()) <= 14
        arabic_link = "\u0600" <= nxt[0] <= "\u06ff" and bool(
            _CONTINUATION.match(folded) or _ARABIC_GOES_ON.match(nxt)
        )
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
                    and not LABEL_LINE.match(nxt)
                    and not (STRONG_TITLE.search(unmarked(folded)) or MEDIUM_TITLE.search(unmarked(folded)))
                )
            )
        ):
            break
        line, end = f"{line.rstrip(' :')} {nxt}", next_start + len(doc.masked[next_start:next_end].rstrip())
    return line, (span[0], end)


_GENDER_MARK = re.compile(r"\s\(?[HFM]/[HFM]\)?\s*\Z")  # "Comptable (F/H)", "Driver M/F"


_NUMBERING = re.compile(r"\A(?:\d{1,2}|[ivx]{1,4}|[a-h])[.)\-]\s*")  # "1. Intitulé de la mission"


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
        start, line = lines[j]
        label = LABEL_LINE.match(doc.folded[start : start + len(line)])
        if label:  # the copy of a letter's "Objet : Sélection d'un ..." is of the label's value
            value = " ".join(re.findall(r"\w+", doc.folded[start + label.end() : start + len(line)]))
            pair = f"{value} {joined[j + 1]}" if j + 1 < len(joined) else value
            entries = ((j, 0, value), (j, len(value), pair))
            by_first.setdefault(value.partition(" ")[0], []).extend(entries)
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
            if EXPLICIT_TITLE_KEY.fullmatch(key) or TITLE_KEYS.fullmatch(key):
                n_start = lines[index + 1][0]
                value, end = _value_lines(doc, lines, index + 1)
                rows.append((key, value, (n_start, end)))
    return rows


_VALUE_LINES = 3


def _same_phrase(doc: Doc, end: int, n_start: int, line: str, value: str) -> bool:
    """Whether the line right below a title's line (starting at ``n_start``, the title's line ending
    at ``end``) goes on with it in a script ``_continued`` cannot follow: Arabic, which has no
    capitals, or capitals under capitals broken anywhere ("CONSULTANCY SERVICES FOR A BASELINE" +
    "STUDY ON CHILD PROTECTION"). A short line, no label, no figure, no sentence's end."""
    arabic = "\u0600" <= value[:1] <= "\u06ff"
    return (
        doc.text.count("\n", end, n_start) == 1
        and (("\u0600" <= line[:1] <= "\u06ff") if arabic else (_capitals(value) and _capitals(line)))
        and 2 <= len(line.split()) <= 10
        and not line.endswith((".", ":", "：", "،", "؛", ","))
        and not LABEL_LINE.match(line)
        and not re.search(r"\d", line)
        and not ORG_HEAD.match(doc.folded[n_start : n_start + len(line)])
        and role_of(doc.folded[n_start : n_start + len(line)]) is None
        # "HORIZON RELIEF INTERNATIONAL" + "REQUEST FOR PROPOSALS": a call's header opens a block
        and not _call_header(unmarked(doc.folded[n_start : n_start + len(line)]))
    )


def _call_header(bare: str) -> bool:
    """Whether a line is a call's generic header ("REQUEST FOR PROPOSALS", "TOR", "إعلان")."""
    cue = STRONG_TITLE.search(bare) or MEDIUM_TITLE.search(bare)
    return (cue is not None and is_generic_header(bare, cue)) or _ABBREVIATED_HEADER.fullmatch(
        bare
    ) is not None


# a header written as its initials alone on its line: "TOR", "ToR", "TDR" (terms of reference)
_ABBREVIATED_HEADER = re.compile(r"\s*(?:tors?|tdrs?)\s*")


def _value_lines(doc: Doc, lines: list[tuple[int, str]], first: int) -> tuple[str, int]:
    """A lone key's value broken over the next lines, as a PDF prints it ("موضوع الصفقة:" +
    "إنجاز دراسة تشخيصية حول" + "الاقتصاد الاجتماعي بإقليم ..."; "Objet du marché" + a title in
    capitals over three lines): the lines right below that go on with it. Returns the value and
    where it ends."""
    start, value = lines[first]
    end = start + len(value)
    for k in range(first + 1, min(first + _VALUE_LINES, len(lines))):
        n_start, line = lines[k]
        if not _same_phrase(doc, end, n_start, line, value):
            break
        value, end = f"{value} {line}", n_start + len(line)
    return value, end


def _row_going_on(doc: Doc, lines: list[tuple[int, str]], value: str, span: Span) -> tuple[str, Span]:
    """A key row's value going on over the next lines in capitals or in Arabic ("OBJET : FORMATION
    DES CADRES DES COMMUNES" + "RURALES EN GESTION BUDGÉTAIRE"), as ``_value_lines`` reads a lone
    key's value."""
    end = span[1]
    below = bisect_right([start for start, _ in lines], end)  # the first line after the value
    for k in range(below, min(below + _VALUE_LINES - 1, len(lines))):
        n_start, line = lines[k]
        if not _same_phrase(doc, end, n_start, line, value):
            break
        value, end = f"{value} {line}", n_start + len(line)
    return value, (span[0], end)


def _line_title(
    doc: Doc, lines: list[tuple[int, str]], index: int, *, keyed: bool, min_words: int = 3
) -> tuple[str, int]:
    """The title a line gives and where it ends: its capitals block when it opens one ("CONSULTANCY
    SERVICES FOR A" + "BASELINE ..."), a key row's value going on below ("OBJET : FORMATION DES
    CADRES" + "RURALES EN ...", "الموضوع : تنظيم دورات تكوينية لفائدة أطر" + "الجمعيات ..."), else
    the line itself."""
    start, line = lines[index]
    block = _capitals_block(doc, lines, index, min_words=min_words)
    if block:
        return block
    if keyed:
        value, (_, end) = _row_going_on(doc, lines, line, (start, start + len(line)))
        return value, end
    return line, start + len(line)


def _capitals_block(
    doc: Doc, lines: list[tuple[int, str]], first: int, *, min_words: int = 3
) -> tuple[str, int] | None:
    """A cover's title in capitals over two or three lines broken anywhere: the lines joined, when
    the first is a heading and no letterhead ("ROYAUME DU MAROC" + "MINISTÈRE ..." is a stack of
    names, not a title); None when the line has no capitals line going on below it."""
    start, line = lines[first]
    folded = doc.folded[start : start + len(line)]
    if (
        not _capitals(line)
        or len(line.split()) < min_words
        or ORG_HEAD.match(folded)
        or re.search(r"\d", line)
        or not headline(line, folded)
    ):
        return None
    if _call_header(unmarked(folded)):
        return None  # "CALL FOR PROPOSALS" over the title in capitals: the header opens no block
    if first > 0:
        p_start, previous = lines[first - 1]
        if _same_phrase(doc, p_start + len(previous), start, line, previous) and not _call_header(
            unmarked(doc.folded[p_start : p_start + len(previous)])
        ):
            return None  # the block's second line: the block is proposed from its first
    value, end = _value_lines(doc, lines, first)
    return (value, end) if end > start + len(line) else None


_ROLE_WORDS = 4  # words of one role in a line of roles joined by slashes


def _roles(line: str, folded: str) -> bool:
    """Whether a short line is a post named as two or three roles joined by slashes, one of them
    a post's or a provider's word ("Expert/Formateur", "External Evaluator / Consultant"): a
    recruitment platform prints the post so among its label rows, further down than the first
    lines. A seniority or languages ("Junior/Confirmé", "Français/Anglais") name no post; a label,
    a figure or a sentence's end is no post's name either."""
    parts = folded.split("/")
    return (
        2 <= len(parts) <= 3
        and (line[:1].isupper() or "\u0600" <= line[:1] <= "\u06ff")
        and not re.search(r"\d", line)
        and not line.endswith((".", ":", "：", ";", ","))
        and not LABEL_LINE.match(folded)
        and all(1 <= len(part.split()) <= _ROLE_WORDS for part in parts)
        and any(_POST_OPENING.match(part.strip()) for part in parts)
    )


def _keyed_value(doc: Doc, lines: list[tuple[int, str]], index: int) -> bool:
    """Whether a line is the value of the key row above it ("Minimum Experience" +
    "Manager/Supervisor"): a seniority, not the post. A short line in capitals above is no key
    but a place ("MOROCCO" + "CHEFCHAOUEN" + the post's name)."""
    return under_key(doc, lines, index) and not lines[index - 1][1].isupper()


_ORG_WORDS = 8  # an organisation's name after a bar is a short phrase


def _without_site(line: str) -> str:
    """A heading line less the site's name a portal prints after a bar ("Title | Site"),
    so the title is not taken for a table row; a row of cells stays as it is."""
    if " at " in line and " | " not in line:
        return _without_employer(line)
    if line.count(" | ") != 1 or line.startswith("|"):
        return line
    left, right = line.split(" | ")
    # the site's short name, or the organisation offering the post ("... | Association Nour Al Amal")
    site = len(right.split()) <= 3 or (len(right.split()) <= _ORG_WORDS and ORG_HEAD.match(fold(right)))
    if site and len(left.split()) >= 3 and not re.search(r"\d", right):
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
            and not has_email(folded)
            and not _breadcrumb(line)
            and (role_of(folded) is None or len(line.split()) > 6)
            # "La Fondation X recrute" + "Comptable": a post named in one word
            and (len(line.split()) >= 2 or one_word_post(line))
        )

    if lines and 0 not in cut:  # a job board's heading naming the post ("Chargé(e) de projets") is the title
        first_start, first = lines[0]
        first_folded = doc.folded[first_start : first_start + len(first)]
        names_post = JOB_WORDS.search(first_folded) or any(
            pattern.search(first_folded)
            for kind, pattern in TYPE_WORDS
            if kind in ("trainer", "expert", "consultant")
        )
        numbered = REF_LINE.search(first_folded) or re.search(
            r"\d", first
        )  # "Consultation n° AB-14": a header
        first_cue = STRONG_TITLE.search(unmarked(first_folded)) or MEDIUM_TITLE.search(unmarked(first_folded))
        generic = first_cue is not None and is_generic_header(
            unmarked(first_folded), first_cue
        )  # "Call for Consultancy"
        if (
            headline(first, first_folded)
            and len(first.split()) <= 12
            and names_post
            and not numbered
            and not generic
        ):
            candidates.append((0, -3, first, (first_start, first_start + len(first))))
    for k, (start, line) in enumerate(lines[:_OPENING_LINES]):
        # An announcement opening the text names the call's object, unless a heading line above
        # it already does ("Chargé(e) de projets" + "X lance ..."); a letterhead stack above it
        # ("المملكة المغربية" + "جمعية ..." + "تعلن X عن حاجتها إلى ...") names no call, nor does
        # the issuer's name the sentence below opens with ("Green Valley Trust" + "Green Valley
        # Trust is seeking applications for ...").
        announced = None if line.endswith((":", "：")) else _announced(line)
        if announced and start < 800:
            offset, value = announced
            candidates.append((0, -2, value, (start + offset, start + offset + len(value))))
            break
        folded = doc.folded[start : start + len(line)]
        # the sentence's subject, before its verb or right after it ("تعلن X عن حاجتها إلى ...")
        named_below = k + 1 < len(lines) and (
            lines[k + 1][1].startswith(f"{line} ")
            or f" {line} " in lines[k + 1][1][: len(line) + _VERB_CHARS]
        )
        if headline(line, folded) and not ORG_HEAD.match(folded) and not named_below:
            break
    for k, (start, line) in enumerate(lines[:15]):  # a portal's breadcrumb ends with the page's title
        crumbs = BREADCRUMB.split(line)
        last = crumbs[-1].strip()
        shortened = last.endswith(("...", "…"))  # the site's shortened copy of the title
        if len(crumbs) >= 3 and shortened and len(last.rstrip(".… ").split()) >= 2:
            # the heading that the shortened crumb begins ("Home » Jobs » National Consultant for
            # the design of a ..." + "National Consultant for the design of a training programme")
            prefix = last.rstrip(".… ")
            below = next(
                (n for n in lines[k + 1 : k + 3] if n[1].startswith(prefix) and n[1] != prefix), None
            )
            if below:
                candidates.append((1, below[0], below[1], (below[0], below[0] + len(below[1]))))
                break
        if (
            len(crumbs) >= 3
            # "Home › Jobs › Shelter Coordinator": a post in two words is a crumb worth taking
            and (len(last.split()) >= 3 or (len(last.split()) == 2 and JOB_WORDS.search(fold(last))))
            and not URL_OR_DATE.search(crumbs[-1])
            and not shortened
        ):
            value = crumbs[-1].strip()
            begin = start + len(line) - len(crumbs[-1]) + (len(crumbs[-1]) - len(crumbs[-1].lstrip()))
            candidates.append((1, start, value, (begin, begin + len(value))))
            break
    for index, (start, line) in enumerate(lines):
        if len(line) > 220 or "\t" in line or " | " in line or index in cut or _breadcrumb(line):
            continue
        folded = doc.folded[start : start + len(line)]
        bullet = BULLET.match(folded)  # "- Intitulé : ...": the label after the bullet
        lead = bullet.end() if bullet else 0
        label = LABEL_LINE.match(folded[lead:])
        label_end = lead + label.end() if label else 0
        if label and URL_OR_DATE.search(line, label_end):
            continue  # "Date limite de sélection des offres : 18/09/2024", "SOURCE: https://..."
        if label and not (
            TITLE_KEYS.match(label.group(0))
            or EXPLICIT_TITLE_KEY.match(label.group(0))
            or _SUBJECT_LABEL.match(label.group(0))
            or (line.endswith((":", "：")) and _LEAD_IN.search(label.group(0)) and len(line.split()) <= 4)
        ):
            if not (STRONG_TITLE.search(label.group(0)) or MEDIUM_TITLE.search(label.group(0))):
                # "Type de contrat : Consultation nationale" is a detail of the call, not its title;
                # but an aggregator's "Organisation : Recrutement de ..." names it after the colon
                value = line[label_end:].strip()
                v_bare = unmarked(folded[label_end:])
                v_cue = STRONG_TITLE.search(v_bare) or MEDIUM_TITLE.search(v_bare)
                if v_cue and len(value.split()) >= 3 and not is_generic_header(v_bare, v_cue):
                    begin = start + len(line) - len(line[label_end:].lstrip())
                    if issuer_label(folded[lead:label_end]):
                        # "الوكالة الحضرية لX: مباراة توظيف …", "Agence X : appel à projets …": a job
                        # board's heading names the issuer, then the call; the heading is the title
                        begin = start + lead
                    candidates.append((1, begin, line[begin - start :], (begin, start + len(line))))
                continue
        words = len(line.split())
        if has_email(folded):
            continue
        if words < 2 and not _ABBREVIATED_HEADER.fullmatch(folded):
            # a label's one word, but "Expert/Formateur" names a post as two roles
            if index < 40 and _roles(line, folded) and not _keyed_value(doc, lines, index):
                candidates.append((2, start, line, (start, start + len(line))))
            elif index < 40 and one_word_post(line) and _above_labels(doc, lines, index):
                # a post's one word as the heading of its label rows ("Chauffeur" + "Lieu : ...")
                candidates.append((2, start, line, (start, start + len(line))))
            continue
        bare = unmarked(folded)
        strong = STRONG_TITLE.search(bare)
        medium = MEDIUM_TITLE.search(bare)
        cue = strong or medium
        if (
            (
                (line.endswith((":", "：")) and _LEAD_IN.search(folded))
                or (
                    words <= 10 and _RECRUITS_END.search(folded, max(0, len(folded) - 30))
                )  # "La Fondation X recrute" + the post
            )
            and index + 1 < len(lines)
            and usable(index + 1)
        ):
            n_start, n_line = lines[index + 1]
            candidates.append((0, start, n_line, (n_start, n_start + len(n_line))))
            continue
        if (cue and is_generic_header(bare, cue)) or _ABBREVIATED_HEADER.fullmatch(bare):
            following = index + 1
            while (  # "AVIS DE RECRUTEMENT" + "Réf. : ATDL/RH/03" + the post
                following < min(index + 3, len(lines) - 1)
                and (
                    REF_LINE.search(
                        doc.folded[lines[following][0] : lines[following][0] + len(lines[following][1])]
                    )
                    # "APPEL D'OFFRES OUVERT N° 7/2027" + "(Séance publique)" + the object
                    or (lines[following][1].startswith("(") and lines[following][1].endswith(")"))
                )
                and len(lines[following][1].split()) <= 5
            ):
                following += 1
            # "إعلان للعموم" + "طلب إبداء الاهتمام رقم 4/2026" + "لانتقاء ...": the numbered line is a
            # header of its own, which proposes its object; this one names nothing
            if any(
                _generic_cue(doc.folded[lines[k][0] : lines[k][0] + len(lines[k][1])])
                for k in range(index + 1, following)
            ):
                continue
            if following < len(lines) and usable(following) and not _menu(lines, index, following):
                n_start, n_line = lines[following]
                n_folded = doc.folded[n_start : n_start + len(n_line)]
                n_label = LABEL_LINE.match(_NUMBERING.sub("", n_folded))
                if n_label and not (
                    TITLE_KEYS.match(n_label.group(0)) or EXPLICIT_TITLE_KEY.match(n_label.group(0))
                ):
                    continue  # "TERMES DE REFERENCE" + "1. Titre du projet : ...": a detail, not the call
                # a sentence under the header ("Marché passé par appel d'offres ...") is no title
                n_sentence = n_line.endswith(".") and len(n_line.split()) > 12
                if not ISSUER_VERB_FOLDED.search(n_folded) and not n_sentence:
                    if (
                        _CONTINUES.match(n_line)
                        # "دعوة لتقديم عروض حول" + "تنظيم قوافل ...", "APPEL D'OFFRES POUR" + "LA FOURNITURE ...":
                        # the header ends on a link word
                        or DANGLING.search(bare.rstrip(" :"))
                        or _ARABIC_DANGLING.search(line.rstrip(" :"))
                        # "CONSULTANCY FOR A MAPPING" + "OF YOUTH-LED ...": capitals going on with a link word
                        or (_capitals(line) and _capitals(n_line) and _CONTINUATION.match(n_folded))
                        or (
                            # "دعوة لتقديم مقترحات" + "مشاريع الجمعيات ...": the header's last noun awaits
                            # its complement, which the next line begins with
                            _AWAITS_COMPLEMENT.search(bare)
                            and "\u0600" <= n_line[:1] <= "\u06ff"
                            and not n_label
                        )
                    ):  # "Appel d'offres N° 3/2025" + "pour la réalisation de ..."
                        joined = f"{line} {n_line}"
                        # "طلب إبداء الاهتمام رقم 4/2026" + "لانتقاء مكتب دراسات ...": the object's own
                        # strong cue ranks the joined title as it would rank the object's line alone
                        n_strong = STRONG_TITLE.search(unmarked(n_folded))
                        candidates.append(
                            (0 if strong or n_strong else 1, start, joined, (start, n_start + len(n_line)))
                        )
                    else:  # the next line, with the rest of its capitals block if it is one
                        # under a header, the title's first line may be two words ("PROMOTING DIGITAL")
                        n_value, n_end = _line_title(doc, lines, following, keyed=bool(n_label), min_words=2)
                        candidates.append((0 if strong else 1, start, n_value, (n_start, n_end)))
            continue
        if REF_LINE.search(folded) and not strong:
            continue
        rank = None
        # an e-mail's or a letter's subject near the top names the call ("Subject: RFP – ...")
        subject = index < 10 and label is not None and _MAIL_SUBJECT.fullmatch(label.group(0).strip())
        sentence = (
            strong is not None and line.endswith(".") and bool(ISSUER_VERB_FOLDED.search(folded))
        )  # "X recrute un(e) ... ."
        long_sentence = line.endswith(".") and words > 12
        if strong and strong.start() < 100 and words <= 25 and not sentence:
            rank = 0
        elif strong and strong.start() < 100:  # an announcement sentence, not a title line:
            rank = 2 if sentence else 1  # a heading above it naming the post comes first
        elif (medium or strong or subject) and words >= 4:
            # a sentence that only mentions a call ("Marché passé par appel d'offres ouvert ...",
            # "X is seeking applications for ...") is no cue rule's find: the ranker weighs it
            # as it would a plain line
            rank = 1 if strong or subject or not long_sentence else PLAIN_LINE
        elif (
            index < 40
            and words <= 8
            and JOB_WORDS.search(folded)
            and not line.endswith((".", ";", ","))
            # "Poste : Comptable (F/H)": the key rows propose the post, not the label's line
            and not (label and one_word_post(_GENDER_MARK.sub("", line[label_end:])))
            and not SENTENCE_VERB.search(folded)  # a sentence's broken line, not a post's name
        ):
            rank = 2
        elif (
            index < 40
            and words <= 20
            and _POST_OPENING.match(folded)
            and headline(line, folded)
            and not SENTENCE_VERB.search(folded)
        ):  # a heading opening on the post ("Consultant(e) pour l'élaboration du plan ...")
            rank = 2
        elif (
            index < 40
            and _roles(line, folded)  # "External Evaluator/Consultant", "مكون / مستشار"
            and not _keyed_value(doc, lines, index)
        ):
            rank = 2
        if rank is not None:
            value, end = _line_title(doc, lines, index, keyed=bool(label))
            candidates.append((rank, start, value, (start, end)))
    for start, line in lines[: _OPENING_LINES + 4]:  # a tender notice's sentence naming the call it opens
        found = opened_call(line)
        if found:
            offset, value = found
            candidates.append((1, start + offset, value, (start + offset, start + offset + len(value))))
            break
    for start, line in lines:  # a tender's sentence naming its object: "Le présent marché a pour objet ..."
        found = _tender_object(line)
        if found:
            offset, value = found
            candidates.append((1, start + offset, value, (start + offset, start + offset + len(value))))
            break
    keyed = [
        (BULLET.sub("", key), value, span)
        for key, value, span in kv_lines(doc, head_limit)
        if "|" not in value  # "Poste | Nombre | Grade": a table's header row, not a value
    ]
    keyed += _table_rows(doc, lines)
    for key, value, span in keyed:
        # "Title of the assignment: X" names the title outright (after recruitment wording)
        if EXPLICIT_TITLE_KEY.match(key) and len(value.split()) >= 2 and not has_email(value):
            value, span = _row_going_on(doc, lines, value, span)
            candidates.append((0, -1, value, span))
            break
    for key, value, span in keyed:
        # a numbered field of a form ("2. Intitulé de la mission : X") names the title when
        # no heading above it does
        if (TITLE_KEYS.match(key) or EXPLICIT_TITLE_KEY.match(_NUMBERING.sub("", key))) and len(
            value.split()
        ) >= 2:
            value, span = _row_going_on(doc, lines, value, span)
            candidates.append((3, span[0], value, span))
            break
    for key, value, span in keyed:
        # a post named in one word as a post key's value ("Poste : Comptable", "الوظيفة : سائق")
        if POST_KEY.match(_NUMBERING.sub("", key)) and one_word_post(value):
            candidates.append((3, span[0], value.strip(), (span[0], span[0] + len(value.strip()))))
            break
    for index in range(min(len(lines), NEAR_ORG_LINES)):
        block = None if index in cut else _capitals_block(doc, lines, index)
        if block:  # a cover's title in capitals broken over lines with no link word at the break
            value, end = block
            candidates.append((4, lines[index][0], value, (lines[index][0], end)))
    for index, (start, line) in enumerate(lines[:_HEADER_BLOCK_LINES]):
        # a header block's last line, right before the section that opens the text ("Contexte",
        # "Description", "الإطار العام"): a programme's page names its call there, with no cue word
        folded = doc.folded[start : start + len(line)]
        if (
            index not in cut
            and 2 <= len(line.split()) <= _HEADER_BLOCK_WORDS
            and above_opening_section(doc, lines, index)
            and _could_be_title(line, folded)
            and not ORG_HEAD.match(folded)
            and not LABEL_LINE.match(folded)
            and not URL_OR_DATE.search(line)
            and not find_dates(line, folded=folded)  # "حرر بميدلت في 10 ماي 2027", "Tinghir, le 5 avril 2027"
        ):
            # the title's first line when the line above ends on a link word ("... دراسة حول" + "واقع ...")
            if index > 0 and index - 1 not in cut and _dangling(lines[index - 1][1]):
                start, line = lines[index - 1]
            candidates.append((4, -1, line, (start, start + len(line))))
            break
    for index, (start, line) in enumerate(lines[:12]):  # no cue anywhere: a heading-like line at the top
        if index in cut:
            continue
        folded = doc.folded[start : start + len(line)]
        # not a letterhead's name: "Fondation X", "Cedar Fund for Civil Society" (a kind word ends it)
        if (
            headline(line, folded)
            and not ORG_HEAD.match(folded)
            and org_line(line) is None
            and not _breadcrumb(line)  # a site's path: where the page is, not what it says
        ):
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
    return clean_title(line), span


PLAIN_LINE = 5  # the rank of a candidate no rule proposed


PLAIN_LINES = 12  # how many of the head's lines are candidates on their own


NEAR_ORG_LINES = 30  # how far down a line beside an organisation's name is one


_PATH = re.compile(r"\s[>»›]\s")
_CRUMB_WORDS = 3


def _breadcrumb(line: str) -> bool:
    """Whether a line is a site's breadcrumb ("Home › Jobs › Jordan › Post", "Accueil / Emploi /
    Offres / Post"): never a title as a whole, the breadcrumb rule proposes its last crumb;
    roles joined by slashes ("Evaluator / Consultant") are no breadcrumb."""
    crumbs = _PATH.split(line)
    return (
        len(crumbs) >= 3
        or len(BREADCRUMB.split(line)) >= 4
        # "مباريات التوظيف » اتصل بنا", "Emplois › Accueil": two short crumbs are a path too
        or (len(crumbs) == 2 and all(1 <= len(crumb.split()) <= _CRUMB_WORDS for crumb in crumbs))
    )


_PROSE_WORDS = 20  # a longer line is a paragraph: the body has begun
_SENTENCE_WORDS = 10  # and so has a longer sentence


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
        if (
            index < PLAIN_LINES
            or next_to_organisation(doc, lines, index)
            or _beside_labels(doc, lines, index)
        )
        and (start, line) not in proposed
        and index not in cut
        and _could_be_title(line, doc.folded[start : start + len(line)])
    ]
    starts = [start for start, _ in lines]
    counts: dict[str, int] = {}
    prose_from = len(lines)
    for index, (start, line) in enumerate(lines):
        key = repeat_key(doc.folded[start : start + len(line)])
        counts[key] = counts.get(key, 0) + 1
        words = len(line.split())
        if prose_from == len(lines) and (
            words > _PROSE_WORDS or (words > _SENTENCE_WORDS and line.endswith("."))
        ):
            prose_from = index
    # a site's list of other offers after the text ("Related jobs", "Offres similaires") holds
    # other calls' titles: none is this call's
    related = next(
        (
            start
            for start, line in lines[prose_from + 1 :]
            if _RELATED.fullmatch(doc.folded[start : start + len(line)].rstrip(" :："))
        ),
        len(doc.text),
    )
    found = [c for c in found if c[3][0] < related]
    plain = [c for c in plain if c[3][0] < related]
    choices: list[Candidate] = []
    seen: set[str] = set()
    # a rule's find below the first paragraph (another offer a site lists after the text) comes
    # after those above it, whatever its rank: the rules' first choice is a line above the body;
    # ``body`` is where the first paragraph ends
    body = lines[prose_from][0] + len(lines[prose_from][1]) if prose_from < len(lines) else len(doc.text)
    for rank, _, line, span in sorted(found, key=lambda c: (c[3][0] > body, c[0], c[1])) + plain:
        title, span = finish_candidate(doc, line, span)
        if (
            not title
            or title in seen
            # one word: a label, not a title ("Evaluator/Consultant" names two roles: two words),
            # unless a rule found a post named in one word where a post is named ("Poste : Comptable")
            or (len(title.replace("/", " ").split()) < 2 and not (rank < PLAIN_LINE and one_word_post(title)))
            or not any(c.isalpha() for c in title)  # bars, numbers, dots
        ):
            continue
        index = max(0, bisect_right(starts, span[0]) - 1)
        features = candidate_features(doc, lines, index, rank, title, span, counts, prose_from=prose_from)
        features["rules_choice"] = float(not seen)  # what the rules alone would answer
        # and which rule gave it: how far the rules' answer is trusted depends on the rule
        features[f"rules_choice_{rank}"] = float(not seen)
        seen.add(title)
        choices.append(Candidate(rank=rank, text=title, span=span, features=features))
    return choices


_RELATED = re.compile(
    kw(
        r"(?:related|similar|other|more|latest) (?:jobs?|offers?|vacancies|opportunities|grants|calls|posts|positions|tenders)(?: like this)?",
        r"see also",
        r"you (?:may|might) also (?:like|be interested in)",
        r"offres (?:d'emploi )?similaires",
        r"(?:autres|dernieres) offres",
        r"voir aussi",
        r"a lire aussi",
        r"(?:عروض|فرص|وظائف|مباريات) (?:مشابهة|اخرى)",
        r"اقرا ايضا",
    )
)


_MENU_WORDS = 2


def _menu(lines: list[tuple[int, str]], header: int, following: int) -> bool:
    """Whether a generic header and the line after it are items of a site's menu ("مباريات التوظيف"
    + "عروض الشغل" + "أخبار"): short lines around short lines, not a header over a title."""

    def short(k: int) -> bool:
        return 0 <= k < len(lines) and len(lines[k][1].split()) <= _MENU_WORDS

    # four short lines in a row, the header and its next line among them (a menu's last items:
    # "عروض الشغل" + "مباريات التوظيف" + "اتصل بنا" over the post)
    return (
        short(header)
        and short(following)
        and any(
            short(a) and short(b)
            for a, b in (
                (header - 2, header - 1),
                (header - 1, following + 1),
                (following + 1, following + 2),
            )
        )
    )


def _beside_labels(doc: Doc, lines: list[tuple[int, str]], index: int) -> bool:
    """Whether a line that is no label has label rows right above or below it: a directory's
    page, a grants site or a recruitment platform prints the call's heading with its details
    ("Deadline: ...", "Type de contrat : ...") under or over it, after a long profile or menu."""
    start, line = lines[index]
    if LABEL_LINE.match(doc.folded[start : start + len(line)]) or _PATH.search(line):
        return False  # a label itself, or where the post sits ("Département X > Pôle Y")
    for k in (index - 1, index + 1):
        if 0 <= k < len(lines):
            k_start, k_line = lines[k]
            # a label with its value; a date's ("Mis en ligne le : 19/12/2025") is the page's, not the call's
            if (
                LABEL_LINE.match(doc.folded[k_start : k_start + len(k_line)])
                and not k_line.endswith((":", "："))
                and not URL_OR_DATE.search(k_line)
            ):
                return True
    return False


def _above_labels(doc: Doc, lines: list[tuple[int, str]], index: int) -> bool:
    """Whether the line right below is a label row with its value ("Lieu : Rabat"): the line is
    the heading of the post's details, as a job board prints a post named in one word."""
    if index + 1 >= len(lines):
        return False
    k_start, k_line = lines[index + 1]
    return (
        bool(LABEL_LINE.match(doc.folded[k_start : k_start + len(k_line)]))
        and not k_line.endswith((":", "："))
        and doc.text.count("\n", lines[index][0], k_start) <= 2
    )


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
        and not _breadcrumb(line)  # the rules propose its last crumb
        and not (LABEL_LINE.match(folded) and URL_OR_DATE.search(line))  # "Publié le : 02/03/2026"
        and not PURPOSE.search(folded)  # "X's intervention aims to ...", "Le projet vise à ..."
        and not BLANKS.search(line)  # a form's blank or a contents line: "Nom : ........", "Contexte .... 3"
        and not PAGE_COUNTER.search(folded)  # a page header: "CPS – AOO n° 7/2027   Page 1 sur 28"
    )


def read_title(doc: Doc) -> None:
    """The rules propose candidate lines (and every plain line near the top is one
    too); the learned ranker (``title_rank``) picks the title among them."""
    best = pick(title_candidates(doc))
    if best is None:
        doc.set("title", None)
        return
    doc.set("title", best.text, [best.span], best.confidence)


# The object an announcement sentence opens: "تعلن X عن تنظيم مباراة لتوظيف ..." ,
# "X lance un appel à candidatures pour ...", "X invites proposals for ...".
_ANNOUNCED_OBJECT = re.compile(
    # the subject after the verb or before it ("جماعة X تعلن عن ...", "يسر X أن يعلن عن ...")
    r"(?:(?:تعلن|يعلن|أعلنت|أعلن)(?:\s[^.\n]{2,160}?)?\sعن\s+(?:(?:تنظيم|إجراء)\s+)?"
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
    r"\b(?:invites?\s[^.\n]{0,60}?|(?:is\s+)?(?:seeking|seeks|welcomes|requests)\s+)"
    r"\b(?:proposals|applications|bids|offers|quotations|expressions of interest)"
    r"\s+(?:for|to)\s+(?:the (?:position|post|role) of\s+)?(?P<object>[^.;\n]{5,160}?)(?=[.;\n]|\Z)",
    re.IGNORECASE,
)


_SOUGHT_HINTS = ("recru", "recherche", "seek", "looking", "hiring", "تبحث", "يبحث", "حاجت", "رغبت")


def _announced(line: str) -> tuple[int, str] | None:
    """The call's object an announcement sentence names, and where it starts in the line: what
    is launched or announced ("X lance un appel à candidatures pour ..."), what an invitation asks
    proposals for, else whom the issuer seeks when it names a post; a bare "appel à candidatures" names no object."""
    found = _ANNOUNCED_OBJECT.search(line)
    if found is None:  # the other forms only where their verb is (a substring test is cheaper)
        low = line.lower()
        if "invite" in low or "seek" in low or "welcome" in low or "request" in low:
            found = _INVITED_OBJECT.search(line)
        if found is None and any(hint in low for hint in _SOUGHT_HINTS):
            found = _SOUGHT_OBJECT.search(line)
    if found is None:
        return None
    if found.re is _SOUGHT_OBJECT:
        sought = fold(found.group("object"))
        if not (ANY_TYPE_WORD.search(sought) or JOB_WORDS.search(sought) or TYPE_WORDS[-1][1].search(sought)):
            return None
    value = found.group("object").rstrip(" .")
    folded = unmarked(fold(value))
    cue = STRONG_TITLE.search(folded) or MEDIUM_TITLE.search(folded)
    if cue and is_generic_header(folded, cue):
        return None
    return found.start("object"), value


_MAIL_SUBJECT = re.compile(
    kw(
        r"subject\s*[:：]",
        r"sujet\s*[:：]",
        r"objet\s*[:：]",
        r"الموضوع\s*[:：]",
        r"re\s*[:：]",  # a letter's "Re: ..." and an English "Object: ..."
        r"object\s*[:：]",
    )
)


_SUBJECT_LABEL = re.compile(kw(r"subject", r"sujet", r"re", r"fwd?", r"tr"))


# What a tender's document says it is for: "Le présent marché a pour objet la formation de ...",
# "... l'appel d'offres ayant pour objet : ...", "The purpose of this tender is the provision of
# ...", "تهدف هذه الصفقة إلى ..."; the object ends with the sentence, or where the contract's words
# begin ("pour le compte de ...", ", conformément ...").
_TENDER_OBJECT = re.compile(
    r"(?:\b(?:a|ayant|avoir)\s+pour\s+objet\s*:?\s*"
    r"|\b(?:purpose|object|subject)\s+of\s+(?:this|the\s+present)\s+(?:tender|contract|request|invitation)\s+is\s+(?:to\s+)?"
    r"|(?:تهدف|يهدف)\s+(?:هذه\s+الصفقة|هذا\s+الكناش|طلب\s+العروض\s+هذا)\s+إلى\s+"
    r"|موضوع\s+هذه\s+الصفقة\s+هو\s+)"
    r"(?P<object>[^.;؛\n]{10,200}?)"
    r"(?=[.;؛\n]|\s+pour\s+le\s+compte\b|\s+for\s+the\s+benefit\b|,\s*(?:conform|selon|tel|in\s+accordance)|،\s*وذلك|\Z)",
    re.IGNORECASE,
)
_TENDER_HINTS = ("pour objet", "purpose of", "object of", "subject of", "تهدف", "يهدف", "موضوع هذه")


def _tender_object(line: str) -> tuple[int, str] | None:
    """The object a tender's sentence names, and where it starts in the line (None if the line
    names none: the substring test first, most lines have no such words)."""
    low = line.lower()
    if not any(hint in low for hint in _TENDER_HINTS):
        return None
    found = _TENDER_OBJECT.search(line)
    if found is None:
        return None
    raw = found.group("object")
    return found.start("object") + len(raw) - len(raw.lstrip(" :")), raw.strip(" :")
