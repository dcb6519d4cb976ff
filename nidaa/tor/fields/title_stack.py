"""Where a candidate sits in the stack of short lines that opens a page (issue 16, the weak
families of unseen calls): what the title ranker learns from the lines around a heading-like
line, beside ``title_features.candidate_features`` (kept apart from the position and blank-line
features so each is read on its own).

A page often opens on heading-like lines that are not the call's title: a site's name over its
menu ("Emploi Société Civile" + "Menu" + "Accueil"), a funder's name over its programme's and the
programme's over the call's ("CEDAR FUND FOR CIVIL SOCIETY" + "Small Grants Programme 2026" +
"Community action for ..."). The call's own heading is the last of such a stack, right above its
details (a posting date, label rows, the text)."""

from __future__ import annotations

import re
from bisect import bisect_left

from nidaa.tor.fields.common import Doc, Span
from nidaa.tor.fields.title_words import (
    ANY_TYPE_WORD,
    DANGLING,
    JOB_WORDS,
    LABEL_LINE,
    MEDIUM_TITLE,
    ORG_HEAD,
    STRONG_TITLE,
    headline,
)
from nidaa.tor.text import fold, kw

# The kind of an organisation, anywhere in its name ("Cedar Fund for Civil Society", "Public
# Affairs Section, Embassy of X", "المركز المغربي للمواطنة"): a line of a few words naming one of
# these and no post, call or figure names who publishes, funds or hosts the call.
ORG_KIND = re.compile(
    kw(
        r"\bfund\b",
        r"\bfonds\b",
        r"\bfoundation\b",
        r"\bfondation\b",
        r"\bassociation\b",
        r"\bnetwork\b",
        r"\breseau\b",
        r"\bagency\b",
        r"\bagence\b",
        r"\bembassy\b",
        r"\bambassade\b",
        r"\bsection\b",
        r"\bministry\b",
        r"\bministere\b",
        r"\binstitute\b",
        r"\binstitut\b",
        r"\bcouncil\b",
        r"\bconseil\b",
        r"\bcentre\b",
        r"\bcenter\b",
        r"\binternational\b",
        r"\balliance\b",
        r"\bcoalition\b",
        r"\bfederation\b",
        r"\boffice\b",
        r"\bunion\b",
        r"\btrust\b",
        r"\bdirectorate\b",
        r"\bالمديرية",
        r"\bالمندوبية",
        r"\bkingdom\b",
        r"\broyaume\b",
        r"\brepublic\b",
        r"\brepublique\b",
        r"\bالمملكة",
        r"\bجمعية",
        r"\bمؤسسة",
        r"\bوزارة",
        r"\bالوكالة",
        r"\bالمركز",
        r"\bالمجلس",
        r"\bالمكتب",
        r"\bشبكة",
        r"\bصندوق",
        r"\bسفارة",
        r"\bالهيئة",
    )
)
# What a site prints under a call's heading: when it was posted, share and apply buttons; no
# heading, so the line above it is no line over another heading
_FURNITURE = re.compile(
    kw(
        r"\bposted\b",
        r"\bpublished\b",
        r"\bpublie\b",
        r"\bmis en ligne\b",
        r"\bshare\b",
        r"\bpartager\b",
        r"\bapply\b",
        r"\bpostuler\b",
        r"\bنشر\b",
        r"\bشارك",
    )
)
_ORG_WORDS = 8
_DIGIT = re.compile(r"\d")
_MENU_WORDS = 2
_BLANK_LINES = 2  # newlines between two lines with at most one blank line between them


def _next_line(doc: Doc, lines: list[tuple[int, str]], end: int) -> tuple[int, str] | None:
    """The line after a candidate that ends at ``end``, when at most one blank line is between."""
    k = bisect_left(lines, (end, ""))
    while k < len(lines) and lines[k][0] < end:
        k += 1
    if k >= len(lines) or doc.text.count("\n", end, lines[k][0]) > _BLANK_LINES:
        return None
    return lines[k]


def _cue(folded: str) -> bool:
    return bool(
        STRONG_TITLE.search(folded)
        or MEDIUM_TITLE.search(folded)
        or JOB_WORDS.search(folded)
        or ANY_TYPE_WORD.search(folded)
    )


