"""Where the mission takes place: location sections, enumerations after "communes de", "provinces
of", "بجماعتي", "à X", linked to Morocco's territories by the gazetteer."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nidaa.tor.fields.common import Doc, Span
from nidaa.tor.places import Place, place_key
from nidaa.tor.text import fold, kw, tidy

_ARABIC_LETTER = re.compile("([\u0621-\u063a\u0641-\u064a])(?![?*+{])")


def _re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern whose Arabic words also match when stretched with tatweel ("مقــر العمــل"), as notices
    print them: each Arabic letter may be followed by any number of "ـ" (the text keeps them)."""
    return re.compile(_ARABIC_LETTER.sub("\\g<1>\u0640*", pattern), flags)


# Words joined by single spaces or hyphens; hyphens are only separators, so no backtracking blow-up.
_PLACE_NAME = r"[A-ZÀ-Ý][\w'’]{0,30}(?:[ \-](?:[A-ZÀ-Ý][\w'’]{0,30}|el|al|El|Al|Sidi|Ait|Aït|Ben|Beni))*"


_AT_PLACE = _re(r"(?:\b(?:à|a|au|en|in|at)|ب|في)\s+(?P<place>" + _PLACE_NAME + ")")


_AT_PLACE_LIST = _re(
    r"(?:\b(?:à|in|at)|ب)\s*(?P<places>"
    + _PLACE_NAME
    + r"(?:\s*(?:,|\bet\b|\band\b|و)\s*"
    + _PLACE_NAME
    + r"){0,4})"
)


_BASED = _re(
    kw(
        r"base\.?e?s?\s+(?:a|au|en)\s+",
        r"based in\s+",
        r"based at\s+",
        r"duty station\s*:?\s*",
        r"lieu d'affectation\s*:?\s*",
        r"poste base a\s+",
        r"مقر العمل\s*:?\s*",
    )
)
# "للعمل بدار الطالبة بتنغير", "to work in our Irbid office", "pour travailler à": where the post works.
_WORKS_AT = _re(
    kw(
        r"للعمل (?:ب|في)",
        r"للاشتغال (?:ب|في)",
        r"to work (?:in|at|from)",
        r"pour (?:travailler|exercer) (?:a|au|en|dans)",
    )
)
# A head office or an exam centre is where the organisation sits or candidates sit an exam,
# not where the mission happens: such a line names no place of the mission.
_NOT_MISSION_PLACE = _re(
    kw(
        r"siege",
        r"head ?office",
        r"headquarter",
        r"centre d'examen",
        r"centres d'examen",
        r"epreuves?",
        r"examen",
        r"exam",
        r"المقر الرئيسي",
        r"مقرها",
        r"مقره",
        r"مقر الجمعية",
        r"مركز الامتحان",
        r"مراكز الامتحان",
        r"الامتحان",
        r"الاختبارات?",
        r"ستجرى المباراة",
        r"تجرى المباراة",
        r"(?<!\w)fait a(?!\w)",  # "Fait à Rabat, le ...": where a letter or a form was signed
        # interviews, like exams, are where candidates go, not where the work is
        r"entretiens?",
        r"interviews?",
        r"المقابلات?",
        r"مقابلات?",
    )
)
# Where an organisation sits or was founded, an address: a clause saying so names no place of the mission
# ("l'association, sise à Marrakech", "fondée en 1998 à Casablanca", "headquartered in Amman").
_ADDRESS_CUE = _re(
    r"(?<!\w)(?:"
    + kw(
        r"sise?s?",
        r"situee?s?",
        r"domicilie(?:e|s)?",
        r"adresse",
        r"address",
        r"fondee?",
        r"creee? en",
        r"founded",
        r"established in",
        r"registered in",
        r"b\.? ?p\.? ?\d",
        r"rue",
        r"avenue",
        r"boulevard",
        r"bd",
        r"deposee?s?",
        r"deposer",
        r"deposes",
        r"a l'attention",
        r"عنوان",
        r"العنوان",
        r"الكائن",
        r"الكائنة",
        r"شارع",
        r"زنقة",
        r"ص\.? ?ب",
        r"تودع",
        r"يودع",
        r"إيداع",
        r"ايداع",
    )
    + r")(?!\w)"
)


_BASED_NAME = _re(r"\s*(" + _PLACE_NAME.replace("[A-ZÀ-Ý]", "[A-ZÀ-Ý\u0600-\u06ff]", 1) + ")")


_NOT_PLACE = {
    "home",
    "home-based",
    "remote",
    "télétravail",
    "hôtel",
    "hotel",
    "l'hôtel",
    "maroc",
    "morocco",
    "the",
    "la",
    "le",
    "les",
    "distance",
    "ligne",
    "online",
    "présentiel",
    "annexe",
}


_TAKES_PLACE = _re(
    kw(
        r"se deroulera",
        r"se derouleront",
        r"aura lieu",
        r"auront lieu",
        r"se tiendra",
        r"se tiendront",
        r"seront organises?",
        r"sera organisee?",
        r"will take place",
        r"will be held",
        r"takes place",
        r"will be organi[sz]ed",
        r"ستنظم",
        r"سينظم",
        r"ستجرى",
        r"سيتم تنظيم",
        r"ستنعقد",
        # the work itself: "la prestation sera réalisée à", "will be conducted in", "ستقام الدورة"
        r"sera (?:realisee?|menee?|conduite?|dispensee?|assuree?|executee?|effectuee?)",
        r"seront (?:realisee?s|menee?s|conduite?s|dispensee?s|assuree?s|executee?s|effectuee?s)",
        r"se fera",
        r"se feront",
        r"will be (?:conducted|delivered|implemented|carried out|run|hosted)",
        r"(?:is|are) to be (?:held|conducted|delivered)",
        r"ستقام",
        r"تقام",
        r"ستتم",
        r"ستعقد",
        r"ستنجز",
        r"سيتم إنجاز",
    )
)
_TAKES_PLACE_STEMS = re.compile(
    r"deroul|lieu|tiendr|organi|place|held|sera|seront|fera|feront|conducted|delivered|implemented|carried|run|"
    r"hosted|ستنظم|سينظم|ستجر|سيتم|ستنعقد|تقام|ستتم|ستعقد|ستنجز"
)
# Exams and interviews: a sentence about them names no place of the mission, wherever the word stands.
_EXAM_WORDS = _re(
    kw(
        r"epreuves?",
        r"examens?",
        r"exams?",
        r"concours",
        r"entretiens?",
        r"interviews?",
        r"الامتحانات?",
        r"الاختبارات?",
        r"المباراة",
        r"المقابلات?",
    )
)


