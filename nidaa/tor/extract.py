"""Read a call's fields from its normalised text, each with the passage it came from.

``extract_fields(text)`` returns every key of ``schemas/tor-extraction.md``
(without ``source``) plus ``objectives``, ``tasks``, ``profile``,
``location_codes``, ``deadline_timezone``, ``evidence`` ({field: [{start,
end}]}, offsets into ``text``) and ``confidence`` ({field: 0..1}). Fields the
text does not state are null or []: nothing is guessed.

The reader generalises from how calls are written, not from particular
calls: the text is cut into sections by headings whose role comes from
multilingual keywords (``sections``), dates are read by ``dates``, and the
cue words live in ``vocab``. Plain Python, no Django.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from nidaa.tor import vocab as V
from nidaa.tor.dates import DateMatch, find_dates
from nidaa.tor.places import Gazetteer, Place, default_gazetteer
from nidaa.tor.places import fold as place_fold
from nidaa.tor.sections import Line, Section, role_of, segment
from nidaa.tor.text import Views, arabic_share, fold, kw, squash, tidy

LIST_FIELDS = (
    "partners_funders",
    "submission_emails",
    "contact_emails",
    "required_documents",
    "deliverables",
    "locations",
    "location_codes",
    "languages",
    "objectives",
    "tasks",
    "profile",
)
SCALAR_FIELDS = (
    "title",
    "call_type",
    "issuer",
    "project",
    "reference",
    "deadline",
    "deadline_text",
    "deadline_timezone",
    "email_subject",
    "duration_days",
    "participants",
    "document_language",
)
DEFAULT_TIMEZONE = "Africa/Casablanca"

Span = tuple[int, int]


@dataclass
class _Doc:
    views: Views
    sections: list[Section]
    gazetteer: Gazetteer | None
    fields: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.views.text

    @property
    def masked(self) -> str:
        return self.views.masked

    @property
    def folded(self) -> str:
        return self.views.folded

    def of_role(self, *roles: str) -> list[Section]:
        return [s for s in self.sections if s.role in roles or any(r in roles for r in s.also)]

    def role_at(self, offset: int) -> str | None:
        """The role of the section holding ``offset`` (binary search: extractors
        ask once per date or address, and a hostile text has thousands)."""
        index = bisect_right(self._heading_starts, offset)
        return self.sections[index - 1].role if index else None

    def set(self, name: str, value: Any, spans: Iterable[Span] = (), confidence: float = 0.0) -> None:
        self.fields[name] = value
        spans = [s for s in spans if s[0] < s[1]]
        if value not in (None, [], "") and spans:
            self.evidence[name] = spans
        if value not in (None, [], ""):
            self.confidence[name] = round(confidence, 2)

    def line_bounds(self, offset: int) -> Span:
        """The line holding ``offset``, found by binary search over the line
        breaks rather than by scanning the line (quadratic on a long line of
        dates or addresses)."""
        index = bisect_left(self._newlines, offset)
        start = self._newlines[index - 1] + 1 if index else 0
        end = self._newlines[index] if index < len(self._newlines) else len(self.text)
        return start, end

    @cached_property
    def _newlines(self) -> list[int]:
        return [m.start() for m in re.finditer("\n", self.text)]

    @cached_property
    def _heading_starts(self) -> list[int]:
        return [section.heading_start for section in self.sections]


# ---------------------------------------------------------------- helpers

_TRAIL = re.compile(r"[\s;,.:·]+\Z")


def _item_text(doc: _Doc, line: Line) -> tuple[str, Span]:
    start, end = line.start, line.end
    raw = doc.masked[start:end]
    if "\t" in raw.strip():  # a table row: the first cell names the item
        end = start + raw.index("\t", len(raw) - len(raw.lstrip()))
        raw = doc.masked[start:end]
    trail = _TRAIL.search(raw)
    if trail:
        end = start + trail.start()
    return tidy(doc.text[start:end]), (start, end)


def _items(doc: _Doc, sections: list[Section], *, skip_intro: bool = True) -> list[tuple[str, Span]]:
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


def _is_furniture(doc: _Doc, text: str) -> bool:
    """Page numbers and banners repeated on every page of a PDF."""
    if _PAGE.match(text):
        return True
    at_line_start = doc.masked.count("\n" + text) + doc.masked.lstrip().startswith(text)
    return len(text) < 90 and at_line_start > 1


def _dedupe_items(items: list[tuple[str, Span]]) -> list[tuple[str, Span]]:
    seen: set[str] = set()
    out = []
    for text, span in items:
        key = place_fold(text)
        if key and key not in seen:
            seen.add(key)
            out.append((text, span))
    return out


_LEAD_DAY = re.compile(r"(?:\b(?:le|the|on)|" + kw("يوم") + r")\s+\Z")
_REFERENCE_WORD = re.compile(kw(r"reference", r"المرجع", r"مرجع"))
_TOTAL = re.compile(kw(r"total", r"au total", r"en tout", r"المجموع", r"ما مجموعه"))
_REF_LINE = re.compile(kw(r"numero", r"\bn°", r"\bref\b", r"reference de"))
_PROJECT_TITLE_KEY = re.compile(kw(r"titre du projet", r"project title", r"اسم المشروع"))
_ACRONYM = re.compile(r"\A[A-Z][A-Z0-9&\-]{1,9}\Z")
_NAME_WORD = r"(?:(?:[dlDL]['’])?[A-ZÀ-Ý][\w'’\-]{0,30}|de|des|du|d'|la|le|les|l'|pour|et|of|the|for|and|en|au|aux|sans|à)"


_NOT_NAME_START = {
    "présentation",
    "presentation",
    "la",
    "le",
    "les",
    "l'",
    "de",
    "du",
    "des",
    "a",
    "à",
    "about",
}


def _expand_acronym(doc: _Doc, acronym: str) -> str | None:
    """ "OMP" -> "Observatoire Marocain des Prisons (OMP)" when the text defines it."""
    pattern = re.compile(
        rf"((?:{_NAME_WORD})(?:[ \t]+(?:{_NAME_WORD})){{0,12}})[ \t]*(?:\([ \t]*{re.escape(acronym)}[ \t]*\)|[–\-][ \t]*{re.escape(acronym)}\b)"
    )
    for match in pattern.finditer(doc.masked):
        words = match.group(1).split()
        while words and (not words[0][:1].isupper() or words[0].lower() in _NOT_NAME_START):
            words.pop(0)
        if words and re.match(r"[LlDd]['’]", words[0]):
            words[0] = words[0][2:]
        if len(words) >= 2:
            return f"{' '.join(words)} ({acronym})"
    return None


_ORG_TAIL = re.compile(
    r"\s+(?:dans le cadre|pour(?!\s+(?:le |la |l'|les )?[A-ZÀ-Ý])|afin|en partenariat|avec|qui|dont|sur|in the framework|within|to|for(?!\s+(?:the )?[A-Z])|with|that|who|في إطار|من أجل|عن|ب)\b.*\Z",
    re.S,
)


def _org_name(raw: str) -> str:
    name = tidy(raw.split("\n")[0])
    name = _ORG_TAIL.sub("", name)
    name = re.split(r"[,;:.](?:\s|\Z)", name)[0]
    name = re.sub(r"\A(?:l['’]|la |le |les |the |an |a )", "", name, flags=re.I).strip(" -–")
    return name[:1].upper() + name[1:] if name else name


# The key starts at the line's first non-space (possessive indent), so a long
# run of spaces is not split three ways between indent, key and gap.
_KV_LINE = re.compile(r"(?m)^[ \t]*+([^\s|:][^\n\t|:]{1,49}?)[ \t]*(?:\t|\s\|\s|:)[ \t]*+([^\n]+)$")


def _kv_lines(doc: _Doc, limit: int | None = None) -> list[tuple[str, str, Span]]:
    """Table rows "key<TAB>value" / "key | value" / short "Key: value" lines."""
    rows = []
    end_at = len(doc.text) if limit is None else limit
    for match in _KV_LINE.finditer(doc.masked, 0, end_at):
        key = doc.folded[match.start(1) : match.end(1)].strip(" *#")
        rows.append((key, match.group(2), (match.start(2), match.end(2))))
    return rows


# ---------------------------------------------------------------- emails


_QUESTION_CUE = re.compile(
    kw(
        r"questions?",
        r"renseignements?",
        r"informations?",
        r"clarifications?",
        r"precisions",
        r"inquir",
        r"enquir",
        r"queries",
        r"للاستفسار",
        r"الاستفسارات",
        r"استفسار",
        r"المعلومات",
    )
)
_APPLICATION_NOUN = re.compile(
    kw(
        r"candidature",
        r"dossier",
        r"offres?",
        r"applications?",
        r"proposals?",
        r"quotations?",
        r"\bcv\b",
        r"postul",
        r"ترشيح",
        r"الترشيحات",
        r"ملف",
        r"عروض",
        r"العرض",
    )
)


def _emails(doc: _Doc) -> None:
    submission: dict[str, list[Span]] = {}
    contact: dict[str, list[Span]] = {}
    for match in V.EMAIL.finditer(doc.folded):
        address = match.group(0).rstrip(".-")
        start, end = match.start(), match.start() + len(address)
        line_start, line_end = doc.line_bounds(start)
        before = doc.folded[max(line_start, start - 220) : start]
        if start - line_start < 25 and line_start > 0:
            prev_start = doc.text.rfind("\n", 0, line_start - 1) + 1
            before = doc.folded[prev_start : line_start - 1][-150:] + " " + before
        last_submit = max((m.end() for m in V.SUBMIT_CUES.finditer(before)), default=-1)
        last_contact = max((m.end() for m in V.CONTACT_CUES.finditer(before)), default=-1)
        role = doc.role_at(start)
        sentence = before[before.rfind(". ") + 1 :]
        asking = _QUESTION_CUE.search(sentence) and not _APPLICATION_NOUN.search(sentence)
        is_submission = False
        if asking:
            is_submission = False  # "Questions may be sent to ...": a contact, whatever the verb
        elif last_submit > last_contact:
            is_submission = True
        elif last_contact == -1 and role in ("submission", "deadline", "documents"):
            is_submission = True
        target = submission if is_submission else contact
        target.setdefault(address, []).append((start, end))
    contact = {a: s for a, s in contact.items() if a not in submission}
    doc.set(
        "submission_emails",
        list(submission),
        [s for spans in submission.values() for s in spans],
        0.85,
    )
    doc.set("contact_emails", list(contact), [s for spans in contact.values() for s in spans], 0.8)


# ---------------------------------------------------------------- deadline


def _deadline(doc: _Doc, dates: list[DateMatch]) -> None:
    best: tuple[float, DateMatch, int] | None = None
    for date in dates:
        line_start, _ = doc.line_bounds(date.start)
        before = doc.folded[max(line_start, date.start - 90) : date.start]
        near = before[-45:]
        role = doc.role_at(date.start)
        score = 0.0
        cue_start = -1
        strong = list(V.DEADLINE_STRONG.finditer(before))
        weak = list(V.DEADLINE_WEAK.finditer(near))
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
        if V.NOT_DEADLINE.search(near) and not strong:
            score -= 3
        if date.hour is not None:
            score += 1
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


# ---------------------------------------------------------------- subject and reference

_REF_VALUE = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9_\-.]*(?:[ \t]*[/\\][ \t]*[A-Za-z0-9][A-Za-z0-9_\-.]*)+|[A-Za-z0-9][A-Za-z0-9_\-./]*"
)
_STANDALONE_REF = re.compile(
    r"(?m)^[ \t]*(?P<ref>[A-Z0-9][A-Z0-9_\-.]*(?:[ \t]*/[ \t]*[A-Z0-9][A-Z0-9_\-.]*){2,})[ \t]*$"
)
# "RFQ/2025/017", "AMI-2025-03": a call-type prefix glued to a number
_CODE_REF = re.compile(
    r"\b(?:RFP|RFQ|RFI|AMI|AO|AOO|TDR|TdR|ToR|CFP|EOI|ITB|REF|Ref)[\-/_][A-Za-z0-9][A-Za-z0-9/\-_]*\d[A-Za-z0-9/\-_]*"
)
_DATE_LIKE = re.compile(r"\A\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}\Z")


def _reference(doc: _Doc) -> None:
    head_limit = max(2000, len(doc.text) // 3)
    for match in V.REFERENCE_CUE.finditer(doc.folded):
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


def _cue_lines(doc: _Doc, prefilter: re.Pattern[str]) -> Iterable[Span]:
    """The lines holding a cheap literal hint, so costly patterns run on a few lines only."""
    last = -1
    for hint in prefilter.finditer(doc.folded):
        if hint.start() <= last:
            continue
        line = doc.line_bounds(hint.start())
        last = line[1]
        yield line


def _subject_cues(doc: _Doc) -> Iterable[re.Match[str]]:
    """The first subject cue of each line that has one: the reading of a line
    depends on its last cue only, so a line of a thousand cues is read once,
    not once per cue (quadratic)."""
    for start, end in _cue_lines(doc, V.SUBJECT_HINT):
        first = V.SUBJECT_CUE.search(doc.folded, start, end)
        if first is not None:
            yield first


def _reference_before(doc: _Doc, line_start: int, cue_start: int) -> tuple[str, int] | None:
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


def _quoted_before(doc: _Doc, line_start: int, cue_start: int) -> tuple[str, int] | None:
    """A quoted text just before the subject cue, in the same sentence."""
    window_start = max(line_start, cue_start - 120)
    window = doc.masked[window_start:cue_start]
    found = None
    for quoted in V.QUOTED.finditer(window):
        found = quoted
    if found is None or len(window) - found.end() > 30 or "." in window[found.end() :]:
        return None
    return found.group("q"), window_start + found.start("q")


def _subject(doc: _Doc) -> None:
    for match in _subject_cues(doc):
        line_start, line_end = doc.line_bounds(match.start())
        # the last cue on that line decides ("avec la mention dans l'objet de")
        cue_end = match.end()
        for later in V.SUBJECT_CUE.finditer(doc.folded, match.end(), line_end):
            cue_end = later.end()
        # A subject is short: what lies beyond the first 1,000 characters after
        # the cue is never part of it, and bounding it keeps the stop patterns linear.
        rest_end = min(line_end, cue_end + 1000)
        rest = doc.masked[cue_end:rest_end]
        rest_folded = doc.folded[cue_end:rest_end]
        quoted = V.QUOTED.search(rest)
        before = _quoted_before(doc, line_start, match.start())
        if quoted and quoted.start() < 40:
            value, start = quoted.group("q"), cue_end + quoted.start("q")
        elif before is not None:  # 'Please quote "EVAL-2025" in the subject'
            value, start = before
        elif V.SUBJECT_FILLER.match(rest_folded) and not rest.rstrip().endswith("."):
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
        if V.SUBJECT_FILLER.match(doc.folded[start : start + len(value)]):
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


# ---------------------------------------------------------------- required documents


def _doc_labels(text_folded: str, *, item: bool) -> list[tuple[str, int, int]]:
    if item:
        # "Un CV détaillant leurs références": what follows the first piece only qualifies it
        text_folded = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group(0)), text_folded)
        first = min((m.end() for _, p in V.DOC_CUES for m in [p.search(text_folded)] if m), default=None)
        if first is not None:
            cut = V.DOC_QUALIFIER.search(text_folded, first)
            if cut:
                text_folded = text_folded[: cut.start()]
    found = []
    taken: list[Span] = []
    for label, pattern in V.DOC_CUES:
        for match in pattern.finditer(text_folded):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append((label, match.start(), match.end()))
            break
    found.sort(key=lambda x: x[1])
    return found


def _required_documents(doc: _Doc) -> None:
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
                and not V.JOINING.search(folded)
            ):
                words = re.findall(r"\w+", place_fold(tidy(text)))
                words = [w for w in words if w not in _DOC_STOP][:4]
                if words:
                    add("other:" + " ".join(words), (line.start, line.end))
    for section in doc.of_role("submission", "deadline"):
        for line in section.lines:
            folded = doc.folded[line.start : line.end]
            for label, a, b in _doc_labels(folded, item=line.is_item or len(folded) < 120):
                add(label, (line.start + a, line.start + b))
    if not labels:
        for match in V.JOINING.finditer(doc.folded):
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


# ---------------------------------------------------------------- lists from sections

_REPORT = re.compile(kw(r"rapport", r"report", r"تقرير"))


def _deliverables(doc: _Doc, call_type: str | None) -> None:
    sections = doc.of_role("deliverables")
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
_ARTICLE = re.compile(r"\A(?:un|une|le|la|les|des|du|l'|a|an|the|its|son|sa|ses|و)\s*", re.I)


def _delivered_in_sentences(doc: _Doc) -> list[tuple[str, Span]]:
    """ "Le consultant remettra un rapport de diagnostic, le plan et un rapport final." """
    out: list[tuple[str, Span]] = []
    for verb in _DELIVER_VERB.finditer(doc.folded):
        line_end = doc.line_bounds(verb.start())[1]
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


def _list_field(doc: _Doc, name: str, roles: tuple[str, ...]) -> None:
    items = _items(doc, doc.of_role(*roles))
    doc.set(name, [t for t, _ in items][:40], [s for _, s in items][:40], 0.7)


# ---------------------------------------------------------------- places

# Words joined by single spaces or hyphens; hyphens are only separators, so no backtracking blow-up.
_PLACE_NAME = r"[A-ZÀ-Ý][\w'’]{0,30}(?:[ \-](?:[A-ZÀ-Ý][\w'’]{0,30}|el|al|El|Al|Sidi|Ait|Aït|Ben|Beni))*"
_AT_PLACE = re.compile(r"(?:\b(?:à|a|au|en|in|at)|ب|في)\s+(?P<place>" + _PLACE_NAME + ")")
_AT_PLACE_LIST = re.compile(
    r"(?:\b(?:à|in|at)|ب)\s*(?P<places>"
    + _PLACE_NAME
    + r"(?:\s*(?:,|\bet\b|\band\b|و)\s*"
    + _PLACE_NAME
    + r"){0,4})"
)
_BASED = re.compile(
    kw(
        r"base\.?e?s?\s+(?:a|au|en)\s+",
        r"based in\s+",
        r"based at\s+",
        r"duty station\s*:?\s*",
        r"lieu d'affectation\s*:?\s*",
        r"poste base a\s+",
        r"مقر العمل\s*:?\s*",
        r"مقره\s+",
        r"مقرها\s+",
    )
)
_BASED_NAME = re.compile(r"\s*(" + _PLACE_NAME.replace("[A-ZÀ-Ý]", "[A-ZÀ-Ý\u0600-\u06ff]", 1) + ")")
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
_TAKES_PLACE = re.compile(
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
    )
)
_REGION_WORDS = re.compile(
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
)


def _place_spans(doc: _Doc, start: int, end: int) -> list[tuple[Place, Span]]:
    if doc.gazetteer is None:
        return []
    return [(m.place, (start + m.start, start + m.end)) for m in doc.gazetteer.find_in(doc.text[start:end])]


_ENUM_CUE = re.compile(
    kw(
        r"communes? (?:de|d'|rurales? de|urbaines? de)",
        r"villes? (?:de|d')",
        r"localites? (?:de|d')",
        r"douars? (?:de|d')?",
        r"provinces? (?:de|d')",
        r"prefectures? (?:de|d')",
        r"(?:the )?(?:communes|provinces|cities|towns|municipalities|prefectures) of",
        r"(?:ب|في )?جماعات",
        r"(?:ب|في )?جماعتي",
        r"(?:ب|في )?مدن",
        r"(?:ب|في )?مدينتي",
        r"(?:ب|في )?أقاليم",
        r"(?:ب|في )?إقليمي",
    )
)
_ENUM_END = re.compile(
    r"[.;:()\n]|\s+ب?(?:إقليم|اقليم|جهة|عمالة)|\s+(?:province|région|region|préfecture) d|[,،]\s*(?:dans|in|au|de la|du|province|région|region|إقليم|اقليم|جهة|عمالة)\b|\s(?:dans|in|within|au sein)\s"
)
_ENUM_SPLIT = re.compile(r"\s*(?:,|،|\bet\b|\band\b)\s*|\s+(?=و\S{2,})")


def _conjunction(doc: _Doc, name: str) -> bool:
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


def _enumerated(doc: _Doc, start: int, end: int) -> list[tuple[str, Span, str | None]]:
    """Names listed after "communes de", "provinces of", "بجماعتي" ... in one line,
    with the level the cue names (so "communes de Zagora" is the commune)."""
    out: list[tuple[str, Span, str | None]] = []
    for cue in _ENUM_CUE.finditer(doc.folded, start, end):
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
            if not name or len(name.split()) > 4:
                continue
            if not (name[0].isupper() or "\u0600" <= name[0] <= "\u06ff"):
                continue
            out.append((name, (offset, offset + len(name)), kind))
    return out


# A value line of a location section ("Lieu : commune de Sidi Bibi", "مكان التكوين:
# جماعة تاكونيت وجماعة زاكورة"): its items are places as written, known or not.
_WRITTEN_SPLIT = re.compile(r"\s*(?:,|،|;|؛|\s/\s|\bet\b|\band\b|&)\s*|\s+(?=و\S{2,})")
_WRITTEN_PREFIX = re.compile(
    r"\A(?:(?:و|ب|في\s+)?(?:مقر|مدينة|مدينتي|مدن|جماعة|جماعتي|جماعات|بلدية|إقليم|اقليم|أقاليم|عمالة|جهة|جهات|دوار)(?=\s)"
    r"|(?:(?:les?|la|l'|the|au|à|a|en|in|at)\s+)?(?:si[eè]ge|commune|communes|ville|villes|province|provinces|"
    r"pr[ée]fecture|r[ée]gion|r[ée]gions|municipalit[ée]|municipality|city|town|douar|cercle)\b"
    r"(?:\s+(?:rurale|urbaine|territoriale))?(?:\s+(?:de|d'|du|des|of))?"
    r"|(?:les?|la|l'|the|au|à|en|in|at)(?=\s))\s*",
    re.I,
)
# A place name: up to four capitalised words (with el/de/ben/n'... between them), or up
# to three Arabic words (more is a sentence: "ستنظم الدورات بجماعتي أمزميز").
_NAME_LIKE = re.compile(
    r"[A-ZÀ-Ý][\w'’]*(?:[ \-](?:[A-ZÀ-Ý][\w'’]*|el|al|de|des|du|d['’]\w+|ben|ou|n['’]\w+|ait|aït|sidi)){0,3}"
    r"|[\u0600-\u06ff]+(?:[ \-][\u0600-\u06ff]+){0,2}"
)
_WRITTEN_SITUATED = re.compile(
    r"\s+(?:(?:ب|في\s*)(?:إقليم|اقليم|جهة|عمالة)|(?:dans|in|within|au sein|de la province|de la r[ée]gion|province of|region of)\s)"
)
_WRITTEN_SUFFIX = re.compile(
    r"\s+(?:provinces?|regions?|communes?|prefectures?|municipalit(?:y|ies)|cities|city)\Z", re.I
)


def _written_places(doc: _Doc, start: int, end: int) -> list[tuple[str, Span, str | None]]:
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
        if not _NAME_LIKE.fullmatch(name):
            return []  # a sentence, not a list of names: leave it to the other rules
        out.append((name, (found, found + len(name)), item_kind))
        last_prefixed = prefixed
    # "Tafraout, Mirleft, province de Tiznit": a last item one level up only situates the others
    if len(out) >= 2 and last_prefixed and out[-1][2] in ("province", "region") and out[-2][2] != out[-1][2]:
        out.pop()
    return out


def _lookup(doc: _Doc, name: str, kind: str | None) -> Place | None:
    if doc.gazetteer is None:
        return None
    return (kind and doc.gazetteer.lookup(name, kind)) or doc.gazetteer.lookup(name)


MAX_LOCATIONS = 60  # a call names a few dozen places at most


def _locations(doc: _Doc) -> None:
    names: list[str] = []
    places: list[Place | None] = []
    spans: list[Span] = []

    def add(name: str, span: Span, place: Place | None = None) -> None:
        if len(names) >= MAX_LOCATIONS:  # each name is compared with the others: keep it bounded
            return
        name = tidy(name)
        if not name or name.lower() in _NOT_PLACE or len(name) < 3:
            return
        for index, (a, b) in enumerate(spans):
            if a <= span[0] and span[1] <= b:  # "Mhamid" inside "Mhamid El Ghizlane"
                if places[index] is None and place is not None:
                    places[index] = place
                return
        key = place_fold(name)
        if any(place_fold(n) == key for n in names):
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
                    add(head, (line.start, line.start + len(head.rstrip())))
            continue
        for line in section.lines:
            written = _written_places(doc, line.start, line.end)
            if written:
                for name, span, kind in written:
                    add(name, span, _lookup(doc, name, kind))
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
                add(doc.text[span[0] : span[1]], span, place)
            if not found:
                for match in _AT_PLACE.finditer(doc.masked, line.start, line.end):
                    add(match.group("place"), (match.start("place"), match.end("place")))
    _drop_parents(doc, names, places, spans)
    for match in _BASED.finditer(doc.folded):
        tail = doc.masked[match.end() : match.end() + 60].split("\n")[0]
        based = _BASED_NAME.match(tail)
        if based:
            start = match.end() + based.start(1)
            add(based.group(1), (start, start + len(based.group(1))))
    if not names:
        for match in _TAKES_PLACE.finditer(doc.folded):
            line_end = min(doc.line_bounds(match.start())[1], match.end() + 300)
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
            for span, place, _ in linked:
                add(doc.text[span[0] : span[1]], span, place)
            if not linked:
                for at in _AT_PLACE.finditer(doc.masked, match.end(), end):
                    add(at.group("place"), (at.start("place"), at.end("place")))
        _drop_parents(doc, names, places, spans)
    if not names:
        for match in _REGION_WORDS.finditer(doc.folded):
            line_start, line_end = doc.line_bounds(match.start())
            for place, span in _place_spans(doc, match.start(), min(line_end, match.end() + 160)):
                add(doc.text[span[0] : span[1]], span, place)
            if len(names) >= 6:
                break
        _drop_parents(doc, names, places, spans)
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
    doc.set("locations", names, spans, 0.8 if names else 0.0)
    doc.set("location_codes", [p.code for p in places if p is not None], [], 0.8)


_SITUATING = re.compile(
    "(?:"
    + kw(r"province", r"prefecture", r"region", r"إقليم", r"عمالة", r"جهة", r"بإقليم", r"بجهة")
    + r")\W{0,6}(?:de |d'|du |des )?\Z"
)


def _drop_parents(doc: _Doc, names: list[str], places: list[Place | None], spans: list[Span]) -> None:
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


# ---------------------------------------------------------------- numbers


def _number(token: str) -> float | None:
    token = token.strip()
    if re.fullmatch(r"\d+(?:[.,]5)?", token):
        return float(token.replace(",", "."))
    return V.NUMBER_WORDS.get(token)


_DAYS_RE = re.compile(
    rf"(?<![\w/])(?P<n>{V.NUMBER})(?:\s*|-)(?:\(\s*\d+\s*\)\s*)?(?:(?:{V.DAY_QUALIFIER})\s+)?(?:{V.DAYS})(?!\w)",
    re.UNICODE,
)
_DUAL_RE = re.compile(rf"(?:{V.DUAL_DAYS})")
_PRODUCT_RE = re.compile(
    rf"(?P<n>\d+)\s*(?:{V.DAYS})\s*(?P<rest>(?:[/x×*]\s*\d+\s*[^\W\d]+\s*){{1,3}})", re.UNICODE
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


def _days_in(doc: _Doc, start: int, end: int) -> tuple[float, Span] | None:
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
        per = re.match(rf"\s*(?:{V.PER_UNIT})\s+(?P<unit>[^\W\d]+)", tail)
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
    for kind, words in V.UNITS.items():
        if re.fullmatch(words, unit):
            return kind
    return None


def _unit_count(doc: _Doc, unit: str, context: str) -> int | None:
    kind = _unit_kind(unit)
    if kind is None:
        return None
    words = V.UNITS[kind]
    pattern = (
        rf"(?<![\w/])(?P<n>{V.NUMBER})\s*(?:\(\s*\d+\s*\)\s*)?"
        rf"(?:(?!(?:{V.PER_UNIT}|{V.PEOPLE}|{V.DAYS})(?!\w))[\w\-]{{1,20}}\s+){{0,2}}?(?:{words})(?!\w)"
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


def _duration(doc: _Doc) -> None:
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
    rf"(?<![\w/])(?P<n>{V.NUMBER})\s*(?:\(\s*\d+\s*\)\s*)?(?:[^\W\d]+\s+){{0,2}}?(?P<who>{V.PEOPLE})(?!\w)",
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
        r"(?:with|avec|for|pour) \d+",
        r"بمشاركة",
        r"لفائدة",
    )
    + "|"
    + V.BENEFIT_ACTIVITY
)
_DATA_COLLECTION = re.compile(V.DATA_COLLECTION)
_PARTICIPANT_STRONG = re.compile(
    kw(r"participant", r"beneficiaire", r"beneficiar", r"مشارك", r"مستفيد", r"cible", r"target")
)


def _participants(doc: _Doc) -> None:
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
            per = re.match(rf"\s*(?:{V.PER_UNIT})\s+(?P<unit>[^\W\d]+)", tail) or _EACH_UNIT.search(
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


# ---------------------------------------------------------------- languages


_ASSET = re.compile(
    kw(
        r"atout",
        r"souhaite",
        r"desired",
        r"preferably",
        r"would be",
        r"un plus",
        r"souhaitable",
        r"apprecie",
        r"asset",
        r"desirable",
        r"advantage",
        r"a plus",
        r"preferred",
        r"ميزة",
        r"إضافية",
        r"مستحسن",
    )
)
_ANY_LANGUAGE = re.compile("|".join(f"(?P<{code}>{p.pattern})" for code, p in V.LANGUAGES))


def _languages(doc: _Doc) -> None:
    codes: list[str] = []
    spans: list[Span] = []
    for match in _ANY_LANGUAGE.finditer(doc.folded):
        code = match.lastgroup or ""
        if match.start() and doc.folded[match.start() - 1].isalpha() and doc.folded[match.start()].isascii():
            continue  # "francophones" is not a language, "والفرنسية" is
        line_start, line_end = doc.line_bounds(match.start())
        if doc.role_at(match.start()) not in ("languages", "profile") and not V.LANGUAGE_CUES.search(
            doc.folded, line_start, line_end
        ):
            continue
        clause_start = max(doc.folded.rfind(c, line_start, match.start()) for c in ";.،؛") + 1
        ends = [i for i in (doc.folded.find(c, match.end(), line_end) for c in ";.،؛") if i != -1]
        clause_end = min(ends or [line_end])
        if _ASSET.search(doc.folded, max(line_start, clause_start), clause_end):
            continue  # "la connaissance de l'amazighe est un atout": welcome, not required
        if code not in codes:
            codes.append(code)
        spans.append((match.start(), match.end()))
    doc.set("languages", codes, spans, 0.8)


# ---------------------------------------------------------------- names: title, issuer, project, partners

_STRONG_TITLE = re.compile(
    kw(
        r"recrutement",
        r"recruitment",
        r"recrute",
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
        r"إعلان",
        r"طلب (?:عروض|ترشيحات|ترشيح|إبداء)",
        r"دعوة",
        r"دفتر التحملات",
        r"الشروط المرجعية",
    )
)
_TITLE_KEYS = re.compile(
    kw(
        r"activite",
        r"intitule",
        r"titre de (?:la mission|l'activite|la consultation|l'appel|la prestation|du poste)",
        r"objet",
        r"poste",
        r"position",
        r"job title",
        r"title of (?:the )?(?:assignment|position|consultancy)",
        r"assignment",
        r"الموضوع",
        r"المنصب",
        r"عنوان المهمة",
    )
)
_TITLE_PREFIX = re.compile(
    kw(
        r"\A(?:appel a (?:candidatures?|consultation)|termes de reference|tdrs?|avis|call for applications|terms of reference|tor|job offer|offre d'emploi|objet|subject)\s*[:\-–]?\s*(?:pour (?:le |la |l')?|relatifs? (?:a|au) |for (?:the )?)?(?=recrutement|recruitment|selection|hiring)"
    )
)
_JOB_WORDS = re.compile(
    kw(
        r"officer",
        r"manager",
        r"coordinat",
        r"charge\.?e? de",
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
    )
)


_EXPLICIT_TITLE_KEY = re.compile(
    kw(
        r"(?:titre|intitule|title|name) (?:de la |du |de l'|of the |of )?(?:mission|consultation|assignment|consultancy|poste|position|prestation|etude|study)",
        r"(?:assignment|job|position|consultancy) title",
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
    )
)
_LEAD_IN = re.compile(
    kw(
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
_HEADER_PREFIX = re.compile(
    r"\A(?:"
    + kw(
        r"vacancy",
        r"job offer",
        r"job opening",
        r"offre d'emploi",
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
        r"objet",
        r"subject",
    )
    + r")\s*[:\-–—]\s*(?=\S)"
)


_ANNOUNCEMENT_PREFIX = re.compile(r"\A(?:" + kw(r"إعلان عن", r"إعلان", r"announcement of") + r")\s*(?=\S)")


_CONTINUES = re.compile(
    r"(?:[a-zà-ÿ]|لإ|لـ|ل(?=ا)|من أجل|حول|بخصوص|قصد|خاص ب|خاصة ب|يتعلق ب|المتعلق ب|المتعلقة ب)"
)


_CONTINUATION = re.compile(
    kw(
        r"(?:pour|de|du|des|d'|en|au|aux|charge|chargee|dans|sur|a|for|of|to|in|on|the|and|et|لـ|ل|من أجل|في|حول|بخصوص)\b"
    )
)


def _continued(doc: _Doc, line: str, span: Span) -> tuple[str, Span]:
    """A title printed over two lines: "Recrutement d'un consultant" + "pour l'évaluation finale"."""
    end = span[1]
    for _ in range(2):
        next_start = end
        while (
            next_start < len(doc.text)
            and doc.text[next_start] in " \t\n"
            and doc.text.count("\n", end, next_start) < 2
        ):
            next_start += 1
        if doc.text.count("\n", end, next_start) != 1:
            break  # a blank line ends the title
        next_end = doc.line_bounds(next_start)[1]
        nxt = doc.masked[next_start:next_end].strip()
        folded = doc.folded[next_start:next_end].strip()
        if (
            not nxt
            or len(nxt) > 160
            or len(line) + len(nxt) > 260
            or role_of(folded)
            or V.EMAIL.search(folded)
        ):
            break
        arabic_link = "\u0600" <= nxt[0] <= "\u06ff" and _CONTINUATION.match(folded)
        if not (nxt[0].islower() or arabic_link) or nxt.endswith(":"):
            break
        line, end = f"{line} {nxt}", next_start + len(doc.masked[next_start:next_end].rstrip())
    return line, (span[0], end)


def _is_generic_header(folded: str, cue: re.Match[str]) -> bool:
    rest = folded[: cue.start()] + " " + folded[cue.end() :]
    rest = _REF_VALUE_ANY.sub(" ", rest)
    words = [w for w in re.findall(r"[^\W\d_]{2,}", rest) if not _GENERIC_WORDS.fullmatch(w)]
    return len(words) <= 1


_REF_VALUE_ANY = re.compile(r"\S*\d\S*")


def _title(doc: _Doc) -> None:
    head_limit = max(1500, len(doc.text) // 4)
    lines: list[tuple[int, str]] = []
    offset = 0
    for raw_line in doc.masked[:head_limit].split("\n"):
        if raw_line.strip():
            lead = len(raw_line) - len(raw_line.lstrip())
            lines.append((offset + lead, raw_line.strip()))
        offset += len(raw_line) + 1
    candidates: list[tuple[int, int, str, Span]] = []

    def usable(k: int) -> bool:
        start, line = lines[k]
        folded = doc.folded[start : start + len(line)]
        return (
            len(line) <= 220
            and "\t" not in line
            and " | " not in line
            and not V.EMAIL.search(folded)
            and (role_of(folded) is None or len(line.split()) > 6)
            and len(line.split()) >= 2
        )

    for index, (start, line) in enumerate(lines):
        if len(line) > 220 or "\t" in line or " | " in line:
            continue
        folded = doc.folded[start : start + len(line)]
        words = len(line.split())
        if words < 2 or V.EMAIL.search(folded):
            continue
        strong = _STRONG_TITLE.search(folded)
        medium = _MEDIUM_TITLE.search(folded)
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
        if cue and _is_generic_header(folded, cue):
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
        if strong and strong.start() < 100 and words <= 25:
            rank = 0
        elif strong and strong.start() < 100:  # a long announcement sentence, not a title line
            rank = 1
        elif (medium or strong) and words >= 4:
            rank = 1
        elif index < 40 and words <= 8 and _JOB_WORDS.search(folded) and not line.endswith((".", ";", ",")):
            rank = 2
        if rank is not None:
            candidates.append((rank, start, line, (start, start + len(line))))
    for key, value, span in _kv_lines(doc, head_limit):
        # "Title of the assignment: X" names the title outright (after recruitment wording)
        if _EXPLICIT_TITLE_KEY.match(key) and len(value.split()) >= 2 and not V.EMAIL.search(value):
            candidates.append((0, -1, value, span))
            break
    if candidates:
        rank, _, line, span = min(candidates, key=lambda c: (c[0], c[1]))
        line, span = _continued(doc, line, span)
        title = _clean_title(line)
        if title:
            doc.set("title", title, [span], (0.9, 0.75, 0.65)[rank])
            return
    for key, value, span in _kv_lines(doc, head_limit):
        if _TITLE_KEYS.match(key) and len(value.split()) >= 2:
            doc.set("title", _clean_title(value), [span], 0.6)
            return
    doc.set("title", None)


def _as_written_later(doc: _Doc, line: str, start: int) -> tuple[str, Span]:
    key = fold(line)
    found = doc.folded.find(key, start + len(line))
    while found != -1 and doc.masked[found : found + len(line)].isupper():
        found = doc.folded.find(key, found + len(line))
    if found == -1:
        return line, (start, start + len(line))
    end = found + len(line)
    acronym = re.match(r"\s*\([A-Z][\w\-]{1,10}\)", doc.masked[end : end + 16])
    if acronym:
        end += acronym.end()
    return doc.masked[found:end].strip(), (found, end)


def _head_lines(doc: _Doc, count: int) -> list[tuple[int, str]]:
    """The first ``count`` non-empty lines (offset, stripped text): the letterhead."""
    out: list[tuple[int, str]] = []
    for match in re.finditer(r"[^\n]+", doc.masked[:3000]):
        line = match.group(0).strip()
        if line and not line.startswith("[image"):
            out.append((match.start() + len(match.group(0)) - len(match.group(0).lstrip()), line))
            if len(out) >= count:
                break
    return out


_ISSUER_VERB_FOLDED = re.compile(kw(r"\blance\b", r"recrute", r"تعلن", r"يعلن", r"invites", r"is seeking"))


_FOR_RECRUITMENT = re.compile(
    r"(?:\b(?:pour|for)\s+(?:le|la|l'|the)?\s*)(?=" + kw("recrutement", "recruitment", "selection") + ")"
)


def _clean_title(line: str) -> str:
    title = tidy(line)
    title = re.sub(r"\A\d{1,2}\s+(?=[A-Z])", "", title)  # "1 Intervention Officer" = one position
    header = _HEADER_PREFIX.match(fold(title)) or _ANNOUNCEMENT_PREFIX.match(fold(title))
    if header and header.end() < len(title):
        title = title[header.end() :]
    folded = fold(title)
    prefix = _TITLE_PREFIX.match(folded)
    if prefix and prefix.end() < len(title):
        title = title[prefix.end() :]
    else:
        cut = _FOR_RECRUITMENT.search(folded)
        if cut and cut.start() < 60:
            title = title[cut.end() :]
    title = tidy(title)
    return title[:1].upper() + title[1:] if title else title


_ISSUER_CUES = re.compile(
    kw(
        r"lance par",
        r"lancee par",
        r"publie par",
        r"emis par",
        r"issued by",
        r"launched by",
        r"commanditaire",
        r"organisme",
        r"maitre d'ouvrage",
    )
)
_ISSUER_KEYS = re.compile(
    kw(
        r"operateur",
        r"organisation",
        r"organization",
        r"organisme",
        r"commanditaire",
        r"maitre d'ouvrage",
        r"client",
        r"employer",
        r"employeur",
        r"issuer",
        r"contracting authority",
        r"الجهة",
        r"صاحب المشروع",
    )
)
_ISSUER_VERB = re.compile(
    r"(?P<org>(?:[A-ZÀ-Ý][\w'’&\-]{0,30})(?:[ \t]+(?:(?:[dlDL]['’])?[A-ZÀ-Ý][\w'’&\-]{0,30}|de|des|du|d'|pour|et|of|the|for|and|la|le|l')){0,8}(?:[ \t]*\([A-Z][\w\-]{1,10}\))?)"
    r"(?:[ \t]*,[^,\n]{3,90},)?[ \t,]+(?:recrute|recherche|lance|se propose|souhaite (?:recruter|s'attacher|engager)|invite|is seeking|seeks|is looking|invites|is recruiting|wishes|intends|announces|annonce|organise un appel"
    r"|met en (?:œ|oe)uvre|implements"
    r"|(?:est|is)\s+(?:une?|an?)\s+(?:[\w\-]{1,30}\s+){0,3}?(?:association|organisation|organization|ONG|NGO|fondation|foundation|non-profit|réseau|network|agence|agency|organisme|institution|coopérative|cooperative|entreprise|company|plateforme|platform|collectif|collective|fédération|federation|union|consortium|think tank|observatoire|observatory))\b"
)
_ORG_AR = (
    r"(?:ال)?(?:جمعية|منظمة|شبكة|مؤسسة|فيدرالية|اتحاد|تعاونية|مركز|مرصد|هيئة|وكالة|مجلس|جماعة|فضاء|رابطة|منتدى|تنسيقية|مجموعة|نادي|"
    r"جمعيه|منظمه|شبكه|مؤسسه|فيدراليه|تعاونيه|هيئه|وكاله|جماعه|رابطه|تنسيقيه|مجموعه)"
)
_ISSUER_AR = re.compile(
    r"(?:تعلن|يعلن|تطلق|يطلق|تبحث|يبحث|تنفذ|ينفذ|تنظم|ينظم)\s+(?P<org>"
    + _ORG_AR
    + r"\s[^\n،,]{3,80}?)\s+(?:عن|في|لـ?|مشروع|برنامج|منذ|دورة)\s"
)
_LETTERHEAD = re.compile(
    r"\A(?:(?:L['’]|La |Le )?(?:Association|Fondation|Réseau|Coopérative|Organisation|Fédération|Union|Collectif|Observatoire|Centre|Network|Foundation|Organization|Organisation|Alliance|Institut|Institute|Agence|Agency)\b|"
    + _ORG_AR
    + r"\s)",
    re.I,
)
_PRESENTATION = re.compile(
    kw(
        r"\A(?:presentation|a propos|about|qui est|نبذة عن|تقديم)\s+(?:de\s+|du\s+|des\s+|d')?(?:l'|la\s+|le\s+|the\s+)?"
    )
)
_IMPLEMENTED = re.compile(
    kw(
        r"mis en (?:œ|o)?uvre par\s+",
        r"mise en (?:œ|o)?uvre par\s+",
        r"implemented by\s+",
        r"porte par\s+",
        r"portee par\s+",
        r"executed by\s+",
    )
)
_NOT_ORG = re.compile(
    kw(
        r"\A(?:(?:un|une|le|la|les|des|a|an|the|projet|programme|project|program|l'appel|la mission|appel|mission|offre|activite|consultant|nous|vous|us|our|notre|nos|we|نحن|المشروع|البرنامج)\b|(?:l')?(?:association|organisation|organization|ong|ngo|fondation|foundation|structure|reseau|network|cooperative|الجمعية|المنظمة|الشبكة|المؤسسة)\s*\Z)"
    )
)


def _issuer(doc: _Doc) -> None:
    def accept(raw: str, span: Span, confidence: float) -> bool:
        name = _org_name(raw)
        if not name or len(name) < 2 or _NOT_ORG.match(fold(name)) or len(name) > 90:
            return False
        if _ACRONYM.match(name):
            name = _expand_acronym(doc, name) or name
        doc.set("issuer", name, [span], confidence)
        return True

    for match in _ISSUER_CUES.finditer(doc.folded):
        tail_start = match.end()
        tail = doc.masked[tail_start : tail_start + 160]
        lead = re.match(r"[ \t:\-–|]*\n?[ \t]*", tail)
        offset = lead.end() if lead else 0
        if tail[offset:].startswith("\n") or not tail[offset:].strip():
            continue
        raw = tail[offset:].split("\n")[0]
        if accept(raw, (tail_start + offset, tail_start + offset + len(raw)), 0.85):
            return
    for key, value, span in _kv_lines(doc, max(2000, len(doc.text) // 3)):
        if _ISSUER_KEYS.match(key) and accept(value, span, 0.85):
            return
    arabic_doc = arabic_share(doc.text) >= 0.5
    previous = ""
    for start, line in _head_lines(doc, 6):
        fits_script = ("\u0600" <= line[:1] <= "\u06ff") == arabic_doc
        funded = _PARTNER_CUES.search(fold(previous + " " + line))
        if _LETTERHEAD.match(line) and 2 <= len(line.split()) <= 14 and not line.endswith((".", ":")):
            if line.isupper():  # "COOPÉRATIVE X" in the letterhead, "Coopérative X (CX)" in the text
                line, (start, _) = _as_written_later(doc, line, start)
            if fits_script and not funded and accept(line, (start, start + len(line)), 0.7):
                return
        previous = line
    for match in _ISSUER_VERB.finditer(doc.masked):
        before = doc.folded[max(doc.line_bounds(match.start())[0], match.start() - 60) : match.start()]
        if _PARTNER_CUES.search(before):
            continue  # "X, avec le soutien de Y, met en œuvre": Y is a funder
        if accept(match.group("org"), (match.start("org"), match.end("org")), 0.75):
            return
    for match in _ISSUER_AR.finditer(doc.masked):
        if accept(match.group("org"), (match.start("org"), match.end("org")), 0.75):
            return
    for section in doc.sections:
        if section.role != "context" or not section.heading:
            continue
        head_folded = doc.folded[section.heading_start : section.heading_end]
        stripped = len(head_folded) - len(head_folded.lstrip(" \t-–•·#.0123456789ivxlc"))
        rest_folded = head_folded[stripped:]
        pres = _PRESENTATION.match(rest_folded)
        if pres:
            start = section.heading_start + stripped + pres.end()
            raw = doc.masked[start : section.heading_end]
            raw = re.sub(r"\s*[:：]\s*\Z", "", raw)
            if " - " in raw or " – " in raw:
                parts = re.split(r"\s[–\-]\s", raw)
                if _ACRONYM.match(parts[-1].strip()):
                    name = f"{parts[0].strip()} ({parts[-1].strip()})"
                    if accept(name, (start, start + len(raw)), 0.7):
                        return
            if accept(raw, (start, start + len(raw)), 0.7):
                return
    for match in _IMPLEMENTED.finditer(doc.folded):
        tail = doc.masked[match.end() : match.end() + 100]
        tail = re.sub(r"\A(?:l['’]|la |le |les |the )", lambda m: " " * len(m.group(0)), tail)
        org = re.match(
            r"\s*((?:[A-ZÀ-Ý][\w'’&\-]{0,30})(?:[ \t]+(?:[A-ZÀ-Ý][\w'’&\-]{0,30}|de|des|du|pour|et|of|the|for)){0,10})",
            tail,
        )
        if org and accept(org.group(1), (match.end() + org.start(1), match.end() + org.end(1)), 0.6):
            return
    for match in V.EMAIL.finditer(doc.folded):
        domain = match.group(0).split("@", 1)[1]
        labels = domain.split(".")
        if len(labels) < 2:
            continue
        name = (
            labels[-2]
            if labels[-2] not in ("co", "org", "gov", "gouv", "ac") or len(labels) < 3
            else labels[-3]
        )
        if name in V.WEBMAIL:
            continue
        words = re.split(r"[-_]", name)
        pretty = " ".join(w.upper() if len(w) <= 4 else w.capitalize() for w in words if w)
        if pretty:
            doc.set("issuer", pretty, [(match.start(), match.end())], 0.4)
            return
    doc.set("issuer", None)


_PROJECT_KEYS = re.compile(
    kw(
        r"titre du projet",
        r"projet",
        r"programme",
        r"project(?: title| name)?",
        r"program",
        r"intitule du projet",
        r"المشروع",
        r"البرنامج",
    )
)
_PROJECT_QUOTED = re.compile(
    "(?:"
    + kw(r"projet", r"programme", r"project", r"program", r"initiative", r"intervention", r"مشروع", r"برنامج")
    + r")\b[^«\"“\n]{0,70}?[«\"“]\s*(?P<name>[^»\"”\n]{3,90}?)\s*[»\"”]"
)
_PROJECT_QUOTED_BEFORE = re.compile(
    r"[«\"“]\s*(?P<name>[^»\"”\n]{3,90}?)\s*[»\"”]\s*(?:"
    + kw(r"project", r"programme", r"program", r"projet", r"initiative")
    + r")\b"
)
_PROJECT_NAMED_BEFORE = re.compile(
    r"(?<![\w.])(?!(?:Our|The|This|Le|Ce|Notre|Un|A|An|Its|Their)\b)(?P<name>(?:[A-Z][\w\-]{1,30}[ \t]+){1,4}(?:programme|program|project|projet))\b"
)
_PROJECT_CAPS = re.compile(
    r"\b(?P<name>(?:[Pp]rogramme|[Pp]rojet|[Pp]roject|[Pp]rogram)\s+[A-Z][A-Z0-9\-]{2,}(?:\s+\d+)?)\b"
)
_PROJECT_FRAME = re.compile(
    kw(
        r"dans le cadre (?:de son|du|de leur|de notre) (?:projet|programme)\s+",
        r"under the (?:project|programme|program)\s+",
        r"في إطار (?:مشروع|برنامج)\s+",
    )
)


def _project(doc: _Doc) -> None:
    head_limit = max(2000, len(doc.text) // 3)
    for key, value, span in _kv_lines(doc, head_limit):
        if _PROJECT_KEYS.fullmatch(key) or _PROJECT_TITLE_KEY.match(key):
            name = tidy(re.sub(r"\s*#\s*([A-Za-z][\w\-]*(?:\s+\d+)?)\s*\Z", r" (\1)", value))
            if len(name) >= 3:
                doc.set("project", name, [span], 0.85)
                return
    match = _PROJECT_QUOTED.search(doc.folded)
    if match:
        span = (match.start("name"), match.end("name"))
        doc.set("project", tidy(doc.text[span[0] : span[1]]).split("/")[0].strip(), [span], 0.8)
        return
    before = _PROJECT_QUOTED_BEFORE.search(doc.masked)
    if before:
        doc.set("project", tidy(before.group("name")), [(before.start("name"), before.end("name"))], 0.75)
        return
    caps = _PROJECT_CAPS.search(doc.masked)
    if caps:
        doc.set("project", tidy(caps.group("name")), [(caps.start("name"), caps.end("name"))], 0.7)
        return
    frame = _PROJECT_FRAME.search(doc.folded)
    if frame:
        tail = doc.masked[frame.end() : frame.end() + 120].split("\n")[0]
        name = re.split(r"[,.;:(]|\s(?:et|en|pour|and|for|qui|which)\s", tail)[0]
        if len(name.strip()) >= 3:
            doc.set("project", tidy(name), [(frame.end(), frame.end() + len(name))], 0.6)
            return
    offset = 0
    for raw_line in doc.masked[:head_limit].split("\n")[:25]:
        start = offset
        offset += len(raw_line) + 1
        line = raw_line.strip()
        if (
            re.match(r"(?:Programme|Projet|Project|Program|برنامج|مشروع)\s", line)
            and 2 <= len(line.split()) <= 14
        ):
            lead = len(raw_line) - len(raw_line.lstrip())
            doc.set("project", tidy(line), [(start + lead, start + lead + len(line))], 0.55)
            return
    named = _PROJECT_NAMED_BEFORE.search(doc.masked)
    if named:
        doc.set("project", tidy(named.group("name")), [(named.start("name"), named.end("name"))], 0.5)
        return
    doc.set("project", None)


_PARTNER_CUES = re.compile(
    kw(
        r"en partenariat avec",
        r"partenariat entre",
        r"finance(?:e)? par",
        r"sur financement",
        r"cofinance(?:e)? par",
        r"avec l'appui(?: financier| technique)? (?:de|du|des)",
        r"avec le soutien(?: financier)? (?:de|du|des)",
        r"grace au soutien (?:de|du|des)",
        r"soutenu(?:e)? par",
        r"funded by",
        r"with funding from",
        r"funding from",
        r"grant from",
        r"الممول(?:ة)? من طرف",
        r"الممول(?:ة)? من قبل",
        r"بتمويل من",
        r"co-funded by",
        r"financed by",
        r"in partnership with",
        r"with (?:the )?(?:financial )?support (?:of|from)",
        r"supported by",
        r"consortium (?:reunissant|compose de|forme de|composed of|of)[^:\n]{0,40}:?",
        r"بشراكة مع",
        r"بشراكة بين",
        r"بدعم من",
        r"بتمويل من",
        r"بتعاون مع",
        r"بشراكة و دعم",
    )
)
_PARTNER_SPLIT = re.compile(r"\s*(?:,|،|;|\bet\b|\band\b|\s/\s|\s&\s|\sو(?=\S))\s*")
_PARTNER_STOP = re.compile(
    r"(?:\s+(?:dans le cadre|pour(?!\s+(?:le |la |les )?(?:l['’])?[A-ZÀ-Ý])|afin|qui|mène|mene|menent|dans|sur|au niveau|à travers|a travers|in order|to|which|within|in the|for(?!\s+(?:the )?[A-Z])|is|are|a |fait|ce|cette|il|elle|will|has|have|works|launch\w*)\b|[.(\n]|\s[–\-]\s"
    r"|[,،]\s*(?:تعلن|يعلن|تطلق|يطلق|وذلك|من أجل|قصد|لفائدة)|[,،]\s*و).*\Z",
    re.S,
)


# ", l'ATJDL lance le présent appel": after a comma, a clause with its own verb ends the list.
_PARTNER_CLAUSE = re.compile(
    r"[,،]\s*[^,،]{0,80}?\b(?:lance|lancent|recrute|recrutent|invite|invitent|annonce|annoncent|organise|"
    r"souhaite|sollicite|cherche|ouvre|publie|met|propose|envisage|a le plaisir|launches|invites|announces|"
    r"seeks|is|are|calls|opens|publishes|wishes|intends|will|has|have)\b.*\Z",
    re.S,
)
# Words that head an organisation's name: "... et la Fondation X" starts a new partner.
_ORG_HEAD = re.compile(
    r"\b(?:fondation|foundation|agence|agency|union|conseil|council|minist[eè]re|ministry|association|"
    r"banque|bank|ambassade|embassy|fonds|fund|programme|program|office|commune|r[ée]gion|province|"
    r"government|gouvernement|organisation|organization|r[ée]seau|network|institut|institute|"
    r"universit[ée]|university|centre|center|soci[ée]t[ée]|company|trust|unicef|usaid|giz)\b",
    re.I,
)
# "pour le Développement", "for Development", "de la Santé": the name goes on after et/and.
_OPEN_COMPLEMENT = re.compile(
    r"\b(?:pour|de|du|des|d'|of|for|on)\s+(?:(?:le|la|les|l'|the)\s*)?[A-ZÀ-Ý][\w'’\-]*\Z"
)


def _join_name_parts(parts: list[str], chunk: str) -> list[str]:
    """Undo a split on "et"/"and" inside one name: "Agence Suisse pour le
    Développement | la Coopération (DDC)" is one agency; "Union européenne |
    la Fondation X" are two partners."""
    out: list[str] = []
    position = 0
    for part in parts:
        found = chunk.find(part, position) if part else -1
        joiner = chunk[position:found] if found != -1 and out else ""
        if found != -1:
            position = found + len(part)
        rest = re.sub(r"\A(?:(?:de|du|des|d')\s*)?(?:(?:la|le|les|l'|the)\s*)?", "", part.strip())
        if (
            out
            and re.fullmatch(r"\s*(?:et|and)\s*", joiner)
            and _OPEN_COMPLEMENT.search(out[-1])
            and rest[:1].isupper()
            and not _ORG_HEAD.search(rest)
            and len(rest.split()) <= 4
        ):
            out[-1] = f"{out[-1]}{joiner}{part}"
            continue
        out.append(part)
    return out


