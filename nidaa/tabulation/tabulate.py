"""The counting a facilitator did by hand ("dépouillement"): attendance,
pre/post knowledge scores paired per participant and module, gain, the share
who improved, satisfaction, per session, module and zone, by sex and by
category. Plain rows in, plain dictionaries out (the command line's JSON).

Definitions (docs/reports.md):

- A *unit* is a participant and a module (the questionnaire's; a
  mission-wide questionnaire's units have none). Its pre score is the score of the
  participant's latest pre response for that module, its post score the
  latest post one. A unit with both is *paired*; with one only it is counted
  under ``pre_only`` or ``post_only`` (never dropped).
- ``planned``: distinct participants expected in the group (a session
  expects its zone's participants; walk-ins are not expected); ``present``:
  distinct participants recorded present at one of the group's sessions.
- ``pre_mean`` / ``post_mean``: means over the paired units that have both
  scores (a score is the % of the questionnaire's knowledge questions answered
  right); ``gain`` = ``post_mean`` - ``pre_mean`` in percentage points,
  computed before rounding; ``improved_share``: % of those units whose post
  score is above their pre score.
- ``satisfaction``: the mean, over the group's final responses, of each
  response's Likert answers as a % of the scale's maximum (the k-th of n
  choices is worth k/n).
- Every figure has one decimal (half away from zero); a mean over nothing
  is ``None``.

Groups: a session holds the units with a pre or post answer given at it
(and the final responses given at it); a module its units; a zone, a sex
and a category the units of their participants.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

PRE = "pre"
POST = "post"
FINAL = "final"
SEXES = ("female", "male")
UNSPECIFIED = "unspecified"


@dataclass(frozen=True)
class Person:
    id: int
    zone: str
    sex: str = ""  # "female", "male" or "" (not recorded)
    category: str = ""  # "" when none
    walk_in: bool = False


@dataclass(frozen=True)
class SessionRow:
    id: int
    module: str
    zone: str
    date: str  # ISO date


@dataclass(frozen=True)
class ResponseRow:
    """One submitted questionnaire. ``module`` is its questionnaire's module
    (``None`` for a questionnaire of the whole mission, whichever session it
    was answered at: its pre and post pair with each other);
    ``order`` sorts a participant's submissions (the latest counts)."""

    participant: int
    kind: str
    module: str | None
    session: int | None
    score: float | None = None
    satisfaction: float | None = None
    order: Any = 0


@dataclass
class _Unit:
    participant: int
    module: str | None
    pre: ResponseRow | None = None
    post: ResponseRow | None = None
    sessions: set[int] = field(default_factory=set)


def one_decimal(value: float | None) -> float | None:
    """Half away from zero, as people round by hand (not banker's rounding)."""
    if value is None:
        return None
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def likert_share(rank: int, choices: int) -> float:
    """The k-th of n choices of a Likert scale as a % of its maximum."""
    return 100.0 * rank / choices


def _latest(current: ResponseRow | None, row: ResponseRow) -> ResponseRow:
    return row if current is None or row.order >= current.order else current


def _group(
    units: Iterable[_Unit],
    finals: Iterable[ResponseRow],
    *,
    planned: int,
    present: int,
) -> dict[str, Any]:
    paired = pre_only = post_only = 0
    pre_scores: list[float] = []
    post_scores: list[float] = []
    improved = 0
    for unit in units:
        if unit.pre is not None and unit.post is not None:
            paired += 1
            if unit.pre.score is not None and unit.post.score is not None:
                pre_scores.append(unit.pre.score)
                post_scores.append(unit.post.score)
                improved += unit.post.score > unit.pre.score
        elif unit.pre is not None:
            pre_only += 1
        else:
            post_only += 1
    pre_mean, post_mean = mean(pre_scores), mean(post_scores)
    gain = None if pre_mean is None or post_mean is None else post_mean - pre_mean
    satisfaction = mean([row.satisfaction for row in finals if row.satisfaction is not None])
    return {
        "planned": planned,
        "present": present,
        "paired": paired,
        "pre_only": pre_only,
        "post_only": post_only,
        "pre_mean": one_decimal(pre_mean),
        "post_mean": one_decimal(post_mean),
        "gain": one_decimal(gain),
        "improved_share": one_decimal(100.0 * improved / len(pre_scores)) if pre_scores else None,
        "satisfaction": one_decimal(satisfaction),
    }