_REGION_WORDS = _re(
    kw(
        r"regions?\s+(?:de|du|des|d')",
        r"provinces?\s+(?:de|d')",
        r"communes?\s+(?:de|d')",
        r"جهة",
        r"جهات",
        r"إقليم",
        r"أقاليم",
        r"بجهة",
        r"بجهات",
    )
    + r"|(?<!\w)(?:"
    + kw(
        r"(?:la |les )?villes? (?:de|d')",
        r"gouvernorats? (?:de|du|d')",
        r"wilayas? (?:de|du|d')",
        r"(?:the )?(?:city|town|governorate) of",
        r"(?:ب|في )(?:مدينة|ولاية|محافظة)",
    )
    + r")\s*"
)
_REGION_STEMS = re.compile(
    r"region|province|commune|جهه|جهات|اقليم|اقاليم|ville|gouvernorat|wilaya|city|town|governorate|مدينه|ولايه|محافظه"
)
# The cues after which a name the gazetteer lacks is still a place (a city, a governorate abroad).
_CITY_WORD = _re(
    r"(?<!\w)(?:"
    + kw(
        r"(?:la |les )?villes? (?:de|d')",
        r"gouvernorats? (?:de|du|d')",
        r"wilayas? (?:de|du|d')",
        r"(?:the )?(?:city|town|governorate) of",
        r"(?:ب|في )(?:مدينة|ولاية|محافظة)",
    )
    + r")\s*"
)
# One or two capitalised words, or one or two Arabic words, not a preposition-led word ("بتونس").
_UNKNOWN_NAME = _re(
    r"(?P<name>[A-ZÀ-Ý][\w'’\-]{2,30}(?: [A-ZÀ-Ý][\w'’\-]{2,30})?"
    r"|(?!ب|ل|في\s)[\u0621-\u064a]{3,20}(?: (?!ب|ل|و|في\s|عن\s|من\s)[\u0621-\u064a]{3,20})?)(?![\w\u0600-\u06ff])"
)


