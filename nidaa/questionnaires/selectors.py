"""Reads of the questionnaires. Staff reach a questionnaire only through a
mission ``missions.selectors`` lets them open (the issuer's admins/editors
and the facilitator); anyone else gets ``Questionnaire.DoesNotExist``, as for
a missing one. Participants reach one form through an opening's token, and
only while it is open."""

from __future__ import annotations

from django.db.models import Avg, Count, QuerySet

from nidaa.accounts.models import Reader
from nidaa.missions.models import Attendance, Mission, Participant, Session
from nidaa.missions.selectors import MissionAccess, expected_participants, get_mission_for_user, missions_for
from nidaa.questionnaires.models import Question, Questionnaire, Response, SessionQuestionnaire


def get_questionnaire_for_user(*, user: Reader, questionnaire_id: int) -> tuple[Questionnaire, MissionAccess]:
    questionnaire = Questionnaire.objects.select_related("mission", "module").get(
        pk=questionnaire_id, mission__in=missions_for(user).values("pk")
    )
    try:
        access = get_mission_for_user(user=user, mission_id=questionnaire.mission_id)
    except Mission.DoesNotExist as error:  # pragma: no cover - the filter above already checked
        raise Questionnaire.DoesNotExist from error
    return questionnaire, access


def questionnaires_of(mission: Mission) -> QuerySet[Questionnaire]:
    """The mission's questionnaires with their response counts and mean scores."""
    return (
        Questionnaire.objects.filter(mission=mission)
        .select_related("module")
        .annotate(response_count=Count("responses", distinct=True), mean_score=Avg("responses__score"))
        .order_by("module__position", "kind", "id")
    )


def sessions_for_questionnaire(
    questionnaire: Questionnaire,
) -> list[tuple[Session, SessionQuestionnaire | None]]:
    """The sessions the questionnaire can be opened at, each with its opening."""
    sessions = Session.objects.filter(mission_id=questionnaire.mission_id).select_related("module", "zone")
    if questionnaire.module_id is not None:
        sessions = sessions.filter(module_id=questionnaire.module_id)
    openings = {o.session_id: o for o in SessionQuestionnaire.objects.filter(questionnaire=questionnaire)}
    return [(s, openings.get(s.pk)) for s in sessions.order_by("date", "start_time", "zone__position", "id")]


def get_opening(
    *, questionnaire: Questionnaire, session_id: int
) -> tuple[Session, SessionQuestionnaire | None]:
    """A session of the questionnaire's mission (``Session.DoesNotExist`` otherwise) and its opening."""
    session = Session.objects.select_related("module", "zone").get(
        pk=session_id, mission_id=questionnaire.mission_id
    )
    return session, SessionQuestionnaire.objects.filter(session=session, questionnaire=questionnaire).first()


def opening_by_token(token: str) -> SessionQuestionnaire:
    """The opening a participant's link names (``SessionQuestionnaire.DoesNotExist`` otherwise)."""
    return SessionQuestionnaire.objects.select_related(
        "session__module", "session__zone", "questionnaire", "session__mission"
    ).get(token=token)


def session_people(session: Session) -> list[Participant]:
    """Who may answer at the session: its expected participants and the walk-ins recorded at it."""
    expected = list(expected_participants(session=session).filter(erased=False))
    seen = {p.pk for p in expected}
    walk_ins = Participant.objects.filter(
        pk__in=Attendance.objects.filter(session=session).values("participant_id"), erased=False
    ).exclude(pk__in=seen)
    return [*expected, *walk_ins.order_by("name_key", "id")]


def mission_people(questionnaire: Questionnaire) -> list[tuple[Participant, Response | None]]:
    """The mission's participants, each with their response to the questionnaire (paper entry list)."""
    responses = {r.participant_id: r for r in Response.objects.filter(questionnaire=questionnaire)}
    people = Participant.objects.filter(mission_id=questionnaire.mission_id, erased=False).select_related(
        "zone"
    )
    return [(p, responses.get(p.pk)) for p in people.order_by("zone__position", "name_key", "id")]


def responses_of(questionnaire: Questionnaire) -> QuerySet[Response]:
    return (
        Response.objects.filter(questionnaire=questionnaire)
        .select_related("participant", "session__zone", "entered_by")
        .order_by("participant__zone__position", "participant__name_key", "id")
    )


def answers_of(response: Response) -> dict[str, str]:
    return dict(response.answers.values_list("question__name", "value"))


def questions_of(questionnaire: Questionnaire) -> QuerySet[Question]:
    return Question.objects.filter(questionnaire=questionnaire).order_by("position", "id")
