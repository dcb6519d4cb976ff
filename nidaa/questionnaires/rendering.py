"""The questions of a form as the templates draw them, in the reader's
language: one item per question (notes included, calculations left out),
with its choices, the answer given and the error to show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from nidaa.forms_logic.definition import Form, label_in
from nidaa.questionnaires.messages import answer_error


@dataclass
class Item:
    name: str
    type: str
    label: str
    hint: str
    required: bool
    group: str
    value: str = ""
    selected: set[str] = field(default_factory=set)
    choices: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""
    condition: str = ""


def items(form: Form, language: str, values: Mapping[str, str], errors: Mapping[str, str]) -> list[Item]:
    by_list: dict[str, list[tuple[str, str]]] = {}
    for choice in form.choices:
        by_list.setdefault(choice.list_name, []).append(
            (choice.name, label_in(choice.label, language) or choice.name)
        )
    drawn = []
    for question in form.questions:
        if question.type == "calculate":
            continue
        value = values.get(question.name, "")
        error = errors.get(question.name, "")
        message = question.constraint_message if error == "constraint" else question.required_message
        text = label_in(message, language) if error in ("constraint", "required") else ""
        drawn.append(
            Item(
                name=question.name,
                type=question.type,
                label=label_in(question.label, language) or question.name,
                hint=label_in(question.hint, language),
                required=question.required.strip().lower() not in ("", "no", "false", "false()", "0"),
                group=question.group,
                value=value,
                selected=set(value.split()),
                choices=by_list.get(question.list_name, []),
                error=(text or answer_error(error)) if error else "",
                condition=question.relevant,
            )
        )
    return drawn


def posted_answers(form: Form, data: Mapping[str, object]) -> dict[str, str]:
    """The answers of a POST: one value per question, several for select_multiple."""
    answers: dict[str, str] = {}
    for question in form.questions:
        key = f"q_{question.name}"
        if question.type == "select_multiple":
            getlist = getattr(data, "getlist", None)
            chosen = getlist(key) if getlist else []
            answers[question.name] = " ".join(str(v)[:200] for v in chosen[:100])
        else:
            answers[question.name] = str(data.get(key, ""))[:2000]
    return answers
