"""What the title ranker (``title_rank``) knows of a candidate: about forty yes/no features of
its line (the rule that proposed it, position, length, casing, cue words, labels, dates, sentence
verbs, navigation words, organisation heads, what surrounds it)."""

from __future__ import annotations

import re

from nidaa.tor.fields.common import Doc, Span
from nidaa.tor.fields.title_stack import stack_features
from nidaa.tor.fields.title_words import (
    ANY_TYPE_WORD,
    BREADCRUMB,
    BULLET,
    DANGLING,
    ISSUER_VERB_FOLDED,
    JOB_WORDS,
    LABEL_LINE,
    MEDIUM_TITLE,
    ORG_HEAD,
    PURPOSE,
    SENTENCE_VERB,
    STRONG_TITLE,
    URL_OR_DATE,
    headline,
    is_generic_header,
    one_word_post,
    opened_call,
    unmarked,
)
from nidaa.tor.sections import role_of
from nidaa.tor.text import fold, kw

_NUMBERED = re.compile(r"\d{1,2}\s*[.)\-]\s")


_NAV_WORDS = re.compile(
    kw(
        r"transcription",  # a document host's labels above the text
        r"texte integral",
        r"full text",
        r"accueil",
        r"home",
        r"menu",
        r"connexion",
        r"login",
        r"sign in",
        r"s'inscrire",
        r"register",
        r"partager",
        r"share",
        r"imprimer",
        r"print",
        r"contactez",
        r"newsletter",
        r"cookies?",
        r"publie le",
        r"mis en ligne",
        r"posted",
        r"published",
        r"الرئيسية",
        r"تسجيل الدخول",
        r"نشر في",
        r"شارك",
    )
)


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


# "Evaluator/Consultant", "Formateur / Consultant"; letters, not a number ("Tender No. 36/2024")
_TWO_ROLES = re.compile(r"[^\W\d_]{2}\)?\s?/\s?[^\W\d_]{2}")


_NEAR_ORG_WORDS = 8


_PATH = re.compile(r"\s[>»›]\s")


# "Page 3 sur 25", "Page 3 of 25", "الصفحة 3 من 25": a page header's counter
# (on the folded line: "الصفحه")
PAGE_COUNTER = re.compile(
    r"\b(?:page|p\.)\s*\d{1,3}\s*(?:(?:sur|of|/)\s*\d{1,3}\b)?|الصفح[ةه]\s*\d{1,3}(?:\s*من\s*\d{1,3})?"
)
_FIGURES = re.compile(r"\d+")


def repeat_key(folded_line: str) -> str:
    """What a repeated line is recognised by: a page header comes back on each page with another
    page number ("CPS – AOO n° 12/2024   Page 1 sur 30", then "... Page 2 sur 30")."""
    return " ".join(_FIGURES.sub("#", PAGE_COUNTER.sub(" ", folded_line)).split()).strip(" -–|#")


def under_key(doc: Doc, lines: list[tuple[int, str]], index: int) -> bool:
    """Whether the line above is a key with no colon: a short capitalised phrase with no figure
    or punctuation, right above (or one blank line above), as a table flattened key over value
    prints it ("Type de contrat" + "CDD", "Minimum Experience" + "Manager/Supervisor")."""
    if index < 1:
        return False
    k_start, key = lines[index - 1]
    start = lines[index][0]
    return (
        len(key.split()) <= 3
        and key[:1].isupper()
        and not any(c.isdigit() or c in ":：.,;|()" for c in key)
        and doc.text.count("\n", k_start + len(key), start) <= 2
        and not ORG_HEAD.search(doc.folded[k_start : k_start + len(key)])  # who offers the post
    )


def next_to_organisation(doc: Doc, lines: list[tuple[int, str]], index: int) -> bool:
    """Whether the line just before or after is an organisation's name (a short line that
    starts like one): a job board prints the post right above or below who offers it."""
    for k in (index - 1, index + 1):
        if 0 <= k < len(lines):
            start, line = lines[k]
            if len(line.split()) <= _NEAR_ORG_WORDS and ORG_HEAD.match(doc.folded[start : start + len(line)]):
                return True
    return False


_DATE_LINE_WORDS = 4


