"""The pieces an application must hold (one label per piece), the deliverables, and the items of the
objectives, tasks and profile sections."""

from __future__ import annotations

import re

from nidaa.tor.fields.common import Doc, Span
from nidaa.tor.places import place_key
from nidaa.tor.sections import Line, Section
from nidaa.tor.text import kw, tidy

DOC_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "tor_understanding_note",
        re.compile(
            kw(
                r"(?:note|compte rendu) de comprehension",
                r"comprehension des (?:tdr|termes)",
                r"understanding of the (?:tor|terms)",
                r"فهم (?:الشروط|المرجعية|الإطار)",
                r"مذكرة فهم",
            ),
        ),
    ),
    (
        "cv",
        re.compile(
            kw(
                r"\bcvs?\b",
                r"curriculum",
                r"\bc\.v\b",
                r"\bresume\b",
                r"السيرة الذاتية",
                r"سيرة ذاتية",
                r"السير الذاتية",
            ),
        ),
    ),
    (
        "cover_letter",
        re.compile(
            kw(
                r"lettre de motivation",
                r"lettre de candidature",
                r"lettre d'interet",
                r"lettre de manifestation",
                r"cover(?:ing)? letter",
                r"motivation letter",
                r"letter of (?:motivation|interest)",
                r"رسالة (?:التحفيز|تحفيزية|الحافز|الترشيح|الاهتمام|تحفيز)",
                r"رسالة الدافع",
                r"طلب خطي",
            ),
        ),
    ),
    (
        "technical_offer",
        re.compile(
            kw(
                r"offre technique",
                r"proposition technique",
                r"technical (?:offer|proposal|bid|note)",
                r"note technique",
                r"العرض التقني",
                r"عرض تقني",
                r"العرض الفني",
            ),
        ),
    ),
    (
        "methodology_note",
        re.compile(
            kw(
                r"note methodologique",
                r"note de (?:presentation de (?:leur|son|sa|votre|l')\s*)?(?:approche|methodologie|demarche)",
                r"approche methodologique",
                r"proposition methodologique",
                r"methodologie",
                r"methodology",
                r"methodological",
                r"proposed approach",
                r"approach (?:note|paper)",
                r"مذكرة منهجية",
                r"المنهجية",
                r"منهجية",
                r"مقترح منهجي",
            ),
        ),
    ),
    (
        "financial_offer",
        re.compile(
            kw(
                r"offre financiere",
                r"proposition financiere",
                r"(?<=technique\s)et financieres?",
                r"(?<=technical\s)and financial",
                r"(?<=التقني\s)والمالي",
                r"(?<=التقنيه\s)والماليه",
                r"offre de prix",
                r"quotations?",
                r"cotation",
                r"daily rate",
                r"(?:taux|tarif) journalier",
                r"honoraires",
                r"fee proposal",
                r"rate proposal",
                r"financial (?:offer|proposal|bid)",
                r"price (?:offer|proposal)",
                r"budget",
                r"devis",
                r"العرض المالي",
                r"عرض مالي",
                r"الاقتراح المالي",
            ),
        ),
    ),
    (
        "timeline",
        re.compile(
            kw(
                r"chronogramme",
                r"calendrier",
                r"planning (?:de travail|d'execution|d'intervention|previsionnel|detaille)",
                r"plan de travail",
                r"work\s*plan",  # "work plan" and "workplan"
                r"timeline",
                r"time\s*table",  # "time table" and "timetable"
                r"schedule",
                r"الجدول الزمني",
                r"جدول زمني",
                r"البرنامج الزمني",
                r"خطة العمل",
                r"جدولة زمنية",
            ),
        ),
    ),
    (
        "references",
        re.compile(
            kw(
                r"(?<!termes\sde\s)(?<!terms\sof\s)(?<!la\s)(?<!the\s)\breferences\b",
                r"attestations? de (?:bonne execution|service fait|realisation)",
                r"liste des (?:missions|prestations|references)",
                r"similar (?:assignments|missions|work)",
                r"reference letters",
                r"المراجع",
                r"شهادات حسن",
                r"لائحة (?:المهام|الأعمال)",
                r"الأعمال السابقة",
            ),
        ),
    ),
    (
        "diplomas",
        re.compile(kw(r"diplomes?", r"diplomas?", r"degrees?", r"الشهادات", r"الدبلومات", r"الشواهد")),
    ),
    (
        "legal_documents",
        re.compile(
            kw(
                r"documents? (?:administratifs|legaux|juridiques)",
                r"pieces administratives",
                r"dossier administratif",
                r"statuts",
                r"attestation fiscale",
                r"registre (?:de|du) commerce",
                r"patente",
                r"auto-entrepreneur",
                r"legal documents",
                r"registration (?:certificate|documents)",
                r"certificate of (?:registration|incorporation)",
                r"tax (?:certificate|clearance)",
                r"الوثائق (?:الإدارية|القانونية)",
                r"السجل التجاري",
                r"الوثائق الإدارية",
            ),
        ),
    ),
    (
        "portfolio",
        re.compile(
            kw(
                r"portfolio",
                r"portefeuille",
                r"echantillons?",
                r"samples? of (?:previous |past )?work",
                r"writing samples?",
                r"نماذج من (?:الأعمال|أعمال)",
            ),
        ),
    ),
]


