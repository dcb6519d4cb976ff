"""A mission's questionnaire results: the records read into plain rows (a
handful of queries whatever the mission's size) and counted by
``nidaa.tabulation``; kept in the cache under a key that changes with every
record it reads, so a page view after a correction shows the corrected figures.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import Coalesce

from nidaa.common.versioned import VersionedResults
from nidaa.missions.models import Attendance, Mission, Module, Participant, ParticipantCategory, Session, Zone
from nidaa.questionnaires.models import Answer, Choice, Kind, Question, Questionnaire, QuestionType, Response
from nidaa.tabulation import Person, ResponseRow, SessionRow, distribution, tabulate
from nidaa.tabulation.tabulate import response_satisfaction

CACHE_SECONDS = 600


@dataclass
class LikertQuestion:
    """A rating question of a final questionnaire and how many chose each point."""

    questionnaire: str
    name: str
    label: dict[str, str]
    choices: list[str]
    choice_labels: list[dict[str, str]]
    counts: dict[str, int]

    def label_in(self, language: str) -> str:
        return self.label.get(language) or self.label.get("") or next(iter(self.label.values()), self.name)

    def choice_label_in(self, index: int, language: str) -> str:
        labels = self.choice_labels[index]
        return labels.get(language) or labels.get("") or self.choices[index]


@dataclass
class Results:
    figures: dict[str, Any]  # the command line's JSON
    likert: list[LikertQuestion] = field(default_factory=list)
    version: str = ""


def _likert(mission: Mission) -> tuple[dict[int, float], list[LikertQuestion]]:
    """Each final response's satisfaction and the distributions of the rating questions."""
    questions = list(
        Question.objects.filter(
            questionnaire__mission=mission,
            questionnaire__kind=Kind.FINAL,
            type=QuestionType.SELECT_ONE,
            likert=True,
        )
        .select_related("questionnaire")
        .order_by("questionnaire_id", "position", "pk")
    )
    scales: dict[tuple[int, str], list[tuple[str, dict[str, str]]]] = {}
    for questionnaire_id, list_name, name, label in (
        Choice.objects.filter(questionnaire__in={q.questionnaire_id for q in questions})
        .order_by("questionnaire_id", "list_name", "position", "pk")
        .values_list("questionnaire_id", "list_name", "name", "label")
    ):
        scales.setdefault((questionnaire_id, list_name), []).append((name, label or {}))
    scale_of = {q.pk: scales.get((q.questionnaire_id, q.list_name), []) for q in questions}
    ranks = {pk: {name: i for i, (name, _) in enumerate(scale, start=1)} for pk, scale in scale_of.items()}
    given: dict[int, list[tuple[int, int]]] = {}
    values: dict[int, list[str]] = {}
    for response_id, question_id, value in Answer.objects.filter(question__in=list(ranks)).values_list(
        "response_id", "question_id", "value"
    ):
        value = value.strip()
        values.setdefault(question_id, []).append(value)
        rank = ranks[question_id].get(value)
        if rank is not None:
            given.setdefault(response_id, []).append((rank, len(ranks[question_id])))
    satisfaction = {
        response_id: share
        for response_id, answers in given.items()
        if (share := response_satisfaction(answers)) is not None
    }
    likert = [
        LikertQuestion(
            questionnaire=q.questionnaire.title,
            name=q.name,
            label=q.label or {},
            choices=[name for name, _ in scale_of[q.pk]],
            choice_labels=[label for _, label in scale_of[q.pk]],
            counts=distribution(values.get(q.pk, []), [name for name, _ in scale_of[q.pk]]),
        )
        for q in questions
    ]
    return satisfaction, likert


def compute_results(mission: Mission) -> Results:
    """The tabulation of the mission's stored records (see nidaa.tabulation)."""
    people = [
        Person(pk, zone, sex or "", category or "", walk_in)
        for pk, zone, sex, category, walk_in in Participant.objects.filter(mission=mission)
        .order_by()
        .values_list("pk", "zone__name", "sex", "category__name", "walk_in")
    ]
    sessions = [
        SessionRow(pk, module, zone, day.isoformat())
        for pk, module, zone, day in Session.objects.filter(mission=mission)
        .order_by("date", "start_time", "zone__position", "module__position", "id")
        .values_list("pk", "module__title", "zone__name", "date")
    ]
    present = Attendance.objects.filter(session__mission=mission, present=True).values_list(
        "session_id", "participant_id"
    )
    satisfaction, likert = _likert(mission)
    responses = [
        ResponseRow(
            participant=participant,
            kind=kind,
            module=form_module,
            session=session,
            score=score,
            satisfaction=satisfaction.get(pk),
            order=(submitted_at, pk),
        )
        for pk, participant, kind, form_module, session, score, submitted_at in (
            Response.objects.filter(questionnaire__mission=mission)
            .order_by()
            .values_list(
                "pk",
                "participant_id",
                "questionnaire__kind",
                "questionnaire__module__title",
                "session_id",
                "score",
                "submitted_at",
            )
        )
    ]
    figures = tabulate(
        mission=mission.pk, people=people, sessions=sessions, present=present, responses=responses
    )
    return Results(figures=figures, likert=likert)


