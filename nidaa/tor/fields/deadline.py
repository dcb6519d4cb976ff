"""The deadline: every full date scored by its section and the cue words before it (date limite,
no later than, آخر أجل...), the best one kept with the phrase it was read from and its time zone."""

from __future__ import annotations

import re

from nidaa.tor.dates import DateMatch
from nidaa.tor.fields.common import DEFAULT_TIMEZONE, Doc
from nidaa.tor.text import kw, tidy

DEADLINE_STRONG = re.compile(
    kw(
        r"au plus tard",
        r"date limite",
        r"delai",
        r"deadline",
        r"no later than",
        r"not later than",
        r"closing date",
        r"date de cloture",
        r"cloture",
        r"آخر أجل",
        r"في أجل أقصاه",
        r"أجل أقصاه",
        r"أقصاه",
        r"آخر موعد",
        r"الموعد النهائي",
        r"الأجل",
        r"plus tard",
        r"echeance",
        r"due date",
        r"apply by",
        r"applications? close",
        r"إلى غاية",
        r"الى غاية",
        # a verb of sending followed by "before"/"until": "les dossiers sont reçus jusqu'au", "ترسل الترشيحات قبل"
        r"(?:(?:recu|depose|envoye|soumis|transmis|adresse)e?s?|envoyer|deposer|soumettre|transmettre|adresser|"
        r"parvenir|parviennent)\b[^.\n]{0,40}?"
        r"(?:\bavant\b|jusqu'(?:au|a))",
        r"(?:submitted|sent|received|emailed)\b[^.\n]{0,30}?\b(?:before|until)\b",
        r"(?:ترسل|تبعث|تودع|يودع|توجه|توجيه|إرسال|ارسال|إيداع|ايداع)[^.\n]{0,40}?قبل",
    ),
)


DEADLINE_WEAK = re.compile(
    kw(
        r"avant le",
        r"\bavant\b",
        r"before",
        r"\bby\b",
        r"until",
        r"jusqu'au",
        r"jusqu'a",
        r"due",
        r"قبل",
        r"إلى غاية",
        r"الى غاية",
        r"غاية",
        r"postul",
        r"soumettre",
        r"envoy",
        r"transmi",
        r"submit",
        r"apply",
        r"ترسل",
        r"إرسال",
    ),
)


NOT_DEADLINE = re.compile(
    kw(
        r"prevue? le",
        r"prevus",
        r"aura lieu",
        r"se deroulera",
        r"se tiendra",
        r"organise",
        r"demarrage",
        r"debut",
        r"\bdu\b",
        r"from",
        r"start",
        r"held",
        r"take place",
        r"workshop",
        r"atelier",
        r"session",
        r"cree",
        r"publie",
        r"publication",
        r"date de l'appel",
        r"ستنظم",
        r"سينظم",
        r"ستنعقد",
        r"ينعقد",
        r"تنظيم",
        r"ابتداء",
        r"انطلاق",
    ),
)


# "the final document, which must be submitted to the DGD no later than ...", "le rapport final sera remis au
# plus tard le ...": the date a product of the mission is due, not the date to apply.
_PRODUCT = re.compile(
    kw(
        r"final (?:document|report|version|product)",
        r"(?:rapport|document|produit) final",
        r"version finale",
        r"livrables?",
        r"deliverables?",
        r"التقرير النهائي",
        r"الصيغة النهائية",
        r"النسخة النهائية",
    )
)
_APPLICATION = re.compile(
    kw(
        r"candidat",
        r"applica",
        r"apply",
        r"offres?",
        r"offers?",
        r"proposals?",
        r"propositions?",
        r"dossiers?",
        r"soumission",
        r"ترشيح",
        r"الترشيحات",
        r"العروض",
        r"الطلبات",
        r"الملفات",
    )
)
_SENTENCE_START = re.compile(r"[.!?\n](?=[^.!?\n]*\Z)")


def _about_a_product(doc: Doc, date_start: int) -> bool:
    window = doc.folded[max(0, date_start - 300) : date_start]
    boundary = _SENTENCE_START.search(window)
    sentence = window[boundary.end() :] if boundary else window
    return bool(_PRODUCT.search(sentence)) and not _APPLICATION.search(sentence)


