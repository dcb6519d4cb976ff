"""The call's reference (Réf., N°, RFP No., المرجع) and the e-mail subject applicants must use."""

from __future__ import annotations

import re
from collections.abc import Iterable

from nidaa.tor.fields.common import Doc, Span
from nidaa.tor.text import kw, squash, tidy

SUBJECT_CUE = re.compile(
    kw(
        r"(?:avec|portant|sous)\s+(?:la\s+)?mention",
        r"(?:avec|portant)\s+(?:pour\s+)?(?:l'|comme\s+)?objet",
        r"(?:(?:precisant|indiquant|mentionnant|mettant|portant)\s+)?en\s+objet",
        r"(?:dans|sur|en|a)\s+l'objet(?:\s+(?:du|de\s+l'|de\s+votre|de\s+leur)\s*(?:mail|e-?mail|courriel|message))?",
        r"objet\s+(?:du|de\s+l'|de\s+votre|de\s+leur)\s*(?:mail|e-?mail|courriel|message)",
        r"(?:l')?objet\s+suivant",
        r"(?:with|using|in|under)\s+(?:the\s+)?(?:e-?mail\s+)?subject(?:\s+line)?",
        r"subject\s+line",
        r"subject\s*:",
        r"(?:e-?mail|message)\s+subject",
        r"في\s+موضوع(?:\s+(?:الرسالة|البريد(?:\s+الإلكتروني)?))?",
        r"موضوع\s+(?:الرسالة|البريد(?:\s+الإلكتروني)?)",
        r"تحت\s+(?:عنوان|موضوع)",
        r"مع\s+(?:الإشارة|ذكر)\s+(?:في\s+)?(?:الموضوع|موضوع)?",
        r"بعنوان",
    ),
)


SUBJECT_HINT = re.compile(kw(r"objet", r"mention", r"subject", r"موضوع", r"عنوان", r"ذكر", r"الإشارة"))


SUBJECT_FILLER = re.compile(
    r"\A[\s:;,.\-–]*(?:(?:de|du|des|la|le|l'|suivante?s?|ci-dessous|following|the|as follows|following|التالي|التالية|اسم|الآتي|a|of your e-?mails?|of the e-?mails?|of your messages?|of the messages?|of your applications?|du mail|du message|du courriel|de votre (?:mail|e-?mail|courriel|message)|de l'e-?mail)\b[\s:;,.\-–]*)*\Z",
)


QUOTED = re.compile(r"[«\"“„‹](?P<q>[^«»\"“”„‹›\n]{2,200})[»\"”›]")
QUOTED_ACROSS_LINES = re.compile(
    r"[«\"“„‹](?P<q>[^«»\"“”„‹›\n]{1,200}(?:\n[^«»\"“”„‹›\n]{1,200}){1,2})[»\"”›]"
)


# What names a call before its number: "Appel d'offres n°", "RFP No.", "TDR #".
_NUMBERED = (
    r"appel d'offres?|avis|ao|consultation|marche|tenders?|rfp|rfq|call|appel|offres?|dossier|proposals?|bids?|"
    r"quotations?|propositions?|vacancy|announcement|interet|candidatures?"
)
_NUMBER_SIGN = r"(?:n°|no\.|nº|n\.|num(?:ero)?\.?|#)"
# Every alternative starts with a letter, not a group: the regex engine then
# skips the positions no cue can start at instead of trying each group there
# (a third less time over a text without a reference). "(?:a|b)x" is written
# "ax|bx": the same matches, tried in the same order.
REFERENCE_CUE = re.compile(
    kw(
        r"ref(?:erence)?s?\b\.?(?:\s+(?:de l'appel|de l'offre|du marche|de l'avis|of the call|number|no|de la mission|"
        r"de la consultation|du poste|de l'annonce|de l'ami|du tdr|des tdr|of the (?:assignment|consultancy|vacancy)))?",
        r"our ref",
        *(rf"{name}(?: [\w'’]{{1,20}}){{0,4}}?\s*{_NUMBER_SIGN}" for name in _NUMBERED.split("|")),
        r"numero de l'appel d'offres?",
        *(
            rf"{name}\s*(?:n°|no\.|nº|#)"
            for name in ("tdrs?", "tor", "termes de reference", "terms of reference")
        ),
        r"numero d'appel",
        r"المرجع",
        r"مرجع",
        r"رقم الإعلان",
        r"رقم طلب العروض",
        r"طلب (?:ال)?عروض(?: [\w]{1,12}){0,2}? رقم",
        r"إعلان(?: [\w]{1,12}){0,3}? رقم",
        # "بناء على قرار رئيس مجلس الجهة رقم E.1/5 2026": the decision opening a competition numbers it
        *(rf"{decision}(?: [\w]{{1,12}}){{0,6}}? رقم" for decision in ("قرار", "مقرر")),
    ),
)


