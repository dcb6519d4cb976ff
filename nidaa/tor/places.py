"""Morocco's territorial divisions as a plain gazetteer (no Django).

The data live in ``nidaa/data/territories.json`` (regions, provinces and
prefectures, communes, with French and Arabic names and aliases). The
directory app loads the same file into the database; the ToR reader uses
this module to link the places a document names to that reference.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "territories.json"

_ARABIC_DIACRITICS = re.compile(r"[\u064b-\u0652\u0670\u0640]")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})


def fold(text: str) -> str:
    """Accent-, case-, punctuation- and Arabic-spelling-insensitive key."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_FOLD).casefold()
    text = text.replace("'", " ").replace("’", " ")
    return re.sub(r"[\W_]+", " ", text).strip()


@dataclass(frozen=True)
class Place:
    code: str
    kind: str  # region, province, prefecture or commune
    name_fr: str
    name_ar: str
    parent_code: str | None = None
    aliases: tuple[str, ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name_fr, self.name_ar, *self.aliases)


class Gazetteer:
    def __init__(self, places: list[Place]) -> None:
        self.places = places
        self.by_code = {p.code: p for p in places}
        self._by_key: dict[str, list[Place]] = {}
        for place in places:
            for name in place.names:
                key = fold(name)
                if key:
                    self._by_key.setdefault(key, []).append(place)
        # One alternation, longest names first, so "Tanger-Tétouan-Al Hoceïma"
        # wins over "Tanger" where both match.
        keys = sorted(self._by_key, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in keys) + r")(?!\w)") if keys else None
        )

    @classmethod
    def from_file(cls, path: Path = DATA_FILE) -> Gazetteer:
        raw = json.loads(path.read_text(encoding="utf-8"))
        places: list[Place] = []
        for r in raw.get("regions", []):
            places.append(
                Place(r["code"], "region", r["name_fr"], r["name_ar"], None, tuple(r.get("aliases", [])))
            )
        for p in raw.get("provinces", []):
            places.append(
                Place(
                    p["code"],
                    p.get("kind", "province"),
                    p["name_fr"],
                    p["name_ar"],
                    p["region"],
                    tuple(p.get("aliases", [])),
                )
            )
        for c in raw.get("communes", []):
            places.append(
                Place(
                    c["code"],
                    "commune",
                    c["name_fr"],
                    c["name_ar"],
                    c["province"],
                    tuple(c.get("aliases", [])),
                )
            )
        return cls(places)

    def lookup(self, name: str) -> Place | None:
        """The place called ``name`` (any spelling in the data), preferring the
        larger division when a name is shared (a province and its capital)."""
        matches = self._by_key.get(fold(name), [])
        order = {"region": 0, "province": 1, "prefecture": 1, "commune": 2}
        return min(matches, key=lambda p: order.get(p.kind, 3)) if matches else None

    def find_in(self, text: str) -> list[tuple[Place, str]]:
        """Places named in ``text`` (folded matching), in order, without repeats."""
        if self._pattern is None:
            return []
        seen: set[str] = set()
        found: list[tuple[Place, str]] = []
        for match in self._pattern.finditer(fold(text)):
            place = self.lookup(match.group(1))
            if place and place.code not in seen:
                seen.add(place.code)
                found.append((place, match.group(1)))
        return found


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer.from_file()