def date_below(doc: Doc, lines: list[tuple[int, str]], index: int) -> bool:
    """Whether a line that is no label has a short date line right below it (at most one blank
    line between: "14 June 2024", "07/12/2025"): a grants site, a directory or a job board prints
    the call's heading over the date it was posted, whatever the site's menus above."""
    if index + 1 >= len(lines):
        return False
    start, line = lines[index]
    if LABEL_LINE.match(doc.folded[start : start + len(line)]):
        return False
    n_start, following = lines[index + 1]
    return (
        doc.text.count("\n", start + len(line), n_start) <= 2
        and len(following.split()) <= _DATE_LINE_WORDS
        and not LABEL_LINE.match(doc.folded[n_start : n_start + len(following)])
        and bool(_YEAR.search(following) or URL_OR_DATE.search(following))
    )


# A section that opens a call's text: its context or its description ("Contexte", "Présentation",
# "Description", "الإطار العام", "نبذة عن ..."), numbered or not ("1. Contexte", "أولا: تقديم")
_OPENING_SECTION = re.compile(kw(r"description\b", r"descriptif", r"الوصف", r"وصف "))
_HEADING_NUMBER = re.compile(r"\A(?:\d{1,2}|[ivx]{1,4})\s*[.)\-–:]\s*|\A(?:اولا|اول)\s*[:：\-–]\s*")
_OPENING_WORDS = 5
_DETAIL_ROWS = 3  # label rows between a header block's title and its opening section


def above_opening_section(doc: Doc, lines: list[tuple[int, str]], index: int) -> bool:
    """Whether the line right below (at most one blank line between) is the heading of the
    section that opens the call's text, and this line is no heading itself: a programme's page or
    a notice ends its header block (site, organisation, dates, kind) on the call's name."""
    start, line = lines[index]
    if role_of(doc.folded[start : start + len(line)]) is not None:
        return False
    end = start + len(line)
    # the call's details may sit between ("Date limite : 30 avril 2027", "Montant : 80 000 dirhams")
    for k in range(index + 1, min(index + 2 + _DETAIL_ROWS, len(lines))):
        n_start, following = lines[k]
        if doc.text.count("\n", end, n_start) > 2:
            return False
        folded = doc.folded[n_start : n_start + len(following)]
        if LABEL_LINE.match(folded) and not following.endswith((":", "：")) and len(following.split()) > 2:
            end = n_start + len(following)
            continue
        if len(following.split()) > _OPENING_WORDS:
            return False
        bare = _HEADING_NUMBER.sub("", folded.strip(" \t-–•·:#"))
        return role_of(bare) == "context" or bool(_OPENING_SECTION.match(bare))
    return False


