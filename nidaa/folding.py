"""Keys for comparing names and words, whatever their case, accents, Arabic
spelling (alef forms, taa marbuta, alef maqsura, hamza seats), vowel marks,
tatweel and punctuation: "Salé" and "SALE", "الرباط" and "الرّباط", "Nom et
prénom" and "nom_et_prenom" have one key. No Django: the ToR reader (places),
the spreadsheet reader (headers, values, names) and the apps above use it.

Unlike ``nidaa.tor.text.fold`` (the extractor's same-length view of a whole
text, where a match is an offset into the original), a key drops what is not
a word and joins the words with single spaces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Which characters are Arabic, defined once for every app (one character
# class each: a search is linear time whatever the text).
# The Arabic block, U+0600-U+06FF: the letters as typed text holds them, with
# the block's marks, digits and punctuation.
ARABIC_BLOCK = re.compile("[\u0600-\u06ff]")
# Every block of the script: the Arabic block, its supplement and extended-A
# (U+0750-U+077F, U+08A0-U+08FF), and the presentation forms A and B
# (U+FB50-U+FDFF, U+FE70-U+FEFF) that a PDF's or an old program's text may
# hold instead of the letters.
ARABIC_ALL_BLOCKS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
_WORD = re.compile(r"\w+")
_NON_WORD = re.compile(r"[^\w]+")
# Names, headers and cells are short and repeat (a sheet's zones and sexes on
# every row): their keys are cached; a whole document's is not.
_CACHED_UP_TO = 200


def _fold_char(c: str) -> str:
    s = unicodedata.normalize("NFKD", c)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _ARABIC_DIACRITICS.sub("", s).translate(_ARABIC_FOLD).casefold()
    return "".join(ch if ch.isalnum() else " " for ch in s)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str], dict[str, str], re.Pattern[str]]:
    """A one-to-one translation table (so offsets survive folding) and the
    few characters whose folded form is empty or longer (diacritics,
    ligatures), handled separately."""
    same_length: dict[int, str] = {}
    other: dict[str, str] = {}
    ranges = [range(0x20, 0x3000), range(0xFB00, 0xFF00), range(0xFF00, 0xFFF0)]
    for r in ranges:
        for cp in r:
            c = chr(cp)
            f = _fold_char(c)
            if len(f) == 1:
                if f != c:
                    same_length[cp] = f
            else:
                other[c] = f
    pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(other)) + "]")
    return same_length, other, pattern


def fold_with_offsets(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` folded character by character, with breakpoints
    (folded offset, original offset) to map folded offsets back."""
    table, other, special = _tables()
    breaks = [(0, 0)]
    if not special.search(text):
        return text.translate(table), breaks
    parts: list[str] = []
    folded_len = 0
    last = 0
    for m in special.finditer(text):
        piece = text[last : m.start()].translate(table) + other[m.group()]
        parts.append(piece)
        folded_len += len(piece)
        last = m.end()
        breaks.append((folded_len, last))
    parts.append(text[last:].translate(table))
    return "".join(parts), breaks


def to_original(breaks: list[tuple[int, int]], pos: int) -> int:
    lo, hi = 0, len(breaks) - 1
    while lo < hi:  # last breakpoint at or before pos
        mid = (lo + hi + 1) // 2
        if breaks[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    folded_at, original_at = breaks[lo]
    return original_at + (pos - folded_at)


def word_key(text: str) -> str:
    """The words of ``text`` folded (case, accents, Arabic spelling, marks),
    joined by single spaces."""
    if len(text) <= _CACHED_UP_TO:
        return _cached_key(text)
    return _key(text)


@lru_cache(maxsize=8192)
def _cached_key(text: str) -> str:
    return _key(text)


def _key(text: str) -> str:
    if text.isascii():  # most headers and values: no table needed
        return " ".join(_NON_WORD.sub(" ", text.lower()).replace("_", " ").split())
    folded, _ = fold_with_offsets(text)
    return " ".join(_WORD.findall(folded.replace("_", " ")))