def _partners(doc: _Doc) -> None:
    names: list[str] = []
    spans: list[Span] = []
    issuer_name = doc.fields.get("issuer") or ""
    issuer = place_fold(issuer_name)
    issuer_keys = {issuer, place_fold(re.sub(r"\([^)]*\)", "", issuer_name))} | {
        place_fold(a) for a in re.findall(r"\(([^)]+)\)", issuer_name)
    }
    for match in _PARTNER_CUES.finditer(doc.folded):
        tail_start = match.end()
        line_end = doc.line_bounds(tail_start)[1]
        limit = min(line_end, tail_start + 240)
        following = _PARTNER_CUES.search(doc.folded, tail_start, limit)
        if following:
            limit = following.start()
        tail = doc.masked[tail_start:limit]
        tail = re.sub(r"[\s,،]*و?\Z", "", tail)
        # keep acronyms in parentheses with their names: "Impact Pour le Développement (IPD)"
        protected = re.sub(r"\(([A-Z][\w\- ]{1,15})\)", lambda m: "\x00" + m.group(1) + "\x01", tail)
        chunk = (
            _PARTNER_STOP.sub("", protected)
            if "consortium" not in match.group(0)
            else re.split(r"[.\n]", protected)[0]
        )
        chunk = _PARTNER_CLAUSE.sub("", chunk)
        for part in _join_name_parts(_PARTNER_SPLIT.split(chunk), chunk):
            part = part.replace("\x00", "(").replace("\x01", ")").strip(" :")
            part = re.sub(r"\A(?:l['’]|la |le |les |the |entre |between )+", "", part, flags=re.I)
            part = re.sub(
                r"\A(?:l['’])?(?:association|organisation|ong|fondation|agence)\s+(?=[A-Z])", "", part
            )
            name = tidy(part)
            if (
                not name
                or len(name) < 2
                or len(name.split()) > 9
                or not re.match(r"[A-ZÀ-Ý\u0600-\u06ff]", name)
            ):
                continue
            if name.lower() in ("maroc", "morocco", "royaume du maroc") or place_fold(name) in issuer_keys:
                continue
            if name.upper() == "UE" or name.upper() == "EU":
                name = "Union européenne" if name.upper() == "UE" else "European Union"
            bare = place_fold(re.sub(r"\([^)]*\)", "", name))
            if any(place_fold(re.sub(r"\([^)]*\)", "", n)) == bare for n in names):
                continue
            position = doc.masked.find(part.split("(")[0].strip()[:20], tail_start)
            names.append(name)
            spans.append((position, position + len(part)) if position != -1 else (match.start(), match.end()))
    doc.set("partners_funders", names[:12], spans[:12], 0.6)


