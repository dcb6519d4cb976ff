"""Length-preserving views of a document's text, so every match is an offset into the original.

``masked`` blanks markdown emphasis, turns Arabic-Indic digits into ASCII and
curly apostrophes into straight ones; ``folded`` is ``masked`` lowercased,
accent-free and with Arabic letter variants unified. Both have exactly the
length of the input, so a span found in either is a span of the input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from nidaa.folding import ARABIC_BLOCK

_MASK: dict[int, str] = {ord("*"): " ", ord("’"): "'", ord("‘"): "'", ord("`"): " ", ord("\u00a0"): " "}
for _i, _d in enumerate("٠١٢٣٤٥٦٧٨٩"):
    _MASK[ord(_d)] = str(_i)
for _i, _d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    _MASK[ord(_d)] = str(_i)
_MASK_TABLE = str.maketrans(_MASK)
_MARKUP_TABLE = str.maketrans({k: v for k, v in _MASK.items() if not v.isdigit()})


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = dict(_MASK)
    for code in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0].lower()
        if len(base) == 1 and base != char:
            table[code] = base
    table.update({ord(k): v for k, v in {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"}.items()})
    table[ord("ß")] = "s"
    table[ord("æ")] = "a"
    table[ord("œ")] = "o"
    table[ord("Œ")] = "o"
    table[ord("Æ")] = "a"
    table[ord("ـ")] = "ـ"
    return table


_FOLD_TABLE = str.maketrans(_fold_table())
_LEADING_HASHES = re.compile(r"(?m)^[ \t]*#+")


_MASK_CHARS = re.compile("[" + re.escape("".join(chr(c) for c in _MASK)) + "]")
_FOLD_ONLY = {k: v for k, v in _FOLD_TABLE.items() if not (0x41 <= k <= 0x5A)}
_FOLD_CHARS = re.compile("[" + re.escape("".join(chr(c) for c in _FOLD_ONLY)) + "]")


def mask(text: str) -> str:
    # The readers call fold() on many short strings: the checks below spare
    # them the regex passes that would change nothing (same result).
    if not text.isascii():
        masked = _MASK_CHARS.sub(lambda m: _MASK[ord(m.group())], text)
    elif "*" in text or "`" in text:
        masked = text.replace("*", " ").replace("`", " ")  # the only ASCII in _MASK
    else:
        masked = text
    if "#" not in masked:
        return masked
    return _LEADING_HASHES.sub(lambda m: " " * len(m.group(0)), masked)


def _fold_masked(masked: str) -> str:
    lowered = masked.lower()
    if lowered.isascii() and "*" not in lowered and "`" not in lowered:
        return lowered  # the fold table's other ASCII entries are A-Z, which lower() did
    if len(lowered) != len(masked):
        return masked.translate(_FOLD_TABLE)
    return _FOLD_CHARS.sub(lambda m: _FOLD_ONLY[ord(m.group())], lowered)


def fold(text: str) -> str:
    """Lowercase, accent-free, Arabic-unified, same length as ``text``."""
    return _fold_masked(mask(text))


_KW_TABLE = {k: v for k, v in _FOLD_TABLE.items() if k not in (ord("*"), ord("`"))}
_ESCAPE_OR_TEXT = re.compile(r"(\\.)|([^\\]+)", re.S)


def kw(*words: str) -> str:
    """A regex alternation of keywords written naturally (folded like ``fold``;
    a space matches any run of spaces; regex escapes such as ``\\A`` and ``\\S`` and quantifiers are kept)."""
    return "|".join(
        _ESCAPE_OR_TEXT.sub(lambda m: m.group(1) or m.group(2).translate(_KW_TABLE).replace(" ", r"\s+"), w)
        for w in words
    )


def _unmark(text: str) -> str:
    """``text.translate(_MARKUP_TABLE)`` as str.replace calls: a dict translate
    looks up every character of a non-ASCII string, several times slower on
    the short values tidy() takes (no character maps to another one mapped)."""
    for char, replacement in _MARKUP_PAIRS:
        if char in text:
            text = text.replace(char, replacement)
    return text


_MARKUP_PAIRS = tuple((chr(code), value) for code, value in _MARKUP_TABLE.items())


def _top_level_alternatives(pattern: str) -> list[str] | None:
    """The pattern's top-level alternatives, or None when it cannot tell
    (unbalanced text): escapes, classes and groups are skipped over."""
    parts, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[index + 1 : index + 2] == "^":
                index += 1
            if pattern[index + 1 : index + 2] == "]":  # "[]...]", "[^]...]": a literal "]" first
                index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    if depth or in_class:
        return None
    return [*parts, pattern[start:]]


_LEADING_BOUNDARY = re.compile(r"\\b([^\W\d_])(?![?*+{])")


def literal_first(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The same pattern with each top-level alternative "\\bx..." (a word
    boundary, then a letter) written "x(?<!\\wx)...": the same matches, but
    every alternative now starts with a letter, so the regex engine can skip
    the positions where none starts instead of trying each alternative at
    every character (several times faster over a whole text). A pattern it
    cannot split is returned as it is."""
    parts = _top_level_alternatives(pattern.pattern)
    if parts is None or len(parts) < 2:
        return pattern
    rewritten = [
        f"{m.group(1)}(?<!\\w{m.group(1)}){part[m.end() :]}" if (m := _LEADING_BOUNDARY.match(part)) else part
        for part in parts
    ]
    return re.compile("|".join(rewritten), pattern.flags)


