"""Checking a participant's answers against the form, and scoring them.

The same rules for every way answers arrive (the phone page, a paper form
typed by the facilitator, a KoboToolbox export): answers are normalised
(numbers as typed, "3.50" → "3.5"; choices by name), a question that is not
relevant loses its answer, ``required`` and ``constraint`` are checked, and
``calculate`` fields are computed, in the form's order.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from nidaa.forms_logic.definition import Form, FormQuestion
from nidaa.forms_logic.expressions import ExpressionError, boolean, evaluate, string

MAX_TEXT = 2000
_YES = {"yes", "true", "true()", "1", "oui", "y"}
_NO = {"", "no", "false", "false()", "0", "non", "n"}


@dataclass
class Checked:
    values: dict[str, str] = field(default_factory=dict)  # name → normalised answer ("" when none)
    # name → "required", "constraint", "invalid_choice", "not_a_number", "not_an_integer", "too_long"
    errors: dict[str, str] = field(default_factory=dict)


def normalise(question: FormQuestion, raw: str, choices: set[str]) -> tuple[str, str | None]:
    """The answer as stored, and an error code when it cannot be one."""
    raw = raw.strip()
    if raw == "" or question.type in ("note", "calculate"):
        return "", None
    if question.type == "select_one":
        return (raw, None) if raw in choices else (raw, "invalid_choice")
    if question.type == "select_multiple":
        names = list(dict.fromkeys(raw.split()))
        return " ".join(names), None if all(n in choices for n in names) else "invalid_choice"
    if question.type in ("integer", "decimal"):
        try:
            number = Decimal(raw.replace(",", ".").replace("\u066b", "."))
        except InvalidOperation:
            return raw, "not_a_number"
        if not number.is_finite():
            return raw, "not_a_number"
        if question.type == "integer":
            if number != number.to_integral_value():
                return raw, "not_an_integer"
            return str(int(number)), None
        text = format(number.normalize(), "f")
        return text, None
    if len(raw) > MAX_TEXT:
        return raw[:MAX_TEXT], "too_long"
    return raw, None


def _flag(expression: str, values: Mapping[str, str], current: str) -> bool:
    word = expression.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    return boolean(evaluate(expression, values, current))


def check_answers(form: Form, raw: Mapping[str, str]) -> Checked:
    """Normalise and check ``raw`` (question name → answer as typed)."""
    choices: dict[str, set[str]] = {}
    for choice in form.choices:
        choices.setdefault(choice.list_name, set()).add(choice.name)
    checked = Checked()
    values = checked.values
    for question in form.questions:
        value, error = normalise(question, raw.get(question.name, ""), choices.get(question.list_name, set()))
        values[question.name] = value
        if error:
            checked.errors[question.name] = error
    for question in form.questions:
        name = question.name
        try:
            shown = all(
                boolean(evaluate(e, values, values[name]))
                for e in (*question.group_relevant, question.relevant)
                if e
            )
        except ExpressionError:  # checked at import; a form edited since is read as "shown"
            shown = True
        if not shown:
            values[name] = ""
            checked.errors.pop(name, None)
            continue
        if question.type == "calculate" and question.calculation:
            try:
                result = evaluate(question.calculation, values, "")
            except ExpressionError:
                result = ""
            values[name] = "" if isinstance(result, float) and math.isnan(result) else string(result)
            continue
        if name in checked.errors:
            continue
        value = values[name]
        if value == "":
            if question.required and _flag(question.required, values, value):
                checked.errors[name] = "required"
            continue
        if question.constraint and not _flag(question.constraint, values, value):
            checked.errors[name] = "constraint"
    return checked


@dataclass(frozen=True)
class Score:
    right: int
    total: int

    @property
    def percent(self) -> float | None:
        """% of the knowledge questions answered right; None when the form has none."""
        return None if self.total == 0 else round(100.0 * self.right / self.total, 1)


def score(form: Form, values: Mapping[str, str]) -> Score:
    """Right answers among the knowledge questions (an unanswered one is not
    right; a select_multiple is right when exactly the right choices are ticked)."""
    right = total = 0
    for question in form.questions:
        if not question.is_knowledge:
            continue
        total += 1
        if set(values.get(question.name, "").split()) == set(question.correct.split()):
            right += 1
    return Score(right=right, total=total)
