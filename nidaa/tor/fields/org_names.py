"""What an organisation's name looks like in a call, in French, English and Arabic: the kind words
that end or open it ("... Foundation", "Association ...", "جمعية ..."), names defined with their
acronym ("Name (ACR)"), a name spelled out by a domain's initials, and the Arabic prepositions and
articles glued to a name ("بوزارة", "للوكالة"). Plain regular expressions, linear in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nidaa.tor.fields.common import PARTNER_CUES
from nidaa.tor.text import fold, kw

# A capitalised word of a name ("d'Agriculture", "U.S", "Sans-Frontières") and the small words
# between them; a name is capitalised words joined by those.
CAP = r"(?:[dlDL]['’´])?[A-ZÀ-Ý](?:[\w'’&\-]|\.(?=\w)){0,30}"
CONN = r"(?:de|des|du|d'|la|le|les|l'|pour|et|of|the|for|and|en|au|aux|sur|in|on|à|&)"
NAME = rf"{CAP}(?:[ \t]+(?:{CONN}[ \t]+){{0,3}}{CAP}){{0,10}}"
ACRONYM_TAIL = r"[ \t]*\([A-Z][A-Za-z0-9&\-]{1,10}\)"

# The words that make a capitalised phrase an organisation rather than a project or a place.
KIND_LATIN = re.compile(
    r"\b(?:"
    + kw(
        r"association",
        r"fondation",
        r"foundation",
        r"organisation",
        r"organization",
        r"institut",
        r"institute",
        r"council",
        r"conseil",
        r"centre",
        r"center",
        r"network",
        r"reseau",
        r"union",
        r"alliance",
        r"federation",
        r"cooperative",
        r"collectif",
        r"collective",
        r"forum",
        r"observatoire",
        r"observatory",
        r"society",
        r"societe",
        r"agency",
        r"agence",
        r"office",
        r"trust",
        r"corps",
        r"committee",
        r"comite",
        r"ministry",
        r"ministere",
        r"commission",
        r"international",
        r"internationale",
        r"ong",
        r"ngo",
        r"fund",
        r"fonds",
        r"university",
        r"universite",
        r"school",
        r"ecole",
        r"chamber",
        r"chambre",
        r"groupe?",
        r"platform",
        r"plateforme",
        r"initiative",
        r"consortium",
        r"secretariat",
        r"authority",
        r"autorite",
        r"club",
        r"mouvement",
        r"movement",
        r"ligue",
        r"league",
        r"coalition",
        r"espace",
        r"maison",
    )
    + r")\b"
)

# Arabic kinds of organisation and administration (folded: ة as ه, أ/إ as ا, ى as ي).
KIND_AR = (
    r"(?:جمعيه|منظمه|شبكه|مؤسسه|فيدراليه|اتحاد|تعاونيه|مركز|مرصد|هيئه|وكاله|مجلس|جماعه|فضاء|رابطه|منتدي|"
    r"تنسيقيه|مجموعه|نادي|وزاره|جامعه|مدرسه|معهد|كليه|مكتب|صندوق|عماله|اقليم|جهه|مديريه|مندوبيه|اكاديميه|"
    r"خزينه|شركه|مستشفي|كتابه|اداره|بنك|مجمع|ولايه|غرفه|مقاطعه|قطب|الكتابه|المكتب)"
)
# Arabic verbs that announce a call ("تعلن", "يسر", "ترغب" ...), folded; never part of a name.
AR_VERBS = kw(
    r"تعلن",
    r"يعلن",
    r"اعلنت",
    r"تطلق",
    r"يطلق",
    r"اطلقت",
    r"تبحث",
    r"يبحث",
    r"تنفذ",
    r"ينفذ",
    r"تنظم",
    r"ينظم",
    r"نظمت",
    r"ترغب",
    r"يرغب",
    r"تعتزم",
    r"يعتزم",
    r"تدعو",
    r"يدعو",
    r"تنوي",
    r"ينوي",
    r"تود",
    r"يود",
    r"تفتح",
    r"يفتح",
    r"تسعى",
    r"يسعى",
    r"تطلب",
    r"يطلب",
    r"يسر",
    r"يسعد",
    r"تتشرف",
    r"يتشرف",
    r"تستقبل",
    r"يستقبل",
    r"تحتاج",
    r"يحتاج",
    r"تستعد",
    r"تنهي",
    r"ينهي",
)
# Words after which an Arabic name has ended: prepositions, the call's object, dates, verbs.
_STOP_AR = (
    r"(?:عن|في|على|علي|الى|إلى|من|مع|منذ|ان|أن|بان|لفائده|لصالح|مشروع|برنامج|دوره|مباراه|مباريات|امتحان|انتقاء|"
    r"توظيف|لتوظيف|فتح|باب|تنظيم|بتنظيم|بالاعلان|حاجتها|حاجته|ابتداء|يوم|وذلك|طبقا|وفق|وفقا|حسب|الذي|التي|"
    r"بتاريخ|قصد|بهدف|لانتقاء|لاختيار|اختيار|ل?التعاقد|المتعلق|المتعلقه|خلال|برسم|بعنوان|تحت|"
    # the object of "تدعو الجماعة ...": those it calls
    r"الجمعيات|المترشحين|المترشحات|المرشحين|الراغبين|جميع|كافه|العموم|الاشخاص|الخبراء|المكاتب|الشركات|الهيئات|"
    r"حاملي|اخر|قبل|اجل|غايه|سنه|لسنه|اعلان|بلاغ|" + AR_VERBS + r")"
)
AR_NAME = rf"(?P<arname>(?P<art>ال)?(?P<kind>{KIND_AR})(?=\s)(?:\s+(?!{_STOP_AR}(?:\s|$))[^\s\d،,.:;()\[\]«»\"'؛|]{{1,30}}){{1,8}})"


# A name does not open with a preposition or a conjunction (an article is fine: "La Fondation X").
_NOT_FIRST = re.compile(
    r"de|des|du|d'|pour|et|of|for|and|en|au|aux|sur|in|on|a|&|dans|avec|with|par|by|to|vers|from"
    # nor with a heading's word ("About the Organization", "Présentation de l'Association")
    r"|about|a propos|presentation|contexte|context|background|informations?|contacts?|terms|termes|appel|call|"
    r"request|avis|offre|recrutement|recruitment|vacancy|job|poste|our|notre|nos|your|votre|votre|mot|profil|"
    r"historique|history|mission|vision"
)


def kind_of(name: str) -> bool:
    """Whether a Latin-script name carries a kind word (Association, Foundation, Council ...)."""
    return bool(KIND_LATIN.search(fold(name)))


def org_line(line: str) -> str | None:
    """The organisation a letterhead line names: "Atlas Youth Foundation", "Sahara Youth Council –
    Country Office" (the office after the dash dropped), "GROUPE X"; None for any other line."""
    parts = re.split(r"\s+[–—\-|]\s+", line.strip())
    for candidate in dict.fromkeys([parts[0], line.strip()]):
        if not 2 <= len(candidate.split()) <= 12 or re.search(r"\d|@|https?:", candidate):
            continue
        match = re.fullmatch(rf"(?P<name>{NAME})(?P<acronym>{ACRONYM_TAIL})?", candidate)
        if not match:
            continue
        words = match.group("name").split()
        if fold(words[0]) in ("la", "le", "les", "the"):
            words = words[1:]
        if len(words) < 2 or _NOT_FIRST.fullmatch(fold(words[0])):
            continue  # "POUR LA FORMATION ... INTERNATIONALE": a heading in capitals
        # the kind word opens the name or ends it ("Fondation X", "X Foundation"), never sits
        # inside a heading ("Appel à Candidatures Fondation X")
        if KIND_LATIN.fullmatch(fold(words[-1])) or KIND_LATIN.fullmatch(
            fold(re.sub(r"\A[LlDd]['’]", "", words[0]))
        ):
            return candidate
    return None


