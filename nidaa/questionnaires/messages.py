"""What the questionnaires' refusals say, in the reader's language: an
XLSForm's problems (pyxform's own message is kept as it wrote it, with our
explanation and the row around it), answers in error, rows of an import."""

from __future__ import annotations

from django.utils.translation import gettext as _

from nidaa.forms_logic.kobo import ResponsesReport, RowProblem
from nidaa.forms_logic.xlsform import Problem
from nidaa.questionnaires.services import QuestionnaireError


def problem_text(problem: Problem) -> str:
    texts = {
        "pyxform": _("The XLSForm checker (pyxform) refused the form: %(detail)s"),
        "unsupported_type": _(
            "Nidaa cannot run this type of question: %(detail)s (repeats, locations, dates, media and files are not supported)."
        ),
        "unsupported_column": _("Nidaa cannot run the column %(detail)s."),
        "bad_expression": _("Nidaa cannot run this expression: %(detail)s."),
        "unknown_reference": _("The expression names a question that does not exist: %(detail)s."),
        "correct_not_a_choice": _("The correct answer %(detail)s is not a choice of the question's list."),
        "correct_not_a_select": _(
            "Only a select_one or select_multiple question can have a correct answer (%(detail)s)."
        ),
        "no_questions": _("The form has no question."),
        "too_large": _("The file is larger than %(detail)s MB."),
        "too_many_rows": _("The form has more than %(detail)s questions."),
    }
    text = texts.get(problem.code, "%(detail)s") % {"detail": problem.detail}
    if problem.row is not None:
        return _("Row %(row)s of the %(sheet)s sheet: %(text)s") % {
            "row": problem.row,
            "sheet": problem.sheet,
            "text": text,
        }
    return text


def answer_error(code: str) -> str:
    texts = {
        "required": _("This question is required."),
        "constraint": _("This answer is not accepted."),
        "invalid_choice": _("This is not one of the choices."),
        "not_a_number": _("Write a number."),
        "not_an_integer": _("Write a whole number."),
        "too_long": _("The answer is too long."),
    }
    return texts.get(code, code)


def row_text(problem: RowProblem) -> str:
    if problem.code == "duplicate_participant":
        return _("Row %(row)s: the same participant as row %(other)s.") % {
            "row": problem.row,
            "other": problem.value,
        }
    return _("Row %(row)s, question %(question)s: %(error)s (%(value)s)") % {
        "row": problem.row,
        "question": problem.question,
        "error": answer_error(problem.code),
        "value": problem.value,
    }


def fatal_text(report: ResponsesReport) -> str:
    if report.fatal == "no_participant_column":
        return _("No column %(column)s names the participants.") % {
            "column": report.fatal_detail or "participant"
        }
    if report.fatal == "no_question_column":
        return _("No column of the file is a question of this questionnaire.")
    return _("The file cannot be read: %(detail)s") % {"detail": report.fatal_detail}


def error_text(error: QuestionnaireError) -> str:
    texts = {
        "kind": _("Unknown kind of questionnaire: %(detail)s."),
        "module": _("This module is not one of the mission's."),
        "too_costly": _("The file could not be read within its time and memory budget."),
        "duplicate_name": _("Another question is already named %(detail)s."),
        "bad_expression": _("Nidaa cannot run this expression: %(detail)s."),
        "unknown_reference": _("The expression names a question that does not exist: %(detail)s."),
        "correct_not_a_choice": _("The correct answer %(detail)s is not a choice of the question's list."),
        "correct_not_a_select": _(
            "Only a select_one or select_multiple question can have a correct answer (%(detail)s)."
        ),
        "not_this_session": _("This questionnaire is not for this session's module."),
        "not_this_mission": _("This participant is not one of the mission's."),
        "refused": _("The form was refused."),
    }
    return texts.get(error.code, "%(detail)s") % {"detail": error.detail}