_LEAD_DAY = re.compile(r"(?:\b(?:le|the|on)|" + kw("يوم") + r")\s+\Z")


# After the date: "le 5 octobre à 10 heures au plus tard", a portal's countdown
# "30 Septembre 2025 Dans 2 semaines", "20 أبريل كآخر أجل".
DEADLINE_AFTER = re.compile(
    kw(
        r"au plus tard",
        r"at the latest",
        r"dernier delai",
        r"dans \d+ (?:jours?|semaines?|mois)",
        r"in \d+ (?:days?|weeks?|months?)",
        r"\d+ (?:days?|jours?) (?:left|restants?)",
        r"كآخر أجل",
        r"كأجل أقصى",
        r"على أقصى تقدير",
    )
)
# A label line above the value: "Échéance" / "Date limite de candidature" then the date.
DEADLINE_LABEL = re.compile(
    kw(
        r"echeance",
        r"date limite",
        r"deadline",
        r"closing date",
        r"due date",
        r"cloture",
        r"آخر أجل",
        r"آخر موعد",
    )
)


def _label_above(doc: Doc, line_start: int, date_start: int) -> bool:
    """Whether the date opens its line and the line above is a short deadline label."""
    if doc.folded[line_start:date_start].strip() or line_start == 0:
        return False
    above_end = line_start - 1
    while above_end > 0 and doc.text[above_end - 1] == "\n":
        above_end -= 1
    above_start, _ = doc.line_bounds(max(above_end - 1, 0))
    label = doc.folded[above_start:above_end]
    return len(label.split()) <= 6 and bool(DEADLINE_LABEL.search(label))


def read_deadline(doc: Doc, dates: list[DateMatch]) -> None:
    best: tuple[float, DateMatch, int] | None = None
    for date in dates:
        line_start, _ = doc.line_bounds(date.start)
        before = doc.folded[max(line_start, date.start - 90) : date.start]
        near = before[-45:]
        role = doc.role_at(date.start)
        score = 0.0
        cue_start = -1
        strong = list(DEADLINE_STRONG.finditer(before))
        weak = list(DEADLINE_WEAK.finditer(near))
        if role == "deadline":
            score += 4
        elif role == "submission":
            score += 2
        if strong:
            score += 4
            cue_start = line_start + max(0, date.start - 90 - line_start) + strong[-1].start()
        elif weak:
            score += 2
            cue_start = line_start + max(0, date.start - 45 - line_start) + weak[-1].start()
        after = DEADLINE_AFTER.match(doc.folded, date.end, min(len(doc.folded), date.end + 6)) or (
            DEADLINE_AFTER.search(doc.folded[date.end : min(doc.line_bounds(date.end)[1], date.end + 40)])
        )
        labelled = _label_above(doc, line_start, date.start)
        if not strong and (after or labelled):
            score += 4
        if NOT_DEADLINE.search(near) and not (strong or after or labelled):
            score -= 3
        if date.hour is not None:
            score += 1
        if score >= 3 and _about_a_product(doc, date.start):
            score -= 5
        if score >= 3 and (best is None or score > best[0]):
            best = (score, date, cue_start)
    if best is None:
        doc.set("deadline", None)
        doc.set("deadline_text", None)
        doc.set("deadline_timezone", None)
        return
    score, date, cue_start = best
    start = date.start
    if cue_start != -1:
        start = max(doc.line_bounds(date.start)[0], cue_start)
    else:
        head = doc.folded[max(0, start - 12) : start]
        lead = _LEAD_DAY.search(head)
        if lead:
            start -= len(head) - lead.start()
    confidence = min(0.95, 0.5 + score / 20)
    span = (start, date.end)
    doc.set("deadline", date.iso, [span], confidence)
    doc.set("deadline_text", tidy(doc.text[start : date.end]), [span], confidence)
    doc.set("deadline_timezone", date.tz or DEFAULT_TIMEZONE, [span], confidence if date.tz else 0.7)