# ---------------------------------------------------------------- type and language


def _call_type(doc: _Doc) -> None:
    title = doc.fields.get("title") or ""
    folded_title = fold(title)
    title_span = doc.evidence.get("title", [])
    staff_text = V.STAFF_CUES.search(doc.folded)
    for kind, pattern in V.TYPE_WORDS:
        if pattern.search(folded_title):
            doc.set("call_type", kind, title_span, 0.85)
            return
    if staff_text:
        doc.set("call_type", "staff", [(staff_text.start(), staff_text.end())], 0.75)
        return
    counts: dict[str, tuple[int, Span]] = {}
    for kind, pattern in V.TYPE_WORDS:
        hits = list(pattern.finditer(doc.folded))
        if hits and kind != "staff":
            counts[kind] = (len(hits), (hits[0].start(), hits[0].end()))
    if counts:
        weights = {"firm": 1.5, "trainer": 1.2, "expert": 1.0, "consultant": 1.0}
        kind = max(counts, key=lambda k: counts[k][0] * weights.get(k, 1.0))
        doc.set("call_type", kind, [counts[kind][1]], 0.55)
        return
    doc.set("call_type", "other", [], 0.3)


_FR_WORDS = re.compile(r"\b(?:le|la|les|des|du|et|pour|une|dans|avec|est|sur)\b")
_EN_WORDS = re.compile(r"\b(?:the|and|of|to|for|with|is|are|will|on|by)\b")