_SPACES = re.compile(r"\s+")
_EDGE = re.compile(r"^[\s\-–—•·▪●◦➢✓>:;,.()\[\]]+|[\s\-–—•·▪●◦:;,\[\]]+$")
_QUOTE_PAIRS = {"«": "»", '"': '"', "“": "”", "'": "'", "‹": "›"}


def squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def tidy(text: str) -> str:
    """A value as shown to people: no markup, no edge punctuation, single spaces."""
    text = squash(_unmark(text).replace("#", " "))
    text = _EDGE.sub("", text).strip()
    for _ in range(2):
        if len(text) >= 2 and text[0] in _QUOTE_PAIRS and text[-1] == _QUOTE_PAIRS[text[0]]:
            text = _EDGE.sub("", text[1:-1]).strip()
        if text and text[0] in '«“"' and text.count(text[0]) + text.count(_QUOTE_PAIRS[text[0]]) == 1:
            text = _EDGE.sub("", text[1:]).strip()
        if text and text[-1] in '»”"' and text.count(text[-1]) == 1 and "«" not in text and "“" not in text:
            text = _EDGE.sub("", text[:-1]).strip()
    if text.endswith(".") and not re.search(r"\b\w\.$", text):
        text = text[:-1].rstrip()
    if text.count("(") > text.count(")"):
        text = text + ")" if text.count("(") - text.count(")") == 1 and "(" in text[-40:] else text
    return text


@dataclass
class Views:
    text: str
    masked: str
    folded: str

    @classmethod
    def of(cls, text: str) -> Views:
        masked = mask(text)
        return cls(text, masked, _fold_masked(masked))


# What is not an Arabic (a Latin) letter, in runs: deleting the runs and
# measuring what is left counts the letters without a string per letter.
_NOT_ARABIC_LETTERS = re.compile(r"[^\u0621-\u064a\u0671-\u06d3]+")
_NOT_LATIN_LETTERS = re.compile(r"[^A-Za-z\u00c0-\u017f]+")


def arabic_share(text: str) -> float:
    """Share of Arabic letters among Arabic and Latin letters."""
    # Any character of the Arabic block: found at once in an Arabic text, and a
    # plain scan (no string built) in a French or English one.
    if ARABIC_BLOCK.search(text) is None:
        return 0.0  # no Arabic at all: nothing to count
    arabic = len(_NOT_ARABIC_LETTERS.sub("", text))
    if not arabic:
        return 0.0  # a French or English text: no need to count its Latin letters
    latin = len(_NOT_LATIN_LETTERS.sub("", text))
    total = arabic + latin
    return arabic / total if total else 0.0
