"""Folding for comparisons: case, accents, Arabic letter variants and
vowel marks, punctuation and spacing do not count."""

from __future__ import annotations

import re

from nidaa.tor.text import fold

# Harakat, superscript alef and tatweel: writers add or omit them freely.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_EXTRA = str.maketrans(
    {"ی": "ي", "ک": "ك", "ۀ": "ه", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u3000": " ", "：": ":"}
)
_NON_WORD = re.compile(r"[\W_]+")

# Reply and forward prefixes of the mailers our users have (fr, ar, en and
# the neighbours'), folded; "RE :" with the French space before the colon too.
_PREFIX = re.compile(
    r"\A\s*(?:\[[^\]]{0,40}\]\s*)?(?P<p>re|fwd?|fw|tr|aw|wg|rv|sv|vs|enc|antw|رد|اعاده توجيه|توجيه|محول)"
    r"\s*(?:\[\d+\]|\(\d+\))?\s*:\s*"
)
_FORWARD_PREFIXES = {"fwd", "fw", "tr", "wg", "rv", "enc", "اعاده توجيه", "توجيه", "محول"}


def fold_text(text: str) -> str:
    """Lowercase, no accents, Arabic variants unified, no vowel marks."""
    return fold(_ARABIC_MARKS.sub("", text.translate(_EXTRA)))


def words(text: str) -> str:
    """``fold_text`` with every run of punctuation and spaces made one space."""
    return _NON_WORD.sub(" ", fold_text(text)).strip()


def strip_prefixes(folded_subject: str) -> tuple[str, bool]:
    """A folded subject without its Re:/Fwd:/TR:/رد: prefixes, and whether
    one of them was a forward."""
    forwarded = False
    subject = folded_subject
    for _ in range(10):
        match = _PREFIX.match(subject)
        if match is None:
            break
        forwarded = forwarded or match.group("p") in _FORWARD_PREFIXES
        subject = subject[match.end() :]
    return subject, forwarded
