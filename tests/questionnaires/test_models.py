"""What a question is (knowledge, rating) and the one-answer-per-participant rule."""

import pytest
from django.db import IntegrityError

from nidaa.questionnaires.models import QuestionType
from tests.factories import QuestionFactory, ResponseFactory


def test_a_select_question_with_a_correct_answer_is_a_knowledge_question(db):
    assert QuestionFactory(correct="b").is_knowledge is True
    assert QuestionFactory(correct="a c", type=QuestionType.SELECT_MULTIPLE).is_knowledge is True
    assert QuestionFactory(correct="").is_knowledge is False
    assert QuestionFactory(correct="4", type=QuestionType.INTEGER).is_knowledge is False


def test_a_rating_is_a_select_one_over_integer_choices(db):
    assert QuestionFactory(likert=True).is_likert is True
    assert QuestionFactory(likert=False).is_likert is False
    assert QuestionFactory(likert=True, type=QuestionType.SELECT_MULTIPLE).is_likert is False


def test_a_participant_answers_a_questionnaire_once(db):
    first = ResponseFactory()
    with pytest.raises(IntegrityError):
        ResponseFactory(questionnaire=first.questionnaire, participant=first.participant)