def labels_shown(mission: Mission) -> list[Any]:
    """What the results name rather than count, read whole (none of it has a
    time that says it changed): the modules, zones and categories the groups
    are named by, the sessions (date, module, zone), the final questionnaires'
    titles and their questions' and choices' labels (the rating charts). A
    renamed choice or module is a new version: the cache never shows an old
    name. Small tables, one query each; the sessions' rows are the largest."""
    final = {"questionnaire__mission": mission, "questionnaire__kind": Kind.FINAL}
    return [
        list(
            Module.objects.filter(mission=mission)
            .order_by("pk")
            .values_list("pk", "title", "objectives", "position")
        ),
        list(Zone.objects.filter(mission=mission).order_by("pk").values_list("pk", "name", "position")),
        list(
            ParticipantCategory.objects.filter(organization_id=mission.organization_id)
            .order_by("pk")
            .values_list("pk", "name")
        ),
        list(
            Session.objects.filter(mission=mission)
            .order_by("pk")
            .values_list("pk", "date", "start_time", "venue", "module_id", "zone_id")
        ),
        list(
            Questionnaire.objects.filter(mission=mission, kind=Kind.FINAL)
            .order_by("pk")
            .values_list("pk", "title")
        ),
        list(
            Question.objects.filter(**final)
            .order_by("pk")
            .values_list("pk", "name", "label", "type", "likert", "list_name", "position")
        ),
        list(
            Choice.objects.filter(**final)
            .order_by("pk")
            .values_list("pk", "list_name", "name", "label", "position")
        ),
    ]


def records_version(mission: Mission) -> str:
    """A key that changes whenever a record the results read changes: the
    count, latest id, latest time and score sum of the responses (a corrected
    response replaces the old one, answers included: a new id and time; a
    rescored one changes the sum), the attendance's count and latest change,
    the participants' count and, as sums weighted by their ids, their zone,
    category and sex (a corrected participant changes them), and the labels
    the results show (``labels_shown``)."""
    parts: list[Any] = []
    parts += (
        Response.objects.filter(questionnaire__mission=mission)
        .aggregate(n=Count("pk"), m=Max("pk"), t=Max("submitted_at"), s=Sum("score"))
        .values()
    )
    parts += (
        Attendance.objects.filter(session__mission=mission)
        .aggregate(n=Count("pk"), t=Max("recorded_at"))
        .values()
    )
    parts += (
        Participant.objects.filter(mission=mission)
        .aggregate(
            n=Count("pk"),
            m=Max("pk"),
            zone=Sum(F("pk") * F("zone_id")),
            category=Sum(F("pk") * Coalesce("category_id", 0)),
            women=Sum("pk", filter=Q(sex="female")),
            men=Sum("pk", filter=Q(sex="male")),
            walk_in=Sum("pk", filter=Q(walk_in=True)),
        )
        .values()
    )
    parts += labels_shown(mission)
    text = "|".join(str(part) for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


_RESULTS: VersionedResults[Results] = VersionedResults("mission-results", seconds=CACHE_SECONDS, copies=4)


def cached_results(mission: Mission) -> Results:
    """``compute_results`` kept under the records' version (shared by the
    web workers when Redis is configured), and a copy in this process."""
    version = records_version(mission)

    def compute() -> Results:
        results = compute_results(mission)
        results.version = version
        return results

    return _RESULTS.get(mission.pk, version, compute)


def results_key(mission: Mission) -> str:
    """The cache key the results page reads for the records as they are now."""
    return _RESULTS.key(mission.pk, records_version(mission))


def warm_results(*, mission_id: int) -> str | None:
    """Tabulate the mission's results into the cache unless they are there
    (the task queue's job after an import), so that the first view of the
    results page reads them; returns their version (``None``: no such mission)."""
    mission = Mission.objects.filter(pk=mission_id).first()
    if mission is None:
        return None
    return cached_results(mission).version
