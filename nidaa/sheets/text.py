"""Folding for comparisons: case, accents, Arabic letter variants, punctuation."""

from __future__ import annotations

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


def fold(text: str) -> str:
    """Lowercase, without accents or Arabic variants, punctuation as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c) or "\u0600" <= c <= "\u06ff")
    stripped = _ARABIC_MARKS.sub("", stripped)
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
