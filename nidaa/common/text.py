"""Text typed or sent by people, made safe to show anywhere.

Bidi control characters (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) reorder
what follows them: typed into a name or a title they travel to Atom,
iCalendar, OCDS, the API, digest e-mails and spreadsheets, where
"cv\u202efdp.exe" reads "cvexe.pdf". Arabic needs none of them (the
Unicode bidi algorithm orders it), so every input path drops them, as the
ToR import does (``nidaa.tor.normalize``) and e-mail headers do
(``nidaa.mailintake.headers``).
"""

from __future__ import annotations

import re
from typing import Any

# LRM/RLM, embeddings and overrides (LRE RLE PDF LRO RLO), isolates (LRI RLI FSI PDI).
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_TABLE = dict.fromkeys(map(ord, BIDI_CONTROLS))
# C0 and C1 controls (CR, LF, NUL...) and the Unicode line and paragraph separators.
_LINE_BREAKERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def strip_bidi_controls(text: str) -> str:
    """``text`` without bidi control characters."""
    return text.translate(_BIDI_TABLE)


def clean_value(value: Any) -> Any:
    """A form or query value with its strings (also inside lists) stripped of
    bidi controls; anything else as it is."""
    if isinstance(value, str):
        return strip_bidi_controls(value)
    if isinstance(value, list):
        return [clean_value(item) for item in value]
    return value


def one_line(text: str) -> str:
    """``text`` on one line: each run of CR, LF and other control characters
    becomes one space (a calendar's name, an event's summary, a query)."""
    return _LINE_BREAKERS.sub(" ", text)
