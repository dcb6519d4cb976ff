"""The demo's questionnaires: pre/post/final on the running mission, scores,
a few unpaired responses, an open link."""

from nidaa.accounts.services import mark_email_verified
from nidaa.calls.models import CallStatus
from nidaa.missions.demo import load_demo_mission
from nidaa.questionnaires.demo import load_demo_questionnaires
from nidaa.questionnaires.models import Question, Questionnaire, Response, SessionQuestionnaire
from tests.factories import CallFactory, UserFactory


def test_demo_questionnaires_have_scores_unpaired_answers_and_an_open_link(org, owner):
    mark_email_verified(user=UserFactory(username="amina", email="amina@example.org"))
    CallFactory(organization=org, status=CallStatus.CLOSED)
    mission_id = load_demo_mission(organization=org, admin=owner)
    assert load_demo_questionnaires(organization=org, admin=owner) == 3
    forms = {q.kind: q for q in Questionnaire.objects.filter(mission_id=mission_id)}
    assert sorted(forms) == ["final", "post", "pre"]
    assert forms["pre"].languages == ["fr", "ar"]
    assert Question.objects.filter(questionnaire=forms["pre"]).exclude(correct="").count() == 5
    assert Question.objects.filter(questionnaire=forms["final"], likert=True).count() == 4
    pre = set(Response.objects.filter(questionnaire=forms["pre"]).values_list("participant_id", flat=True))
    post = set(Response.objects.filter(questionnaire=forms["post"]).values_list("participant_id", flat=True))
    assert (len(pre), len(post), len(pre - post), len(post - pre)) == (56, 56, 4, 4)
    assert Response.objects.filter(questionnaire=forms["pre"], score=None).count() == 0
    assert Response.objects.filter(questionnaire=forms["final"], score=None).count() == 50
    assert SessionQuestionnaire.objects.get(questionnaire=forms["post"]).is_open is True
    assert load_demo_questionnaires(organization=org, admin=owner) == 0