DOC_QUALIFIER = re.compile(
    kw(
        r"incluant",
        r"y compris",
        r"including",
        r"متضمنا",
        r"متضمن",
        r"بما في ذلك",
        r"comprenant",
        r"detaillant",
        r"precisant",
        r"expliquant",
        r"avec\b",
        r"with\b",
        r"pour la realisation",
        r"indiquant",
        r"showing",
        r"describing",
        r"يتضمن",
        r"تتضمن",
        r"مع\b",
    ),
)


JOINING = re.compile(
    kw(
        r"together with",
        r"accompagnee?s? (?:de|d'|du|des)",
        r"ainsi que",
        r"envoyer (?:leur|votre|son|sa|vos|leurs)",
        r"submit",
        r"soumettre",
        r"send (?:your|their|a)",
        r"ترسل",
        r"إرسال",
        r"joignant",
        r"joindre",
        r"accompagne",
        r"attach",
        r"enclos",
        r"along with",
        r"comprenant",
        r"composee? de",
        r"consist",
        r"must include",
        r"should include",
        r"including",
        r"يتضمن",
        r"يتكون",
        r"مرفق",
        r"مرفوق",
        r"مصحوب",
    ),
)


_TRAIL = re.compile(r"[\s;,.:·]+\Z")


def _item_text(doc: Doc, line: Line) -> tuple[str, Span]:
    start, end = line.start, line.end
    raw = doc.masked[start:end]
    if "\t" in raw.strip():  # a table row: the first cell names the item
        end = start + raw.index("\t", len(raw) - len(raw.lstrip()))
        raw = doc.masked[start:end]
    trail = _TRAIL.search(raw)
    if trail:
        end = start + trail.start()
    return tidy(doc.text[start:end]), (start, end)


def _items(doc: Doc, sections: list[Section], *, skip_intro: bool = True) -> list[tuple[str, Span]]:
    """One entry per bullet/number (or per line when the section has none)."""
    out: list[tuple[str, Span]] = []
    for section in sections:
        lines = section.lines
        has_items = sum(1 for line in lines if line.is_item) >= 2
        base_indent: int | None = None
        for line in lines:
            if has_items and not line.is_item:
                continue
            raw_line = doc.text[line.raw_start : line.start]
            indent = len(raw_line) - len(raw_line.lstrip(" \t"))
            if line.is_item:
                if base_indent is None:
                    base_indent = indent
                elif indent > base_indent + 1:
                    continue  # a sub-item
            text, span = _item_text(doc, line)
            if not text or len(text) < 3 or _is_furniture(doc, text):
                continue
            if skip_intro and doc.masked[line.start : line.end].rstrip().endswith(":") and len(lines) > 1:
                continue
            out.append((text, span))
    return _dedupe_items(out)


_PAGE = re.compile(r"(?i)\A(?:page\s*\d+(?:\s*(?:/|sur|of)\s*\d+)?|\d+\s*/\s*\d+)\Z")


def _is_furniture(doc: Doc, text: str) -> bool:
    """Page numbers and banners repeated on every page of a PDF."""
    if _PAGE.match(text):
        return True
    if len(text) >= 90:
        return False  # a banner is short: no need to count a long item over the whole text
    at_line_start = doc.masked.count("\n" + text) + doc.masked.lstrip().startswith(text)
    return at_line_start > 1


