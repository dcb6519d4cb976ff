"""A title as stored: the candidate line tidied, a label header ("Vacancy: ...", "Objet : ...")
dropped, and what a page glued after the title removed (a deadline, a date, a "back to the list"
link, a site's or the issuer's short name after a dash or a bar)."""

from __future__ import annotations

import re

from nidaa.tor.dates import find_dates
from nidaa.tor.fields.title_words import ANY_TYPE_WORD, JOB_WORDS, MEDIUM_TITLE, STRONG_TITLE, one_word_post
from nidaa.tor.text import fold, kw, tidy

_LABEL_PREFIX = re.compile(
    r"\A(?:(?:"
    + kw(r"vacancy", r"job offer", r"job opening", r"offre d'emploi", r"objet", r"subject")
    + r")\s*[:\-–—]|(?:"
    # a letter's "Re: ..." and an English "Object: ..." (with a colon: "Re-evaluation" stays)
    + kw(r"re", r"object", r"poste", r"post", r"position")  # "Poste : Comptable" is the post
    + r")\s*[:：])\s*(?=\S)"
)


_HEADER_PREFIX = re.compile(
    r"\A(?:"
    + kw(
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
    )
    + r")\s*[:\-–—]\s*(?=\S)"
)


_OBJECT_ALONE = 6  # words after a call's heading words that name the call without them


# What a portal or a job board glues to the end of a title line: the date to apply by
# ("... آخر أجل 13 أبريل 2026", "... - Date limite : 30/09/2024"), a bare date, the site's or the
# issuer's short name after a dash ("... - Tanmia", "... | NGO Jobs"), a "back to the list" link.
_DEADLINE_WORDS = kw(
    r"اخر اجل",
    r"اخر موعد",
    r"date limite",
    r"delai",
    r"echeance",
    r"deadline",
    r"closing date",
    r"apply by",
    r"expire le",
)


_TRAILING_DEADLINE = re.compile(
    r"(?:\s*[-–—|,(:]\s*|\s+)(?:" + _DEADLINE_WORDS + r")\b[^\n]{0,30}?\d[^\n]{0,30}\Z"
)


_TRAILING_NAVIGATION = re.compile(
    r"\s*[-–—|]?\s*(?:"
    + kw(
        r"retour (?:vers|a) (?:les|la liste des) (?:opportunites|offres|annonces)",
        r"back to (?:all )?(?:jobs|opportunities|offers)",
        r"lire la suite",
        r"read more",
        r"postuler",
        r"apply now",
        r"العودة إلى",
    )
    + r")\s*\Z"
)


_TRAILING_SUFFIX = re.compile(r"\s+[-–—|]\s*(?P<suffix>[^-–—|\n]{2,40})\Z")


_SEPARATOR_TAIL = re.compile(r"\s*[-–—|,:(]\s*\Z")


# A title naming a meeting in its first words: a date after a comma is the meeting's, not the page's
_EVENT_WORDS = 3
_EVENT = re.compile(
    r"\b(?:"
    + kw(
        r"forum",
        r"atelier",
        r"workshop",
        r"seminar",
        r"seminaire",
        r"conference",
        r"colloque",
        r"rencontre",
        r"summit",
        r"ملتقى",
        r"ندوة",
        r"ورشة",
        r"مؤتمر",
    )
    + r")"
)


_TAIL = 100  # characters at the end of a title where glued pieces are looked for


