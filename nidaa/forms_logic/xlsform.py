"""An XLSForm (as KoboToolbox and ODK users write them) into a ``Form``.

pyxform checks the form first, as Kobo would (its message names the row);
then the rows are read into Nidaa's questions: ``survey``, ``choices`` and
``settings`` sheets, ``label``/``hint`` columns per language
(``label::French (fr)``, ``label::Arabic (ar)``, or a plain ``label``),
``begin_group``/``end_group`` folded into each question's ``group``, a
``correct`` column for knowledge questions. Whatever Nidaa cannot run (a
repeat, a geopoint, media, a function outside the supported expressions) is
refused with the row named: nothing is ever dropped silently. Every problem
is collected, so the user fixes the sheet once.

The caller runs this under a time and memory budget (``common.budget``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert, get_xlsform

from nidaa.forms_logic.definition import SELECTS, TYPES, Form, FormChoice, FormQuestion, Labels
from nidaa.forms_logic.expressions import ExpressionError, check, references

MAX_BYTES = 5 * 1024 * 1024
MAX_QUESTIONS = 500
MAX_CHOICES = 5000

# Kobo adds these rows to record the device's clock: they ask the participant
# nothing, so they are read as "not a question" (and said so in docs/questionnaires.md).
METADATA = {
    "start",
    "end",
    "today",
    "deviceid",
    "username",
    "phonenumber",
    "simserial",
    "subscriberid",
    "audit",
}
_ALIASES = {"int": "integer", "string": "text", "calculation": "calculate"}
_GROUP_BEGIN = {"begin_group", "begin group"}
_GROUP_END = {"end_group", "end group"}
_LANGUAGE_NAMES = {
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "arabic": "ar",
    "arabe": "ar",
    "العربية": "ar",
    "english": "en",
    "anglais": "en",
}
_CODE = re.compile(r"\(([A-Za-z]{2,3})(?:-[A-Za-z0-9]+)?\)\s*$")
_PYXFORM_ROW = re.compile(r"\[row ?: ?(\d+)\]")
_YES_NO = {"", "yes", "no", "true", "false", "true()", "false()", "1", "0"}


@dataclass(frozen=True)
class Problem:
    """One reason the form is refused. ``code``: pyxform, unsupported_type,
    unsupported_column, bad_expression, unknown_reference, correct_not_a_choice,
    correct_not_a_select, no_questions, too_large, too_many_rows."""

    code: str
    row: int | None = None
    detail: str = ""
    sheet: str = "survey"


class FormRefused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.code} row {p.row}: {p.detail}" for p in problems))
        self.problems = problems


@dataclass
class ReadForm:
    form: Form
    warnings: list[str] = field(default_factory=list)  # pyxform's, as it wrote them


def language_of(column: str) -> str | None:
    """``label::French (fr)`` → "fr"; ``label`` → ""; an unknown language → None."""
    if "::" not in column:
        return ""
    language = column.split("::", 1)[1].strip()
    code = _CODE.search(language)
    if code:
        return code.group(1).lower()
    return _LANGUAGE_NAMES.get(language.lower())


def _labels(row: dict[str, Any], prefix: str) -> Labels:
    labels: Labels = {}
    for column, value in row.items():
        base = column.split("::", 1)[0].strip().lower()
        if base != prefix or value is None or str(value).strip() == "":
            continue
        language = language_of(column)
        if language is not None:
            labels[language] = str(value).strip()
    return labels


def _text(row: dict[str, Any], *names: str) -> str:
    lowered = {k.strip().lower(): v for k, v in row.items()}
    for name in names:
        value = lowered.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


def read_xlsform(data: bytes) -> ReadForm:
    """The form, or ``FormRefused`` with every problem found."""
    if len(data) > MAX_BYTES:
        raise FormRefused([Problem("too_large", None, str(MAX_BYTES // (1024 * 1024)))])
    problems: list[Problem] = []
    warnings: list[str] = []
    try:
        convert(xlsform=data, warnings=warnings)
    except PyXFormError as error:
        message = str(error)
        row = _PYXFORM_ROW.search(message)
        problems.append(Problem("pyxform", int(row.group(1)) if row else None, message))
    except Exception as error:  # noqa: BLE001 - pyxform fails on broken files with assorted errors
        raise FormRefused([Problem("pyxform", None, f"{type(error).__name__}: {error}")]) from error
    try:
        sheets = get_xlsform(data)
    except Exception as error:  # noqa: BLE001
        raise FormRefused([*problems, Problem("pyxform", None, str(error))]) from error
    if len(sheets.survey) > MAX_QUESTIONS * 2 or len(sheets.choices) > MAX_CHOICES:
        raise FormRefused([*problems, Problem("too_many_rows", None, str(MAX_QUESTIONS))])
    form = _form(sheets, problems)
    if problems:
        raise FormRefused(problems)
    return ReadForm(form=form, warnings=warnings)


def _form(sheets: Any, problems: list[Problem]) -> Form:
    settings = sheets.settings[0] if sheets.settings else {}
    form = Form(
        title=_text(settings, "form_title") or str(sheets.fallback_form_name or ""),
        form_id=_text(settings, "form_id", "id_string"),
        version=_text(settings, "version"),
    )
    languages: set[str] = set()
    for row in sheets.choices:
        if not row:
            continue
        list_name, name = _text(row, "list_name", "list name"), _text(row, "name", "value")
        if list_name and name:
            choice = FormChoice(list_name=list_name, name=name, label=_labels(row, "label"))
            languages |= set(choice.label)
            form.choices.append(choice)
    lists: dict[str, set[str]] = {}
    for choice in form.choices:
        lists.setdefault(choice.list_name, set()).add(choice.name)

    groups: list[tuple[str, str]] = []  # (name, relevant)
    for index, row in enumerate(sheets.survey):
        number = index + 2  # the header is row 1; pyxform keeps blank rows in place
        if not row:
            continue
        words = _text(row, "type").split()
        if not words:
            continue
        kind = " ".join(words[:2]).lower() if words[0].lower() in ("begin", "end") else words[0].lower()
        kind = _ALIASES.get(kind, kind)
        if kind in _GROUP_BEGIN:
            groups.append((_text(row, "name"), _text(row, "relevant")))
            continue
        if kind in _GROUP_END:
            if groups:
                groups.pop()
            continue
        if kind in METADATA:
            continue
        if kind not in TYPES:
            problems.append(Problem("unsupported_type", number, " ".join(words)))
            continue
        if _text(row, "choice_filter"):
            problems.append(Problem("unsupported_column", number, "choice_filter"))
        if kind in SELECTS and len(words) > 2:
            problems.append(Problem("unsupported_type", number, " ".join(words)))
        question = FormQuestion(
            name=_text(row, "name"),
            type=kind,
            list_name=words[1] if kind in SELECTS and len(words) > 1 else "",
            group="/".join(name for name, _ in groups),
            label=_labels(row, "label"),
            hint=_labels(row, "hint"),
            required=_text(row, "required"),
            required_message=_labels(row, "required_message") or _labels(row, "jr:requiredmsg"),
            relevant=_text(row, "relevant"),
            group_relevant=tuple(relevant for _, relevant in groups if relevant),
            constraint=_text(row, "constraint"),
            constraint_message=_labels(row, "constraint_message") or _labels(row, "jr:constraintmsg"),
            calculation=_text(row, "calculation"),
            correct=" ".join(_text(row, "correct").split()),
            row=number,
        )
        languages |= set(question.label)
        form.questions.append(question)
    if not form.questions and not problems:
        problems.append(Problem("no_questions"))
    names = {q.name for q in form.questions}
    for question in form.questions:
        _check_question(question, names, lists, problems)
    if len(form.questions) > MAX_QUESTIONS:
        problems.append(Problem("too_many_rows", None, str(MAX_QUESTIONS)))
    form.languages = sorted(
        languages,
        key=lambda code: ("fr", "ar", "en", "").index(code) if code in ("fr", "ar", "en", "") else 9,
    )
    return form


def _check_question(
    question: FormQuestion, names: set[str], lists: dict[str, set[str]], problems: list[Problem]
) -> None:
    expressions = [
        ("relevant", question.relevant),
        ("constraint", question.constraint),
        ("calculation", question.calculation),
    ]
    if question.required.lower() not in _YES_NO:
        expressions.append(("required", question.required))
    for column, expression in expressions:
        if not expression:
            continue
        try:
            check(expression)
        except ExpressionError as error:
            problems.append(Problem("bad_expression", question.row, f"{column}: {expression} ({error.code})"))
            continue
        unknown = sorted(references(expression) - names)
        if unknown:
            problems.append(Problem("unknown_reference", question.row, f"{column}: ${{{unknown[0]}}}"))
    if question.correct:
        if question.type not in SELECTS:
            problems.append(Problem("correct_not_a_select", question.row, question.correct))
            return
        wrong = [
            name for name in question.correct.split() if name not in lists.get(question.list_name, set())
        ]
        if wrong:
            problems.append(Problem("correct_not_a_choice", question.row, wrong[0]))
        elif question.type == "select_one" and len(question.correct.split()) > 1:
            problems.append(Problem("correct_not_a_choice", question.row, question.correct))