def after_partner_cue(folded: str, start: int, line_start: int) -> bool:
    """Whether the name at ``start`` is the object of a partner or funder cue ("financé par la",
    "with the support of", "بدعم من"): only articles between the cue and the name."""
    before = folded[max(line_start, start - 90) : start]
    last = None
    for cue in PARTNER_CUES.finditer(before):
        last = cue
    return last is not None and bool(
        re.fullmatch(r"[\s,:]*(?:(?:la|le|les|l'|the|de|du|des|d'|an?)\s*)*", before[last.end() :])
    )


def in_partner_clause(folded: str, start: int, line_start: int) -> bool:
    """Whether a partner or funder cue comes earlier in the sentence holding ``start`` ("financé
    par l'Union européenne et la Fondation X": X is a funder too)."""
    begin = max(line_start, start - 200)
    stop = max(folded.rfind(". ", begin, start), folded.rfind(";", begin, start))
    return bool(PARTNER_CUES.search(folded, max(begin, stop + 1), start))


def arabic_name(masked: str, match: re.Match[str]) -> tuple[str, tuple[int, int]]:
    """The name an ``AR_NAME`` match (on the folded text) covers, as written, with the article a
    glued preposition swallowed given back ("للوكالة ..." -> "الوكالة ...")."""
    start, end = match.start("kind"), match.end("arname")
    acronym = _AR_ACRONYM.match(masked, end)
    if acronym:  # "الوكالة الجهوية للتنمية (ARD)"
        end = acronym.end()
    if match.group("art"):
        start = match.start("art")
    return masked[start:end], (start, end)


