"""Which piece of an application each attached file is.

The file name says it most of the time ("CV_Amina.pdf", "Offre
financière.xlsx", "السيرة الذاتية.pdf"), so it is read first and documents
are opened only when the name says nothing: then a line of the message that
names the file ("- Offre financière : annexe2.xlsx"), then the document's
title (its first lines), then the words its first pages use (a CV has
"expérience professionnelle", "langues", "date de naissance"...).

Cues are written folded (lowercase, no accents, Arabic letter variants
unified: ة→ه, أ/إ/آ→ا, ى→ي) since they are matched against folded text.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from nidaa.common.budget import Budget, BudgetExceeded, run_within
from nidaa.common.filetypes import zip_is_safe
from nidaa.mailintake.headers import decode_bytes
from nidaa.mailintake.message import Attachment
from nidaa.mailintake.text import fold_text

logger = logging.getLogger(__name__)

OTHER = "other"
PIECES = (
    "cv",
    "cover_letter",
    "methodology_note",
    "technical_offer",
    "financial_offer",
    "timeline",
    "tor_understanding_note",
    "references",
    "diplomas",
    "legal_documents",
    "portfolio",
)
TEXT_SAMPLE = 4000  # characters of a document read for its cues
# Opening one attached document for its sample (PDFium, lxml, openpyxl).
DOCUMENT_BUDGET = Budget(seconds=15.0, memory_bytes=512 * 1024 * 1024)
TITLE_LINES = 3  # lines that hold a document's title (a CV's fifth line may say "Master")
TITLE_ZONE = 200
READABLE_KINDS = ("pdf", "docx", "odt")

# A technical offer usually holds the methodology, and the reverse; a note on
# the understanding of the ToR is part of either.
_STANDS_FOR = {
    "technical_offer": ("methodology_note",),
    "methodology_note": ("technical_offer",),
    "tor_understanding_note": ("methodology_note", "technical_offer"),
}

STRONG, WEAK = 2, 1


def _w(word: str) -> str:
    """A Latin word or abbreviation that must not touch other letters."""
    return rf"(?<![a-z]){word}(?![a-z])"


# (piece, weight, cues). Strong cues name the piece; weak ones lean to it.
_NAME_CUES: list[tuple[str, int, list[str]]] = [
    ("cv", STRONG, [
        "curriculum", _w(r"c\s?\.?\s?v"), _w("cvs"), _w("resume"), _w("biodata"), _w("vitae"),
        "السيره الذاتيه", "سيره ذاتيه", "السيره", "سيره", "السير الذاتيه",
    ]),
    ("cover_letter", STRONG, [
        r"lettre\s*(?:de\s*)?motivation", r"lettre\s*de\s*candidature", r"lettre\s*d\s*interet",
        r"manifestation\s*d\s*interet", r"lettre\s*d\s*accompagnement", r"cover(?:ing)?\s*letter",
        r"motivation\s*letter", r"letter\s*of\s*(?:motivation|interest|application)",
        r"application\s*letter", r"expression\s*of\s*interest",
        "رساله التحفيز", "رساله تحفيزيه", "رساله الترشيح", "رساله الاهتمام", "رساله الدافع",
        "طلب الترشيح", "طلب ترشيح", "رساله تحفيز",
    ]),
    ("cover_letter", WEAK, [_w("lm"), "motivation", _w("lettre"), _w("letter"), "رساله"]),
    ("methodology_note", STRONG, [
        "methodo", r"note\s*d\s*approche", r"approach\s*(?:note|paper)", r"proposed\s*approach",
        r"approche\s*propose", "مذكره منهجيه", "المنهجيه", "منهجيه", "المقاربه", "مقاربه",
    ]),
    ("methodology_note", WEAK, [_w("approche"), _w("approach"), _w("demarche")]),
    ("technical_offer", STRONG, [
        r"offre\s*tech", r"proposition\s*tech", r"technical\s*(?:offer|proposal|bid)", r"tech\s*(?:offer|proposal)",
        "العرض التقني", "عرض تقني", "العرض الفني", "عرض فني", "الاقتراح التقني",
    ]),
    ("technical_offer", WEAK, [_w("technique"), _w("technical"), _w("tech"), "تقني", "فني"]),
    ("financial_offer", STRONG, [
        r"offre\s*fin", r"proposition\s*fin", r"financial\s*(?:offer|proposal|bid)", r"fin\s*(?:offer|proposal)",
        r"offre\s*de\s*prix", "budget", "devis", "cotation", "quotation", r"price\s*(?:offer|proposal)",
        r"bordereau\s*(?:des|de)\s*prix", r"detail\s*estimatif", _w("bpu"), _w("bpde"), _w("dqe"),
        "honoraires", r"lettre\s*de\s*soumission", r"acte\s*d\s*engagement", r"fee\s*proposal",
        "العرض المالي", "عرض مالي", "الميزانيه", "ميزانيه", "عرض سعر", "عرض الاسعار", "الاثمان",
        "الاقتراح المالي", "العرض المادي",
    ]),
    ("financial_offer", WEAK, [
        "financ", _w("prix"), _w("price"), _w("costs?"), _w("couts?"), _w("tarifs?"), _w("fees?"),
        "مالي", "الماليه",
    ]),
    ("timeline", STRONG, [
        "chronogramme", "calendrier", "planning", r"plan\s*de\s*travail", r"work\s*plan", r"time\s*line",
        r"time\s*table", "schedule", "gantt", "الجدول الزمني", "جدول زمني", "البرنامج الزمني",
        "الجدوله الزمنيه", "خطه العمل", "خطه عمل", "الجدوله",
    ]),
    ("timeline", WEAK, ["chrono", _w("calendar"), r"plan\s*d\s*action", "جدول"]),
    ("tor_understanding_note", STRONG, [
        r"note\s*de\s*comprehension", r"comprehension\s*(?:des|du|de\s*la)\s*(?:tdr|termes|mandat|mission)",
        r"understanding\s*of\s*(?:the\s*)?(?:tor|terms|assignment)", r"tor\s*understanding",
        "مذكره فهم", "فهم الشروط", "فهم المهمه", "فهم دفتر",
    ]),
    ("tor_understanding_note", WEAK, ["comprehension", "understanding", "فهم"]),
    ("references", STRONG, [
        r"(?<!termes\sde\s)(?<!terms\sof\s)(?<!termes\sde)(?<!terms\sof)references",
        r"bonne\s*execution", r"lettres?\s*de\s*recommandation", r"recommendation\s*letters?",
        r"reference\s*letters?", r"liste\s*des\s*(?:missions|prestations|references)",
        r"(?:missions|experiences|assignments|projets)\s*similaires", r"similar\s*(?:assignments|missions|projects)",
        r"past\s*performance", "المراجع", "حسن التنفيذ", "الخبرات السابقه", "التجارب السابقه", "الاعمال السابقه",
    ]),
    ("references", WEAK, [_w("experiences?"), "recommand", "recommend", _w("attestations?"), "الخبرات"]),
    ("diplomas", STRONG, [
        "diplom", _w("degrees?"), r"attestation\s*de\s*reussite", _w("licence"), _w("master"),
        _w("doctorat"), _w("phd"), "baccalaureat", "الشهادات", "الدبلوم", "ديبلوم", "الاجازه", "الماستر",
        "الدكتوراه", "الشهاده الجامعيه", "الشواهد",
    ]),
    ("diplomas", WEAK, ["certificat", "certificate", "certification", "شهاده"]),
    ("legal_documents", STRONG, [
        "statuts", r"registre\s*(?:de|du)\s*commerce", r"modele\s*j", r"attestation\s*fiscale",
        r"regularite\s*fiscale", _w("cnss"), "patente", r"taxe\s*professionnelle", r"auto\s*entrepreneur",
        r"identifiant\s*fiscal", _w("ice"), _w("cin"), r"carte\s*nationale", r"carte\s*d\s*identite",
        r"piece\s*d\s*identite", "passeport", "passport", r"legal\s*documents?", r"documents?\s*administratifs",
        r"dossier\s*administratif", r"pieces\s*administratives", "kbis", r"certificate\s*of\s*incorporation",
        r"registration\s*certificate", r"tax\s*clearance",
        "السجل التجاري", "البطاقه الوطنيه", "بطاقه التعريف", "النظام الاساسي", "الوثائق الاداريه",
        "الوثائق القانونيه", "شهاده ضريبيه", "الضمان الاجتماعي", "جواز السفر",
    ]),
    ("legal_documents", WEAK, ["administrati", "juridique", _w("legal"), _w("rc"), "الوثائق"]),
    ("portfolio", STRONG, [
        "portfolio", "portefeuille", "echantillon", _w("samples?"), r"travaux\s*realises", "realisations",
        "نماذج", "الاعمال المنجزه", "معرض اعمال",
    ]),
    ("portfolio", WEAK, [_w("book"), _w("exemples?"), _w("examples?")]),
]  # fmt: skip

# Words a document of each kind uses in its first pages, when its title says
# nothing. Counted once each; two different ones are needed.
_CONTENT_HINTS: dict[str, list[str]] = {
    "cv": [
        r"curriculum\s*vitae", r"experiences?\s*professionnelles?", r"parcours\s*professionnel",
        r"formations?\s*(?:academiques?|universitaires?)", r"competences", r"langues", r"date\s*de\s*naissance",
        r"nationalite", r"etat\s*civil", r"(?:work|professional)\s*experience", "education", "skills",
        "languages", r"date\s*of\s*birth", "الخبره المهنيه", "الخبرات المهنيه", "المسار المهني", "المؤهلات",
        "اللغات", "تاريخ الازدياد", "تاريخ الميلاد", "المهارات", "التكوين",
    ],
    "cover_letter": [
        r"madame\s*monsieur", r"j\s*ai\s*l\s*honneur", r"je\s*soussigne", r"veuillez\s*agreer",
        r"je\s*vous\s*prie", r"salutations", r"dear\s*(?:sir|madam|members|hiring|selection)", "sincerely",
        r"yours\s*faithfully", r"i\s*am\s*writing", r"je\s*me\s*permets", r"ma\s*candidature",
        r"my\s*application", "تحيه طيبه", "يشرفني", "تقبلوا", "ترشيحي", "السلام عليكم",
    ],
    "methodology_note": [
        "methodolog", "approche", "demarche", r"objectifs?\s*(?:de\s*la\s*mission|specifiques?)", "etapes",
        "livrables", "approach", "deliverables", "objectives", "منهجيه", "مقاربه", "المراحل", "المخرجات",
    ],
    "financial_offer": [
        "montant", _w("total"), _w("ttc"), _w("ht"), _w("tva"), r"prix\s*unitaire", "honoraires", _w("mad"),
        _w("dhs?"), "dirham", r"jours?\s*[-/]?\s*hommes?", r"hommes?\s*[-/]?\s*jours?", r"per\s*diem",
        "amount", r"unit\s*price", _w("vat"), r"daily\s*(?:rate|fee)", "المبلغ", "المجموع", "درهم",
        "الضريبه", "الثمن",
    ],
    "timeline": [
        r"semaine\s*\d", r"week\s*\d", r"mois\s*\d", r"month\s*\d", _w(r"s\d{1,2}"), _w(r"m\d{1,2}"),
        "jalons", "milestones", "chronogramme", "calendrier", r"diagramme\s*de\s*gantt", "الاسبوع", "الشهر",
    ],
    "diplomas": [
        "decerne", "confere", r"grade\s*de", "universite", "faculte", "awarded", r"degree\s*of", "university",
        r"certif(?:y|ie)\s*(?:que|that)", "جامعه", "كليه", "منحت", "يشهد",
    ],
    "references": [
        r"bonne\s*execution", "atteste", r"certifions", r"a\s*realise", "satisfaction", r"maitre\s*d\s*ouvrage",
        "satisfactory", r"successfully\s*completed", "حسن التنفيذ", "انجز",
    ],
    "legal_documents": [
        r"registre\s*de\s*commerce", r"identifiant\s*fiscal", _w("ice"), "patente", _w("cnss"),
        r"siege\s*social", r"capital\s*social", "associes", "السجل التجاري", "الراسمال",
    ],
}  # fmt: skip


_ARABIC_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})


def _compile(cues: list[str]) -> re.Pattern[str]:
    # Folded like the text (only the Arabic variants: the cues are regexes).
    return re.compile("|".join(f"(?:{cue.translate(_ARABIC_VARIANTS)})" for cue in cues))


_NAME_PATTERNS = [(piece, weight, _compile(cues)) for piece, weight, cues in _NAME_CUES]
_STRONG_PATTERNS = [(piece, pattern) for piece, weight, pattern in _NAME_PATTERNS if weight == STRONG]
_HINT_PATTERNS = {piece: [_compile([hint]) for hint in hints] for piece, hints in _CONTENT_HINTS.items()}
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_SEPARATORS = re.compile(r"[\W_]+")
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")


@dataclass(frozen=True)
class _Cue:
    piece: str
    weight: int
    position: int


def words_of(text: str) -> str:
    """Folded words: "OffreFinancière_v2" -> "offre financiere v 2"."""
    folded = _SEPARATORS.sub(" ", fold_text(_CAMEL.sub(" ", text)).replace("'", " "))
    return _LETTER_DIGIT.sub(" ", folded).strip()


def name_words(filename: str) -> str:
    """A file name without its extension as folded words."""
    return words_of(_EXTENSION.sub("", filename))


def _cues(text: str, patterns: list[tuple[str, int, re.Pattern[str]]]) -> list[_Cue]:
    found: dict[str, _Cue] = {}
    for piece, weight, pattern in patterns:
        match = pattern.search(text)
        if match is None:
            continue
        cue = _Cue(piece, weight, match.start())
        current = found.get(piece)
        if current is None or (cue.weight, -cue.position) > (current.weight, -current.position):
            found[piece] = cue
    return list(found.values())


def _choose(cues: list[_Cue], required: set[str]) -> str | None:
    if not cues:
        return None
    best = max(cue.weight for cue in cues)
    top = [cue for cue in cues if cue.weight == best]
    top.sort(key=lambda cue: (cue.piece not in required, cue.position))
    piece = top[0].piece
    if required and piece not in required:
        for substitute in _STANDS_FOR.get(piece, ()):
            if substitute in required:
                return substitute
    return piece


def piece_from_name(filename: str, required: Sequence[str] = ()) -> str | None:
    """The piece a file name points to, or None when it says nothing."""
    return _choose(_cues(name_words(filename), _NAME_PATTERNS), set(required))


def piece_from_text(text: str, required: Sequence[str] = ()) -> str | None:
    """The piece a document's text points to: its title first, then the
    words its first pages use."""
    required_set = set(required)
    sample = _SEPARATORS.sub(" ", fold_text(text[:TEXT_SAMPLE]).replace("'", " "))
    title_lines = [line for line in text[:TEXT_SAMPLE].splitlines() if line.strip()][:TITLE_LINES]
    title = words_of(" \n ".join(title_lines))[:TITLE_ZONE]
    in_title = [
        _Cue(piece, STRONG, match.start())
        for piece, pattern in _STRONG_PATTERNS
        if (match := pattern.search(title)) is not None
    ]
    if in_title:
        # The title is the first cue: a methodology note may mention its timeline later.
        first = min(cue.position for cue in in_title)
        return _choose([cue for cue in in_title if cue.position == first], required_set)
    counts: list[_Cue] = []
    for piece, hints in _HINT_PATTERNS.items():
        hits = sum(1 for hint in hints if hint.search(sample))
        if hits >= 2:
            counts.append(_Cue(piece, hits, 0))
    return _choose(counts, required_set)


def _piece_from_body(filename: str, body_lines: list[str], required: Sequence[str]) -> str | None:
    """The piece a line of the message gives a file it names in full
    ("- Offre financière : annexe2.xlsx")."""
    full = f" {words_of(filename)} "
    for line in body_lines:
        padded = f" {line} "
        at = padded.find(full)
        if at >= 0:
            piece = piece_from_name(padded[:at] + " " + padded[at + len(full) :], required)
            if piece:
                return piece
    return None


def document_text(attachment: Attachment) -> str:
    """The first characters of an attached document's text ("" when it has
    none we can read, or reading it passes ``DOCUMENT_BUDGET``)."""
    if attachment.kind not in (*READABLE_KINDS, "xlsx"):
        return _document_text(attachment)
    # PDFium, lxml and openpyxl allocate as the file asks: in a child with limits.
    try:
        return run_within(DOCUMENT_BUDGET, _document_text, attachment)
    except BudgetExceeded as exceeded:
        logger.info("reading %r passed its budget (%s)", attachment.filename, exceeded.reason)
        return ""


def _document_text(attachment: Attachment) -> str:
    try:
        if attachment.kind in READABLE_KINDS:
            # Imported on first use: the readers load every format's library
            # (python-docx, odfpy, pypdfium2, lxml), which most messages never need.
            from nidaa.tor.document import ReadError
            from nidaa.tor.readers import read_bytes

            try:
                return read_bytes(attachment.data, attachment.filename or "document").text[:TEXT_SAMPLE]
            except ReadError:
                return ""
        if attachment.kind == "xlsx":
            return _sheet_text(attachment.data)
        if attachment.kind is None and attachment.content_type == "text/plain":
            return decode_bytes(attachment.data[: TEXT_SAMPLE * 4])[:TEXT_SAMPLE]
    except Exception:  # noqa: BLE001 - a document we cannot read is classified by its name alone
        logger.info("could not read %r for classification", attachment.filename, exc_info=True)
    return ""


def _sheet_text(data: bytes) -> str:
    # Imported on first use: openpyxl loads for spreadsheets only, which few messages carry.
    import openpyxl

    if not zip_is_safe(io.BytesIO(data)):
        return ""
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        cells: list[str] = []
        size = 0
        for sheet in workbook.worksheets[:3]:
            cells.append(str(sheet.title))
            for row in sheet.iter_rows(max_row=200, values_only=True):
                for value in row:
                    if value is not None and str(value).strip():
                        text = str(value).strip()
                        cells.append(text)
                        size += len(text) + 1
                if size >= TEXT_SAMPLE:
                    return "\n".join(cells)[:TEXT_SAMPLE]
        return "\n".join(cells)[:TEXT_SAMPLE]
    finally:
        workbook.close()


def classify_attachments(
    attachments: Sequence[Attachment], *, required: Sequence[str], body: str = ""
) -> list[tuple[Attachment, str]]:
    """Each attachment with the piece it is (a code of ``PIECES``) or "other".

    Among equally good readings the call's ``required`` pieces win; two
    files for one piece both keep it. Documents are opened only for files
    whose name says nothing, so the common case costs a few regex searches.
    """
    body_lines: list[str] | None = None
    result: list[tuple[Attachment, str]] = []
    for attachment in attachments:
        piece = piece_from_name(attachment.filename, required) if attachment.filename else None
        if piece is None and body and attachment.filename:
            if body_lines is None:
                body_lines = [words_of(line) for line in body.splitlines()[:200] if "." in line]
            piece = _piece_from_body(attachment.filename, body_lines, required)
        if piece is None:
            text = document_text(attachment)
            piece = piece_from_text(text, required) if text.strip() else None
        result.append((attachment, piece or OTHER))
    return result