def candidate_features(
    doc: Doc,
    lines: list[tuple[int, str]],
    index: int,
    rank: int,
    title: str,
    span: Span,
    counts: dict[str, int],
    *,
    prose_from: int,
) -> dict[str, float]:
    """What the ranker knows of a candidate: the rule that proposed it, where its line
    sits, its shape and its words (yes/no features, a few graded ones). Each is a scan of
    one short line; features the model gave no weight were dropped to keep this cheap.
    ``prose_from`` is the index of the head's first paragraph-long line.

    A title cut out of its line (the object of an announcement sentence) does not end as
    the line does: the sentence's final period is not the title's."""
    start, line = lines[index] if lines else (0, title)
    folded_line = doc.folded[start : start + len(line)]
    folded = unmarked(folded_line if title == line else fold(title))
    n = len(title.split())
    letters = sum(map(str.isalpha, title))
    upper = sum(map(str.isupper, title)) / letters if letters else 0.0
    line_end = start + len(line)
    cut = span[1] < line_end - 1  # the title ends before its line does
    inside = span[0] > start + 1  # and/or begins after its line's start
    strong = STRONG_TITLE.search(folded)
    medium = MEDIUM_TITLE.search(folded)
    cue = strong or medium
    heading = role_of(folded_line)
    return {
        f"rule_{rank}": 1.0,
        "first_line": float(index == 0),
        "top_3": float(index < 3),
        "position": min(index, 30) / 30,
        "words_1_3": float(n <= 3),
        "words_4_8": float(4 <= n <= 8),
        "words_9_16": float(9 <= n <= 16),
        "words_17_25": float(17 <= n <= 25),
        "capitals": float(upper > 0.7 and letters > 3),
        "title_case": float(0.25 < upper <= 0.7),
        "strong_cue": float(bool(strong)),
        "job_word": float(bool(JOB_WORDS.search(folded))),
        "type_word": float(bool(ANY_TYPE_WORD.search(folded))),
        "generic_header": float(bool(cue and is_generic_header(folded, cue))),
        "digits": float(sum(map(str.isdigit, title)) > 4),
        "headline": float(heading is None and headline(line, folded_line, heading_checked=True)),
        "section_heading": float(heading is not None),
        "ends_colon": float(line.endswith((":", "："))),
        # a sentence's end (a key row's value, "Objet : Le présent marché est ... .", is the
        # object the document names, sentence or not: neither this nor sentence_verb for it)
        "ends_period": float(rank != 3 and not cut and line.endswith((".", ";", ","))),
        "dangling": float(bool(DANGLING.search(folded[-12:]))),
        "blank_before": float(index == 0 or "\n\n" in doc.text[max(0, start - 2) : start]),
        "blank_after": float("\n\n" in doc.text[line_end : line_end + 2] or line_end >= len(doc.text)),
        "cut_from_line": float(cut or inside),
        "arabic": float(bool(title) and "\u0600" <= title[0] <= "\u06ff"),
        "issuer_verb": float(bool(ISSUER_VERB_FOLDED.search(folded_line))),
        "sentence_verb": float(rank != 3 and bool(SENTENCE_VERB.search(folded))),
        "starts_lower": float(line[:1].islower()),
        "org_head": float(bool(ORG_HEAD.match(folded))),
        "org_name": float(n <= 8 and not cue and bool(ORG_HEAD.search(folded))),
        "navigation": float(n <= 8 and bool(_NAV_WORDS.search(folded_line))),
        "repeated": float(counts.get(repeat_key(folded_line), 0) > 1),
        "page_counter": float(bool(PAGE_COUNTER.search(folded_line))),
        # below the first paragraph: another offer listed after the text, not this call's title
        # (an object cut out of a sentence is judged by its sentence, not by the lines above it)
        "after_prose": float(index > prose_from and not ((cut or inside) and len(line.split()) > 12)),
        "bullet": float(line.startswith(("•", "-", "*", "·"))),
        "numbered": float(bool(_NUMBERED.match(line))),
        "joined": float(len(title) > len(line) + 2),
        # the value of a "label: value" row ("Poste : ...", "Organisation : Recrutement ...")
        "label_value": float(inside and bool(LABEL_LINE.match(BULLET.sub("", folded_line)))),
        "table_row": float("|" in line),
        "medium_cue": float(bool(medium)),
        "purpose_sentence": float(bool(PURPOSE.search(folded_line))),
        # a heading or a plain line cut out of a paragraph (a rule's key row or announced
        # object is a value of its line, whatever the line's length)
        "long_line": float(rank >= 4 and len(line.split()) > 25),
        "enumeration": float(";" in title or title.count(",") >= 2),  # a list of categories
        "two_roles": float(
            n <= 8
            and title.count("/") == 1
            and bool(_TWO_ROLES.search(title))
            and not URL_OR_DATE.search(title)
        ),
        "year_heading": float(
            n <= 14 and bool(_YEAR.search(title)) and not URL_OR_DATE.search(title) and not line.endswith(".")
        ),
        # a post named in one word where a post is named ("Poste : Comptable", "Chauffeur" + its label rows)
        "one_word_post": float(n == 1 and one_word_post(title)),
        "next_to_org": float(next_to_organisation(doc, lines, index)),
        "date_below": float(bool(lines) and date_below(doc, lines, index)),
        # what a tender notice's sentence says the call opened buys ("... فتح الأظرفة المتعلقة بطلب
        # العروض ... رقم ... الخاص ب...", "... l'ouverture des plis relatifs à l'appel d'offres ... pour : ...")
        "opened_call": float(rank == 1 and (cut or inside) and opened_call(line) is not None),
        # the header block's last line, right before "Contexte" / "Description" / "الإطار العام"
        "above_opening": float(bool(lines) and above_opening_section(doc, lines, index)),
        # a short value under its key, a flattened table's row ("Minimum Experience" + "Manager/Supervisor")
        "under_key": float(n <= 4 and under_key(doc, lines, index)),
        # "Department X > Unit Y", "Home / Jobs / Consultancies": where, not what
        "path": float(bool(_PATH.search(title)) or ("/" in title and len(BREADCRUMB.split(title)) >= 3)),
        # the page's opening stack: an organisation's name, a line over another heading (title_stack)
        **stack_features(doc, lines, index, title, span),
    }