def _dedupe_items(items: list[tuple[str, Span]]) -> list[tuple[str, Span]]:
    seen: set[str] = set()
    out = []
    for text, span in items:
        key = place_key(text)
        if key and key not in seen:
            seen.add(key)
            out.append((text, span))
    return out


_PARENTHESES = re.compile(r"\([^)]*\)")


def _doc_labels(text_folded: str, *, item: bool) -> list[tuple[str, int, int]]:
    if item:
        # "Un CV détaillant leurs références": what follows the first piece only qualifies it
        text_folded = _PARENTHESES.sub(lambda m: " " * len(m.group(0)), text_folded)
        first = min((m.end() for _, p in DOC_CUES for m in [p.search(text_folded)] if m), default=None)
        if first is None:
            return []  # no piece's words at all: the loop below would find none
        cut = DOC_QUALIFIER.search(text_folded, first)
        if cut:
            text_folded = text_folded[: cut.start()]
    found = []
    taken: list[Span] = []
    for label, pattern in DOC_CUES:
        for match in pattern.finditer(text_folded):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append((label, match.start(), match.end()))
            break
    found.sort(key=lambda x: x[1])
    return found


def read_required_documents(doc: Doc) -> None:
    labels: list[str] = []
    spans: list[Span] = []

    def add(label: str, span: Span) -> None:
        if label not in labels:
            labels.append(label)
        spans.append(span)

    doc_sections = doc.of_role("documents")
    for section in doc_sections:
        for line in section.lines:
            folded = doc.folded[line.start : line.end]
            text = doc.masked[line.start : line.end].strip()
            found = _doc_labels(folded, item=True)
            for label, a, b in found:
                add(label, (line.start + a, line.start + b))
            if (
                not found
                and (line.is_item or not any(other.is_item for other in section.lines))
                and len(section.lines) > 1
                and not text.endswith(":")
                and 2 <= len(text.split()) <= 10
                and not JOINING.search(folded)
            ):
                words = re.findall(r"\w+", place_key(tidy(text)))
                words = [w for w in words if w not in _DOC_STOP][:4]
                if words:
                    add("other:" + " ".join(words), (line.start, line.end))
    for section in doc.of_role("submission", "deadline"):
        for line in section.lines:
            folded = doc.folded[line.start : line.end]
            for label, a, b in _doc_labels(folded, item=line.is_item or len(folded) < 120):
                add(label, (line.start + a, line.start + b))
    if not labels:
        for match in JOINING.finditer(doc.folded):
            line_start, line_end = doc.line_bounds(match.start())
            sentence = doc.folded[match.start() : line_end]
            stop = re.search(r"[.;!?]\s|\Z", sentence)
            sentence = sentence[: stop.start() if stop else None]
            for label, a, b in _doc_labels(sentence, item=False):
                add(label, (match.start() + a, match.start() + b))
    doc.set("required_documents", labels, spans, 0.85 if doc_sections else 0.7)


_DOC_STOP = {
    "un",
    "une",
    "le",
    "la",
    "les",
    "des",
    "de",
    "du",
    "l",
    "d",
    "a",
    "the",
    "an",
    "of",
    "copie",
    "copies",
    "copy",
}


_REPORT = re.compile(kw(r"rapport", r"report", r"تقرير"))


# "Résultats attendus" holding "Résultat 1 : ..." and "Indicateur : ...": a results framework (outcomes
# and their indicators), not the products the provider hands over.
_RESULTS_HEADING = re.compile(kw(r"resultats?", r"results?", r"outcomes?", r"النتائج", r"نتائج"))
_PRODUCTS_HEADING = re.compile(
    kw(r"livrables?", r"deliverables?", r"produits?", r"outputs?", r"مخرجات", r"المخرجات")
)
_INDICATOR = re.compile(kw(r"indicateurs?", r"indicators?", r"مؤشرات?", r"المؤشر"))


def _results_framework(doc: Doc, section: Section) -> bool:
    heading = doc.folded[section.heading_start : section.heading_end]
    if not _RESULTS_HEADING.search(heading) or _PRODUCTS_HEADING.search(heading):
        return False
    return bool(_INDICATOR.search(doc.folded, section.body_start, section.body_end))


