"""The working languages a call asks for (ISO codes) and the language the document is written in."""

from __future__ import annotations

import re

from nidaa.tor.fields.common import Doc, Span
from nidaa.tor.text import arabic_share, kw

LANGUAGES: list[tuple[str, re.Pattern[str]]] = [
    ("fr", re.compile(kw(r"francaise?\b", r"french\b", r"فرنسية"))),
    ("ar", re.compile(kw(r"arabe\b", r"arabic\b", r"عربية"))),
    ("en", re.compile(kw(r"anglaise?\b", r"english\b", r"إنجليزية", r"انكليزية", r"إنكليزية"))),
    ("es", re.compile(kw(r"espagnole?\b", r"spanish\b", r"إسبانية"))),
    ("zgh", re.compile(kw(r"amazigh\w*", r"tamazight\b", r"tifinagh\b", r"berbere\b", r"أمازيغية"))),
]


LANGUAGE_CUES = re.compile(
    kw(
        r"maitris",
        r"langue",
        r"language",
        r"fluen",
        r"proficien",
        r"parl[ee]",
        r"ecrit",
        r"\boral",
        r"redig",
        r"written",
        r"spoken",
        r"\bspeak",
        r"parlant",
        r"s'exprimer",
        r"يتحدث",
        r"تحدث",
        r"bilingu",
        r"\ben\s+(?:francais|arabe|anglais|espagnol|amazighe?)",
        r"\bin\s+(?:english|french|arabic|spanish)",
        r"command of",
        r"knowledge of",
        r"connaissance d",
        r"اللغة",
        r"لغة",
        r"باللغ",
        r"إتقان",
        r"يتقن",
        r"تتقن",
        r"إجادة",
        r"التمكن من",
    ),
)


_ASSET = re.compile(
    kw(
        r"atout",
        r"souhaite",
        r"desired",
        r"preferably",
        r"would be",
        r"un plus",
        r"souhaitable",
        r"apprecie",
        r"asset",
        r"desirable",
        r"advantage",
        r"a plus",
        r"preferred",
        r"ميزة",
        r"إضافية",
        r"مستحسن",
    )
)


# Every language's words in one flat alternation, in the order of LANGUAGES:
# the regex engine skips ahead to the letters these words start with (a group
# per language would make it try every group at every position, four times
# slower). The language is the first whose own pattern matches there, which
# is the one whose words the alternation matched.
_ANY_LANGUAGE = re.compile("|".join(p.pattern for _, p in LANGUAGES))


def _code_at(folded: str, start: int) -> str:
    return next((code for code, pattern in LANGUAGES if pattern.match(folded, start)), "")


def read_languages(doc: Doc) -> None:
    codes: list[str] = []
    spans: list[Span] = []
    for match in _ANY_LANGUAGE.finditer(doc.folded):
        code = _code_at(doc.folded, match.start())
        if match.start() and doc.folded[match.start() - 1].isalpha() and doc.folded[match.start()].isascii():
            continue  # "francophones" is not a language, "والفرنسية" is
        line_start, line_end = doc.line_bounds(match.start())
        if doc.role_at(match.start()) not in ("languages", "profile") and not LANGUAGE_CUES.search(
            doc.folded, line_start, line_end
        ):
            continue
        clause_start = max(doc.folded.rfind(c, line_start, match.start()) for c in ";.،؛") + 1
        ends = [i for i in (doc.folded.find(c, match.end(), line_end) for c in ";.،؛") if i != -1]
        clause_end = min(ends or [line_end])
        if _ASSET.search(doc.folded, max(line_start, clause_start), clause_end):
            continue  # "la connaissance de l'amazighe est un atout": welcome, not required
        if code not in codes:
            codes.append(code)
        spans.append((match.start(), match.end()))
    doc.set("languages", codes, spans, 0.8)


_FR_WORDS = frozenset("le la les des du et pour une dans avec est sur".split())
_EN_WORDS = frozenset("the and of to for with is are will on by".split())
# Both lists' words in one pass over the text, then counted by language.
_FR_EN_WORDS = re.compile(r"\b(?:" + "|".join(sorted(_FR_WORDS | _EN_WORDS)) + r")\b")


def read_document_language(doc: Doc) -> None:
    share = arabic_share(doc.text)
    if share >= 0.7:
        language = "ar"
    elif share > 0.3:
        language = "mixed"
    else:
        sample = doc.folded[:8000]
        words = _FR_EN_WORDS.findall(sample)
        fr = sum(1 for word in words if word in _FR_WORDS)
        en = len(words) - fr
        if fr and en and min(fr, en) / max(fr, en) > 0.6 and min(fr, en) > 30:
            language = "mixed"
        else:
            language = "fr" if fr >= en else "en"
    doc.set("document_language", language, [], 0.9)
