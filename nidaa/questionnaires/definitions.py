"""A stored questionnaire as the framework-free ``Form`` (and back): what the
answer checker and the scorer read, built with two queries."""

from __future__ import annotations

from nidaa.forms_logic.definition import Form, FormChoice, FormQuestion, is_likert
from nidaa.questionnaires.models import Choice, Question, Questionnaire


def form_of(questionnaire: Questionnaire) -> Form:
    """The questionnaire's questions (in order) and choices, as plain data."""
    questions = list(Question.objects.filter(questionnaire=questionnaire).order_by("position", "id"))
    choices = list(Choice.objects.filter(questionnaire=questionnaire).order_by("list_name", "position", "id"))
    return form_from_rows(questionnaire, questions, choices)


def form_from_rows(questionnaire: Questionnaire, questions: list[Question], choices: list[Choice]) -> Form:
    relevant_of_group = dict(questionnaire_group_relevance(questionnaire))
    return Form(
        title=questionnaire.title,
        form_id=questionnaire.form_id,
        version=questionnaire.version,
        languages=list(questionnaire.languages),
        questions=[
            FormQuestion(
                name=q.name,
                type=q.type,
                list_name=q.list_name,
                group=q.group,
                label=dict(q.label),
                hint=dict(q.hint),
                required="yes" if q.required else "",
                required_message=dict(q.required_message),
                relevant=q.relevant,
                group_relevant=tuple(relevant_of_group.get(q.group, ())),
                constraint=q.constraint,
                constraint_message=dict(q.constraint_message),
                calculation=q.calculation,
                correct=q.correct,
                row=q.position,
            )
            for q in questions
        ],
        choices=[FormChoice(list_name=c.list_name, name=c.name, label=dict(c.label)) for c in choices],
    )


def questionnaire_group_relevance(questionnaire: Questionnaire) -> dict[str, list[str]]:
    """{group path: the ``relevant`` of its groups, outermost first}, kept on the questionnaire."""
    stored = questionnaire.group_relevant or {}
    return {path: list(expressions) for path, expressions in stored.items()}


def question_rows(questionnaire: Questionnaire, form: Form) -> tuple[list[Question], list[Choice]]:
    """Rows to store for ``form`` (not saved)."""
    names: dict[str, list[str]] = {}
    for choice in form.choices:
        names.setdefault(choice.list_name, []).append(choice.name)
    questions = [
        Question(
            questionnaire=questionnaire,
            position=position,
            name=q.name,
            type=q.type,
            group=q.group,
            list_name=q.list_name,
            label=q.label,
            hint=q.hint,
            # An expression in ``required`` is rare in training forms; it is kept as the
            # constraint-free flag "required" (see docs/questionnaires.md).
            required=q.required.strip().lower() not in ("", "no", "false", "false()", "0"),
            required_message=q.required_message,
            relevant=q.relevant,
            constraint=q.constraint,
            constraint_message=q.constraint_message,
            calculation=q.calculation,
            correct=q.correct,
            likert=is_likert(q, names.get(q.list_name, [])),
        )
        for position, q in enumerate(form.questions, start=1)
    ]
    choices = [
        Choice(
            questionnaire=questionnaire, list_name=c.list_name, name=c.name, label=c.label, position=position
        )
        for position, c in enumerate(form.choices, start=1)
    ]
    return questions, choices
