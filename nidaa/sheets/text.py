"""A person's name as a key, and which scripts a text is written in."""

from __future__ import annotations

import re

from nidaa.folding import ARABIC_BLOCK, word_key

_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def name_key(name: str) -> str:
    """A person's name folded with its words sorted: "Amina EL IDRISSI" and
    "el idrissi amina" give the same key."""
    return " ".join(sorted(word_key(name).split()))


def has_arabic(text: str) -> bool:
    return bool(ARABIC_BLOCK.search(text))


def has_latin(text: str) -> bool:
    return bool(_LATIN_LETTER.search(text))
