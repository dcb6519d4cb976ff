"""Who a call is addressed to, beyond its title: the title reader's type (``read_type_from_title``:
the title's words, then cues of the whole text) corrected where the document says better — a
request addressed to bidders is for a firm even when its object is "a consultancy"; when the type
only came from counting words, the type a job board's label states ("Type d'offre : Experts"),
the post its first lines name, the profile the announcement seeks ("is seeking an independent
consultant"), or a call inviting organisations to apply (grants, partnerships: "other")."""

from __future__ import annotations

import re

from nidaa.tor.fields.common import Doc, Span, kv_lines
from nidaa.tor.fields.title_words import (
    CALL_TO_BIDDERS,
    CALL_TO_ORGANISATIONS,
    MISSION_WORDS,
    STAFF_CUES,
    TYPE_WORDS,
)
from nidaa.tor.text import fold, kw, literal_first

# The title reader's cue patterns as run over the whole text here: the same
# matches, written so the regex engine skips ahead ("\\bcdd" as "c(?<!\\wc)dd").
_STAFF_CUES = literal_first(STAFF_CUES)
_CALL_TO_BIDDERS = literal_first(CALL_TO_BIDDERS)
_MISSION_WORDS = literal_first(MISSION_WORDS)
# The type words counted over the text (a staff post is not counted).
_COUNTED_TYPE_WORDS = [(kind, literal_first(pattern)) for kind, pattern in TYPE_WORDS if kind != "staff"]

# Below this confidence the title reader only counted type words over the text, or found none.
COUNTED = 0.55

# Procurement wording of a request addressed to bidders (its instructions, bids, securities).
_BIDDING = literal_first(
    re.compile(
        CALL_TO_BIDDERS.pattern
        + "|"
        + kw(
            r"instructions? (?:to|aux) (?:bidders|soumissionnaires)",
            r"\bbids?\b",
            r"performance security",
            r"offres? des soumissionnaires",
        )
    )
)
# ... unless it says an individual may answer.
_INDIVIDUAL = re.compile(
    kw(
        r"individual consultant",
        r"individual consultancy",
        r"consultants? individuels?",
        r"consultante? individuelle",
        r"consultant\(e\) individuel",
        r"personne physique",
        r"استشاري فردي",
        r"خبير فردي",
    )
)
_TYPE_LABEL = re.compile(
    kw(
        r"type d'offre",
        r"type of offer",
        r"type de poste",
        r"type of position",
        r"job type",
        r"categorie",
        r"category",
        r"type d'opportunite",
        r"opportunity type",
        r"profil recherche",
        r"نوع العرض",
        r"الفئة",
    )
)
# "X is seeking an independent consultant", "recrute un(e) formateur(trice)": the sought profile.
_SEEKS = re.compile(
    kw(
        r"is seeking",
        r"seeks",
        r"is looking for",
        r"is recruiting",
        r"wishes to recruit",
        r"would like to (?:engage|recruit|hire)",
        r"recrute",
        r"recherche",
        r"souhaite recruter",
        r"sollicite les services",
        r"s'adjoindre les services",
        r"تبحث عن",
        r"يبحث عن",
        r"ترغب في التعاقد مع",
    )
)
# An invitation to organisations to apply: grants, partnerships, projects to fund.
_ORGANISATIONS_APPLY = re.compile(
    kw(
        r"for (?:ngos|organi[sz]ations|associations|cooperatives|csos|civil society organi[sz]ations) to (?:submit|apply)",
        r"(?:ngos|organi[sz]ations|associations|cooperatives|csos) (?:are|is) (?:invited|encouraged|eligible) to (?:submit|apply)",
        r"eligible (?:ngos|organi[sz]ations|associations|cooperatives)",
        r"les (?:associations|cooperatives|organisations|ong|osc)(?: [\w'\-]{1,20}){0,4} sont invitees",
        r"(?:associations|cooperatives|organisations|ong|osc) eligibles",
        r"appel a manifestation d'interet (?:aupres|destine) (?:des|aux) (?:associations|cooperatives|organisations|ong)",
        r"تدعو [^\n.]{0,40}الجمعيات",
        r"الجمعيات (?:المحلية )?(?:الراغبة|المعنية|المهتمة)",
    )
)


def _type_of(folded: str, *, first: bool = False) -> tuple[str, re.Match[str]] | None:
    """The type whose words ``folded`` holds: by the title reader's order of types, or with
    ``first`` the one written first ("an independent consultant/firm": consultant)."""
    found = [(kind, match) for kind, pattern in TYPE_WORDS if (match := pattern.search(folded))]
    if first:
        found.sort(key=lambda pair: pair[1].start())
    return found[0] if found else None


