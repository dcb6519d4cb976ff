"""Morocco's territorial divisions as a plain gazetteer (no Django).

The data live in ``nidaa/data/territories.json`` (regions, provinces and
prefectures, communes, with French and Arabic names and aliases). The
directory app loads the same file into the database; the ToR reader uses
this module to link the places a document names to that reference.

Coverage: the 12 regions and the 75 provinces and prefectures of the 2015
division (ISO 3166-2:MA codes, e.g. "MA-HOC"), and 218 of Morocco's ~1,500
communes: every province or prefecture seat, the main municipalities and a
few well-known rural communes. Commune codes are "MA-<province>-<slug>"
(e.g. "MA-TNG-TANGER"), stable once published. Add communes to the JSON,
then run ``nidaa manage load_territories``.

Matching rules, chosen so that whole documents can be scanned without
flooding the result with common words:

- Names are compared folded: case, accents, punctuation, Arabic alef forms,
  taa marbuta, alef maqsura, diacritics and tatweel do not matter.
- In running text (``find_in``) a Latin-script name must carry a capital
  somewhere ("Salé", "SALE", not "sale"; "Rabat", not "rabat"): place names
  are proper nouns, and several are also French words.
- Acronym aliases ("FM", "TTA") match only as written, case-sensitively and
  as whole words, in ``lookup`` and in ``find_in``.
- Arabic names tolerate an attached conjunction or preposition
  ("بطنجة", "والرباط", "للرباط" for "الرباط") and the article "ال".
- Names listed under ``ambiguous`` in the data are also everyday words
  ("الجديدة" is "the new", "الشرق" is "the east"): in running text they
  count only after a cue word such as "مدينة", "إقليم", "جهة", "commune de".
  ``lookup`` still finds them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from nidaa.folding import fold_with_offsets, to_original, word_key

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "territories.json"

_WORD = re.compile(r"\w+")
_ACRONYM = re.compile(r"[A-Z]{2,5}")
# Characters allowed between the words of one name in running text: a comma
# or a full stop between "Tanger" and "Tétouan" means two places, not the region.
_GAP_OK = re.compile(r"[\s\-\u2010-\u2014'’ʼ`]*")
_ARTICLE = "ال"
# Generic words that must never be indexed as place names, whatever the data say.
GENERIC_WORDS = frozenset(
    {"centre", "sud", "nord", "est", "ouest", "maroc", "region", "province", "prefecture", "commune", "ville"}
    | {"الجنوب", "الشمال", "الوسط", "الغرب", "المغرب", "جهه", "اقليم", "عماله", "جماعه", "مدينه"}
)
# Words after which an ambiguous name is read as a place (folded forms).
CUE_WORDS = frozenset(
    {"region", "province", "prefecture", "commune", "ville", "municipalite", "cercle", "caidat"}
    | {"جهه", "اقليم", "عماله", "جماعه", "مدينه", "بلديه", "دائره", "قياده"}
)
_FRENCH_LINKS = frozenset({"de", "d", "du"})
KIND_RANK = {"region": 0, "province": 1, "prefecture": 1, "commune": 2}


# The key of a name (``nidaa.folding.word_key``), under the names the
# extractor's fields, the catalogue (calls/search.py) and its migration 0002
# import; a migration's imports must keep working.
place_key = word_key
fold = word_key


def _is_arabic(word: str) -> bool:
    return "\u0600" <= word[0] <= "\u06ff"


def _arabic_variants(word: str) -> Iterator[tuple[str, int]]:
    """``word`` without an attached conjunction/preposition, as (rest, number
    of leading characters dropped): "والرباط" -> "الرباط", "للرباط" -> "الرباط"."""
    stems = [(word, 0)]
    if word[0] in "وف" and len(word) > 3:
        stems.append((word[1:], 1))
    for stem, dropped in stems:
        if dropped:
            yield stem, dropped
        if stem.startswith("لل") and len(stem) > 3:
            # ل + ال contracts to لل: the name starts at the second lam.
            yield _ARTICLE + stem[2:], dropped + 1
        elif stem[0] in "بلك" and len(stem) > 3:
            yield stem[1:], dropped + 1
        if stem.startswith(_ARTICLE) and len(stem) > 4:
            yield stem[2:], dropped + 2


@dataclass(frozen=True)
class Place:
    code: str
    kind: str  # region, province, prefecture or commune
    name_fr: str
    name_ar: str
    parent_code: str | None = None
    aliases: tuple[str, ...] = field(default=())
    ambiguous: tuple[str, ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name_fr, self.name_ar, *self.aliases)


@dataclass(frozen=True)
class Match:
    """A place named in a text: ``text == source[start:end]``."""

    place: Place
    start: int
    end: int
    text: str


class Gazetteer:
    def __init__(self, places: list[Place]) -> None:
        self.places = places
        self.by_code = {p.code: p for p in places}
        by_key: dict[str, list[Place]] = {}
        acronyms: dict[str, list[Place]] = {}
        ambiguous: set[str] = set()
        for place in places:
            for name in place.names:
                if _ACRONYM.fullmatch(name):
                    acronyms.setdefault(name, []).append(place)
                    continue
                key = place_key(name)
                if key and key not in GENERIC_WORDS:
                    by_key.setdefault(key, []).append(place)
            ambiguous.update(place_key(name) for name in place.ambiguous)
        # A shared name means the larger division (a province and its capital).
        self._by_key = {k: min(v, key=_rank) for k, v in by_key.items()}
        self._all_by_key = by_key
        self._acronyms = {k: min(v, key=_rank) for k, v in acronyms.items()}
        self._folded_acronyms = {k.casefold(): k for k in acronyms}
        self._ambiguous = frozenset(ambiguous)
        # First word of every name -> the word counts of names starting with it,
        # longest first, so "Tanger-Tétouan-Al Hoceïma" wins over "Tanger".
        first: dict[str, set[int]] = {}
        for key in self._by_key:
            words = key.split(" ")
            first.setdefault(words[0], set()).add(len(words))
        self._first = {w: sorted(n, reverse=True) for w, n in first.items()}

    @classmethod
    def from_file(cls, path: Path = DATA_FILE) -> Gazetteer:
        raw = json.loads(path.read_text(encoding="utf-8"))
        places: list[Place] = []
        for kind, parent_key in (("regions", None), ("provinces", "region"), ("communes", "province")):
            default_kind = {"regions": "region", "provinces": "province", "communes": "commune"}[kind]
            for r in raw.get(kind, []):
                places.append(
                    Place(
                        r["code"],
                        r.get("kind", default_kind),
                        r["name_fr"],
                        r["name_ar"],
                        r[parent_key] if parent_key else None,
                        tuple(r.get("aliases", [])),
                        tuple(r.get("ambiguous", [])),
                    )
                )
        return cls(places)

    def lookup(self, name: str, kind: str | None = None) -> Place | None:
        """The place called ``name`` (any spelling in the data), preferring the
        larger division when a name is shared (a province and its capital).
        Acronyms match only as written ("FM", not "fm").

        ``kind`` ("region", "province", "commune") restricts the match to that
        level: "communes de Zagora" is the commune, not the province of the
        same name. "province" also accepts a prefecture (the same level)."""
        name = name.strip()
        if kind is not None and kind not in KIND_RANK:
            raise ValueError(f"unknown kind {kind!r}; expected one of {sorted(KIND_RANK)}")
        rank = KIND_RANK.get(kind or "", None)
        if name in self._acronyms:
            acronym = self._acronyms[name]
            return acronym if rank is None or _rank(acronym) == rank else None
        key = place_key(name)
        if not key:
            return None
        keys = [key]
        first, _, rest = key.partition(" ")
        if _is_arabic(first):
            candidates = [v for v, _ in _arabic_variants(first)]
            if not first.startswith(_ARTICLE):
                candidates.append(_ARTICLE + first)
            keys.extend(f"{variant} {rest}" if rest else variant for variant in candidates)
        for candidate in keys:
            if rank is None:
                found = self._by_key.get(candidate)
                if found:
                    return found
                continue
            for place in self._all_by_key.get(candidate, ()):
                if _rank(place) == rank:
                    return place
        return None

    def find_in(self, text: str) -> list[Match]:
        """Every place named in ``text``, in text order, with its span in
        ``text``. Longest names win ("Tanger-Tétouan-Al Hoceïma" is the
        region, not Tanger). See the module docstring for the rules."""
        folded, breaks = fold_with_offsets(text)
        words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(folded)]
        simple = len(breaks) == 1

        def orig(pos: int) -> int:
            return pos if simple else to_original(breaks, pos)

        found: list[Match] = []
        i, count = 0, len(words)
        while i < count:
            word, w_start, w_end = words[i]
            match = self._match_at(text, words, i, orig)
            if match is not None:
                found.append(match[0])
                i += match[1]
                continue
            acronym = self._folded_acronyms.get(word)
            if acronym is not None:
                start, end = orig(w_start), orig(w_end)
                if text[start:end] == acronym:
                    found.append(Match(self._acronyms[acronym], start, end, acronym))
            i += 1
        return found

    def places_in(self, text: str) -> list[Place]:
        """The distinct places named in ``text``, in order of first mention."""
        seen: dict[str, Place] = {}
        for match in self.find_in(text):
            seen.setdefault(match.place.code, match.place)
        return list(seen.values())

    def _match_at(
        self, text: str, words: list[tuple[str, int, int]], i: int, orig: Callable[[int], int]
    ) -> tuple[Match, int] | None:
        word, w_start, _ = words[i]
        variants = [(word, 0)]
        if _is_arabic(word):
            variants.extend(_arabic_variants(word))
        for variant, dropped in variants:
            lengths = self._first.get(variant)
            if not lengths:
                continue
            for n in lengths:
                if i + n > len(words):
                    continue
                key = " ".join([variant, *(w[0] for w in words[i + 1 : i + n])])
                place = self._by_key.get(key)
                if place is None:
                    continue
                start, end = orig(w_start + dropped), orig(words[i + n - 1][2])
                span = text[start:end]
                if span.islower():  # a Latin name written without any capital
                    continue
                if n > 1 and not all(
                    _GAP_OK.fullmatch(text[orig(words[j][2]) : orig(words[j + 1][1])])
                    for j in range(i, i + n - 1)
                ):
                    continue
                if key in self._ambiguous and not self._after_cue(words, i):
                    continue
                return Match(place, start, end, span), n
        return None

    @staticmethod
    def _after_cue(words: list[tuple[str, int, int]], i: int) -> bool:
        def is_cue(word: str) -> bool:
            if word in CUE_WORDS:
                return True
            return _is_arabic(word) and any(v in CUE_WORDS for v, _ in _arabic_variants(word))

        if i >= 1 and is_cue(words[i - 1][0]):
            return True
        return i >= 2 and words[i - 1][0] in _FRENCH_LINKS and is_cue(words[i - 2][0])


def _rank(place: Place) -> int:
    return KIND_RANK.get(place.kind, 3)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer.from_file()
