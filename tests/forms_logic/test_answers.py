"""Answers checked against the form as the phone page, paper entry and imports
all do: normalised, relevant honoured, required and constraint checked, scored."""

from nidaa.forms_logic.answers import check_answers, score
from nidaa.forms_logic.definition import Form, FormChoice, FormQuestion


def form():
    return Form(
        title="Pré-test",
        questions=[
            FormQuestion("q1", "select_one", list_name="yn", required="yes", correct="oui"),
            FormQuestion("q2", "select_multiple", list_name="who", correct="elus societe"),
            FormQuestion("age", "integer", required="yes", constraint=". >= 18"),
            FormQuestion("note", "decimal"),
            FormQuestion("why", "text", required="yes", relevant="${q1} = 'non'"),
            FormQuestion("grp_q", "text", required="yes", group="g", group_relevant=("${age} > 60",)),
            FormQuestion("n", "calculate", calculation="count-selected(${q2}) * 10"),
        ],
        choices=[
            FormChoice("yn", "oui"),
            FormChoice("yn", "non"),
            FormChoice("who", "elus"),
            FormChoice("who", "societe"),
            FormChoice("who", "police"),
        ],
    )


def test_answers_are_normalised_and_calculations_computed():
    checked = check_answers(
        form(), {"q1": "oui", "q2": "societe elus societe", "age": " 34.0 ", "note": "12,50"}
    )
    assert checked.errors == {}
    assert checked.values == {
        "q1": "oui",
        "q2": "societe elus",
        "age": "34",
        "note": "12.5",
        "why": "",
        "grp_q": "",
        "n": "20",
    }


def test_required_constraint_and_choices_are_checked():
    checked = check_answers(form(), {"q1": "", "q2": "elus martiens", "age": "16", "note": "douze"})
    assert checked.errors == {
        "q1": "required",
        "q2": "invalid_choice",
        "age": "constraint",
        "note": "not_a_number",
    }


def test_a_question_shown_only_when_relevant_is_required_only_then():
    assert check_answers(form(), {"q1": "non", "age": "30"}).errors == {"why": "required"}
    # Not relevant: its answer is dropped, not stored.
    checked = check_answers(form(), {"q1": "oui", "age": "30", "why": "parce que"})
    assert (checked.errors, checked.values["why"]) == ({}, "")


def test_a_group_condition_applies_to_its_questions():
    assert check_answers(form(), {"q1": "oui", "age": "70"}).errors == {"grp_q": "required"}


def test_an_integer_must_be_whole():
    assert check_answers(form(), {"q1": "oui", "age": "30.5"}).errors == {"age": "not_an_integer"}


def test_the_score_is_the_share_of_knowledge_questions_right():
    f = form()
    assert score(f, {"q1": "oui", "q2": "elus societe"}).percent == 100.0
    assert score(f, {"q1": "oui", "q2": "elus"}).percent == 50.0
    assert score(f, {"q1": "", "q2": ""}).percent == 0.0
    assert score(Form(title="x", questions=[FormQuestion("t", "text")]), {}).percent is None
