"""Folding for comparisons: case, accents, Arabic letter variants, punctuation."""

from __future__ import annotations

import functools
import re
import unicodedata

_ARABIC_VARIANTS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"}
)
# Tatweel and the harakat: written or not, the name is the same.
_ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")
_NON_WORD = re.compile(r"[^\w]+")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


# Combining marks (accents once decomposed, Arabic harakat, hamza above or below).
_MARKS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0640\u064b-\u065f\u0670]"
)


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lowercase, without accents or Arabic variants, punctuation as single spaces.
    (Cached: a sheet repeats its zones, categories and sexes on every row.)"""
    if text.isascii():
        return " ".join(_NON_WORD.sub(" ", text.lower()).replace("_", " ").split())
    stripped = _MARKS.sub("", unicodedata.normalize("NFKD", text.translate(_ARABIC_VARIANTS)))
    stripped = unicodedata.normalize("NFKC", stripped).translate(_ARABIC_VARIANTS).casefold()
    return " ".join(_NON_WORD.sub(" ", stripped).replace("_", " ").split())


def name_key(name: str) -> str:
    """A person's name folded with its words sorted: "Amina EL IDRISSI" and
    "el idrissi amina" give the same key."""
    return " ".join(sorted(fold(name).split()))


def has_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text))


def has_latin(text: str) -> bool:
    return bool(_LATIN_LETTER.search(text))