_AR_ACRONYM = re.compile(r"[ \t]*\([A-Z][A-Za-z\-]{1,10}\)")


_DEFINED = re.compile(rf"(?P<name>{NAME})[ \t]*\([ \t]*(?P<acronym>[A-Z][A-Za-z0-9&\-]{{1,9}})[ \t]*\)")


def defined_acronyms(
    masked: str, folded: str, limit: int, *, start: int = 0, kinds: bool = True
) -> Iterator[tuple[str, str, int, int]]:
    """Names defined with their acronym, "Name (ACR)", outside a partner cue: (name, acronym,
    start, end); with ``kinds``, only names carrying a kind word (not a project's or a plan's)."""
    for match in _DEFINED.finditer(masked, start, limit):
        name = re.sub(
            r"\A(?:(?:[LlDd]['’]|La |Le |Les |The |Du |Des |De )\s*)+", "", match.group("name")
        ).strip()
        begin = match.end("name") - len(name)
        if len(name.split()) < 2 or in_partner_clause(folded, begin, folded.rfind("\n", 0, begin) + 1):
            continue
        if kind_of(name) or not kinds:
            yield name, match.group("acronym"), begin, match.end()


def initials(name: str) -> str:
    """ "Near East Foundation" -> "NEF" (the capitalised words' first letters)."""
    return "".join(w[0] for w in re.findall(r"(?<![\w'’])[A-ZÀ-Ý][\w\-]*", name)).upper()


def spelled_out(masked: str, label: str, limit: int) -> tuple[str, int, int] | None:
    """A capitalised name of the text that a domain label stands for: its initials ("ncdf" ->
    "Nador Community Development Forum") or its words run together ("atlasyouth" ->
    "Atlas Youth Foundation")."""
    label = label.lower().replace("-", "")
    if len(label) < 2:
        return None
    for match in _NAME_RE.finditer(masked, 0, limit):
        name = _LEADING_ARTICLE.sub("", match.group(0))
        if " " not in name.strip() and "\t" not in name.strip():
            continue  # one word: no name a domain spells out
        if initials(name).lower() == label:
            return name, match.end() - len(name), match.end()
        # the words run together: only a name whose first letter is the label's is folded
        first = fold(name[:1])
        if len(label) >= 5 and (first == label[0] or not ("a" <= first <= "z")):
            if re.sub(r"[^a-z0-9]", "", fold(name)).startswith(label):
                return name, match.end() - len(name), match.end()
    return None


_NAME_RE = re.compile(NAME)
_LEADING_ARTICLE = re.compile(r"\A(?:The|La|Le|Les|L['’])\s*")
