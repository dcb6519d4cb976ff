"""Whether the text read from a document looks like text a person wrote.

Some producers' PDFs hand back letters the reader cannot put together
("L e p rog ra m m e", "TATAKWKW"); extraction then finds nothing, and
saying "the document was read" would mislead the issuer. These checks look
only at the words, so they hold for every format and language: a text is
implausible when most of its words are single letters (letter-spaced), or
when it has plenty of words and almost none is one of the small function
words every French, English or Arabic text is full of.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
# A letter standing alone: not inside a word, and not an elided l', d', qu'...
_LONE_LETTER = re.compile(r"(?<![^\W\d_])[^\W\d_](?![^\W\d_'’])")
# One-letter words that exist (French à/a/y, English a/I, Arabic و written apart);
# elided l', d', qu'... are followed by their apostrophe and not counted.
_REAL_ONE_LETTER = frozenset("aàyiو")
_FUNCTION_WORDS = frozenset(
    "de la le les des du et en un une pour par sur dans avec au aux est qui que ne pas ce cette son ses "
    "the and of to for in on by with is are be will this that from or as an at "
    "في من على إلى الى عن مع أن ان التي الذي هذا هذه و أو او لا ما كل ذلك تلك".split()
)
MIN_WORDS = 40  # below this, a short notice is not judged


def implausible_reason(text: str) -> str | None:
    """``letter_spaced``, ``no_words`` or None (plausible, or too short to judge)."""
    sample = text[:20_000].casefold()  # the first pages tell; reading on would only cost time
    words = _WORD.findall(sample)
    if len(words) < MIN_WORDS:
        return None
    # Every lone letter is a one-letter word (but "l'" is a word and not a lone
    # letter): when the one-letter words are few, so are the lone letters, and
    # the slower pattern need not run.
    one_letter = sum(1 for word in words if len(word) == 1 and word not in _REAL_ONE_LETTER)
    if one_letter / len(words) > 0.3:
        single = sum(1 for letter in _LONE_LETTER.findall(sample) if letter not in _REAL_ONE_LETTER)
        if single / len(words) > 0.3:
            return "letter_spaced"
    function = sum(1 for word in words if word in _FUNCTION_WORDS)
    if function / len(words) < 0.02:
        return "no_words"
    return None


MESSAGES = {
    "letter_spaced": "the text read from this document is letter-spaced (its letters come apart): "
    "check every field against the file, or paste the call's text",
    "no_words": "the text read from this document has almost no words of French, English or Arabic: "
    "check every field against the file, or paste the call's text",
}