def _labelled_type(doc: Doc) -> tuple[str, Span] | None:
    """The type a label states: "Type d'offre : Experts", or the label alone and its value next."""
    limit = min(len(doc.text), 3000)
    for key, value, span in kv_lines(doc, limit):
        found = _type_of(fold(value)) if _TYPE_LABEL.fullmatch(key.strip()) else None
        if found:
            return found[0], span
    lines = [m for m in re.finditer(r"[^\n]+", doc.folded[:limit]) if m.group(0).strip()]
    for label, line in zip(lines, lines[1:], strict=False):
        if _TYPE_LABEL.fullmatch(label.group(0).strip(" *#:：")) and len(line.group(0).split()) <= 6:
            found = _type_of(line.group(0))
            if found:
                return found[0], (line.start() + found[1].start(), line.start() + found[1].end())
    return None


def _head_type(doc: Doc) -> tuple[str, Span] | None:
    """A job board's page opens with the post: the type its first short lines name."""
    lines = [m for m in re.finditer(r"[^\n]+", doc.folded[:600]) if m.group(0).strip()][:3]
    for line in lines:
        if len(line.group(0).split()) <= 8 and ":" not in line.group(0):
            found = _type_of(line.group(0))
            if found:
                return found[0], (line.start() + found[1].start(), line.start() + found[1].end())
    return None


def _sought_type(doc: Doc) -> tuple[str, Span] | None:
    """The profile the announcement sentence seeks: its first type word within a few words."""
    for cue in _SEEKS.finditer(doc.folded, 0, min(len(doc.text), 4000)):
        window = doc.folded[cue.end() : cue.end() + 60].split("\n")[0]
        found = _type_of(window, first=True)
        if found:
            return found[0], (cue.end() + found[1].start(), cue.end() + found[1].end())
    return None


def read_call_type(doc: Doc) -> None:
    read_type_from_title(doc)
    kind, confidence = doc.fields.get("call_type"), doc.confidence.get("call_type", 0.0)
    head = doc.folded[: min(len(doc.text), 6000)]
    if kind == "consultant" and not _INDIVIDUAL.search(head):
        bids = list(_BIDDING.finditer(head))
        if len(bids) >= 2:  # a request for proposals to bidders, whatever its object's name
            doc.set("call_type", "firm", [(bids[0].start(), bids[0].end())], 0.6)
            return
    if confidence > COUNTED:
        return
    for found, sure in ((_labelled_type(doc), 0.8), (_head_type(doc), 0.65), (_sought_type(doc), 0.6)):
        if found:
            doc.set("call_type", found[0], [found[1]], sure)
            return
    organisations = _ORGANISATIONS_APPLY.search(head)
    if organisations:
        doc.set("call_type", "other", [(organisations.start(), organisations.end())], 0.6)


def read_type_from_title(doc: Doc) -> None:
    """The type the title's words name, else cues of the whole text (organisations invited,
    employment wording, a request to bidders), else the most counted type word."""
    title = doc.fields.get("title") or ""
    folded_title = fold(title)
    title_span = doc.evidence.get("title", [])
    for kind, pattern in TYPE_WORDS:
        if pattern.search(folded_title):
            doc.set("call_type", kind, title_span, 0.85)
            return
    organisations = CALL_TO_ORGANISATIONS.search(doc.folded)
    if organisations:
        doc.set("call_type", "other", [(organisations.start(), organisations.end())], 0.6)
        return
    staff_text = _STAFF_CUES.search(doc.folded)  # a whole-text search: only when the title said nothing
    if staff_text:
        doc.set("call_type", "staff", [(staff_text.start(), staff_text.end())], 0.75)
        return
    bidders = _CALL_TO_BIDDERS.search(doc.folded)
    if bidders:
        doc.set("call_type", "firm", [(bidders.start(), bidders.end())], 0.55)
        return
    counts: dict[str, tuple[int, Span]] = {}
    for kind, pattern in _COUNTED_TYPE_WORDS:
        hits = list(pattern.finditer(doc.folded))
        if hits:
            counts[kind] = (len(hits), (hits[0].start(), hits[0].end()))
    if counts:
        weights = {"firm": 1.5, "trainer": 1.2, "expert": 1.0, "consultant": 1.0}
        kind = max(counts, key=lambda k: counts[k][0] * weights.get(k, 1.0))
        doc.set("call_type", kind, [counts[kind][1]], 0.55)
        return
    mission = _MISSION_WORDS.search(doc.folded)
    if mission:  # terms of reference for a mission, with no word for who does it: a consultant
        doc.set("call_type", "consultant", [(mission.start(), mission.end())], 0.35)
        return
    doc.set("call_type", "other", [], 0.3)
