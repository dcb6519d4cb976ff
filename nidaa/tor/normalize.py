"""Text normalisation shared by every ToR reader.

Every reader ends with :func:`normalize`, so the text (and so every evidence
offset the extractor records) does not depend on which format the call came
in. Readers whose source splits paragraphs across lines (PDF) first rebuild
the paragraphs with :func:`reflow` and drop page furniture with
:func:`strip_page_furniture`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

# Characters that carry no text: soft hyphen, zero-width space, word joiner,
# BOMs left inside the text, bidi marks that PDF and Word sprinkle around, and
# the Arabic tatweel (U+0640), a stretching stroke of display ("مبـــاراة") that
# would hide the word from every cue. ZWNJ/ZWJ (U+200C/D) are kept: they change
# how Arabic-script words render.
# One character class: str.translate looks every character up in a dict, ten
# times slower than the regex engine skipping the characters it need not touch.
_INVISIBLE = re.compile(
    "[" + re.escape("\u00ad\u200b\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u0640") + "]"
)
# C0/C1 controls other than tab and newline (NUL, form feed, ...).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UNICODE_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# Arabic presentation forms (a letter's initial, medial, final or isolated
# shape, and ligatures such as lam-alef), which PDF letterheads and old fonts
# put in the text instead of the letters: written as the letters they stand
# for (their compatibility decomposition), so every cue word matches them.
_ARABIC_PRESENTATION_FORMS = re.compile(r"[\ufb50-\ufdff\ufe70-\ufefe]+")

# A line that starts a list item: bullet characters, "1.", "1)", "a)", "i)", "IV.".
BULLET = re.compile(
    r"^\s*(?:[-–—•·▪◦●○■□►▶➢✓✔*+]\s+|[-–—•·▪◦●○■□►▶➢✓✔]|"
    r"(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)-](?:\s|$))"
)
_SENTENCE_PUNCTUATION = frozenset(".:;!?…")
_HYPHENATED = re.compile(r"(?<=\w)[-\u2010]$")


def normalize(text: str) -> str:
    """The canonical form of a document's text.

    NFC; ``\\r\\n`` and ``\\r`` become ``\\n``; NBSP and other Unicode spaces
    become a plain space; soft hyphens and other invisible characters go;
    Arabic presentation forms become the letters they stand for;
    trailing spaces are stripped; three or more line breaks collapse to one
    blank line; leading and trailing blank lines go.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x0c", "\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _ARABIC_PRESENTATION_FORMS.sub(_letters, text)
    text = _UNICODE_SPACES.sub(" ", text)
    # Per line, not the pattern "[ \t]+$": that one restarts at every space of
    # a long run that does not reach the line's end (quadratic).
    text = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip("\n")


