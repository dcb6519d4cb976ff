"""Writes of the questionnaires: import or build a form, open it at a
session, record a participant's answers (web, paper) and import a
KoboToolbox export. Each write is one transaction and leaves an audit entry;
with any error nothing is stored."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from nidaa.accounts.models import User
from nidaa.common.budget import Budget, BudgetExceeded, run_within
from nidaa.common.models import AuditEntry
from nidaa.common.storage import save_content_addressed
from nidaa.forms_logic.answers import check_answers, score
from nidaa.forms_logic.definition import Form
from nidaa.forms_logic.expressions import ExpressionError, check, references
from nidaa.forms_logic.kobo import ResponsesReport, read_responses
from nidaa.forms_logic.xlsform import FormRefused, Problem, read_xlsform
from nidaa.missions.models import Mission, Module, Participant, Session
from nidaa.questionnaires.definitions import form_of, question_rows
from nidaa.questionnaires.models import (
    Answer,
    Choice,
    Kind,
    Question,
    Questionnaire,
    QuestionType,
    Response,
    SessionQuestionnaire,
    Source,
    form_storage_name,
)
from nidaa.questionnaires.signals import responses_imported

# An XLSForm is read (by pyxform) in a child process under this budget: a
# form of 500 questions takes well under a second.
FORM_BUDGET = Budget(seconds=20.0, memory_bytes=512 * 1024 * 1024)
SHEET_BUDGET = Budget(seconds=60.0, memory_bytes=1024 * 1024 * 1024)
BATCH = 2000


class QuestionnaireError(Exception):
    """A write refused: ``code`` names why; ``problems`` lists an XLSForm's."""

    def __init__(self, code: str, detail: str = "", problems: list[Problem] | None = None) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.problems = problems or []


