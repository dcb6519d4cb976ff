"""The project or programme a call belongs to, and the partners and funders it names."""

from __future__ import annotations

import re

from nidaa.tor.fields.common import PARTNER_CUES, Doc, Span, kv_lines
from nidaa.tor.places import place_key
from nidaa.tor.text import kw, tidy

_PROJECT_TITLE_KEY = re.compile(kw(r"titre du projet", r"project title", r"اسم المشروع"))


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


def read_project(doc: Doc) -> None:
    head_limit = max(2000, len(doc.text) // 3)
    for key, value, span in kv_lines(doc, head_limit):
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


def read_partners(doc: Doc) -> None:
    names: list[str] = []
    spans: list[Span] = []
    issuer_name = doc.fields.get("issuer") or ""
    issuer = place_key(issuer_name)
    issuer_keys = {issuer, place_key(re.sub(r"\([^)]*\)", "", issuer_name))} | {
        place_key(a) for a in re.findall(r"\(([^)]+)\)", issuer_name)
    }
    for match in PARTNER_CUES.finditer(doc.folded):
        tail_start = match.end()
        line_end = doc.line_bounds(tail_start)[1]
        limit = min(line_end, tail_start + 240)
        following = PARTNER_CUES.search(doc.folded, tail_start, limit)
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
            if name.lower() in ("maroc", "morocco", "royaume du maroc") or place_key(name) in issuer_keys:
                continue
            if name.upper() == "UE" or name.upper() == "EU":
                name = "Union européenne" if name.upper() == "UE" else "European Union"
            bare = place_key(re.sub(r"\([^)]*\)", "", name))
            if any(place_key(re.sub(r"\([^)]*\)", "", n)) == bare for n in names):
                continue
            position = doc.masked.find(part.split("(")[0].strip()[:20], tail_start)
            names.append(name)
            spans.append((position, position + len(part)) if position != -1 else (match.start(), match.end()))
    doc.set("partners_funders", names[:12], spans[:12], 0.6)