def _letters(forms: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", forms.group())


def is_list_item(line: str) -> bool:
    """Whether a line starts with a bullet or an item number."""
    return bool(BULLET.match(line))


def join_two(previous: str, following: str) -> str:
    """Join a line and the line that continues it, mending hyphenation.

    "dévelop-" + "pement" gives "développement", but a hyphen before an
    uppercase letter is a real one ("Fès-" + "Meknès" gives "Fès-Meknès").
    """
    previous = previous.rstrip()
    following = following.lstrip()
    if _HYPHENATED.search(previous) and following[:1].isalpha():
        if following[0].islower():
            return previous[:-1] + following
        return previous + following
    return f"{previous} {following}"


def _continues(previous: str, following: str, long_enough: int) -> bool:
    """The text-only rule: a long line without a sentence end, followed by a
    line that starts in lowercase and is not a list item, is the same
    paragraph."""
    previous = previous.rstrip()
    following = following.lstrip()
    if not previous or not following or is_list_item(following):
        return False
    if _HYPHENATED.search(previous) and following[0].isalpha() and len(previous) >= long_enough:
        return True
    return following[0].islower() and not ends_sentence(previous) and len(previous) >= long_enough


def ends_sentence(line: str) -> bool:
    """Whether the line ends with . : ; ! ? or … (closing quotes, brackets and
    spaces after it allowed). A backward scan: the pattern ``[.:;!?…]\\W*$``
    would rescan from every dot of a long run of punctuation."""
    for char in reversed(line):
        if char in _SENTENCE_PUNCTUATION:
            return True
        if char.isalnum() or char == "_":
            return False
    return False


def reflow(lines: Sequence[str], *, continues: Sequence[bool | None] | None = None) -> list[str]:
    """Rebuild paragraphs that a layout split across lines.

    ``continues[i]`` (optional) is the layout's word on whether line ``i + 1``
    goes on from line ``i``: True (a PDF line reaching the right margin with
    no paragraph gap after it), False (a paragraph gap), None (no opinion:
    the text-only rule of :func:`_continues` decides). Blank lines and list
    items always start a new line.
    """
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if not lengths:
        return list(lines)
    # "Long" is relative to this document's usual full line, so the rule works
    # for narrow columns as well as wide pages.
    typical = lengths[int(len(lengths) * 0.9) - 1 if len(lengths) >= 10 else -1]
    long_enough = max(25, int(typical * 0.6))
    result: list[str] = []
    joinable = False  # whether result[-1] may take the next line
    for index, line in enumerate(lines):
        hint = continues[index - 1] if continues and index > 0 else None
        if (
            joinable
            and line.strip()
            and not is_list_item(line)
            and hint is not False
            and (hint or _continues(result[-1], line, long_enough))
        ):
            result[-1] = join_two(result[-1], line)
        else:
            result.append(line)
        joinable = bool(line.strip())
    return result


_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page|p\.|pg\.?|صفحة|الصفحة)\s*\d+(?:\s*(?:/|sur|of|de|من)\s*\d+)?"
    r"|[-–—]\s*\d+\s*[-–—]|\d+\s*/\s*\d+|\d{1,4}|\[\s*\d+\s*\])\s*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_EDGE = 3  # how many lines at the top and bottom of a page may be furniture


def is_page_number(line: str) -> bool:
    """ "Page 3 / 7", "- 3 -", "3/7", "3" alone on a line."""
    return bool(_PAGE_NUMBER.match(line))


def furniture_indices(pages: Sequence[Sequence[str]]) -> list[set[int]]:
    """For each page, the indices of its running header, footer and page
    number lines.

    A line is furniture when the same line comes back at the same place
    (first, second, third line of the page, or last, last but one...) on most
    pages (at least two, and at least 60% of them), or when it is a bare page
    number among the first or last few lines of a page. Lines that differ
    only by their digits ("Réf. 12/2024 — page 3") count as the same from
    three pages on: two pages could just begin with "Article 1", "Article 2".
    """
    exact: Counter[tuple[int, str]] = Counter()
    folded: Counter[tuple[int, str]] = Counter()
    # Per page: line index -> position (0, 1, 2 from the top; -1, -2, -3 from the bottom).
    edges: list[dict[int, int]] = []
    for page in pages:
        nonblank = [i for i, line in enumerate(page) if line.strip()]
        positions = {index: -1 - rank for rank, index in enumerate(reversed(nonblank[-_EDGE:]))}
        positions.update({index: rank for rank, index in enumerate(nonblank[:_EDGE])})
        edges.append(positions)
        exact.update({(position, " ".join(page[index].split())) for index, position in positions.items()})
        folded.update({(position, _furniture_key(page[index])) for index, position in positions.items()})
    threshold = max(2, -(-len(pages) * 6 // 10))
    repeated = {key for key, count in exact.items() if count >= threshold and key[1]}
    repeated_folded = {key for key, count in folded.items() if count >= max(3, threshold) and key[1]}
    result = []
    for page, positions in zip(pages, edges, strict=True):
        dropped: set[int] = set()
        for index, position in positions.items():
            line = page[index]
            if (
                (position, " ".join(line.split())) in repeated
                or (position, _furniture_key(line)) in repeated_folded
                or is_page_number(line)
            ):
                dropped.add(index)
        if dropped and len(dropped) == len(positions) == len([line for line in page if line.strip()]):
            # Every line of the page would go: one similar line per page ("Article 1…",
            # "Article 2…") is the text itself, not furniture; only page numbers go.
            dropped = {index for index in dropped if is_page_number(page[index])}
        result.append(dropped)
    return result


def strip_page_furniture(pages: Sequence[Sequence[str]]) -> list[list[str]]:
    """Each page's lines without the furniture :func:`furniture_indices` finds."""
    return [
        [line for i, line in enumerate(page) if i not in dropped]
        for page, dropped in zip(pages, furniture_indices(pages), strict=True)
    ]


def _furniture_key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split())).casefold()