def read_deliverables(doc: Doc, call_type: str | None) -> None:
    sections = [s for s in doc.of_role("deliverables") if not _results_framework(doc, s)]
    items = _items(doc, sections)
    confidence = 0.85
    if not items:
        items = _delivered_in_sentences(doc)
        confidence = 0.5
    if not items and call_type != "staff":
        items = _items(doc, doc.of_role("scope"))
        for section in doc.of_role("tasks"):
            for line in section.lines:
                folded = doc.folded[line.start : line.end]
                report = _REPORT.search(folded)
                if report and report.start() < 40:
                    text, span = _item_text(doc, line)
                    text = re.split(r",\s*(?:le|la|les|the|which|qui)\b", text)[0]
                    items.append((text, span))
        items = _dedupe_items(items)
        confidence = 0.55
    doc.set("deliverables", [t for t, _ in items], [s for _, s in items], confidence)


_DELIVER_VERB = re.compile(
    kw(
        r"remettra",
        r"remettront",
        r"livrera",
        r"livreront",
        r"produira",
        r"fournira",
        r"devra (?:remettre|livrer|produire|fournir)",
        r"will (?:deliver|submit|produce|provide)",
        r"shall (?:deliver|submit|produce|provide)",
        r"is expected to (?:deliver|submit|produce)",
        r"سيقدم",
        r"يقدم",
        r"سيسلم",
        r"يسلم",
        r"سينجز",
    )
)


_LIST_SPLIT = re.compile(r"\s*(?:,|;|،|\bet\b|\band\b|\s(?=و\S))\s*")


# An article is a whole word ("an inception report" loses "an", not "a").
_ARTICLE = re.compile(r"\A(?:(?:un|une|le|la|les|des|du|a|an|the|its|son|sa|ses)\s+|l'\s*|و)", re.I)


# Who delivers: a sentence's subject before the verb ("This seminar will provide 25 finalists" delivers nothing).
_PROVIDER = re.compile(
    kw(
        r"consultante?s?",
        r"prestataires?",
        r"experte?s?",
        r"cabinet",
        r"bureau d'etudes?",
        r"formateur",
        r"formatrice",
        r"titulaire",
        r"soumissionnaire",
        r"firm",
        r"contractor",
        r"service provider",
        r"provider",
        r"consultancy",
        r"trainer",
        r"team",
        r"equipe",
        r"\bil\b",
        r"\belle\b",
        r"\bhe\b",
        r"\bshe\b",
        r"\bthey\b",
        r"المستشار",
        r"الخبير",
        r"المكتب",
        r"المكون",
        r"الاستشاري",
        r"نائل الصفقة",
    )
)


def _delivered_in_sentences(doc: Doc) -> list[tuple[str, Span]]:
    """ "Le consultant remettra un rapport de diagnostic, le plan et un rapport final." """
    out: list[tuple[str, Span]] = []
    for verb in _DELIVER_VERB.finditer(doc.folded):
        line_start, line_end = doc.line_bounds(verb.start())
        before = doc.folded[max(line_start, verb.start() - 80) : verb.start()]
        sentence = re.split(r"[.!?;:](?:\s|\Z)", before)[-1]
        if not _PROVIDER.search(sentence):
            continue
        stop = re.search(r"[.:!?](?:\s|\Z)", doc.masked[verb.end() : line_end])
        end = verb.end() + stop.start() if stop else line_end
        position = verb.end()
        for part in _LIST_SPLIT.split(doc.masked[verb.end() : end]):
            offset = doc.masked.find(part, position, end) if part.strip() else -1
            if offset == -1:
                continue
            position = offset + len(part)
            name = _ARTICLE.sub("", part.strip())
            if not name or len(name.split()) > 15:
                continue
            start = offset + len(part) - len(part.lstrip()) + (len(part.strip()) - len(name))
            out.append((tidy(name), (start, start + len(name))))
        if out:
            break
    return out


def read_list_field(doc: Doc, name: str, roles: tuple[str, ...]) -> None:
    items = _items(doc, doc.of_role(*roles))
    doc.set(name, [t for t, _ in items][:40], [s for _, s in items][:40], 0.7)
