"""Numbers of a call: its duration in working days and its number of participants, with the written
numbers (deux, five, ثلاثة) and units (jours, days, أيام) they are read with."""

from __future__ import annotations

import re

from nidaa.tor.fields.common import Doc, Span
from nidaa.tor.text import kw

PEOPLE = kw(
    r"staff",
    r"employees",
    r"salarie\.?e?s",
    r"collaborateurs",
    r"موظفا",
    r"موظفين",
    r"enfants",
    r"eleves",
    r"adolescent\.?e?s",
    r"representant\.?e?s",
    r"agriculteurs",
    r"cadres",
    r"youths?",
    r"young people",
    r"women",
    r"children",
    r"students",
    r"members",
    r"يافعا",
    r"يافعة",
    r"يافعين",
    r"شابا",
    r"شابة",
    r"شباب",
    r"امرأة",
    r"نساء",
    r"طفلا",
    r"أطفال",
    r"تلميذا",
    r"منتخبا",
    r"منتخبين",
    r"participant\.?e?s?",
    r"participantes?",
    r"participante?s?",
    r"beneficiaires?",
    r"personnes",
    r"acteurs(?: et actrices)?",
    r"actrices",
    r"elu\.?e?s",
    r"jeunes",
    r"femmes",
    r"membres",
    r"stagiaires",
    r"apprenant\.?e?s",
    r"trainees",
    r"people",
    r"persons",
    r"attendees",
    r"beneficiaries",
    r"participants",
    r"مشارك(?:ا|ة|ين|ات|ون)?",
    r"مستفيد(?:ا|ة|ين|ات|ون)?",
    r"أشخاص",
    r"شخصا",
    r"فاعل(?:ا|ين|ة)",
    r"فاعلات",
    r"graduates",
    r"officers",
    r"councillors",
    r"councilors",
    r"teachers",
    r"educators",
    r"farmers",
    r"girls",
    r"boys",
    r"men",
    r"agents",
    r"fonctionnaires",
    r"diplome\.?e?s",
    r"enseignant\.?e?s",
    r"educat(?:eurs|rices)",
    r"animat(?:eurs|rices)",
    r"conseill(?:ers|eres)",
    r"filles",
    r"garcons",
    r"hommes",
    r"عضوا",
    r"أعضاء",
    r"أستاذا",
    r"مربيا",
    r"مربية",
    r"مربين",
    r"مربيات",
)


# Activities whose people are informants, not beneficiaries: the focus-group
# members or survey respondents of a study are not the call's participants.
DATA_COLLECTION = kw(
    r"focus[- ]groups?",
    r"groupes? de discussion",
    r"entretiens?",
    r"interviews?",
    r"enquetes?",
    r"surveys?",
    r"sample",
    r"echantillon",
    r"respondents",
    r"repondants",
    r"questionnaires?",
    r"مجموعات? بؤرية",
    r"مقابلات",
    r"استمارة",
    r"عينة",
    r"بحث ميداني",
)


# Activities whose people are the beneficiaries: "Train 25 officers", "bootcamp for 40 graduates".
BENEFIT_ACTIVITY = kw(
    r"train(?:s|ing)?",
    r"former",
    r"formation",
    r"formations",
    r"atelier",
    r"ateliers",
    r"workshops?",
    r"bootcamp",
    r"sessions?",
    r"coach(?:ing)?",
    r"accompagne(?:r|ment)",
    r"sensibilis(?:er|ation)",
    r"capacity building",
    r"renforcement des capacites",
    r"تكوين",
    r"تدريب",
    r"ورشات?",
    r"دورات?",
    r"تأطير",
)


PER_UNIT = kw(r"par", r"per", r"each", r"pour chaque", r"dans chaque", r"لكل", r"في كل", r"عن كل", r"بكل")


UNITS: dict[str, str] = {
    "zone": kw(
        r"zones?",
        r"sites?",
        r"communes?",
        r"localites?",
        r"villes?",
        r"cities",
        r"city",
        r"douars?",
        r"مناطق",
        r"منطقة",
        r"جماعة",
        r"جماعات",
        r"مدينة",
        r"مدن",
    ),
    "region": kw(r"regions?", r"جهة", r"جهات"),
    "province": kw(r"provinces?", r"إقليم", r"أقاليم"),
    "module": kw(r"modules?", r"وحدة", r"وحدات"),
    "session": kw(
        r"sessions?",
        r"ateliers?",
        r"workshops?",
        r"formations?",
        r"trainings?",
        r"دورة",
        r"دورات",
        r"ورشة",
        r"ورشات",
    ),
    "group": kw(r"groupes?", r"groups?", r"مجموعة", r"مجموعات"),
}


NUMBER_WORDS: dict[str, int] = {}


for _value, _words in {
    1: "un une one single واحد واحدة",
    2: "deux two اثنان اثنين اثنتين",
    3: "trois three ثلاثة ثلاث",
    4: "quatre four أربعة أربع",
    5: "cinq five خمسة خمس",
    6: "six ستة ست",
    7: "sept seven سبعة سبع",
    8: "huit eight ثمانية ثماني",
    9: "neuf nine تسعة تسع",
    10: "dix ten عشرة عشر",
    11: "onze eleven",
    12: "douze twelve",
    15: "quinze fifteen",
    20: "vingt twenty عشرين عشرون",
    30: "trente thirty ثلاثين ثلاثون",
}.items():
    for _word in _words.split():
        NUMBER_WORDS[kw(_word)] = _value