_REFERENCE_WORD = re.compile(kw(r"reference", r"المرجع", r"مرجع"))


_REF_VALUE = re.compile(
    r"(?:[A-Za-z0-9][A-Za-z0-9_\-.]*(?:[ \t]*[/\\][ \t]*[A-Za-z0-9][A-Za-z0-9_\-.]*)+|[A-Za-z0-9][A-Za-z0-9_\-./]*)"
    r"(?:[ \t]?\([A-Za-z0-9]{1,4}\))?"  # "Sec609(g)"
    r"(?:[ \t](?:19|20)\d\d(?![\d/]))?"  # "E.1/5 2026": a decision's number and its year
)


# A code alone on its line (a letterhead, a cover page, a flattened table's cell, a quoted code):
# "SCG/GOM/IC/05", "09/DESTINATIONEMPLOI/2025 |", "«PR\\JOR\\2025\\614»", "2021-DAO-PLANAPEC-MC254/01".
_STANDALONE_REF = re.compile(
    r"(?m)^[ \t*«»\"“”|]*(?P<ref>[A-Z0-9][A-Z0-9_\-.]*(?:[ \t]*[/\\][ \t]*[A-Z0-9][A-Z0-9_\-.]*){2,}"
    r"|[A-Z0-9][A-Z0-9_.]*(?:[\-/][A-Z0-9_.]+){3,})[ \t*«»\"“”|]*$"
)


# "RFQ/2025/017", "AMI-2025-03": a call-type prefix glued to a number
_CODE_REF = re.compile(
    r"\b(?:RFP|RFQ|RFI|AMI|AO|AOO|TDR|TdR|ToR|CFP|EOI|ITB|REF|Ref)[\-/_][A-Za-z0-9][A-Za-z0-9/\-_]*\d[A-Za-z0-9/\-_]*"
)


_DATE_LIKE = re.compile(r"\A\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}\Z")