def tabulate(
    *,
    mission: int,
    people: Sequence[Person],
    sessions: Sequence[SessionRow],
    present: Iterable[tuple[int, int]],
    responses: Iterable[ResponseRow],
) -> dict[str, Any]:
    """The results in the command line's shape: ``present`` is (session id,
    participant id) for every attendance recorded present."""
    by_id = {p.id: p for p in people}
    expected: dict[str, set[int]] = {}
    for person in people:
        if not person.walk_in:
            expected.setdefault(person.zone, set()).add(person.id)
    present_at: dict[int, set[int]] = {}
    for session_id, participant_id in present:
        present_at.setdefault(session_id, set()).add(participant_id)

    units: dict[tuple[int, str | None], _Unit] = {}
    finals: list[ResponseRow] = []
    for row in responses:
        if row.participant not in by_id:
            continue
        if row.kind == FINAL:
            finals.append(row)
            continue
        unit = units.get((row.participant, row.module))
        if unit is None:
            unit = units[(row.participant, row.module)] = _Unit(row.participant, row.module)
        if row.kind == PRE:
            unit.pre = _latest(unit.pre, row)
        elif row.kind == POST:
            unit.post = _latest(unit.post, row)
        if row.session is not None:
            unit.sessions.add(row.session)
    all_units = list(units.values())
    # Each group's units and final responses, gathered in one pass per kind of group.
    unit_index: dict[tuple[str, Any], list[_Unit]] = {}
    final_index: dict[tuple[str, Any], list[ResponseRow]] = {}

    def person_keys(person: Person) -> list[tuple[str, Any]]:
        return [
            ("all", None),
            ("zone", person.zone),
            ("sex", person.sex),
            ("category", person.category or UNSPECIFIED),
        ]

    for unit in all_units:
        keys = [*person_keys(by_id[unit.participant]), ("module", unit.module)]
        keys += [("session", session_id) for session_id in unit.sessions]
        for key in keys:
            unit_index.setdefault(key, []).append(unit)
    for row in finals:
        keys = [*person_keys(by_id[row.participant]), ("module", row.module), ("session", row.session)]
        for key in keys:
            final_index.setdefault(key, []).append(row)

    everyone_present: set[int] = set()
    for ids in present_at.values():
        everyone_present |= ids
    planned_count: dict[tuple[str, Any], int] = {}
    present_count: dict[tuple[str, Any], int] = {}
    for person in people:
        for key in person_keys(person):
            if not person.walk_in:
                planned_count[key] = planned_count.get(key, 0) + 1
            if person.id in everyone_present:
                present_count[key] = present_count.get(key, 0) + 1

    def person_group(key: tuple[str, Any]) -> dict[str, Any]:
        return _group(
            unit_index.get(key, []),
            final_index.get(key, []),
            planned=planned_count.get(key, 0),
            present=present_count.get(key, 0),
        )

    by_session = [
        {
            "id": s.id,
            "module": s.module,
            "zone": s.zone,
            "date": s.date,
            **_group(
                unit_index.get(("session", s.id), []),
                final_index.get(("session", s.id), []),
                planned=len(expected.get(s.zone, ())),
                present=len(present_at.get(s.id, ())),
            ),
        }
        for s in sessions
    ]
    by_module = []
    for module in dict.fromkeys(s.module for s in sessions):
        held = [s for s in sessions if s.module == module]
        planned_ids: set[int] = set()
        for zone in {s.zone for s in held}:
            planned_ids |= expected.get(zone, set())
        present_ids: set[int] = set()
        for s in held:
            present_ids |= present_at.get(s.id, set())
        by_module.append(
            {
                "module": module,
                **_group(
                    unit_index.get(("module", module), []),
                    final_index.get(("module", module), []),
                    planned=len(planned_ids),
                    present=len(present_ids),
                ),
            }
        )
    zones = list(dict.fromkeys([*(s.zone for s in sessions), *(p.zone for p in people)]))
    categories = sorted(
        {p.category or UNSPECIFIED for p in people}, key=lambda c: (c == UNSPECIFIED, c.casefold())
    )
    return {
        "mission": mission,
        "overall": person_group(("all", None)),
        "by_session": by_session,
        "by_module": by_module,
        "by_zone": [{"zone": zone, **person_group(("zone", zone))} for zone in zones],
        "by_sex": {sex: person_group(("sex", sex)) for sex in SEXES},
        "by_category": {category: person_group(("category", category)) for category in categories},
    }


def distribution(values: Iterable[str], choices: Sequence[str]) -> dict[str, int]:
    """How many answers chose each of a Likert question's choices, in the scale's order
    (answers outside the scale are left out of the shares, not of the count the caller keeps)."""
    counts = dict.fromkeys(choices, 0)
    for value in values:
        if value in counts:
            counts[value] += 1
    return counts


def response_satisfaction(answers: Sequence[tuple[int, int]]) -> float | None:
    """One final response's satisfaction: the mean of its Likert answers,
    each (rank of the chosen choice, number of choices) as a % of the scale."""
    return mean([likert_share(rank, choices) for rank, choices in answers if choices])
