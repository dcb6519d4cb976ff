"""The sector's core words across French, Arabic and English
(``nidaa/data/search-synonyms.json``): a call that says "formation" is also
found by "تكوين", "التكوين" and "training".

The groups are added to the call's search document when it is indexed
(``expansion_for``), not to every query: a search stays the same one
full-text condition, on both databases, at the same cost. Plain Python, no
Django; the words are folded like the documents (``nidaa.tor.places.fold``).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from nidaa.folding import ARABIC_BLOCK
from nidaa.tor.places import fold

SYNONYMS_FILE = Path(__file__).resolve().parents[1] / "data" / "search-synonyms.json"

# Arabic clitics written onto a word: "والتكوين", "للتكوين", "بالتكوين".
_ARABIC_PREFIX = re.compile(r"^(?:و)?(?:لل|(?:ب|ل|ك|ف)?(?:ال)?)")
# A document's words: what survives folding (letters and digits).
_WORD = re.compile(r"\w+")


def _bare(word: str) -> str:
    """The word without Arabic clitics, if three letters or more remain (so
    "بحث" stays itself rather than becoming "حث")."""
    if ARABIC_BLOCK.match(word):
        bare = _ARABIC_PREFIX.sub("", word, count=1)
        return bare if len(bare) >= 3 else word
    return word


@functools.cache
def vocabulary(path: Path = SYNONYMS_FILE) -> tuple[dict[str, int], tuple[str, ...]]:
    """Each folded word (and its bare Arabic form) → its group's number, and
    each group's words as the text added to a document: every word folded,
    Arabic ones also with and without the article, so "التكوين" typed as a
    search finds it too."""
    groups = json.loads(path.read_text(encoding="utf-8"))["groups"]
    index: dict[str, int] = {}
    texts = []
    for number, group in enumerate(groups):
        words: dict[str, None] = {}
        for language_words in group.values():
            for word in language_words:
                folded = fold(word).strip()
                if not folded:
                    continue
                words[folded] = None
                if ARABIC_BLOCK.match(folded):
                    bare = _bare(folded)
                    words[bare] = None
                    words["ال" + bare] = None
        for word in words:
            index.setdefault(word, number)
            index.setdefault(_bare(word), number)
        texts.append(" ".join(words))
    return index, tuple(texts)


def expansion_for(folded_text: str) -> str:
    """The words of every group the (folded) text mentions, to add to its
    search document; empty when it mentions none."""
    index, texts = vocabulary()
    found: set[int] = set()
    for word in set(_WORD.findall(folded_text)):
        number = index.get(word)
        if number is None:
            number = index.get(_bare(word))
        if number is not None:
            found.add(number)
    return " ".join(texts[number] for number in sorted(found))