NUMBER = r"(?:\d{1,4}(?:[.,]5)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"


DAYS = kw(
    r"jours?(?:\s+ouvrables|\s+de travail|\s+ouvres|\s+homme|\s+de prestation|\s+effectifs)?",
    r"journees?",
    r"j/h",
    r"h/j",
    r"hommes?[-\s]jours?",
    r"(?:working |work |man[-\s]|person[-\s])?days?",
    r"أيام",
    r"يوما",
    r"يوم",
)


DAY_QUALIFIER = kw(
    r"training",
    r"working",
    r"work",
    r"field",
    r"consulting",
    r"consultancy",
    r"billable",
    r"full",
    r"effective",
)


DUAL_DAYS = kw(r"يومين", r"يومان")


_TOTAL = re.compile(kw(r"total", r"au total", r"en tout", r"المجموع", r"ما مجموعه"))


def _number(token: str) -> float | None:
    token = token.strip()
    if re.fullmatch(r"\d+(?:[.,]5)?", token):
        return float(token.replace(",", "."))
    return NUMBER_WORDS.get(token)


_DAYS_RE = re.compile(
    rf"(?<![\w/])(?P<n>{NUMBER})(?:\s*|-)(?:\(\s*\d+\s*\)\s*)?(?:(?:{DAY_QUALIFIER})\s+)?(?:{DAYS})(?!\w)",
    re.UNICODE,
)


_DUAL_RE = re.compile(rf"(?:{DUAL_DAYS})")


_PRODUCT_RE = re.compile(
    rf"(?P<n>\d+)\s*(?:{DAYS})\s*(?P<rest>(?:[/x×*]\s*\d+\s*[^\W\d]+\s*){{1,3}})", re.UNICODE
)


_HALF_DAY = re.compile(kw(r"demi[-\s]journee", r"half[-\s]day", r"1/2\s*journee", r"نصف يوم"))


_DURATION_CUE = re.compile(
    kw(
        r"duree",
        r"duration",
        r"volume de travail",
        r"charge de travail",
        r"jours[- ]homme",
        r"person[- ]days",
        r"man[- ]days",
        r"level of effort",
        r"nombre (?:total )?de jours",
        r"total de",
        r"durera",
        r"dureront",
        r"s'etalera",
        r"will last",
        r"lasting",
        r"expected to take",
        r"مدة",
        r"المدة",
        r"عدد أيام",
        r"تستغرق",
        r"ستستغرق",
        r"مدتها",
    )
)


def _days_in(doc: Doc, start: int, end: int) -> tuple[float, Span] | None:
    folded = doc.folded[start:end]
    product = _PRODUCT_RE.search(folded)
    if product:
        total = float(product.group("n"))
        for factor in re.findall(r"[/x×*]\s*(\d+)", product.group("rest")):
            total *= int(factor)
        return total, (start + product.start(), start + product.end())
    total_match = _TOTAL.search(folded)
    matches = list(_DAYS_RE.finditer(folded))
    if total_match:
        after = [m for m in matches if m.start() >= total_match.start()]
        matches = after or matches
    for match in matches:
        value = _number(match.group("n"))
        if value is None:
            continue
        span = (start + match.start(), start + match.end())
        tail = folded[match.end() : match.end() + 40]
        per = re.match(rf"\s*(?:{PER_UNIT})\s+(?P<unit>[^\W\d]+)", tail)
        if per:
            count = _unit_count(doc, per.group("unit"), folded)
            if count:
                return value * count, span
        return value, span
    dual = _DUAL_RE.search(folded)
    if dual:
        return 2.0, (start + dual.start(), start + dual.end())
    return None


def _unit_kind(unit: str) -> str | None:
    for kind, words in UNITS.items():
        if re.fullmatch(words, unit):
            return kind
    return None


def _unit_count(doc: Doc, unit: str, context: str) -> int | None:
    kind = _unit_kind(unit)
    if kind is None:
        return None
    words = UNITS[kind]
    pattern = (
        rf"(?<![\w/])(?P<n>{NUMBER})\s*(?:\(\s*\d+\s*\)\s*)?"
        rf"(?:(?!(?:{PER_UNIT}|{PEOPLE}|{DAYS})(?!\w))[\w\-]{{1,20}}\s+){{0,2}}?(?:{words})(?!\w)"
    )
    for where in (context, doc.folded):
        counted = re.search(pattern, where)
        if counted:
            value = _number(counted.group("n"))
            if value and value > 1:
                return int(value)
    if kind in ("zone", "province") and doc.fields.get("locations"):
        return len(doc.fields["locations"])
    if kind == "region" and doc.fields.get("locations"):
        regions = [
            code
            for code in doc.fields.get("location_codes", [])
            if doc.gazetteer and (p := doc.gazetteer.by_code.get(code)) and p.kind == "region"
        ]
        return len(regions) or None
    return None