def _strip_tail(title: str) -> str:
    """A title line less what a page glued after it: a deadline, a date, a link, a site name."""
    for _ in range(3):
        if len(title.split()) < 4:
            break
        base = max(0, len(title) - _TAIL)  # the patterns end the line: only its tail is searched
        tail = title[base:]
        folded = fold(tail)
        digits = any(c.isdigit() for c in tail)
        found = (_TRAILING_DEADLINE.search(folded) if digits else None) or _TRAILING_NAVIGATION.search(folded)
        cut = base + found.start() if found else None
        if cut is None and digits:
            dates = [d for d in find_dates(tail, folded=folded) if d.end >= len(tail.rstrip(" .)"))]
            head = title[: base + dates[-1].start] if dates else ""
            separator = _SEPARATOR_TAIL.search(head)
            opening = " ".join(fold(head).split()[:_EVENT_WORDS])
            if separator and separator.group().strip() == "," and _EVENT.search(opening):
                break  # "Regional Forum on X, 19 November 2025": a meeting's date is part of its name
            if len(head.split()) >= 4 and separator:
                title = _SEPARATOR_TAIL.sub(
                    "", head
                ).rstrip()  # "... - 12/03/2024"; "Atelier du 12 mars 2026" stays
                continue
        if cut is None:
            suffix = _TRAILING_SUFFIX.search(tail)
            if suffix and _site_suffix(suffix.group("suffix"), title[: base + suffix.start()]):
                cut = base + suffix.start()
        if cut is None or len(title[:cut].split()) < 3:
            break
        title = title[:cut].rstrip(" -–—|,:(")
    return title


_PROGRAMME = re.compile(kw(r"programme", r"program", r"projet", r"project", r"برنامج", r"مشروع"))


def _site_suffix(suffix: str, head: str) -> bool:
    """Whether the words after a title's last dash name a site or an issuer rather than
    going on with the call's object ("Chargé(e) de projet - Tanmia" vs "Officer – Water")."""
    words = suffix.split()
    folded_head, folded_suffix = fold(head), fold(suffix)
    return (
        1 <= len(words) <= 3
        and len(head.split()) >= 3
        and bool(
            STRONG_TITLE.search(folded_head)
            or MEDIUM_TITLE.search(folded_head)
            or ANY_TYPE_WORD.search(folded_head)
            or JOB_WORDS.search(folded_head)
        )
        and not (STRONG_TITLE.search(folded_suffix) or MEDIUM_TITLE.search(folded_suffix))
        and not ANY_TYPE_WORD.search(folded_suffix)
        and not JOB_WORDS.search(folded_suffix)
        and not re.search(r"\d", suffix)
        and not _PROGRAMME.match(folded_suffix)  # "... – Programme Oasis Vertes": what the post is for
        # a site or an acronym: capitalised words or letters only, no link word inside
        and all(w[:1].isupper() or w.isupper() or "." in w for w in words)
    )


_LEADING_REFERENCE = re.compile(
    r"\A(?:"
    + kw(r"ref", r"reference", r"n°", r"no", r"المرجع", r"مرجع")
    + r")\.?\s*[:：]?\s*\S*\d\S*\s+[-–—|]\s+(?=\S)"
)


def clean_title(line: str) -> str:
    """The title as stored: the line tidied, decorative Arabic stretching dropped, a label
    header ("Vacancy: ...", "Objet : ...") and what a page glued after the title removed.
    The call's own heading words ("Appel à candidatures pour le recrutement de ...",
    "إعلان عن مباراة ...") are kept: the title is the object as the document states it."""
    title = tidy(line.replace("\u0640", ""))
    title = re.sub(r"\A\d{1,2}\s+(?=[A-Z])", "", title)  # "1 Intervention Officer" = one position
    folded = fold(title)  # same length as title: its offsets are the title's
    reference = _LEADING_REFERENCE.match(folded)  # "Réf : ALF/HR/09 – Responsable ...": the post
    if reference and len(title[reference.end() :].split()) >= 2:
        title = title[reference.end() :]
        folded = folded[reference.end() :]
    # "Objet : X", "Vacancy: X": a label, not the title; "Call for applications – X" keeps its
    # heading words unless X says it all (six words or more): short, X alone would miss them
    label = _LABEL_PREFIX.match(folded)
    header = label or _HEADER_PREFIX.match(folded)
    rest = title[header.end() :] if header else ""
    # a post named in one word after its label ("Poste : Comptable") is the post too
    if header and (len(rest.split()) >= (2 if label else _OBJECT_ALONE) or (label and one_word_post(rest))):
        title = tidy(rest)
    title = tidy(_strip_tail(title))
    return title[:1].upper() + title[1:] if title else title