def read_reference(doc: Doc) -> None:
    head_limit = max(2000, len(doc.text) // 3)
    for match in REFERENCE_CUE.finditer(doc.folded):
        prev = doc.folded[max(0, match.start() - 25) : match.start()]
        if re.search(r"termes? de\s*\Z|terms of\s*\Z|la\s*\Z|the\s*\Z", prev):
            continue
        tail = doc.masked[match.end() : match.end() + 80].split("\n")[0]
        lead = re.match(r"[\s.:°º#\-–|]*(?:n°|no\.?|nº)?[\s.:°º#|]*", tail, re.I)
        offset = lead.end() if lead else 0
        value = _REF_VALUE.match(tail, offset)
        if not value:
            continue
        ref = value.group(0).rstrip(".-_ ")
        if not re.search(r"\d", ref) or _DATE_LIKE.match(ref) or len(ref) < 3:
            continue
        start = match.end() + value.start()
        doc.set("reference", squash(ref), [(start, start + len(ref))], 0.9)
        return
    for match in _STANDALONE_REF.finditer(doc.masked[:head_limit]):
        ref = match.group("ref").strip()
        if _DATE_LIKE.match(ref) or not re.search(r"\d", ref) or not re.search(r"[A-Z]", ref):
            continue
        doc.set("reference", squash(ref), [(match.start("ref"), match.end("ref"))], 0.75)
        return
    code = _CODE_REF.search(doc.masked[:head_limit])
    if code:
        doc.set("reference", code.group(0), [(code.start(), code.end())], 0.7)
        return
    doc.set("reference", None)


_SUBJECT_STOP = re.compile(
    r"\.\s+(?=[A-ZÀ-Ý\u0600-\u06ff]).*\Z|,?\s+(?:au plus tard|avant le|aux adresses|a l'adresse|à l'adresse|a l’adresse|par e-?mail|no later|before|by|to the|et en|and)\b.*\Z",
    re.I | re.S,
)


def _clean_subject(raw: str) -> str:
    value = tidy(raw)
    value = re.sub(
        r"\s*[«»“”\"]\s*",
        lambda m: " « " if "«" in m.group(0) else (" »" if "»" in m.group(0) else " "),
        value,
    )
    value = squash(value).strip(" ,;:")
    if value.count("«") == 0 and value.count("»") == 0:
        return value
    if value.startswith("«") and value.endswith("»") and value.count("«") == 1:
        return value[1:-1].strip()
    return value


def _cue_lines(doc: Doc, prefilter: re.Pattern[str]) -> Iterable[Span]:
    """The lines holding a cheap literal hint, so costly patterns run on a few lines only."""
    last = -1
    for hint in prefilter.finditer(doc.folded):
        if hint.start() <= last:
            continue
        line = doc.line_bounds(hint.start())
        last = line[1]
        yield line


def _subject_cues(doc: Doc) -> Iterable[re.Match[str]]:
    """The first subject cue of each line that has one: the reading of a line
    depends on its last cue only, so a line of a thousand cues is read once,
    not once per cue (quadratic)."""
    for start, end in _cue_lines(doc, SUBJECT_HINT):
        first = SUBJECT_CUE.search(doc.folded, start, end)
        if first is not None:
            yield first


def _reference_before(doc: Doc, line_start: int, cue_start: int) -> tuple[str, int] | None:
    """ "The reference TRN-25 must appear in the subject line": the reference is the subject."""
    sentence_start = max(line_start, doc.masked.rfind(". ", line_start, cue_start) + 1)
    words = list(_REFERENCE_WORD.finditer(doc.folded, sentence_start, cue_start))
    if not words:
        return None
    word = words[-1]
    between = doc.masked[word.end() : cue_start]
    value = _REF_VALUE.match(doc.masked, word.end() + len(between) - len(between.lstrip()))
    if value and re.search(r"\d", value.group(0)):
        return value.group(0).rstrip(".,"), value.start()
    reference = doc.fields.get("reference")
    if reference:
        return reference, word.start()
    return None


def _quoted_before(doc: Doc, line_start: int, cue_start: int) -> tuple[str, int] | None:
    """A quoted text just before the subject cue, in the same sentence."""
    window_start = max(line_start, cue_start - 120)
    window = doc.masked[window_start:cue_start]
    found = None
    for quoted in QUOTED.finditer(window):
        found = quoted
    if found is None or len(window) - found.end() > 30 or "." in window[found.end() :]:
        return None
    return found.group("q"), window_start + found.start("q")


def read_subject(doc: Doc) -> None:
    for match in _subject_cues(doc):
        line_start, line_end = doc.line_bounds(match.start())
        # the last cue on that line decides ("avec la mention dans l'objet de")
        cue_end = match.end()
        for later in SUBJECT_CUE.finditer(doc.folded, match.end(), line_end):
            cue_end = later.end()
        # A subject is short: what lies beyond the first 1,000 characters after
        # the cue is never part of it, and bounding it keeps the stop patterns linear.
        rest_end = min(line_end, cue_end + 1000)
        rest = doc.masked[cue_end:rest_end]
        rest_folded = doc.folded[cue_end:rest_end]
        # A quoted subject may be cut by a line break (a PDF's or a pasted page's):
        # it runs on to its closing quote, over two more lines at most.
        quoted = QUOTED.search(doc.masked, cue_end, rest_end) or QUOTED_ACROSS_LINES.search(
            doc.masked, cue_end, min(len(doc.masked), cue_end + 450)
        )
        before = _quoted_before(doc, line_start, match.start())
        if quoted and quoted.start() - cue_end < 40:
            value, start = quoted.group("q"), quoted.start("q")
        elif before is not None:  # 'Please quote "EVAL-2025" in the subject'
            value, start = before
        elif SUBJECT_FILLER.match(rest_folded) and not rest.rstrip().endswith("."):
            nxt = line_end + 1
            while nxt < len(doc.text) and doc.text[nxt] == "\n":
                nxt += 1
            n_start, n_end = doc.line_bounds(nxt) if nxt < len(doc.text) else (nxt, nxt)
            value, start = doc.masked[n_start:n_end], n_start
        else:
            colon = rest.find(":")
            if 0 <= colon < 40:
                piece = rest[colon + 1 :]
                start = cue_end + colon + 1
            else:
                piece = rest
                start = cue_end
            if _REFERENCE_WORD.search(rest_folded[: max(colon, 0) + 1] or rest_folded[:60]):
                if colon == -1 or not piece.strip():
                    ref = doc.fields.get("reference")
                    if ref:
                        doc.set("email_subject", ref, [(match.start(), cue_end)], 0.7)
                        return
            value = _SUBJECT_STOP.sub("", piece)
        if SUBJECT_FILLER.match(doc.folded[start : start + len(value)]):
            named = _reference_before(doc, line_start, match.start())
            if named is None:
                continue
            value, start = named
        cleaned = _clean_subject(value)
        if len(cleaned) >= 3:
            lead = len(value) - len(value.lstrip())
            span_start = start + lead
            doc.set(
                "email_subject",
                cleaned,
                [(min(match.start(), span_start), max(cue_end, span_start + len(value.strip())))],
                0.85,
            )
            return
    doc.set("email_subject", None)