def organisation_only(folded: str) -> bool:
    """Whether a short line names an organisation and nothing else: a kind of organisation, no
    post, call or type of work, no figure ("Mediterranean Foundation for Local Action")."""
    return (
        len(folded.split()) <= _ORG_WORDS
        and not _DIGIT.search(folded)
        and not LABEL_LINE.match(folded)
        and bool(ORG_KIND.search(folded) or ORG_HEAD.match(folded))
        and not _cue(folded)
    )


_NAMED_VALUE_WORDS = 4
_NAME_WORDS = 3


def _heading_like(line: str, folded: str) -> bool:
    """A heading-like line of two words or more, or a short name and a heading after its colon
    ("Ajyal: Grants for local initiatives on ..."), no figure in it (a label's value is not)."""
    if headline(line, folded):
        return len(line.split()) >= 2
    label = LABEL_LINE.match(folded)
    if label is None or len(label.group(0).split()) > _NAME_WORDS:
        return False
    value = line[label.end() :].strip()
    return (
        len(value.split()) >= _NAMED_VALUE_WORDS
        and not _DIGIT.search(value)
        and headline(value, folded[label.end() :].strip())
    )


def issuer_label(label: str) -> bool:
    """Whether what a line prints before its colon is an organisation's name of two words or
    more ("الوكالة الحضرية لتيزنيت:", "Agence X de développement :"), not a key ("Organisation :")."""
    name = label.rstrip(" :：")
    return len(name.split()) >= 2 and organisation_only(name)


_CAPITALS = 0.7


def _capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 3 and sum(map(str.isupper, letters)) / len(letters) > _CAPITALS


def stack_features(
    doc: Doc, lines: list[tuple[int, str]], index: int, title: str, span: Span
) -> dict[str, float]:
    """The candidate's place in the page's opening stack of heading-like lines:
    ``organisation_only`` (it names an organisation and nothing else), ``over_heading`` (right
    below it, at most one blank line between, is another heading-like line that names no
    organisation and is no posting date or button: a funder over its programme, a programme over
    its call), ``capitals_over_heading`` (the same, the line in capitals) and ``over_menu`` (a
    site's name over its menu items)."""
    if not lines:
        return {}
    start, line = lines[index]
    folded = doc.folded[start : start + len(line)]
    # a crumb or a value cut out of its line is judged as itself ("Home > Portal > X International")
    named = folded if title == line else fold(title)
    following = _next_line(doc, lines, span[1])
    over = False
    if following is not None:
        n_start, n_line = following
        n_folded = doc.folded[n_start : n_start + len(n_line)]
        over = (
            _heading_like(n_line, n_folded)
            and not _FURNITURE.search(n_folded)
            and not organisation_only(n_folded)
            and not ORG_HEAD.match(n_folded)
            and not DANGLING.search(folded[-12:])  # "... pour" + the rest of its own title
        )
    return {
        "organisation_only": float(organisation_only(named)),
        "over_heading": float(over),
        # a funder's or a state's name in capitals over the programme or the call it heads
        "capitals_over_heading": float(over and _capitals(line)),
        "over_menu": float(over_menu(doc, lines, index, span)),
    }


_MENU_LINES = 3


def over_menu(doc: Doc, lines: list[tuple[int, str]], index: int, span: Span) -> bool:
    """Whether at least two of the three lines right below are a menu's items (one or two words,
    no label, no figure): a site's name over its menu ("Emploi Société Civile" + "Menu" +
    "Accueil" + "Offres d'emploi"), not a call's heading."""
    k = index
    while k < len(lines) and lines[k][0] < span[1]:
        k += 1
    items = 0
    for n_start, n_line in lines[k : k + _MENU_LINES]:
        if doc.text.count("\n", span[1], n_start) > _BLANK_LINES * _MENU_LINES:
            break
        items += (
            len(n_line.split()) <= _MENU_WORDS
            and not _DIGIT.search(n_line)
            and not n_line.endswith((":", "："))
        )
    return items >= 2