def read_duration(doc: Doc) -> None:
    for section in doc.of_role("duration"):
        found = _days_in(doc, section.body_start, section.body_end)
        if found:
            value, span = found
            doc.set("duration_days", int(value) if value == int(value) else value, [span], 0.85)
            return
        if section.lines and not _HALF_DAY.search(doc.folded[section.body_start : section.body_end]):
            doc.set("duration_days", None)
            return
    for match in _DURATION_CUE.finditer(doc.folded):
        line_start, line_end = doc.line_bounds(match.start())
        found = _days_in(doc, match.start(), min(line_end, match.end() + 160))
        if found:
            value, span = found
            doc.set("duration_days", int(value) if value == int(value) else value, [span], 0.6)
            return
    title_spans = doc.evidence.get("title", [])
    if title_spans:  # "Facilitation of a two-day retreat", "Formation de 3 jours"
        found = _days_in(doc, title_spans[0][0], title_spans[0][1])
        if found:
            value, span = found
            doc.set("duration_days", int(value) if value == int(value) else value, [span], 0.5)
            return
    doc.set("duration_days", None)


_PEOPLE_RE = re.compile(
    rf"(?<![\w/])(?P<n>{NUMBER})\s*(?:\(\s*\d+\s*\)\s*)?(?:[^\W\d]+\s+){{0,2}}?(?P<who>{PEOPLE})(?!\w)",
    re.UNICODE,
)


_PARTICIPANT_WORD = re.compile(
    kw(
        r"participant",
        r"beneficiaire",
        r"beneficiar",
        r"مشارك",
        r"مستفيد",
        r"cible",
        r"target",
        r"gather",
        r"reunira",
        r"rassemblera",
        r"bringing together",
        # not "(?:with|avec|for|pour) \d+": alternatives that start with a letter
        # let the regex engine skip the positions no cue starts at
        *(rf"{word} \d+" for word in ("with", "avec", "for", "pour")),
        r"بمشاركة",
        r"لفائدة",
    )
    + "|"
    + BENEFIT_ACTIVITY
)


_DATA_COLLECTION = re.compile(DATA_COLLECTION)


_PARTICIPANT_STRONG = re.compile(
    kw(r"participant", r"beneficiaire", r"beneficiar", r"مشارك", r"مستفيد", r"cible", r"target")
)


def read_participants(doc: Doc) -> None:
    # The participants are the beneficiaries of the activity: the participants section,
    # else lines naming participants/beneficiaries or a training activity; the people of a
    # data-collection line (focus groups, interviews, survey sample) are informants.
    regions: list[Span] = [(s.body_start, s.body_end) for s in doc.of_role("participants")]
    judged: Span | None = None
    if not regions:
        for match in _PARTICIPANT_WORD.finditer(doc.folded):
            line = doc.line_bounds(match.start())
            if line == judged:
                continue  # each line is judged once, however many cue words it holds
            judged = line
            folded_line = doc.folded[line[0] : line[1]]
            if _DATA_COLLECTION.search(folded_line) and not _PARTICIPANT_STRONG.search(folded_line):
                continue
            regions.append(line)
    plain: tuple[int, Span] | None = None
    per_unit: tuple[int, Span] | None = None
    for start, end in regions:
        folded = doc.folded[start:end]
        for match in _PEOPLE_RE.finditer(folded):
            value = _number(match.group("n"))
            if not value or value < 2 or value > 100000:
                continue
            span = (start + match.start(), start + match.end())
            if _TOTAL_BEFORE.search(folded, max(0, match.start() - 30), match.start()) or _TOTAL_AFTER.match(
                folded, match.end()
            ):
                doc.set("participants", int(value), [span], 0.85)
                return
            tail = folded[match.end() : match.end() + 40]
            per = re.match(rf"\s*(?:{PER_UNIT})\s+(?P<unit>[^\W\d]+)", tail) or _EACH_UNIT.search(
                folded[max(0, match.start() - 60) : match.start()]
            )
            if per:
                if per_unit is None:
                    count = _unit_count(doc, per.group("unit"), folded)
                    if count:
                        per_unit = (int(value) * count, span)
                continue
            if plain is None:
                plain = (int(value), span)
    if plain:
        doc.set("participants", plain[0], [plain[1]], 0.8)
    elif per_unit:
        doc.set("participants", per_unit[0], [per_unit[1]], 0.65)
    else:
        doc.set("participants", None)


_EACH_UNIT = re.compile(rf"(?:{kw('chaque', 'each', 'every', 'كل')})\s+(?P<unit>[^\W\d]+)[^.;\n]*\Z")


_TOTAL_BEFORE = re.compile(
    kw(
        r"au total",
        r"en tout",
        r"total",
        r"soit",
        r"in total",
        r"overall",
        r"ما مجموعه",
        r"المجموع",
        r"cible",
        r"targets?",
    )
)


_TOTAL_AFTER = re.compile(
    r"[^.;\n]{0,25}?" + "(?:" + kw(r"au total", r"en tout", r"in total", r"overall", r"في المجموع") + ")"
)