def _document_language(doc: _Doc) -> None:
    share = arabic_share(doc.text)
    if share >= 0.7:
        language = "ar"
    elif share > 0.3:
        language = "mixed"
    else:
        sample = doc.folded[:8000]
        fr = len(_FR_WORDS.findall(sample))
        en = len(_EN_WORDS.findall(sample))
        if fr and en and min(fr, en) / max(fr, en) > 0.6 and min(fr, en) > 30:
            language = "mixed"
        else:
            language = "fr" if fr >= en else "en"
    doc.set("document_language", language, [], 0.9)


# ---------------------------------------------------------------- entry point


def extract_fields(text: str, *, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """Every contract field of the call in ``text`` with evidence spans and confidences."""
    views = Views.of(text)
    if gazetteer is None:
        try:
            gazetteer = default_gazetteer()
        except (OSError, ValueError, KeyError):
            gazetteer = None
    doc = _Doc(views, segment(views), gazetteer)
    dates = find_dates(text, folded=views.folded)

    _emails(doc)
    _deadline(doc, dates)
    _reference(doc)
    _subject(doc)
    _required_documents(doc)
    _title(doc)
    _call_type(doc)
    _issuer(doc)
    _project(doc)
    _partners(doc)
    _deliverables(doc, doc.fields.get("call_type"))
    _list_field(doc, "objectives", ("objectives",))
    _list_field(doc, "tasks", ("tasks",))
    _list_field(doc, "profile", ("profile",))
    _locations(doc)
    _duration(doc)
    _participants(doc)
    _languages(doc)
    _document_language(doc)

    fields: dict[str, Any] = {key: doc.fields.get(key) for key in SCALAR_FIELDS}
    fields.update({key: doc.fields.get(key) or [] for key in LIST_FIELDS})
    fields["evidence"] = {
        name: [{"start": a, "end": b} for a, b in spans]
        for name, spans in doc.evidence.items()
        if fields.get(name)
    }
    fields["confidence"] = {name: value for name, value in doc.confidence.items() if fields.get(name)}
    return fields
