"""text.literal_first: a pattern rewritten so the regex engine can skip ahead, with the same matches."""

from __future__ import annotations

import random
import re

import pytest

from nidaa.tor.text import literal_first


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str | None]]:
    return [(match.span(), match.lastgroup) for match in pattern.finditer(text)]


def test_a_leading_word_boundary_becomes_a_lookbehind_after_the_letter() -> None:
    pattern = literal_first(re.compile(r"\bcdd\b|salaire|\bمباراة|full[-\s]time"))
    assert pattern.pattern == r"c(?<!\wc)dd\b|salaire|م(?<!\wم)باراة|full[-\s]time"


@pytest.mark.parametrize(
    "text",
    [
        "cdd",  # at the start of the text
        "un cdd de 6 mois",
        "xcdd",  # inside a word: no boundary
        "1cdd",  # after a digit (a word character)
        "_cdd",  # after an underscore (a word character)
        "-cdd.",
        "écdd",  # after an accented letter
        "cdd\ncdd",
        "وcdd مباراة ومباراة",
    ],
)
def test_the_rewritten_pattern_matches_where_the_original_does(text: str) -> None:
    original = re.compile(r"\bcdd\b|\bمباراة|salaire")
    assert _spans(literal_first(original), text) == _spans(original, text)


def test_random_texts_give_the_same_matches_and_groups() -> None:
    original = re.compile(r"(?P<a>\bpostes?\b)|(?P<b>\bcdi)|\bexpert\.e|consult|\btor\b", re.IGNORECASE)
    rewritten = literal_first(original)
    assert rewritten.pattern != original.pattern
    assert rewritten.flags == original.flags
    rng = random.Random(7)
    pieces = [
        "poste",
        "postes",
        "cdi",
        "CDI",
        "expert.e",
        "consult",
        "tor",
        "Tor",
        "x",
        "1",
        "_",
        " ",
        "\n",
        "é",
    ]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        assert _spans(rewritten, text) == _spans(original, text), text


@pytest.mark.parametrize(
    "first",
    [
        r"\bc?dd",  # the letter is optional: not rewritten
        r"\b(?:cdd|cdi)",  # a group after the boundary: not rewritten
        r"\b\d+",  # no letter after the boundary
    ],
)
def test_alternatives_it_cannot_rewrite_safely_are_kept(first: str) -> None:
    rewritten = literal_first(re.compile(first + r"|\bsalaire"))
    assert rewritten.pattern == first + r"|s(?<!\ws)alaire"


def test_an_unsplittable_or_single_pattern_is_returned_unchanged() -> None:
    single = re.compile(r"\bcdd\b")
    assert literal_first(single) is single
    grouped = re.compile(r"(?:\bcdd|\bcdi)")
    assert literal_first(grouped) is grouped
    classes = re.compile(r"[|(]\bx|\by")  # a class holding "|" and "(" is skipped over
    assert literal_first(classes).pattern == r"[|(]\bx|y(?<!\wy)"