class AnswersInvalid(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def _audit(obj_type: str, obj_id: int, action: str, actor: User | None, **data: Any) -> AuditEntry:
    return AuditEntry(
        actor=actor,
        object_type=obj_type,
        object_id=obj_id,
        action=action,
        data=data,
    )


def read_form(data: bytes) -> Form:
    """The XLSForm read under its budget; ``QuestionnaireError("refused")`` with the problems."""
    try:
        return run_within(FORM_BUDGET, read_xlsform, data).form
    except FormRefused as refused:
        raise QuestionnaireError("refused", problems=refused.problems) from refused
    except BudgetExceeded as exceeded:
        raise QuestionnaireError("too_costly", exceeded.reason) from exceeded


@transaction.atomic
def import_xlsform(
    *, mission: Mission, data: bytes, filename: str, kind: str, module: Module | None, actor: User | None
) -> Questionnaire:
    """A questionnaire from an XLSForm: all of it, or nothing and the problems."""
    if kind not in Kind.values:
        raise QuestionnaireError("kind", kind)
    if module is not None and module.mission_id != mission.pk:
        raise QuestionnaireError("module", str(module.pk))
    form = read_form(data)
    digest = hashlib.sha256(data).hexdigest()
    questionnaire = Questionnaire(
        mission=mission,
        kind=kind,
        module=module,
        title=form.title or filename,
        languages=form.languages,
        form_id=form.form_id,
        version=form.version,
        group_relevant={q.group: list(q.group_relevant) for q in form.questions if q.group_relevant},
        source_name=filename[:255],
        source_sha256=digest,
        source_size=len(data),
        created_by=actor,
    )
    questionnaire.source_file.name = save_content_addressed(
        form_storage_name(digest), ContentFile(data), sha256=digest, size=len(data)
    )
    questionnaire.save()
    questions, choices = question_rows(questionnaire, form)
    Question.objects.bulk_create(questions)
    Choice.objects.bulk_create(choices)
    _audit(
        "questionnaire",
        questionnaire.pk,
        "import_xlsform",
        actor,
        file=filename[:255],
        questions=len(questions),
    ).save()
    return questionnaire


@transaction.atomic
def create_questionnaire(
    *, mission: Mission, kind: str, module: Module | None, title: str, actor: User | None
) -> Questionnaire:
    """An empty questionnaire, to build in the app."""
    if kind not in Kind.values:
        raise QuestionnaireError("kind", kind)
    if module is not None and module.mission_id != mission.pk:
        raise QuestionnaireError("module", str(module.pk))
    questionnaire = Questionnaire.objects.create(
        mission=mission,
        kind=kind,
        module=module,
        title=title,
        languages=["fr", "ar"],
        created_by=actor,
    )
    _audit("questionnaire", questionnaire.pk, "create", actor, title=title).save()
    return questionnaire


def _check_expressions(questionnaire: Questionnaire, fields: Mapping[str, Any], own_name: str) -> None:
    names = set(Question.objects.filter(questionnaire=questionnaire).values_list("name", flat=True)) | {
        own_name
    }
    for column in ("relevant", "constraint", "calculation"):
        expression = str(fields.get(column) or "")
        if not expression:
            continue
        try:
            check(expression)
        except ExpressionError as error:
            raise QuestionnaireError("bad_expression", f"{column}: {expression}") from error
        unknown = sorted(references(expression) - names)
        if unknown:
            raise QuestionnaireError("unknown_reference", f"{column}: ${{{unknown[0]}}}")


QUESTION_FIELDS = (
    "name",
    "type",
    "list_name",
    "group",
    "label",
    "hint",
    "required",
    "relevant",
    "constraint",
    "calculation",
    "correct",
)


@transaction.atomic
def save_question(
    *, questionnaire: Questionnaire, question: Question | None, fields: Mapping[str, Any], actor: User | None
) -> Question:
    """Add a question (``question`` None) or change one; the correct answer
    must name the list's choices, the expressions must be ones Nidaa runs."""
    name = str(fields["name"])
    clash = Question.objects.filter(questionnaire=questionnaire, name=name)
    if question is not None:
        clash = clash.exclude(pk=question.pk)
    if clash.exists():
        raise QuestionnaireError("duplicate_name", name)
    _check_expressions(questionnaire, fields, name)
    kind = str(fields["type"])
    list_name = str(fields.get("list_name") or "") if kind in ("select_one", "select_multiple") else ""
    correct = " ".join(str(fields.get("correct") or "").split())
    choice_names = list(
        Choice.objects.filter(questionnaire=questionnaire, list_name=list_name).values_list("name", flat=True)
    )
    if correct:
        if kind not in ("select_one", "select_multiple"):
            raise QuestionnaireError("correct_not_a_select", correct)
        wrong = [c for c in correct.split() if c not in choice_names]
        if wrong or (kind == "select_one" and len(correct.split()) > 1):
            raise QuestionnaireError("correct_not_a_choice", (wrong or [correct])[0])
    if question is None:
        position = (
            Question.objects.filter(questionnaire=questionnaire)
            .order_by("-position")
            .values_list("position", flat=True)
            .first()
            or 0
        ) + 1
        question = Question(questionnaire=questionnaire, position=position)
        action = "add_question"
    else:
        action = "change_question"
    for column in QUESTION_FIELDS:
        if column in fields:
            setattr(question, column, fields[column])
    question.list_name = list_name
    question.correct = correct
    question.likert = (
        kind == "select_one" and bool(choice_names) and all(n.lstrip("-").isdigit() for n in choice_names)
    )
    question.save()
    _audit("questionnaire", questionnaire.pk, action, actor, question=name).save()
    return question


@transaction.atomic
def save_choice(
    *, questionnaire: Questionnaire, list_name: str, name: str, label: dict[str, str], actor: User | None
) -> Choice:
    """Add a choice to a list (or relabel it), keeping the rating-scale flags true."""
    choice, created = Choice.objects.get_or_create(
        questionnaire=questionnaire,
        list_name=list_name,
        name=name,
        defaults={"label": label, "position": Choice.objects.filter(questionnaire=questionnaire).count() + 1},
    )
    if not created:
        choice.label = label
        choice.save(update_fields=["label"])
    names = list(
        Choice.objects.filter(questionnaire=questionnaire, list_name=list_name).values_list("name", flat=True)
    )
    Question.objects.filter(
        questionnaire=questionnaire, list_name=list_name, type=QuestionType.SELECT_ONE
    ).update(likert=all(n.lstrip("-").isdigit() for n in names))
    _audit("questionnaire", questionnaire.pk, "save_choice", actor, list_name=list_name, choice=name).save()
    return choice


@transaction.atomic
def open_questionnaire(
    *, session: Session, questionnaire: Questionnaire, actor: User | None
) -> SessionQuestionnaire:
    """Open the questionnaire at the session: its link answers from now until closed."""
    if questionnaire.mission_id != session.mission_id or (
        questionnaire.module_id is not None and questionnaire.module_id != session.module_id
    ):
        raise QuestionnaireError("not_this_session")
    opening, _ = SessionQuestionnaire.objects.select_for_update().get_or_create(
        session=session, questionnaire=questionnaire, defaults={"token": secrets.token_urlsafe(24)}
    )
    opening.opened_at = timezone.now()
    opening.closed_at = None
    opening.opened_by = actor
    opening.save(update_fields=["opened_at", "closed_at", "opened_by"])
    _audit("questionnaire", questionnaire.pk, "open", actor, session=session.pk).save()
    return opening


@transaction.atomic
def close_questionnaire(*, opening: SessionQuestionnaire, actor: User | None) -> SessionQuestionnaire:
    opening.closed_at = timezone.now()
    opening.save(update_fields=["closed_at"])
    _audit("questionnaire", opening.questionnaire_id, "close", actor, session=opening.session_id).save()
    return opening


@transaction.atomic
def record_response(
    *,
    questionnaire: Questionnaire,
    participant: Participant,
    session: Session | None,
    answers: Mapping[str, str],
    source: str,
    actor: User | None,
    form: Form | None = None,
) -> Response:
    """Check and store one participant's answers (``AnswersInvalid`` names the
    questions in error). A second response of the participant replaces the
    first; the replacement is audited."""
    if participant.mission_id != questionnaire.mission_id:
        raise QuestionnaireError("not_this_mission")
    form = form or form_of(questionnaire)
    checked = check_answers(form, answers)
    if checked.errors:
        raise AnswersInvalid(checked.errors)
    result = score(form, checked.values)
    previous = (
        Response.objects.select_for_update()
        .filter(questionnaire=questionnaire, participant=participant)
        .order_by("pk")
        .first()
    )
    audits = []
    if previous is not None:
        audits.append(
            _audit(
                "questionnaire",
                questionnaire.pk,
                "replace_response",
                actor,
                participant=participant.pk,
                previous_source=previous.source,
                previous_score=previous.score,
            )
        )
        previous.delete()
    response = Response.objects.create(
        questionnaire=questionnaire,
        participant=participant,
        session=session,
        source=source,
        submitted_at=timezone.now(),
        entered_by=actor,
        score=result.percent,
        knowledge_total=result.total,
        knowledge_right=result.right,
    )
    ids = {q.name: q for q in Question.objects.filter(questionnaire=questionnaire).only("id", "name")}
    Answer.objects.bulk_create(
        Answer(response=response, question=ids[name], value=value)
        for name, value in checked.values.items()
        if value != "" and name in ids
    )
    audits.append(
        _audit(
            "questionnaire",
            questionnaire.pk,
            "record_response",
            actor,
            participant=participant.pk,
            source=source,
        )
    )
    AuditEntry.objects.bulk_create(audits)
    return response


def import_responses(
    *, questionnaire: Questionnaire, data: bytes, participant_column: str, actor: User | None
) -> ResponsesReport:
    """Responses from a KoboToolbox export (.xlsx/.csv): one row per
    submission. Rows whose participant is not found are counted as unmatched
    and left out; with any row in error nothing is imported. A participant who
    had answered has their response replaced (audited). Once the import is
    committed, the apps above hear ``responses_imported``."""
    form = form_of(questionnaire)
    participants = list(
        Participant.objects.filter(mission_id=questionnaire.mission_id, erased=False).values_list(
            "pk", "code", "phone", "name_key", "name_ar_key", "zone_id"
        )
    )
    try:
        report = run_within(SHEET_BUDGET, read_responses, data, form, participant_column, participants)
    except BudgetExceeded as exceeded:
        raise QuestionnaireError("too_costly", exceeded.reason) from exceeded
    if report.errors or report.fatal:
        return report
    zone_of = {pk: zone for pk, _c, _p, _n, _a, zone in participants}
    sessions = _session_by_zone(questionnaire)
    _store(questionnaire, form, report, zone_of, sessions, actor)
    if report.imported:
        mission_id = questionnaire.mission_id
        transaction.on_commit(lambda: responses_imported.send(sender=Questionnaire, mission_id=mission_id))
    return report


def _session_by_zone(questionnaire: Questionnaire) -> dict[int, int]:
    """The session an imported response is filed under: in the participant's
    zone, of the questionnaire's module (any module when it has none), the
    first day for a pre-test and the last one otherwise."""
    sessions = Session.objects.filter(mission_id=questionnaire.mission_id)
    if questionnaire.module_id is not None:
        sessions = sessions.filter(module_id=questionnaire.module_id)
    ordered = sessions.order_by("date", "start_time", "id").values_list("zone_id", "pk")
    chosen: dict[int, int] = {}
    for zone_id, pk in ordered:
        if questionnaire.kind == Kind.PRE:
            chosen.setdefault(zone_id, pk)
        else:
            chosen[zone_id] = pk
    return chosen


def _insert_rows(
    questionnaire: Questionnaire,
    report: ResponsesReport,
    zone_of: dict[int, int],
    sessions: dict[int, int],
    question_ids: dict[str, int],
    now: datetime,
    user: User | None,
) -> None:
    """Responses then answers, written with ``executemany`` in batches: a
    60,000-row export makes ~400,000 rows, and building a model instance per
    row would cost more than reading the file. The responses' ids are read
    back by (questionnaire, participant), which is unique."""
    ops = connection.ops
    response_table = connection.ops.quote_name(Response._meta.db_table)
    answer_table = connection.ops.quote_name(Answer._meta.db_table)
    # The table names come from our own models, quoted; every value is a parameter.
    insert_response = (
        f"INSERT INTO {response_table} (questionnaire_id, participant_id, session_id, source, submitted_at, "  # noqa: S608
        "entered_by_id, score, knowledge_total, knowledge_right) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    insert_answer = f"INSERT INTO {answer_table} (response_id, question_id, value) VALUES (%s, %s, %s)"  # noqa: S608
    user_id = user.pk if user is not None else None
    stamp = ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        for start in range(0, len(report.matched), BATCH):
            rows = report.matched[start : start + BATCH]
            cursor.executemany(
                insert_response,
                [
                    (
                        questionnaire.pk,
                        row.participant_id,
                        sessions.get(zone_of.get(row.participant_id, 0)),
                        Source.IMPORT.value,
                        ops.adapt_datetimefield_value(row.submitted_at) if row.submitted_at else stamp,
                        user_id,
                        row.score,
                        row.knowledge_total,
                        row.knowledge_right,
                    )
                    for row in rows
                ],
            )
        ids = dict(Response.objects.filter(questionnaire=questionnaire).values_list("participant_id", "pk"))
        for start in range(0, len(report.matched), BATCH):
            cursor.executemany(
                insert_answer,
                [
                    (ids[row.participant_id], question_ids[name], value)
                    for row in report.matched[start : start + BATCH]
                    for name, value in row.values.items()
                    if value != "" and name in question_ids
                ],
            )


@transaction.atomic
def _store(
    questionnaire: Questionnaire,
    form: Form,
    report: ResponsesReport,
    zone_of: dict[int, int],
    sessions: dict[int, int],
    actor: User | None,
) -> None:
    question_ids = dict(Question.objects.filter(questionnaire=questionnaire).values_list("name", "pk"))
    participant_ids = {row.participant_id for row in report.matched}
    existing = {
        participant: pk
        for participant, pk in Response.objects.filter(questionnaire=questionnaire).values_list(
            "participant_id", "pk"
        )
        if participant in participant_ids
    }
    replaced = list(existing.values())
    now = timezone.now()
    audits = [
        _audit(
            "questionnaire",
            questionnaire.pk,
            "replace_response",
            actor,
            participant=participant,
            source="import",
        )
        for participant in existing
    ]
    for start in range(0, len(replaced), BATCH):
        Response.objects.filter(pk__in=replaced[start : start + BATCH]).delete()
    _insert_rows(questionnaire, report, zone_of, sessions, question_ids, now, actor)
    audits.append(
        _audit(
            "questionnaire",
            questionnaire.pk,
            "import_responses",
            actor,
            rows=report.rows,
            imported=len(report.matched),
            unmatched=len(report.unmatched),
        )
    )
    AuditEntry.objects.bulk_create(audits, batch_size=BATCH)
    report.imported = len(report.matched)
    report.replaced = len(replaced)
