"""Cut a call into sections by its headings and say what each section is for.

A heading is a short line that is numbered ("1.", "I-", "IV –"), marked up
("## ..."), ends with a colon, or starts with a known heading word in French,
English or Arabic ("Livrables", "Profile", "المهام"). Its role (context,
objectives, tasks, deliverables, profile, documents, submission, deadline,
duration, location, languages, participants, ...) comes from multilingual
keyword lists. "Heading : value" lines open a section whose body starts on the
same line. Offsets are into the document's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nidaa.tor.text import Views, kw

# Order matters: the first role whose keywords open the heading wins.
ROLE_KEYWORDS: list[tuple[str, str]] = [
    (
        "deadline",
        kw(
            r"delai",
            r"date limite",
            r"dates? butoir",
            r"deadline",
            r"closing date",
            r"آخر أجل",
            r"اخر اجل",
            r"الأجل",
            r"أجل",
            r"تاريخ",
        ),
    ),
    (
        "documents",
        kw(
            r"l'offre doit contenir",
            r"(?:les )?elements du dossier",
            r"(?:les )?pieces",
            r"composition (?:du|de l'offre|des)",
            r"contenu (?:du dossier|de l'offre|de la candidature|des offres)",
            r"presentation de l'offre",
            r"presentation des offres",
            r"dossier de candidature",
            r"dossier de soumission",
            r"dossiers?(?=\s*(?:[:/|]|\Z))",
            r"الملف(?=\s*(?:[:/|]|\Z))",
            r"constitution du dossier",
            r"documents? (?:requis|a fournir|exiges|de candidature)",
            r"application (?:must include|documents|package|file)",
            r"required documents",
            r"documents required",
            r"(?:the )?(?:proposal|application|offer) (?:must|should) (?:include|contain)",
            r"content of the (?:proposal|application|offer)",
            r"الوثائق المطلوبة",
            r"ملف الترشيح",
            r"مكونات (?:الملف|العرض)",
            r"محتوى (?:الملف|العرض)",
            r"وثائق الترشيح",
        ),
    ),
    (
        "submission",
        kw(
            r"modalites de (?:soumission|candidature|depot|participation|presentation)",
            r"soumission",
            r"soumettre",
            r"depot des",
            r"candidature",
            r"comment postuler",
            r"pour postuler",
            r"postuler",
            r"interesse",
            r"how to apply",
            r"application (?:process|procedure|submission|modalities)",
            r"submission",
            r"to apply",
            r"applications?\b",
            r"طريقة الترشيح",
            r"كيفية الترشيح",
            r"كيفية التقديم",
            r"طريقة التقديم",
            r"إيداع",
            r"تقديم الترشيحات",
            r"الترشيح",
        ),
    ),
    (
        "deliverables",
        kw(
            r"livrables?",
            r"produits attendus",
            r"resultats attendus",
            r"deliverables?",
            r"expected (?:outputs|deliverables|products)",
            r"outputs",
            r"المخرجات",
            r"المنتجات المنتظرة",
            r"المنتوجات",
            r"النتائج المنتظرة",
            r"النتائج المتوقعة",
        ),
    ),
    (
        "profile",
        kw(
            r"profils?",
            r"qualifications?",
            r"competences (?:requises|recherchees|exigees)",
            r"experiences? (?:requises?|exigees?)",
            r"(?:votre|le|la) profil",
            r"exigences",
            r"criteres d'eligibilite",
            r"en vue de realiser cette mission",
            r"requirements",
            r"required (?:skills|experience|qualifications)",
            r"skills",
            r"experience and skills",
            r"who (?:we are looking for|you are)",
            r"eligibility",
            r"الملف المطلوب",
            r"المؤهلات",
            r"الكفاءات",
            r"شروط",
            r"الشروط",
            r"المواصفات",
            r"الخبرات المطلوبة",
            r"المهارات",
        ),
    ),
    (
        "duration",
        kw(
            r"durees?",
            r"(?:total |overall )?duration",
            r"period of performance",
            r"volume de travail",
            r"charge de travail",
            r"level of effort",
            r"المدة",
            r"مدة",
        ),
    ),
    (
        "location",
        kw(
            r"lieux?",
            r"zones? d'intervention",
            r"zones? geographiques?",
            r"zones? cibles?",
            r"zones?\b",
            r"couverture geographique",
            r"perimetre",
            r"(?:study|target|project) areas?",
            r"geographic(?:al)? (?:scope|coverage|area)",
            r"localisation",
            r"location",
            r"duty station",
            r"place of",
            r"geographic (?:scope|coverage|area)",
            r"مكان",
            r"أماكن",
            r"مناطق التدخل",
            r"منطقة التدخل",
            r"المجال الترابي",
        ),
    ),
    ("languages", kw(r"langues?", r"languages?", r"لغة", r"اللغة", r"اللغات")),
    (
        "participants",
        kw(
            r"beneficiaires",
            r"participant",
            r"groupes? cibles?",
            r"publics? cibles?",
            r"publics?(?: vises?)?\Z",
            r"population cible",
            r"nombre des",
            r"target (?:group|audience|population)",
            r"beneficiaries",
            r"المستفيد",
            r"المشارك",
            r"الفئة المستهدفة",
            r"الفئات المستهدفة",
            r"الجمهور المستهدف",
        ),
    ),
    (
        "objectives",
        kw(
            r"objectifs?",
            r"objectives?",
            r"goals?",
            r"purpose",
            r"but de",
            r"finalite",
            r"الأهداف",
            r"الهدف",
            r"أهداف",
        ),
    ),
    (
        "context",
        kw(
            r"contexte",
            r"context",
            r"background",
            r"presentation",
            r"introduction",
            r"a propos",
            r"about",
            r"qui sommes",
            r"السياق",
            r"تقديم",
            r"الإطار العام",
            r"نبذة",
            r"خلفية",
        ),
    ),
    (
        "scope",
        kw(
            r"objet de (?:la mission|l'appel|la consultation|la prestation|l'etude|la mission)",
            r"objet du (?:marche|contrat|present)",
            r"scope of (?:the )?(?:assignment|mission|consultancy)",
            r"موضوع",
        ),
    ),
    (
        "tasks",
        kw(
            r"taches?",
            r"missions?",
            r"description (?:de la|des|du) (?:prestation|fonction|poste|mission|services|taches)",
            r"description du travail",
            r"prestations (?:attendues|demandees|a realiser)",
            r"services (?:attendus|demandes)",
            r"expected services",
            r"activites",
            r"attributions",
            r"responsabilites",
            r"role",
            r"scope of work",
            r"responsibilities",
            r"duties",
            r"tasks",
            r"activities",
            r"job description",
            r"main functions",
            r"المهام",
            r"مهام",
            r"الأنشطة",
            r"نطاق العمل",
            r"وصف",
        ),
    ),
    ("methodology", kw(r"methodolog", r"approche", r"methodology", r"approach", r"المنهجية", r"منهجية")),
    (
        "calendar",
        kw(r"calendrier", r"chronogramme", r"schedule", r"timeline", r"الجدول الزمني", r"البرنامج الزمني"),
    ),
    (
        "evaluation",
        kw(
            r"criteres",
            r"evaluation des offres",
            r"selection",
            r"evaluation criteria",
            r"معايير",
            r"التقييم",
        ),
    ),
    ("offer", kw(r"nous vous offrons", r"we offer", r"conditions", r"remuneration", r"نقدم")),
]
_ARTICLE = r"(?:(?:les?|la|l'|des|du|de|the|our|your|votre|vos|nos|notre|و)\s*)?"
# One pattern, one alternative per role in order: the engine tries each role
# (with and without its article) before the next, as a loop over one pattern
# per role would, in one call instead of seventeen.
_ROLE_RE = re.compile(
    r"\A(?:" + "|".join(f"(?P<{role}>{_ARTICLE}(?:{words}))" for role, words in ROLE_KEYWORDS) + ")"
)

_NUMBERING = re.compile(
    r"\A[ \t]*(?:[-–•·▪●◦➢✓>o]\s+)?"
    r"(?:(?P<article>(?:"
    + kw(
        r"article",
        r"art\.",
        r"section",
        r"partie",
        r"chapitre",
        r"part",
        r"المادة",
        r"الفصل",
        r"البند",
        r"المحور",
    )
    + r")\s*\d{1,2}\s*[.:\-–)]?|(?:"
    + kw(r"أولا", r"ثانيا", r"ثالثا", r"رابعا", r"خامسا", r"سادسا", r"سابعا", r"ثامنا", r"تاسعا", r"عاشرا")
    + r")\s*[:.\-–]?)[ \t]*"
    r"|(?:(?P<roman>(?![cld]\b)[ivxlc]{1,5})\s*[.\-–/]|(?P<num>\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\s*[.\-–)/])|(?P<letter>[a-h])\s*[.)])[ \t]+)"
)
_BULLET = re.compile(r"\A[ \t]*(?:[-–—•·▪●◦➢✓►■□▫*+o]|\d{1,2}[.)]|[a-h][.)]|[ivx]{1,4}[.)])[ \t]+")
_BULLET_MARK = re.compile(r"\A[ \t]*[-–—•·▪●◦➢✓►■□▫+]\s")
_TABLE_HEADER = re.compile(
    kw(
        r"(?:echeances?|delais?|dates?|deadlines?|due dates?|timing|calendrier|periodes?|formats?|descriptions?|"
        r"responsables?|paiements?|payments?|pourcentages?|contenus?|observations?|remarques?|المدة|الأجل|الآجال|التاريخ)"
        r"(?:\s*[	|]\s*[^	|]{1,25}){0,3}"
    )
)
_HEAD_SPLIT = re.compile(r"[:\t|]|\s[–—]\s")
_TRAILING_COLON = re.compile(r"[:：]\s*\Z")


@dataclass
class Line:
    start: int  # offset of the line's content (after indentation and bullets/numbering)
    end: int  # offset after the content (trailing spaces dropped)
    raw_start: int
    is_item: bool  # bulleted or numbered

    def text(self, views: Views) -> str:
        return views.masked[self.start : self.end]


@dataclass
class Section:
    role: str | None
    heading_start: int
    heading_end: int
    heading: str
    lines: list[Line] = field(default_factory=list)
    strong: bool = True
    also: tuple[str, ...] = ()  # "Durée et lieu": the roles after the first

    @property
    def body_start(self) -> int:
        return self.lines[0].start if self.lines else self.heading_end

    @property
    def body_end(self) -> int:
        return self.lines[-1].end if self.lines else self.heading_end


_AND = re.compile(r"\s(?:et|and|&|/)\s|\s+و(?=\S)|\s*[,/]\s*")


def also_roles(heading_folded: str) -> tuple[str, ...]:
    """The roles of the other parts of a combined heading ("Durée et lieu")."""
    parts = _AND.split(heading_folded.strip(" \t-–•·:#."), maxsplit=3)[1:]
    roles = [role_of(part) for part in parts if part.strip()]
    return tuple(r for r in roles if r)


def role_of(heading_folded: str) -> str | None:
    match = _ROLE_RE.match(heading_folded.strip(" \t-–•·:#.").lstrip())
    return match.lastgroup if match else None


def _content_bounds(views: Views, start: int, end: int) -> tuple[int, int, bool]:
    """Skip indentation, bullets and numbering; drop trailing spaces."""
    line = views.folded[start:end]
    bullet = _BULLET.match(line)
    offset = bullet.end() if bullet else len(line) - len(line.lstrip())
    # "- 1) item", "· - item": a second marker after the first
    if bullet:
        second = _BULLET.match(line[offset:])
        if second:
            offset += second.end()
    stripped_end = end
    while stripped_end > start + offset and views.folded[stripped_end - 1] in " \t\r":
        stripped_end -= 1
    return start + offset, stripped_end, bullet is not None


def segment(views: Views) -> list[Section]:
    """Sections in document order; the first (role None) holds the lines before any heading."""
    sections = [Section(None, 0, 0, "")]
    folded = views.folded
    end = -1
    for content in folded.split("\n"):
        start = end + 1
        end = start + len(content)
        if not content.strip():
            continue
        heading = _heading(views, start, end)
        if heading is not None:
            role, head_end, body_start, strong = heading
            current = sections[-1]
            if role is None and not strong and current.role is not None:
                # a weak unnamed sub-heading ("Niveau de formation requis :") stays in its section
                c_start, c_end, is_item = _content_bounds(views, start, end)
                current.lines.append(Line(c_start, c_end, start, is_item))
                continue
            section = Section(role, start, head_end, views.masked[start:head_end].strip(), strong=strong)
            if role is not None:
                section.also = tuple(r for r in also_roles(folded[start:head_end]) if r != role)
            if body_start is not None and body_start < end:
                c_end = end
                while c_end > body_start and folded[c_end - 1] in " \t\r":
                    c_end -= 1
                if c_end > body_start:
                    section.lines.append(Line(body_start, c_end, start, False))
            sections.append(section)
            continue
        c_start, c_end, is_item = _content_bounds(views, start, end)
        if c_end > c_start:
            sections[-1].lines.append(Line(c_start, c_end, start, is_item))
    return sections


def _heading(views: Views, start: int, end: int) -> tuple[str | None, int, int | None, bool] | None:
    """(role, heading end, inline body start, strong) when the line is a heading."""
    folded_line = views.folded[start:end]
    raw_line = views.text[start:end]
    stripped = folded_line.strip()
    if len(stripped) < 2:
        return None
    markdown = raw_line.lstrip().startswith("#")
    if not markdown and _BULLET_MARK.match(folded_line):
        return None
    numbering = _NUMBERING.match(folded_line)
    rest_offset = numbering.end() if numbering else len(folded_line) - len(folded_line.lstrip())
    rest = folded_line[rest_offset:]
    rest_stripped = rest.strip(' \t*_«»"')
    # "Durée : 3 jours", "Titre du projet<TAB>X": heading words, then the value on the same line
    # Only a split within the first 60 characters counts: the search stops
    # there (a match starting by then ends by the 63rd) instead of scanning a
    # long paragraph.
    split = _HEAD_SPLIT.search(rest, 0, 63)
    if split and 0 < split.start() <= 60:
        head_part = rest[: split.start()]
        tail = rest[split.end() :]
        role = role_of(head_part)
        if role and len(head_part.split()) <= 8:
            if split.group(0) == "\t" and _TABLE_HEADER.fullmatch(tail.strip()):
                return role, end, None, True  # "Livrable<TAB>Échéance": a table's header row
            if tail.strip():
                body = start + rest_offset + split.end()
                while body < end and views.folded[body] in " \t":
                    body += 1
                return role, start + rest_offset + split.start(), body, True
            return role, end, None, True
    if len(stripped) > 110:
        return None
    ends_colon = bool(_TRAILING_COLON.search(stripped))
    words = len(rest_stripped.split())
    roman = bool(numbering and numbering.group("roman"))
    if roman and numbering and views.masked[start + numbering.start("roman")].islower():
        roman = False  # "i.", "ii." number list items; headings use "I.", "II."
    numbered = bool(numbering and (numbering.group("num") or roman or numbering.group("article")))
    role = role_of(rest_stripped)
    if role and (markdown or numbered or ends_colon or words <= 7):
        if not markdown and not numbered and not ends_colon and stripped[-1:] in ".;,":
            return None
        return role, end, None, True
    if markdown and words <= 14:
        return None, end, None, True
    article = bool(numbering and numbering.group("article"))
    if (roman or article) and words <= 12 and not stripped.endswith((";", ",")):
        return None, end, None, True
    raw_rest = views.masked[start + rest_offset : end].strip()
    if numbered and words <= 8 and raw_rest.isupper() and not stripped.endswith((";", ",")):
        return None, end, None, True  # "5. VOLUME DE TRAVAIL"
    if ends_colon and words <= 10:
        return None, end, None, False
    return None