def _near_stems(
    pattern: re.Pattern[str], stems: re.Pattern[str], text: str, start: int, end: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, start, end)``, the pattern tried only near its stems (every match of
    it holds one of ``stems``, a plain list of words that the engine finds far faster than it tries the
    whole pattern at each position). A word stretched with tatweel holds no stem as written: such a
    text is scanned whole."""
    if text.find("\u0640", start, end) != -1:
        yield from pattern.finditer(text, start, end)
        return
    done = start
    for stem in stems.finditer(text, start, end):
        if stem.end() <= done:
            continue
        for match in pattern.finditer(
            text, max(done, stem.start() - _STEM_BEFORE), min(end, stem.end() + _STEM_AFTER)
        ):
            if match.start() > stem.start():
                break
            done = match.end()
            yield match


# How far a match may start before its stem ("the three pilot communes") and end after it.
_STEM_BEFORE = 80
_STEM_AFTER = 200


def _place_spans(doc: Doc, start: int, end: int) -> list[tuple[Place, Span]]:
    if doc.gazetteer is None:
        return []
    return [(m.place, (start + m.start, start + m.end)) for m in doc.gazetteer.find_in(doc.text[start:end])]


_ENUM_CUE = _re(
    r"(?<!\w)(?:"
    + kw(
        r"communes? (?:rurales? |urbaines? |territoriales? )?(?:de|d'|du|des)",
        r"villes? (?:de|d')",
        r"localites? (?:de|d')",
        r"douars? (?:de|d')?",
        r"provinces? (?:de|d')",
        r"prefectures? (?:de|d')",
        r"(?:the )?(?:communes|provinces|cities|towns|municipalities|prefectures) of",
        # divisions of other countries: "gouvernorats de Sfax et Gabès", "the governorates of Irbid and Mafraq",
        # "three districts: Akkar, Baalbek and Hermel", "wilayas du Trarza et du Brakna", "محافظات إربد والمفرق"
        r"(?:gouvernorats?|wilayas?|delegations?|moughataas?|departements?) (?:de|du|des|d')",
        r"(?:the )?(?:governorates?|districts?|wilayas?|regions|areas|localities|municipalities) (?:of|:)",
        r"(?:governorates|districts|wilayas|localities|municipalities|cities|towns|communes|villes|gouvernorats)\s*:",
        r"(?:ب|في )?(?:محافظات|محافظتي|ولايات|ولايتي)",
        # "in three areas - West Beqaa, Zahle and ...", "dans trois communes : ..."
        r"(?:two|three|four|five|six|seven|eight|deux|trois|quatre|cinq|six|sept|huit|\d) (?:target |pilot |cibles )?"
        r"(?:areas|regions|districts|governorates|provinces|communes|localities|localites|zones|cities|towns|villes|"
        r"gouvernorats|municipalities)\s*[:\-–]",
        r"(?:ب|في )?جماعات",
        r"(?:ب|في )?جماعتي",
        r"(?:ب|في )?مدن",
        r"(?:ب|في )?مدينتي",
        r"(?:ب|في )?أقاليم",
        r"(?:ب|في )?إقليمي",
    )
    + ")"
)


# The words every cue above holds (folded), found by the engine's fast literal search.
_ENUM_STEMS = re.compile(
    r"commune|ville|localit|douar|province|prefecture|gouvernorat|wilaya|delegation|moughataa|departement|"
    r"governorate|district|region|area|municipalit|cities|towns|zones|محافظ|ولاي|جماع|مدن|مدينت|اقاليم|اقليمي"
)


_ENUM_END = _re(
    r"[.;:()\n]|\s[\-–]\s|\s+ب?(?:إقليم|اقليم|جهة|عمالة)|\s+(?:province|région|region|préfecture) d|[,،]\s*(?:dans|in|au|de la|du|province|région|region|إقليم|اقليم|جهة|عمالة)\b|\s(?:dans|in|within|au sein)\s"
)


_ENUM_ARTICLE = _re(r"(?:the|la|le|les|l'|du|des|de)\s+|[ld]['’](?=[A-ZÀ-Ý])")
_ENUM_KIND_SUFFIX = _re(r"\s+(?:areas?|districts?|regions?|governorates?|provinces?|communes?)\Z")
_ENUM_SPLIT = _re(r"\s*(?:,|،|\bet\b|\band\b)\s*|\s+(?=و\S{2,})")


def _conjunction(doc: Doc, name: str) -> bool:
    """Whether a leading "و" is "and" ("وأمزميز") rather than part of the name ("وجدة")."""
    if doc.gazetteer is None:
        return True
    return doc.gazetteer.lookup(name[1:]) is not None or doc.gazetteer.lookup(name) is None


def _cue_kind(cue: str) -> str | None:
    """The level a cue word names: "communes de", "بجماعتي" -> commune."""
    folded = cue.casefold()
    if re.search(r"commune|municipal|جماع|بلدي|douar|دوار|ville|villes|cities|city|town|مدين|مدن", folded):
        return "commune"
    if re.search(r"province|prefecture|préfecture|إقليم|اقليم|أقاليم|اقاليم|عمال", folded):
        return "province"
    if re.search(r"r[ée]gion|جه", folded):
        return "region"
    return None


def _enumerated(doc: Doc, start: int, end: int) -> list[tuple[str, Span, str | None]]:
    """Names listed after "communes de", "provinces of", "بجماعتي" ... in one line,
    with the level the cue names (so "communes de Zagora" is the commune)."""
    out: list[tuple[str, Span, str | None]] = []
    for cue in _near_stems(_ENUM_CUE, _ENUM_STEMS, doc.folded, start, end):
        kind = _cue_kind(cue.group(0))
        # An enumeration is a few names: looking 300 characters ahead keeps a
        # line of a thousand cues linear (each cue used to rescan the rest of it).
        tail = doc.masked[cue.end() : min(end, cue.end() + 300)]
        stop = _ENUM_END.search(tail)
        chunk = tail[: stop.start()] if stop else tail
        position = cue.end()
        for part in _ENUM_SPLIT.split(chunk):
            offset = doc.masked.find(part, position, cue.end() + len(chunk)) if part else -1
            if offset == -1:
                continue
            position = offset + len(part)
            name = part.strip()
            offset += len(part) - len(part.lstrip())
            if name.startswith("و") and len(name) > 3 and _conjunction(doc, name):
                name, offset = name[1:], offset + 1
            article = _ENUM_ARTICLE.match(name)
            if article:  # "the Upper Chouf areas"
                name, offset = name[article.end() :], offset + article.end()
            name = _ENUM_KIND_SUFFIX.sub("", name)
            if not name or len(name.split()) > 4:
                continue
            if not (name[0].isupper() or "\u0600" <= name[0] <= "\u06ff"):
                continue
            out.append((name, (offset, offset + len(name)), kind))
    return out


# A value line of a location section ("Lieu : commune de Sidi Bibi", "مكان التكوين:
# جماعة تاكونيت وجماعة زاكورة"): its items are places as written, known or not.
_WRITTEN_SPLIT = _re(r"\s*(?:,|،|;|؛|\s/\s|\bet\b|\band\b|&)\s*|\s+(?=و\S{2,})")


_WRITTEN_PREFIX = _re(
    r"\A(?:(?:و|ب|في\s+)?(?:مقر|مدينة|مدينتي|مدن|جماعة|جماعتي|جماعات|بلدية|إقليم|اقليم|أقاليم|عمالة|جهة|جهات|دوار)(?=\s)"
    r"|(?:(?:les?|la|l'|the|au|à|a|en|in|at)\s+)?(?:si[eè]ge|commune|communes|ville|villes|province|provinces|"
    r"pr[ée]fecture|r[ée]gion|r[ée]gions|municipalit[ée]|municipality|city|town|douar|cercle)\b"
    r"(?:\s+(?:rurale|urbaine|territoriale))?(?:\s+(?:de|d'|du|des|of))?"
    r"|(?:les?|la|l'|the|au|à|en|in|at)(?=\s))\s*",
    re.I,
)


# A place name: up to four capitalised words (with el/de/ben/n'... between them), or up
# to three Arabic words (more is a sentence: "ستنظم الدورات بجماعتي أمزميز").
_NAME_LIKE = _re(
    r"[A-ZÀ-Ý][\w'’]*(?:[ \-](?:[A-ZÀ-Ý][\w'’]*|el|al|de|des|du|d['’]\w+|ben|ou|n['’]\w+|ait|aït|sidi)){0,3}"
    r"|[\u0600-\u06ff]+(?:[ \-][\u0600-\u06ff]+){0,2}"
)


_WRITTEN_SITUATED = _re(
    r"\s+(?:(?:ب|في\s*)(?:إقليم|اقليم|جهة|عمالة)|(?:dans|in|within|au sein|de la province|de la r[ée]gion|province of|region of)\s)"
)


_WRITTEN_SUFFIX = _re(
    r"\s+(?:provinces?|regions?|communes?|prefectures?|municipalit(?:y|ies)|cities|city)\Z", re.I
)


def _written_places(doc: Doc, start: int, end: int) -> list[tuple[str, Span, str | None]]:
    """The items of a short location value, as written, with the level their
    prefix or suffix names; [] for prose (a sentence, not a list of places)."""
    raw = doc.masked[start:end]
    colon = raw.find(":")
    if 0 <= colon < 60:
        offset = colon + 1
    else:
        offset = 0
    value = re.sub(r"\([^()\n]*\)", lambda m: " " * len(m.group(0)), raw[offset:])
    value = re.split(r"[.!?](?:\s|\Z)", value)[0]
    if not value.strip() or len(value.split()) > 12 or re.search(r"\d", value):
        return []
    out: list[tuple[str, Span, str | None]] = []
    position = start + offset
    kind: str | None = None
    last_prefixed = False
    for part in _WRITTEN_SPLIT.split(value):
        name = part.strip()
        found = doc.masked.find(name, position, start + offset + len(value)) if name else -1
        if found == -1:
            continue
        position = found + len(name)
        if name.startswith("و") and len(name) > 3 and _conjunction(doc, name):
            name, found = name[1:], found + 1
        prefixed = False
        while True:
            prefix = _WRITTEN_PREFIX.match(name)
            if not prefix or not prefix.group(0):
                break
            kind = _cue_kind(prefix.group(0)) or kind
            prefixed = prefixed or _cue_kind(prefix.group(0)) is not None
            name, found = name[prefix.end() :], found + prefix.end()
        name = _WRITTEN_SITUATED.split(name)[0]  # "أمزميز بإقليم الحوز", "Tinejdad dans la province"
        suffix = _WRITTEN_SUFFIX.search(name)
        item_kind = kind
        if suffix:  # "Guelmim and Tan-Tan provinces": the plural names every item's level
            item_kind = _cue_kind(suffix.group(0))
            name = name[: suffix.start()]
            out = [(n, span, k or item_kind) for n, span, k in out]
        name = name.strip(" -–:")
        if not name or name.casefold() in _NOT_PLACE:
            continue
        if _OFFICE_OF.match(fold(name)) and len(name.split()) >= 2:
            # "المديرية الإقليمية بالحسيمة", "Direction régionale de Fès": the place its name holds
            known = _place_spans(doc, found, found + len(name))
            if known:
                out.extend((doc.text[a:b], (a, b), place.kind) for place, (a, b) in known)
                continue
        if not _NAME_LIKE.fullmatch(name):
            return []  # a sentence, not a list of names: leave it to the other rules
        out.append((name, (found, found + len(name)), item_kind))
        last_prefixed = prefixed
    # "Tafraout, Mirleft, province de Tiznit": a last item one level up only situates the others
    if len(out) >= 2 and last_prefixed and out[-1][2] in ("province", "region") and out[-2][2] != out[-1][2]:
        out.pop()
    return out


def _lookup(doc: Doc, name: str, kind: str | None) -> Place | None:
    if doc.gazetteer is None:
        return None
    return (kind and doc.gazetteer.lookup(name, kind)) or doc.gazetteer.lookup(name)


# Labels of the place a mission happens in, on a row ("Lieu : X", "- Location: X")
# or alone above its value. Not head offices, exam centres or addresses.
_PLACE_LABEL = _re(
    r"^[ \t]*(?:[-–•·*|][ \t]*)?(?P<label>"
    + kw(
        r"lieux?(?: de la mission| d'affectation| d'execution| de travail| de la formation| du poste| de la prestation"
        r"| des? (?:ateliers?|formations?|activites?|sessions?))?",
        r"(?:relevant |delivery |mission |work |job )?locations?",
        r"duty stations?",
        r"zones? d'intervention",
        r"regions? concernees?(?: par cette opportunite)?",
        r"places? of (?:work|performance|assignment)",
        r"work\s*place",
        r"sites? (?:de la mission|d'intervention|du projet)",
        r"مكان (?:العمل|التكوين|المهمة|التعيين|الاشتغال|التنفيذ)",
        r"مقر (?:العمل|التعيين|الاشتغال)",
        r"(?:ville|city|المدينة)(?=\s*[:：|])",
    )
    + r")[ \t]*(?:[:：|][ \t]*\|?[ \t]*)?(?P<value>[^\n]*)$",
    re.MULTILINE,
)
# A country is where a call is, not a place of its mission: "Beirut, Lebanon", "au Sénégal, à Dakar".
COUNTRY_NAMES = (
    "maroc", "morocco", "royaume du maroc", "tunisie", "tunisia", "jordanie", "jordan", "liban", "lebanon",
    "mauritanie", "mauritania", "algerie", "algeria", "libye", "libya", "egypte", "egypt", "senegal", "mali",
    "niger", "tchad", "chad", "burkina faso", "cote d'ivoire", "ivory coast", "guinee", "guinea", "cameroun",
    "cameroon", "benin", "togo", "soudan", "sudan", "syrie", "syria", "irak", "iraq", "palestine", "yemen",
    "france", "belgique", "belgium", "espagne", "spain", "italie", "italy", "allemagne", "germany",
    "turquie", "turkey", "turkiye", "suisse", "switzerland", "royaume-uni", "united kingdom", "etats-unis",
    "united states", "canada", "pays-bas", "netherlands", "qatar", "arabie saoudite", "saudi arabia", "kenya",
    "nigeria", "ghana", "gabon", "congo", "rdc", "madagascar", "djibouti", "somalie", "somalia",
    "تركيا", "قطر", "السعودية", "الإمارات", "فرنسا", "إسبانيا", "بلجيكا",
    "المغرب", "المملكة المغربية", "تونس", "الأردن", "لبنان", "موريتانيا", "الجزائر", "ليبيا", "مصر",
    "السنغال", "مالي", "النيجر", "تشاد", "السودان", "سوريا", "سورية", "العراق", "فلسطين", "اليمن",
)  # fmt: skip
_COUNTRIES = _re(kw(*(n for n in COUNTRY_NAMES if n not in ("royaume du maroc", "المملكة المغربية"))))
_COUNTRY_KEYS = frozenset(fold(name) for name in COUNTRY_NAMES)


def is_country(name: str) -> bool:
    """Whether ``name`` is a country ("Tunisie", "الأردن", "بتونس"): never a place of the mission."""
    folded = fold(name).strip(" .,")
    folded = re.sub(r"\A(?:(?:le|la|les|l'|the|au|en|in|في)\s+|l')", "", folded)
    folded = re.sub(
        r"\A(?:north|south|east|west|northern|southern|eastern|western|central|nord|sud|centre)\s+",
        "",
        folded,
    )
    return folded in _COUNTRY_KEYS or (folded[:1] in ("ب", "و", "ف") and folded[1:] in _COUNTRY_KEYS)


_PLACE_KIND_WORDS = _re(kw(r"\b(?:governorate|gouvernorat|province|prefecture|region|wilaya|city|ville)\b"))


def _labelled_places(doc: Doc) -> list[tuple[str, Span]]:
    """Places written as a labelled value, known to the gazetteer or not (calls
    abroad, towns it lacks): the value is split into names, country names and
    words like "Governorate" dropped; a value after a colon inside it wins
    ("Tunisia (with travel to intervention areas : Jendouba, Tozeur)")."""
    out: list[tuple[str, Span]] = []
    for match in _PLACE_LABEL.finditer(doc.folded, 0, min(len(doc.folded), 20_000)):
        value_start, value = match.start("value"), doc.masked[match.start("value") : match.end("value")]
        if not value.strip(" |:"):  # the value is on the next non-blank line
            following = doc.masked.find("\n", match.end())
            while 0 <= following < len(doc.masked) - 1 and doc.masked[following + 1] in "\n|: ":
                following += 1
            if following == -1:
                continue
            value_start = following + 1
            value = doc.masked[value_start : doc.line_bounds(value_start)[1]]
        if len(value) > 200:
            continue
        colon = max(value.rfind(":"), value.rfind("："))
        if colon != -1:
            value_start, value = value_start + colon + 1, value[colon + 1 :]
        for part in re.finditer(r"[^,;،؛()|/–\-]+", value):
            raw = part.group(0)
            start = value_start + part.start()
            # "Siège de X", "المديرية الإقليمية بالحسيمة": an office, not a place name; the place its name holds
            if _SEAT.match(fold(raw).strip()) or (
                _OFFICE_OF.match(fold(raw)) and _place_spans(doc, start, start + len(raw))
            ):
                out.extend(
                    (doc.text[a:b], (a, b)) for _, (a, b) in _place_spans(doc, start, start + len(raw))
                )
                continue
            name = _PLACE_KIND_WORDS.sub("", fold(raw)).strip()
            words = raw.split()
            if (
                len(words) > 4
            ):  # a phrase of the list ("et sites de terrain à Settat et Berrechid"): its places
                if not _EXAM_WORDS.search(doc.folded, start, start + len(raw)):
                    phrase = _place_spans(doc, start, start + len(raw))
                    out.extend((doc.text[a:b], (a, b)) for _, (a, b) in phrase)
                    if not phrase:
                        out.extend(_places_after_in(doc, start, start + len(raw)))
                continue
            if not name or _COUNTRIES.fullmatch(name) or not words:
                continue
            cleaned = " ".join(w for w in words if not _PLACE_KIND_WORDS.fullmatch(fold(w)))
            cleaned = re.sub(r"\A(?:and|et|و)\s+", "", cleaned).strip(" .")
            if cleaned and (cleaned[0].isupper() or "\u0600" <= cleaned[0] <= "\u06ff"):
                offset = value_start + part.start() + raw.index(cleaned.split()[0])
                out.append((cleaned, (offset, offset + len(cleaned))))
        if out:
            return out
    return out


# An organisation's seat or office written as the value of a work-place label: "Siège de X", "Bureau de X".
# An office or a body where the post works ("Délégation provinciale de X", "المديرية الإقليمية بالحسيمة"):
# the place is the one its name holds, not the office's name.
_OFFICE_OF = _re(
    r"\s*(?:(?:la |le |l'|les |the |au |a la |a l')?(?:delegation|direction|siege|bureau|office|antenne|agence|centre|"
    r"service|departement|division|cellule|unite|coordination|representation|annexe|head ?office|branch|"
    r"field office|sub-office)\b"
    r"|(?:ال)?(?:"
    + kw(
        r"مديرية",
        r"مندوبية",
        r"إدارة",
        r"مقر",
        r"مكتب",
        r"مصلحة",
        r"قسم",
        r"وكالة",
        r"مركز",
        r"عمالة",
        r"ملحقة",
        r"فرع",
    )
    + r")\S*\s)"
)
_SEAT = _re(
    kw(
        r"(?:au |le |the )?siege",
        r"(?:au |le |the )?bureau",
        r"(?:the )?head ?office",
        r"(?:the )?office",
        r"مقر",
    )
)


_LINE = re.compile(r"[^\n]+")
_CITY_COUNTRY = _re(
    r"(?P<name>[A-ZÀ-Ý][\w'’\-]{2,30}(?: [A-ZÀ-Ý][\w'’\-]{1,30}){0,2}),[ \t]*(?P<country>[^\W\d][^,\n]{2,20})"
)


def _standalone_places(doc: Doc) -> list[tuple[str, Span]]:
    """A job platform's location printed alone near the top: "Tunis, Tunisie" on its own line,
    or a country line followed by its city ("MAROC" + "RABAT")."""
    out: list[tuple[str, Span]] = []
    lines: list[tuple[int, str]] = []  # the first 41 non-blank lines: a line and the one after it
    for m in _LINE.finditer(doc.masked, 0, min(len(doc.masked), 4000)):
        if m.group(0).strip():
            lines.append((m.start(), m.group(0).strip()))
            if len(lines) > 40:
                break
    for index, (start, line) in enumerate(lines[:40]):
        lead = doc.masked.find(line, start)
        pair = _CITY_COUNTRY.fullmatch(line)
        if pair and _COUNTRIES.fullmatch(
            doc.folded[lead + pair.start("country") : lead + pair.end("country")].strip()
        ):
            out.append((pair.group("name"), (lead, lead + len(pair.group("name")))))
        elif _COUNTRIES.fullmatch(doc.folded[lead : lead + len(line)]) and index + 1 < len(lines):
            n_start, nxt = lines[index + 1]
            known = doc.gazetteer is not None and doc.gazetteer.lookup(nxt) is not None
            if len(nxt.split()) <= 3 and not re.search(r"[\d:@]", nxt) and (known or nxt.isupper()):
                n_lead = doc.masked.find(nxt, n_start)
                out.append((nxt, (n_lead, n_lead + len(nxt))))
        if len(out) >= 3:
            break
    return out


_NAMED_AREA = _re(
    r"\b(?:[Gg]ouvernorat|[Gg]overnorate|[Ww]ilaya|[Dd]élégation|[Rr]égion|[Rr]egion|[Pp]rovince)\s+(?:de\s+|d['’]|of\s+)?"
    r"(?P<name>[A-ZÀ-Ý][\w'’\-]{2,30}(?:\s[A-ZÀ-Ý][\w'’\-]{2,30}){0,2})"
)
# A capitalised name then its division word, after "in": "in Mafraq governorate", "in the Akkar district".
_NAMED_AREA_AFTER = _re(
    r"\b(?:in)\s+(?:the\s+)?(?P<name>[A-ZÀ-Ý][\w'’\-]{2,30}(?:\s[A-ZÀ-Ý][\w'’\-]{2,30}){0,2})"
    r"\s+(?:[Gg]overnorate|[Dd]istrict|[Pp]rovince|[Rr]egion|[Ww]ilaya)\b"
)
MAX_LOCATIONS = 60  # a call names a few dozen places at most
MAX_CUES = 200
_ARABIC_DIVISION = _re(r"(?:جهة|إقليم|اقليم|عمالة|جماعة|مدينة|ولاية|محافظة)\s+")
_CLAUSE_START = _re(r"[.!?;\n](?=[^.!?;\n]*\Z)")


def _near(line_start: int, position: int) -> int:
    """Where the words before ``position`` that bear on it start: its line, at most 200 characters back
    (so a line of a thousand cues is read in linear time)."""
    return max(line_start, position - 200)


def _aside(doc: Doc, position: int) -> bool:
    """Whether the clause leading to ``position`` is about an exam, an interview, a head office
    or an address ("les épreuves se dérouleront à Rabat", "sise à Marrakech, 10 rue ...")."""
    start = max(0, position - 160)
    window = doc.folded[start:position]
    boundary = _CLAUSE_START.search(window)
    clause = window[boundary.end() :] if boundary else window
    return bool(_NOT_MISSION_PLACE.search(clause) or _ADDRESS_CUE.search(clause))


# A row of another label ("Type de contrat : CDD", "Durée | 3 mois"): where a location section's value ends.
_LABEL_ROW = _re(r"[ \t]*(?P<key>[^\n:|\t]{2,40}?)[ \t]*(?::|\t|\s\|\s)[ \t]*\S")


def _other_label_row(doc: Doc, start: int, end: int) -> bool:
    row = _LABEL_ROW.match(doc.folded, start, end)
    if row is None or len(row.group("key").split()) > 5:
        return False
    key = row.group("key")
    return not (
        _TRAVEL_KEY.match(key)
        or _PLACE_LABEL.match(key + " :")
        or _REGION_WORDS.search(key)
        or _ENUM_CUE.search(key + " ")
    )


_TRAVEL_KEY = _re(
    kw(r"deplacements?", r"travel", r"field (?:visits?|trips?)", r"missions? de terrain", r"تنقل")
)


# Trips of the mission: "with field visits to Irbid and Mafraq", "one trip to Tunis",
# "des déplacements à Guelmim et Tan-Tan", "زيارات ميدانية إلى".
_TRAVEL = _re(
    "(?:"
    + kw(
        r"field (?:visits?|trips?|missions?) (?:to|in)",
        # an adverb or an adjective between: "travel regularly to", "des déplacements fréquents à"
        r"(?:trips?|travel(?:s|ling)?)(?: (?:frequently|regularly|occasionally|often))? to",
        r"missions? de terrain (?:a|au|en|dans)",
        r"visites? de terrain (?:a|au|en|dans)",
        r"deplacements?(?: (?:frequents?|reguliers?|ponctuels?|occasionnels?|periodiques?))? (?:a|au|vers|sur|dans)",
        r"زيارات? ميدانية (?:إلى|الى|ل|ب)",
        r"تنقلات?(?: (?:متكررة|منتظمة|دورية))? (?:إلى|الى|نحو)",
    )
    + r")\s+(?:(?:la|le|les|l'|the)\s+)?(?:(?:ville|city|region|region|province|town)s? (?:de |d'|of )?)?"
)
_TRAVEL_NAMES = _re(
    r"(?P<names>[A-ZÀ-Ý][\w'’\-]{1,30}(?: [A-ZÀ-Ý][\w'’\-]{1,30}){0,2}"
    r"(?:\s*(?:,|\bet\b|\band\b)\s*[A-ZÀ-Ý][\w'’\-]{1,30}(?: [A-ZÀ-Ý][\w'’\-]{1,30}){0,2}){0,5})"
)


# "in the Beqaa and Akkar governorates", "à Al Hoceima et Nador", "dans la ville de Kasserine"
_IN_NAMES = _re(
    r"(?:\b(?:à|au|aux|en|in|at|dans|within)|ب|في)\s+(?:(?:the|la|le|les|l['’])\s*)?"
    r"(?:(?:villes?|city|cities|towns?|communes?|provinces?|r[ée]gions?|gouvernorats?|governorates?|districts?|wilayas?)"
    r"\s+(?:de\s+|d['’]|of\s+|du\s+)?)?"
    r"(?P<names>" + _PLACE_NAME + r"(?:\s*(?:,|\bet\b|\band\b)\s*" + _PLACE_NAME + r"){0,5})"
)


def _places_after_in(doc: Doc, start: int, end: int) -> list[tuple[str, Span]]:
    out: list[tuple[str, Span]] = []
    for match in _IN_NAMES.finditer(doc.masked, start, end):
        position = match.start("names")
        for part in re.split(r"\s*(?:,|\bet\b|\band\b)\s*", match.group("names")):
            offset = doc.masked.find(part, position, match.end("names"))
            if not part or offset == -1:
                continue
            position = offset + len(part)
            name = _ENUM_KIND_SUFFIX.sub("", part)
            out.append((name, (offset, offset + len(name))))
    return out


# A table's header cell naming the place column.
_COLUMN_LABEL = _re(
    kw(
        r"lieux?(?: de la mission| d'affectation| d'execution| de travail| du poste| de la formation)?",
        r"affectation",
        r"localisation",
        r"villes?",
        r"regions?",
        r"provinces?",
        r"(?:duty |work |job )?(?:station|locations?)",
        r"city",
        r"governorates?",
        r"gouvernorats?",
        r"مكان (?:العمل|التعيين|الاشتغال|التكوين)",
        r"مقر (?:العمل|التعيين|الاشتغال)",
        r"التعيين",
        r"المدينة",
        r"الجهة",
        r"الإقليم",
        r"الاقليم",
        r"العمالة",
        r"العمالة أو الإقليم",
    )
)
# A column of the administrative units the posts belong to ("المندوبية الإقليمية بالرباط"): only the
# places the gazetteer finds in its cells count.
_UNIT_COLUMN = _re(
    kw(
        r"المديرية",
        r"المندوبية",
        r"المصلحة",
        r"الإدارة",
        r"delegations?",
        r"directions?(?: regionales?| provinciales?)?",
        r"antennes?",
        r"offices?",
        r"entites?",
        r"services?",
    )
)
_CELLS = re.compile(r"\t|\s*\|\s*")
MAX_TABLE_ROWS = 40


def _table_places(doc: Doc) -> list[tuple[str, Span]]:
    """The values of a table's place column: a header row of cells (tabs or pipes) one of which names
    the place, then the rows below it, as many cells each, until the table ends."""
    text = doc.masked[: min(len(doc.masked), 20_000)]
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", text)]
    for index, (start, line) in enumerate(lines):
        if "\t" not in line and "|" not in line:
            continue
        header = _CELLS.split(doc.folded[start : start + len(line)].strip(" |"))
        if len(header) < 2 or len(header) > 12:
            continue
        column = next(
            (i for i, cell in enumerate(header) if _COLUMN_LABEL.fullmatch(cell.strip(" :*#"))), None
        )
        units = column is None
        if units:
            column = next(
                (i for i, cell in enumerate(header) if _UNIT_COLUMN.fullmatch(cell.strip(" :*#"))), None
            )
        if column is None:
            continue
        out: list[tuple[str, Span]] = []
        for row_start, row in lines[index + 1 : index + 1 + MAX_TABLE_ROWS]:
            stripped = row.strip(" |")
            if re.fullmatch(r"[\s|:\-–=+]*", row):
                continue  # a markdown rule "---|---"
            cells = _CELLS.split(stripped)
            if abs(len(cells) - len(header)) > 1 or column >= len(cells):
                break
            value = cells[column].strip()
            at = doc.masked.find(value, row_start + row.index(stripped) if stripped else row_start)
            if not value or at == -1 or re.search(r"\d", value):
                continue
            known = _place_spans(doc, at, at + len(value))
            if known:  # "المندوبية الإقليمية بالرباط", "جهة الشرق": the place in the cell
                out.extend((doc.text[a:b], (a, b)) for _, (a, b) in known[:2])
            elif not units and len(value.split()) <= 4:
                out.append((value, (at, at + len(value))))
        if out:
            return out
    return []


def _travel_places(doc: Doc) -> list[tuple[str, Span]]:
    out: list[tuple[str, Span]] = []
    for match in _TRAVEL.finditer(doc.folded, 0, min(len(doc.folded), 50_000)):
        line_end = doc.line_bounds(match.start())[1]
        known = _place_spans(doc, match.end(), min(line_end, match.end() + 80))
        listed = _TRAVEL_NAMES.match(doc.masked, match.end(), line_end)
        if listed:
            position = listed.start()
            for part in re.split(r"\s*(?:,|\bet\b|\band\b)\s*", listed.group("names")):
                offset = doc.masked.find(part, position, listed.end())
                if part and offset != -1:
                    out.append((part, (offset, offset + len(part))))
                    position = offset + len(part)
        elif known and known[0][1][0] - match.end() < 3:  # "زيارات ميدانية إلى وجدة"
            out.extend((doc.text[a:b], (a, b)) for _, (a, b) in known[:4])
        if len(out) >= 6:
            break
    return out


# "تعلن جامعة ابن زهر بأكادير عن", "يعلن المجلس الإقليمي لتارودانت عن", "La Délégation provinciale de
# Settat recrute": the announcing body's place (the subject before the verb).
_ANNOUNCES = _re("(?:" + kw(r"تعلن", r"يعلن", r"أعلنت", r"اعلنت") + r")\s")
_ANNOUNCED = _re(r"\s(?:" + kw(r"عن", r"أنه", r"انه") + r")\s")
_RECRUITS = re.compile(
    r"\s(?:"
    + kw(r"recrute(?:nt)?", r"lance(?:nt)?", r"is recruiting", r"is hiring", r"is seeking", r"seeks")
    + r")\b"
)
_CITY_CUE_AR = _re("(?:" + kw(r"بمدينة", r"في مدينة") + r")\s*")


_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’])([A-ZÀ-Ý][\w'’\-]*)[ \t]+\Z")
_TERRITORY_WORD = _re(
    kw(r"commune", r"province", r"prefecture", r"region", r"ville", r"municipalite", r"wilaya", r"city")
)
_ARABIC_WORD_BEFORE = re.compile(r"(\S+)\s+\Z")
_ASSOCIATION_KIND_AR = _re(
    r"(?:ال)?(?:"
    + kw(r"جمعية", r"منظمة", r"مؤسسة", r"شبكة", r"نادي", r"تعاونية", r"فيدرالية", r"رابطة", r"اتحاد")
    + r")"
)


def _in_a_name(doc: Doc, start: int, end: int) -> bool:
    """Whether the place at ``start`` is a word of an organisation's name ("Association Tanger Solidarité",
    "جمعية طنجة للتضامن") rather than the place that situates it ("Délégation de Settat", "جامعة ... بفاس",
    "Commune Tinghir", "جماعة أمزميز": a territory's own name is its place)."""
    before = doc.masked[max(0, start - 40) : start]
    if "\u0600" <= doc.masked[start : start + 1] <= "\u06ff":
        if doc.folded[start : start + 1] in ("ب", "ل"):  # glued: "بفاس", "للرشيدية"
            return False
        word = _ARABIC_WORD_BEFORE.search(before)
        return word is not None and _ASSOCIATION_KIND_AR.fullmatch(fold(word.group(1))) is not None
    word = _CAPITALISED_BEFORE.search(before)
    return word is not None and not _TERRITORY_WORD.fullmatch(fold(word.group(1)))


def _announcer_place(doc: Doc) -> list[tuple[str, Span, Place | None]]:
    limit = min(len(doc.folded), 5_000)
    subjects: list[tuple[int, int]] = []
    for match in _ANNOUNCES.finditer(doc.folded, 0, limit):
        line_end = doc.line_bounds(match.start())[1]
        close = _ANNOUNCED.search(doc.folded, match.end(), min(line_end, match.end() + 120))
        if close is not None:
            subjects.append((match.end(), close.start()))
    for match in _RECRUITS.finditer(doc.folded, 0, limit):
        line_start = doc.line_bounds(match.start())[0]
        floor = max(line_start, match.start() - 120)  # bounded: a line of a thousand verbs stays linear
        sentence = max(floor, doc.folded.rfind(". ", floor, match.start()) + 2)
        subjects.append((sentence, match.start()))
    for start, end in sorted(subjects):
        found = [(place, span) for place, span in _place_spans(doc, start, end) if not _in_a_name(doc, *span)]
        if found:
            place, (a, b) = found[-1]  # "جامعة ... بفاس": the last place situates the body
            return [(doc.text[a:b], (a, b), place)]
        city = _CITY_CUE_AR.search(doc.folded, start, end)
        if city:
            unknown = _UNKNOWN_NAME.match(doc.masked, city.end(), end)
            if unknown:
                return [(unknown.group("name"), unknown.span("name"), None)]
    return []


def read_locations(doc: Doc) -> None:
    names: list[str] = []
    places: list[Place | None] = []
    spans: list[Span] = []

    level: list[float] = []  # the confidence of the first kind of evidence that named places

    def settle(confidence: float) -> None:
        if names and not level:
            level.append(confidence)

    def add(name: str, span: Span, place: Place | None = None, *, stated: bool = False) -> None:
        """``stated``: the place is a location section's or label's value, not a place met in a sentence
        (which counts only when its clause is not about an exam, a head office or an address)."""
        if len(names) >= MAX_LOCATIONS:  # each name is compared with the others: keep it bounded
            return
        name = tidy(name)
        if not name or name.lower() in _NOT_PLACE or len(name) < 3 or is_country(name):
            return
        if not stated and _aside(doc, span[0]):
            return
        elided = re.match(r"[lLdD]['’](?=[A-ZÀ-Ý])", name)
        if elided:  # "l'Oriental", "d'Amellago": the article is not the name
            name, span = name[elided.end() :], (span[0] + elided.end(), span[1])
        division = _ARABIC_DIVISION.match(name)
        if division and len(name) > division.end() + 2:  # "جهة الشرق" is the region called "الشرق"
            name, span = name[division.end() :], (span[0] + division.end(), span[1])
        elif name.startswith("ل") and not name.startswith("ال") and place is not None:
            if place_key(place.name_ar).startswith("ال"):
                # "للرشيدية" is "ل" + "الرشيدية": the article's alef is elided after the preposition
                name = "ا" + (name[1:] if name.startswith("لل") else name)
        for index, (a, b) in enumerate(spans):
            if a <= span[0] and span[1] <= b:  # "Mhamid" inside "Mhamid El Ghizlane"
                if places[index] is None and place is not None:
                    places[index] = place
                return
        key = place_key(name)
        if any(place_key(n) == key for n in names):
            return
        if place is None and doc.gazetteer is not None:
            place = doc.gazetteer.lookup(name)
        if place is not None and any(p is not None and p.code == place.code for p in places):
            return
        names.append(name)
        places.append(place)
        spans.append(span)

    for section in doc.of_role("location"):
        items = [line for line in section.lines if line.is_item]
        if len(items) >= 1:
            for line in items:
                raw = doc.masked[line.start : line.end]
                head = re.split(r"\s*[(,;:]|\s[–\-]\s|\.\s*\Z", raw)[0]
                known = doc.gazetteer is not None and doc.gazetteer.lookup(head) is not None
                if head.strip() and (known or (len(head.split()) <= 4 and not head[:1].islower())):
                    add(head, (line.start, line.start + len(head.rstrip())), stated=True)
            continue
        for index, line in enumerate(section.lines):
            if index and _other_label_row(doc, line.start, line.end):
                break  # "Lieu du poste : Agadir" then "Type de contrat : CDD": the place's value has ended
            if _NOT_MISSION_PLACE.search(doc.folded, line.start, line.end):
                labelled = _PLACE_LABEL.match(doc.folded, line.start, line.end)
                if labelled is None or _EXAM_WORDS.search(doc.folded, line.start, line.end):
                    continue
                # "Lieu de travail : Siège de Réseau Intégrité Maroc, Rabat": the work is at the seat
                for seat_city, span in _place_spans(doc, labelled.start("value"), line.end):
                    add(doc.text[span[0] : span[1]], span, seat_city, stated=True)
                continue
            written = _written_places(doc, line.start, line.end)
            if written:
                for name, span, kind in written:
                    add(name, span, _lookup(doc, name, kind), stated=True)
                continue
            found = sorted(
                [(span, place, 1) for place, span in _place_spans(doc, line.start, line.end)]
                + [
                    (span, _lookup(doc, name, kind), 0)
                    for name, span, kind in _enumerated(doc, line.start, line.end)
                ],
                key=lambda item: (item[0][0], -item[0][1], item[2]),
            )
            for span, place, _ in found:
                add(doc.text[span[0] : span[1]], span, place, stated=True)
            if not found:
                for match in _AT_PLACE.finditer(doc.masked, line.start, line.end):
                    add(match.group("place"), (match.start("place"), match.end("place")), stated=True)
    settle(0.85)  # a location section
    if not names:  # a table of posts with a place column: "Poste | Nombre | Lieu d'affectation"
        for name, span in _table_places(doc):
            add(name, span, stated=True)
    if not names:  # a labelled value anywhere: "- Lieu : Grand Tunis", "Delivery location" + "Amman – Jordan"
        for name, span in _labelled_places(doc):
            add(name, span, stated=True)
    if not names:  # "Tunis, Tunisie" alone on its line, "MAROC" + "RABAT"
        for name, span in _standalone_places(doc):
            add(name, span, stated=True)
    _drop_parents(doc, names, places, spans)
    settle(0.85)  # a table, a labelled value, a place alone on its line
    for match in _WORKS_AT.finditer(doc.folded, 0, min(len(doc.folded), 20_000)):
        line_end = doc.line_bounds(match.start())[1]
        stop = re.search(r"[.;!?،,](?:\s|\Z)", doc.masked[match.end() : min(line_end, match.end() + 80)])
        end = match.end() + stop.start() if stop else min(line_end, match.end() + 80)
        for place, span in _place_spans(doc, match.end(), end)[:3]:
            add(doc.text[span[0] : span[1]], span, place)
    for match in _BASED.finditer(doc.folded):
        line_start, line_end = doc.line_bounds(match.start())
        if "\n" in match.group(0) and re.search(r"\t|\s\|", doc.masked[line_start:line_end]):
            continue  # a table's header cell ("Poste | Nombre | Lieu d'affectation"): the next row is no value
        tail = doc.masked[match.end() : match.end() + 60].split("\n")[0]
        office = _OFFICE_OF.match(fold(tail)) and _place_spans(doc, match.end(), match.end() + len(tail))
        if office:  # "Lieu d'affectation : Délégation provinciale de Khouribga": the place its name holds
            for place, span in office:
                add(doc.text[span[0] : span[1]], span, place)
            continue
        based = _BASED_NAME.match(tail)
        if based:
            start = match.end() + based.start(1)
            add(based.group(1), (start, start + len(based.group(1))))
    if names or doc.fields.get("call_type") != "staff":  # a post's own trips are not places of a mission
        for name, span in _travel_places(doc):
            add(name, span)
    if not names:
        for match in _near_stems(_TAKES_PLACE, _TAKES_PLACE_STEMS, doc.folded, 0, len(doc.folded)):
            line_start = doc.line_bounds(match.start())[0]
            if _NOT_MISSION_PLACE.search(
                doc.folded, _near(line_start, match.start()), match.start()
            ) or _EXAM_WORDS.search(doc.folded, match.end(), match.end() + 40):
                continue  # "les épreuves auront lieu à Fès", "ستجرى المباراة بمراكش"
            # The sentence, which a PDF transcript may break once: "auront lieu" / "à Oujda et à Berkane."
            line_end = doc.line_bounds(match.start())[1]
            if not doc.masked[match.end() : line_end].strip(" ,:") and line_end + 1 < len(doc.masked):
                line_end = doc.line_bounds(line_end + 1)[1]
            line_end = min(line_end, match.end() + 300)
            stop = re.search(r"[.;!?](?:\s|\Z)", doc.masked[match.end() : line_end])
            end = match.end() + stop.start() if stop else line_end
            linked = sorted(
                [(span, place, 1) for place, span in _place_spans(doc, match.end(), end)]
                + [
                    (span, _lookup(doc, name, kind), 0)
                    for name, span, kind in _enumerated(doc, match.end(), end)
                ],
                key=lambda item: (item[0][0], -item[0][1], item[2]),
            )
            # the verb's own sentence is checked above: "se déroulera au siège de l'association à Agadir"
            for span, place, _ in linked:
                add(doc.text[span[0] : span[1]], span, place, stated=True)
            if not linked:
                for name, span in _places_after_in(doc, match.end(), end):
                    add(name, span, stated=True)
        _drop_parents(doc, names, places, spans)
    settle(0.75)  # "based in", trips, "se déroulera à"
    if not names:  # "the assignment covers three districts: Akkar, Baalbek and Hermel"
        for name, span, kind in _enumerated(doc, 0, min(len(doc.folded), 20_000)):
            line_start = doc.line_bounds(span[0])[0]
            if len(names) < 8 and not _NOT_MISSION_PLACE.search(
                doc.folded, _near(line_start, span[0]), span[0]
            ):
                add(name, span, _lookup(doc, name, kind))
        _drop_parents(doc, names, places, spans)
    if not names:
        for seen, match in enumerate(
            _near_stems(_REGION_WORDS, _REGION_STEMS, doc.folded, 0, len(doc.folded))
        ):
            if seen >= MAX_CUES:
                break  # a call situates its work in its first few mentions; a flood of cue words is noise
            line_start, line_end = doc.line_bounds(match.start())
            if _NOT_MISSION_PLACE.search(doc.folded, _near(line_start, match.start()), match.start()):
                continue  # "ستجرى الاختبارات بمدينة الرباط", "siège social à la ville de Fès"
            gazetteer_places = _place_spans(doc, match.start(), min(line_end, match.end() + 160))
            for region_place, span in gazetteer_places:
                add(doc.text[span[0] : span[1]], span, region_place)
            if not gazetteer_places and _CITY_WORD.fullmatch(doc.folded, match.start(), match.end()):
                unknown = _UNKNOWN_NAME.match(doc.masked, match.end(), line_end)
                if unknown:  # "بمدينة صفاقس", "la ville de Kasserine": a place the gazetteer lacks
                    add(unknown.group("name"), unknown.span("name"))
            if len(names) >= 6:
                break
        _drop_parents(doc, names, places, spans)
    if names and not level:  # "المملكة المغربية / ... لجهة سوس ماسة / المديرية الإقليمية بتزنيت"
        upper, issuing = _letterhead_levels(doc)
        kept = [i for i, (a, _) in enumerate(spans) if not upper[0] <= a < upper[1]]
        if issuing and len(kept) < len(names):
            names[:], places[:], spans[:] = (
                [names[i] for i in kept],
                [places[i] for i in kept],
                [spans[i] for i in kept],
            )
            for place, span in issuing:
                add(doc.text[span[0] : span[1]], span, place)
    settle(0.65)  # an enumeration or a division named anywhere
    if not names:  # "تعلن جامعة ابن زهر بأكادير عن": the post is where the announcing body is
        for name, span, place in _announcer_place(doc):
            add(name, span, place)
    if not names:  # places named in the timeline or the tasks: "3 and 4 July 2025 in Chefchaouen"
        for section in doc.of_role("calendar", "tasks", "scope"):
            for place, span in _place_spans(doc, section.body_start, section.body_end):
                if place.kind != "region":
                    add(doc.text[span[0] : span[1]], span, place)
    if not names and doc.gazetteer is not None:  # last resort: "à Al Hoceima et Nador" anywhere
        for at in _AT_PLACE_LIST.finditer(doc.masked):
            for place, span in _place_spans(doc, at.start("places"), at.end("places")):
                if place.kind != "region" and len(names) < 4:
                    add(doc.text[span[0] : span[1]], span, place)
    if not names:  # abroad, unknown to the gazetteer: "le gouvernorat de Kairouan", "la région de Trarza"
        for match in _NAMED_AREA.finditer(doc.masked, 0, min(len(doc.masked), 20_000)):
            if len(names) >= 3:
                break
            add(match.group("name"), match.span("name"))
    if not names:  # "to train teachers in Irbid governorate"
        for match in _NAMED_AREA_AFTER.finditer(doc.masked, 0, min(len(doc.masked), 20_000)):
            if len(names) >= 3:
                break
            add(match.group("name"), match.span("name"))
    settle(0.5)  # the announcing body's place, a place in the tasks, a last resort: the issuer checks it
    doc.set("locations", names, spans, level[0] if names else 0.0)
    doc.set("location_codes", [p.code for p in places if p is not None], [], 0.8)


_SITUATING = _re(
    "(?:"
    + kw(r"province", r"prefecture", r"region", r"إقليم", r"عمالة", r"جهة", r"بإقليم", r"بجهة")
    + r")\W{0,6}(?:de |d'|du |des )?\Z"
)


_KINGDOM = _re(kw(r"\A[-–•·\s]*(?:royaume du maroc|kingdom of morocco|المملكة المغربية)[\s.]*\Z"))


def _letterhead_levels(doc: Doc) -> tuple[Span, list[tuple[Place, Span]]]:
    """An administration's letterhead ("Royaume du Maroc", the ministry, the region, the province, the
    body that issues): the stretch of its upper levels, which only situate the issuing body, and the
    places of its deepest line that names one (the issuing body's). ((0, 0), []) without one."""
    lines = [m for m in _LINE.finditer(doc.folded, 0, min(len(doc.folded), 1500)) if m.group(0).strip()][:10]
    for index, line in enumerate(lines):
        if not _KINGDOM.match(line.group(0)):
            continue
        stack = []
        for body in lines[index + 1 : index + 7]:
            if len(body.group(0).split()) > 12 or re.search(r"\d", body.group(0)):
                break
            stack.append(body)
        placed = [(body, _place_spans(doc, body.start(), body.end())) for body in stack]
        placed = [(body, found) for body, found in placed if found]
        if not placed:
            return (0, 0), []
        deepest, found = placed[-1]
        return (line.start(), deepest.start()), found
    return (0, 0), []


def _drop_parents(doc: Doc, names: list[str], places: list[Place | None], spans: list[Span]) -> None:
    """ "Tafraout et Mirleft, province de Tiznit": the province only situates the communes."""
    parents: set[str] = set()
    for place in places:
        if place is not None and place.parent_code:
            parents.add(place.parent_code)
            parent = doc.gazetteer.by_code.get(place.parent_code) if doc.gazetteer else None
            if parent is not None and parent.parent_code:
                parents.add(parent.parent_code)
    for index in range(len(places) - 1, -1, -1):
        place = places[index]
        start = spans[index][0]
        before = doc.folded[max(0, start - 24) : start]
        situating = bool(_SITUATING.search(before)) or "(" in before[-3:]
        if place is not None and place.code in parents and situating:
            del names[index], places[index], spans[index]