# Every pattern below is linear in the text: no two neighbouring quantifiers
# can take the same characters (or the later one is possessive), and spans
# that could run on (emphasis, link text) are bounded, because a pasted or
# uploaded page is hostile input (issue 10: "*a *a ..." took 99 s at 60 KB).
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]++([^\n]*)$", re.MULTILINE)
_MD_CLOSING_HASHES = re.compile(r"(?:\A|[ \t])#+\Z")
_MD_RULE = re.compile(r"^ {0,3}(?:[-*_][ \t]*+){3,}$", re.MULTILINE)
_MD_QUOTE = re.compile(r"^ {0,3}>\s?", re.MULTILINE)
_MD_BULLET = re.compile(r"^([ \t]*+)[*+][ \t]+", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[([^\[\]\n]{0,500})\]\([^()\s]{0,2000}\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\((?:mailto:)?[^()\s]{0,2000}(?:[ \t]+\"[^\"\n]{0,500}\")?\)")
_MD_AUTOLINK = re.compile(r"<([^<>\s]++)>")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]{1,500}?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)([^\n]{1,500}?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^\n]{1,500}?)(?<=\S)_(?![\w_])"
)
_MD_CODE = re.compile(r"`([^`]+)`")
_MD_FENCE = re.compile(r"^ {0,3}(```|~~~).*$", re.MULTILINE)
_MD_TABLE_RULE = re.compile(
    r"^[ \t]*+(?:\|[ \t]*+)?:?-{3,}+:?[ \t]*+(?:\|[ \t]*+:?-{3,}+:?[ \t]*+)++\|?[ \t]*+\n", re.MULTILINE
)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_ESCAPED = re.compile("[\U000f0000-\U000f007f]")  # where escaped characters wait (private use plane)


def strip_markdown(text: str) -> str:
    """Markdown to plain text: headings, emphasis, links, images, code,
    quotes, rules and table pipes go; bullets become "- "."""
    # Escaped characters are set aside first, so "\\*" is never emphasis.
    text = _MD_ESCAPE.sub(lambda m: chr(0xF0000 + ord(m.group(1))), text)
    text = _MD_FENCE.sub("", text)
    text = _MD_TABLE_RULE.sub("", text)
    text = _MD_HEADING.sub(lambda m: _MD_CLOSING_HASHES.sub("", m.group(1).rstrip(" \t")), text)
    text = _MD_RULE.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_BULLET.sub(r"\1- ", text)
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(lambda m: m.group(1).removeprefix("mailto:"), text)
    for _ in range(2):  # nested ***strong emphasis***
        text = _MD_STRONG.sub(r"\2", text)
        text = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_CODE.sub(r"\1", text)
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            line = "\t".join(cell.strip() for cell in stripped[1:-1].split("|"))
        lines.append(line)
    return _ESCAPED.sub(lambda m: chr(ord(m.group(0)) - 0xF0000), "\n".join(lines))


def table_row_lines(cells: list[list[str]]) -> list[str]:
    """The lines a table row becomes, for every format that has tables.

    A row with one filled cell is a layout box (a framed block of paragraphs):
    its lines are kept as they are. Otherwise the row is one line, its cells
    joined by tabs, so "key<TAB>value" rows read the same from .docx and .odt."""
    filled = [cell for cell in cells if any(line.strip() for line in cell)]
    if len(filled) == 1:
        return [line for line in filled[0] if line.strip()]
    if filled:
        return ["\t".join(" ".join(line.strip() for line in cell if line.strip()) for cell in cells)]
    return []
